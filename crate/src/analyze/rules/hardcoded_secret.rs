//! `hardcoded-secret`: a password, token or key written into the compose file, or
//! credentials inside a URL. The value is never repeated in a message.

use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::interpolate::variables;
use crate::compose::{EnvVar, Text};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "hardcoded-secret",
    category: Category::Readiness,
    severity: Severity::Error,
    blocking: true,
    check,
    doc: RuleDoc {
        summary: "A secret (password, token, key, or credentials in a URL) is written into the file.",
        why: "Every tenant would get the same secret, anyone who can read the spec can read \
              it, and it cannot be rotated without a new release. On a control plane each \
              secret must become a parameter or a platform secret.",
        bad: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n",
        good: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD}\n",
        fix: "Replace the value with a required variable, `${NAME:?message}`, and list the \
              variable (with no value) in `.env.example`.",
        limitations: "Build arguments and `${NAME:-default}` defaults are checked too. Secrets \
                      are recognised by the variable's name (PASSWORD, SECRET, TOKEN, \
                      API_KEY, ...) and by `user:password@` in URLs; a secret under an \
                      unusual name is not seen.",
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
            }
        }
    }
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

/// Names whose last word says they hold something other than the secret itself.
const NOT_SECRET_SUFFIXES: &[&str] = &[
    "FILE",
    "PATH",
    "DIR",
    "USER",
    "USERNAME",
    "HOST",
    "HOSTNAME",
    "PORT",
    "ID",
    "NAME",
    "URL",
    "URI",
    "TYPE",
    "LENGTH",
    "EXPIRY",
    "EXPIRES",
    "TTL",
    "ENABLED",
    "MODE",
    "METHOD",
    "POLICY",
    "HEADER",
    "ALGORITHM",
    "ISSUER",
    "AUDIENCE",
    "PREFIX",
    "LOCATION",
    "VERSION",
    "REQUIRED",
];

const SECRET_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASS",
    "PWD",
    "SECRET",
    "TOKEN",
    "APIKEY",
    "CREDENTIAL",
    "CREDENTIALS",
    "PRIVATEKEY",
];

/// Words that make a following `KEY` a secret key (`API_KEY`, `ACCESS_KEY`).
const KEY_QUALIFIERS: &[&str] = &[
    "API",
    "ACCESS",
    "PRIVATE",
    "SECRET",
    "ENCRYPTION",
    "SIGNING",
    "MASTER",
    "LICENSE",
    "CLIENT",
    "APP",
    "AUTH",
    "SESSION",
    "JWT",
];

/// Whether an environment variable's name says it holds a secret.
pub fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let words: Vec<&str> = upper
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .last()
        .is_some_and(|last| NOT_SECRET_SUFFIXES.contains(last))
    {
        return false;
    }

    words.iter().enumerate().any(|(at, word)| {
        SECRET_WORDS.contains(word)
            || (*word == "KEY"
                && at
                    .checked_sub(1)
                    .and_then(|before| words.get(before))
                    .is_some_and(|before| KEY_QUALIFIERS.contains(before)))
    })
}

/// A yes/no setting about a secret rather than the secret itself:
/// `MYSQL_ALLOW_EMPTY_PASSWORD: "yes"`, `REQUIRE_PASSWORD: "true"`.
fn is_switch(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "yes"
            | "no"
            | "y"
            | "n"
            | "true"
            | "false"
            | "on"
            | "off"
            | "0"
            | "1"
            | "enabled"
            | "disabled"
    )
}

/// A path to a mounted secret file, the way images read `*_FILE` variables.
fn is_secret_file(value: &str) -> bool {
    value.starts_with("/run/secrets/")
}

/// Whether a URL carries a literal password: `scheme://user:password@host`.
pub fn url_has_password(value: &str) -> bool {
    let Some((_, rest)) = value.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let Some((userinfo, _host)) = authority.rsplit_once('@') else {
        return false;
    };
    match userinfo.split_once(':') {
        Some((_, password)) => !password.is_empty() && !password.contains('$'),
        None => false,
    }
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
