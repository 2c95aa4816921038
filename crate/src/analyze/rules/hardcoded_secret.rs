//! `hardcoded-secret`: a password, token or key written into the compose file, or
//! credentials inside a URL. The value is never repeated in a message.

use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::interpolate::variables;
use crate::compose::{EnvVar, Service, Text};
use crate::report::secret::{command_line_secrets, is_switch};
pub use crate::report::secret::{connection_string_has_password, is_secret_name, url_has_password};
use crate::report::{Category, Severity};
use crate::yaml::{Node, Span, Value};

pub const RULE: Rule = Rule {
    id: "hardcoded-secret",
    category: Category::Readiness,
    severity: Severity::Error,
    blocking: true,
    check,
    doc: RuleDoc {
        summary: "A secret (password, token, key, or credentials in a URL or a connection \
                  string) is written into the file.",
        why: "Every tenant would get the same secret, anyone who can read the spec can read \
              it, and it cannot be rotated without a new release. On a control plane each \
              secret must become a parameter or a platform secret.",
        bad: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n",
        good: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD}\n",
        fix: "Replace the value with a required variable, `${NAME:?message}`, and list the \
              variable (with no value) in `.env.example`.",
        limitations: "Build arguments and `${NAME:-default}` defaults are checked too, and \
                      so are `command`, `entrypoint` and the health check's `test`: options \
                      named for a secret (`--password=...`, `--requirepass ...`), \
                      `NAME=value` with a secret's name, the password options of mysql \
                      (`-p...`), sqlcmd (`-P`), redis-cli (`-a`), mongosh (`-p`) and curl \
                      (`-u user:...`), and URLs. Secrets are recognised by the variable's or \
                      option's name (PASSWORD, SECRET, TOKEN, API_KEY, ...), by \
                      `user:password@` in URLs and by `Password=...;` (or `Pwd=`) in \
                      connection strings; a secret under an unusual name is not seen.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let build_args = service.build.iter().flat_map(|b| b.args.iter());
        let variables = service
            .environment
            .iter()
            .map(|var| (var, "sets"))
            .chain(build_args.map(|var| (var, "passes the build argument")));

        for (var, verb) in variables {
            let Some(value) = &var.value else {
                continue;
            };
            if value.value.trim().is_empty() && value.written.is_none() {
                continue;
            }
            let secret_name = is_secret_name(&var.name)
                && !is_secret_file(&value.value)
                && !is_switch(&value.value);

            if secret_name && !is_parameterized(value) {
                sink.report(
                    var.span,
                    format!(
                        "service {} {verb} {} to a hard-coded secret",
                        service.name, var.name
                    ),
                    Some(help(var)),
                );
            } else if secret_name && has_literal_default(value.as_written()) {
                sink.report(
                    var.span,
                    format!(
                        "service {} gives {} a hard-coded secret as its default value",
                        service.name, var.name
                    ),
                    Some(format!(
                        "drop the default so that the deployment must supply it: ${{{0}:?set {0}}}",
                        var.name
                    )),
                );
            } else if url_has_password(value.as_written()) {
                sink.report(
                    var.span,
                    format!(
                        "service {} has a password written inside the URL in {}",
                        service.name, var.name
                    ),
                    Some(
                        "take the password from a variable: scheme://user:${DB_PASSWORD}@host/..."
                            .to_string(),
                    ),
                );
            } else if connection_string_has_password(value.as_written()) {
                sink.report(
                    var.span,
                    format!(
                        "service {} has a password written inside the connection string in {}",
                        service.name, var.name
                    ),
                    Some(
                        "take the password from a variable: ...;Password=${DB_PASSWORD};..."
                            .to_string(),
                    ),
                );
            }
        }

        command_lines(context, service, sink);
    }
}

/// Secrets given to programs on the service's command lines: its `command`, its
/// `entrypoint` and its health check's `test`, in the string form or the list form.
fn command_lines(context: &Context<'_>, service: &Service, sink: &mut Sink<'_>) {
    let test = service.node.get("healthcheck").and_then(|h| h.get("test"));
    let lines = [
        ("command", service.node.get("command")),
        ("entrypoint", service.node.get("entrypoint")),
        ("health check", test),
    ];

    for (field, node) in lines {
        let Some(node) = node else {
            continue;
        };
        // the list form is read as one line, each item a word or a script of its own
        let parts: Vec<&Node> = match &node.value {
            Value::Seq(items) => items.iter().collect(),
            _ => vec![node],
        };
        let mut line = String::new();
        let mut starts = Vec::with_capacity(parts.len());
        for part in &parts {
            if !line.is_empty() {
                line.push(' ');
            }
            starts.push(line.len());
            line.push_str(written(part));
        }

        for secret in command_line_secrets(&line) {
            let at = starts
                .partition_point(|&start| start <= secret.start)
                .saturating_sub(1);
            let (Some(part), Some(&start)) = (parts.get(at), starts.get(at)) else {
                continue;
            };
            let value = line.get(secret.start..secret.end).unwrap_or_default();
            let before = line.get(start..secret.start).unwrap_or_default();
            let span = value_span(context, part, before, value);
            let variable = suggested_variable(&service.name, &secret.option);
            sink.report(
                span,
                format!(
                    "service {} gives {} a hard-coded secret in its {field}",
                    service.name, secret.option
                ),
                Some(format!(
                    "take it from a variable the deployment must set, ${{{variable}:?set \
                     {variable}}} in its place (Compose fills it in when it loads the file), \
                     and list {variable} in .env.example"
                )),
            );
        }
    }
}

/// A scalar's text as the user wrote it, before interpolation.
fn written(node: &Node) -> &str {
    node.as_scalar()
        .map(|s| s.original.as_deref().unwrap_or(&s.text))
        .unwrap_or_default()
}

/// Where a secret found in a scalar's text is in its file: found again in the scalar's
/// source after the words before it, else the whole scalar.
fn value_span(context: &Context<'_>, node: &Node, before: &str, value: &str) -> Span {
    let source = context
        .files
        .get(node.span.file)
        .and_then(|file| file.text.get(node.span.start..node.span.end))
        .unwrap_or_default();
    let last_word = before.split_whitespace().last().unwrap_or_default();
    let from = source.find(last_word).map_or(0, |at| at + last_word.len());
    match source.get(from..).and_then(|rest| rest.find(value)) {
        Some(at) if !value.is_empty() => {
            let start = node.span.start + from + at;
            Span::new(node.span.file, start, start + value.len())
        }
        _ => node.span,
    }
}

/// The variable a secret given to `option` could come from: a variable's own name
/// (`PGPASSWORD`), else the service's name and the option's, `CACHE_REQUIREPASS`; a short
/// option or a URL gives `CACHE_PASSWORD`.
fn suggested_variable(service: &str, option: &str) -> String {
    if !option.starts_with('-') && option != "a URL" {
        return option.to_string();
    }

    let name = option.trim_start_matches('-');
    let name = if name.len() <= 1 || option == "a URL" {
        "PASSWORD"
    } else {
        name
    };
    format!("{service}_{name}")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// Whether a reference gives a literal default (`${PASSWORD:-hunter2}`), not one taken
/// from another variable.
fn has_literal_default(written: &str) -> bool {
    variables(written).iter().any(|reference| {
        reference
            .default
            .as_deref()
            .is_some_and(|d| !d.trim().is_empty() && !d.contains('$'))
    })
}

fn help(var: &EnvVar) -> String {
    format!(
        "use a required variable, {0}: ${{{0}:?set {0}}}, and list {0} in .env.example",
        var.name
    )
}

/// Whether the value as written takes anything from a variable.
fn is_parameterized(value: &Text) -> bool {
    value.interpolated() || value.as_written().contains('$')
}

/// A path to a mounted secret file, the way images read `*_FILE` variables.
fn is_secret_file(value: &str) -> bool {
    value.starts_with("/run/secrets/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for name in [
            "POSTGRES_PASSWORD",
            "MYSQL_ROOT_PASSWORD",
            "API_KEY",
            "AWS_SECRET_ACCESS_KEY",
            "GITHUB_TOKEN",
            "SECRET_KEY_BASE",
            "db_pass",
            "STRIPE_APIKEY",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "POSTGRES_PASSWORD_FILE",
            "POSTGRES_USER",
            "AWS_ACCESS_KEY_ID",
            "TOKEN_EXPIRY",
            "KEYCLOAK_URL",
            "MONKEY",
            "PASSENGER_COUNT",
            "DB_HOST",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }

    #[test]
    fn passwords_in_urls() {
        assert!(url_has_password(
            "postgresql://postgres:password@database:5432/app"
        ));
        assert!(url_has_password("redis://:s3cret@cache:6379"));
        assert!(!url_has_password(
            "postgresql://postgres:${DB_PASSWORD}@db/app"
        ));
        assert!(!url_has_password("postgresql://postgres@db/app"));
        assert!(!url_has_password("http://example.com/a@b"));
        assert!(!url_has_password("redis://cache:6379"));
    }
}
