//! `.env.example`: every variable a compose file uses, each with a comment; secrets and
//! required values blank, the others with their defaults.

use std::fmt::Write;

use super::ladder::Parameter;

pub fn render(project: &str, parameters: &[Parameter]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {project}: the variables the compose file uses.");
    let _ = writeln!(
        out,
        "# Copy to .env and fill in the blank ones; the others show their defaults."
    );
    if parameters.is_empty() {
        let _ = writeln!(out, "# This compose file uses no variables.");
    }

    for parameter in parameters {
        out.push('\n');
        let kind = if parameter.secret {
            "secret, required"
        } else if parameter.default.is_none() {
            "required"
        } else {
            "optional"
        };
        let _ = writeln!(out, "# {} ({kind})", parameter.purpose);
        let value = parameter.default.as_deref().unwrap_or("");
        let _ = writeln!(out, "{}={}", parameter.name, env_value(value));
    }
    out
}

/// A value as a `.env` line carries it: single-quoted (taken literally) when it has
/// spaces, quotes, `#`, `$` or `\\`; double-quoted with escapes when it has a single quote.
fn env_value(value: &str) -> String {
    let plain = !value
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '#' | '$' | '\\'));
    if plain {
        value.to_string()
    } else if !value.contains('\'') {
        format!("'{value}'")
    } else {
        let escaped = value
            .replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('$', "\\$");
        format!("\"{escaped}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compose::dotenv::parse_map;

    #[test]
    fn every_value_reads_back_as_written() {
        for value in [
            "plain",
            "two words",
            "a#b",
            "${X}",
            "it's",
            "back\\slash \"q\" it's $X",
        ] {
            let line = format!("V={}\n", env_value(value));
            let parsed = parse_map(&line, &|_| None).unwrap();
            assert_eq!(parsed.get("V").map(String::as_str), Some(value), "{line}");
        }
    }
}
