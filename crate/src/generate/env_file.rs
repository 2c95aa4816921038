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

/// A value as a `.env` line carries it: quoted when it has spaces, quotes or a `#`.
fn env_value(value: &str) -> String {
    if value
        .chars()
        .any(|c| c.is_whitespace() || matches!(c, '"' | '\'' | '#' | '$' | '\\'))
    {
        format!("'{}'", value.replace('\'', ""))
    } else {
        value.to_string()
    }
}
