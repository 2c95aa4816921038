//! `yaml11-sexagesimal-port`: an unquoted port such as `2122:22` that YAML 1.1 tools read
//! as a base-60 number.

use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};
use crate::yaml::{Node, Style};

pub const RULE: Rule = Rule {
    id: "yaml11-sexagesimal-port",
    category: Category::Correctness,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "An unquoted port like `2122:22` is a base-60 number to YAML 1.1 tools.",
        why: "YAML 1.1 reads a plain scalar such as `2122:22`, where every part after the \
              first colon is below 60, as the base-60 integer 2122×60+22 = 127342. Compose v2 \
              reads YAML 1.2 and gets the string, but docker-compose v1, podman-compose and \
              other PyYAML-based tools publish a wrong port or refuse the file.",
        bad: "services:\n  sftp:\n    image: atmoz/sftp:alpine\n    ports:\n      - 2122:22\n",
        good: "services:\n  sftp:\n    image: atmoz/sftp:alpine\n    ports:\n      - \"2122:22\"\n",
        fix: "Quote the port: `\"2122:22\"`. Quoting every port keeps the file the same in \
              every tool.",
        limitations: "Only `ports` items are read. The grammar is YAML 1.1's base-60 integer, \
                      `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`, so `80:80` (80 is not below 60), \
                      `127.0.0.1:22:22` and ranges are not reported; other keys with such \
                      values (a time like `12:30` in `environment`) are not read.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let items = service
            .node
            .get("ports")
            .and_then(Node::as_seq)
            .unwrap_or_default();
        for item in items {
            let Some(scalar) = item.as_scalar() else {
                continue;
            };
            if scalar.style != Style::Plain || item.tag.is_some() {
                continue;
            }
            // YAML reads the text before Compose interpolates it
            let written = scalar.original.as_deref().unwrap_or(&scalar.text);
            let Some(number) = sexagesimal(written) else {
                continue;
            };

            let reads_as = match number {
                Some(number) => format!("the number {number}"),
                None => "a base-60 number".to_string(),
            };
            sink.report(
                item.span,
                format!(
                    "port {written} is unquoted, and YAML 1.1 tools (docker-compose v1, \
                     podman-compose, PyYAML) read it as {reads_as}"
                ),
                Some(format!("quote it: \"{written}\"")),
            );
        }
    }
}

/// The value of a YAML 1.1 base-60 integer, `[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+`: `None` when
/// the text is not one, `Some(None)` when it is one too large to compute.
fn sexagesimal(text: &str) -> Option<Option<i128>> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let mut parts = body.split(':');
    let head = parts.next()?;
    if !head.starts_with(|c: char| ('1'..='9').contains(&c))
        || !head.chars().all(|c| c.is_ascii_digit() || c == '_')
    {
        return None;
    }

    let mut value: Option<i128> =
        head.chars()
            .filter(char::is_ascii_digit)
            .try_fold(0i128, |acc, c| {
                acc.checked_mul(10)?
                    .checked_add(i128::from(c.to_digit(10)?))
            });
    let mut groups = 0;
    for part in parts {
        let sixty = match part.as_bytes() {
            [digit] if digit.is_ascii_digit() => i128::from(digit - b'0'),
            [tens @ b'0'..=b'5', digit] if digit.is_ascii_digit() => {
                i128::from(tens - b'0') * 10 + i128::from(digit - b'0')
            }
            _ => return None,
        };
        value = value
            .and_then(|v| v.checked_mul(60))
            .and_then(|v| v.checked_add(sixty));
        groups += 1;
    }
    if groups == 0 {
        return None;
    }
    Some(value.map(|v| if negative { -v } else { v }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_1_1_base_60() {
        assert_eq!(sexagesimal("22:22"), Some(Some(1342)));
        assert_eq!(sexagesimal("2122:22"), Some(Some(127342)));
        assert_eq!(sexagesimal("9022:22"), Some(Some(541342)));
        assert_eq!(sexagesimal("1082:21"), Some(Some(64941)));
        assert_eq!(sexagesimal("1:2:3"), Some(Some(3723)));
        assert_eq!(sexagesimal("1_0:5"), Some(Some(605)));
        assert_eq!(sexagesimal("-1:30"), Some(Some(-90)));
        assert_eq!(
            sexagesimal("99999999999999999999999999999999999999999:1"),
            Some(None)
        );
        for not in [
            "80:80",
            "8080:80",
            "22",
            "0:22",
            "22:60",
            "22:",
            "127.0.0.1:22:22",
            "22:22/udp",
            "22:022",
            "2000-2001:22",
        ] {
            assert_eq!(sexagesimal(not), None, "{not}");
        }
    }
}
