//! `healthcheck-cmd-misuse`: a health check test list that does not run what it says:
//! a first item other than CMD, CMD-SHELL or NONE, a CMD program name with spaces,
//! shell syntax or `$VAR` under CMD, or more than one command string after CMD-SHELL.

use super::support::{is_true, is_unresolved};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::Service;
use crate::report::{Category, Severity};
use crate::yaml::Node;

pub const RULE: Rule = Rule {
    id: "healthcheck-cmd-misuse",
    category: Category::Correctness,
    severity: Severity::Error,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A health check test list is written so that it cannot run as meant.",
        why: "In the list form the first item decides how the rest runs. `CMD` runs the next \
              item as a program file with the others as its arguments, with no shell: \
              `\"curl -f http://x\"` is looked up as one file name with spaces, and `||` or \
              `$VAR` reach the program as text. `CMD-SHELL` runs only the next item in a \
              shell; further items become `$0`, `$1`. Compose refuses any other first item. \
              Each of these leaves the service unhealthy for good, and whatever waits on \
              `service_healthy` never starts.",
        bad: "services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: [\"CMD\", \"curl -f http://localhost/\"]\n",
        good: "services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost/\"]\n",
        fix: "Under `CMD`, give the program and each argument as separate items. For shell \
              syntax (`||`, pipes, `$VAR`), use `[\"CMD-SHELL\", \"one command string\"]` or \
              the plain string form, which means the same.",
        limitations: "Whether the program exists in the image cannot be seen. A CMD \
                      argument other than the program may contain spaces on purpose and is \
                      not reported. `$VAR` under CMD is reported when it is in the value \
                      Compose passes on (written `$$VAR`); a `$VAR` that Compose replaced \
                      when it loaded the file is not.",
    },
};

/// Words that mean something only to a shell.
const SHELL_OPERATORS: &[&str] = &["||", "&&", "|", ";", ">", ">>", "<", "2>&1", "&"];

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let Some(healthcheck) = service.node.get("healthcheck") else {
            continue;
        };
        if healthcheck.get("disable").is_some_and(is_true) {
            continue;
        }
        let Some(items) = healthcheck.get("test").and_then(Node::as_seq) else {
            continue;
        };
        let Some((first, rest)) = items.split_first() else {
            continue;
        };
        let Some(kind) = first.as_str() else {
            continue;
        };
        if is_unresolved(first) {
            continue;
        }

        match kind {
            "NONE" => {}
            "CMD" => exec(service, first, rest, sink),
            "CMD-SHELL" => shell(service, first, rest, sink),
            other => invalid_kind(service, first, other, sink),
        }
    }
}

fn invalid_kind(service: &Service, first: &Node, kind: &str, sink: &mut Sink<'_>) {
    let upper = kind.trim().to_ascii_uppercase();
    let help = if matches!(upper.as_str(), "CMD" | "CMD-SHELL" | "NONE") {
        format!("write {upper} in capitals and without spaces; Compose compares the word exactly")
    } else {
        "start the list with \"CMD\" (a program and its arguments) or \"CMD-SHELL\" (one \
         shell command), or write the test as a plain string"
            .to_string()
    };

    sink.report(
        first.span,
        format!(
            "the health check test of service {} starts with \"{}\", not CMD, CMD-SHELL or NONE",
            service.name,
            first_word(kind)
        ),
        Some(help),
    );
}

fn exec(service: &Service, first: &Node, rest: &[Node], sink: &mut Sink<'_>) {
    let Some((program, arguments)) = rest.split_first() else {
        sink.report(
            first.span,
            format!(
                "the CMD health check of service {} names no program",
                service.name
            ),
            Some("add the program and its arguments as items after \"CMD\"".to_string()),
        );
        return;
    };

    if let Some(text) = program.as_str().filter(|_| !is_unresolved(program)) {
        if text.contains(char::is_whitespace) {
            let help = if text.contains(['|', '&', ';', '<', '>', '$', '`', '\'', '"']) {
                "the item is shell syntax: use [\"CMD-SHELL\", \"...\"] with it as the one \
                 command string"
            } else {
                "give the program and each argument as separate items: [\"CMD\", \"curl\", \
                 \"-f\", \"http://...\"]"
            };
            sink.report(
                program.span,
                format!(
                    "the CMD health check of service {} runs a program whose name contains \
                     spaces (\"{} ...\"); CMD runs no shell to split it",
                    service.name,
                    first_word(text)
                ),
                Some(help.to_string()),
            );
        }
    }

    if let Some(operator) = arguments.iter().find(|item| {
        item.as_str()
            .is_some_and(|t| SHELL_OPERATORS.contains(&t.trim()))
    }) {
        sink.report_as(
            Severity::Warning,
            operator.span,
            format!(
                "the CMD health check of service {} passes \"{}\" to the program as an \
                 argument; CMD runs no shell",
                service.name,
                operator.as_str().unwrap_or("").trim()
            ),
            Some("use [\"CMD-SHELL\", \"...\"] with the whole command as one string".to_string()),
        );
    }

    for item in rest {
        if is_unresolved(item) {
            continue;
        }
        let Some(reference) = item.as_str().and_then(shell_reference) else {
            continue;
        };
        sink.report_as(
            Severity::Warning,
            item.span,
            format!(
                "the CMD health check of service {} passes {reference} to the program as \
                 written; CMD runs no shell to expand it",
                service.name
            ),
            Some(format!(
                "use [\"CMD-SHELL\", \"...\"] so the container's shell expands {reference}"
            )),
        );
    }
}

fn shell(service: &Service, first: &Node, rest: &[Node], sink: &mut Sink<'_>) {
    match rest {
        [] => sink.report(
            first.span,
            format!(
                "the CMD-SHELL health check of service {} has no command",
                service.name
            ),
            Some("add the command as one string after \"CMD-SHELL\"".to_string()),
        ),
        [_] => {}
        [_, extra, ..] => sink.report(
            extra.span,
            format!(
                "the CMD-SHELL health check of service {} has {} items after its command; \
                 the shell runs only the first and gets the others as $0, $1, ...",
                service.name,
                rest.len() - 1
            ),
            Some("join the items into the one command string after \"CMD-SHELL\"".to_string()),
        ),
    }
}

/// The first `$NAME` or `${...}` left in a value after Compose's interpolation, which only
/// a shell would expand.
fn shell_reference(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        let after = rest.get(at + 1..).unwrap_or("");
        if let Some(body) = after.strip_prefix('{') {
            let end = body.find('}').map_or(body.len(), |e| e + 1);
            return Some(format!("${{{}", body.get(..end).unwrap_or(body)));
        }
        let name: String = after
            .chars()
            .take_while(|c| *c == '_' || c.is_ascii_alphanumeric())
            .collect();
        if name.starts_with(|c: char| c == '_' || c.is_ascii_alphabetic()) {
            return Some(format!("${name}"));
        }
        rest = after;
    }
    None
}

/// The first word of a text, so that a message names a command without repeating the
/// rest of it, which may hold a password.
fn first_word(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_a_shell_would_expand() {
        assert_eq!(shell_reference("$HOME/x").as_deref(), Some("$HOME"));
        assert_eq!(shell_reference("a ${PORT}").as_deref(), Some("${PORT}"));
        assert_eq!(shell_reference("${PORT").as_deref(), Some("${PORT"));
        assert_eq!(shell_reference("cost $5"), None);
        assert_eq!(shell_reference("^a$"), None);
        assert_eq!(shell_reference("plain"), None);
    }
}
