//! `no-new-privileges-missing`: a service whose processes may gain privileges through
//! setuid programs, because `security_opt` does not set `no-new-privileges`.

use super::support::string_items;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "no-new-privileges-missing",
    category: Category::Security,
    severity: Severity::Info,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service does not set `security_opt: [no-new-privileges:true]`.",
        why: "Without it a process in the container can gain privileges by running a setuid \
              or file-capability program (`su`, `sudo`, `ping` in some images), which turns a \
              compromised unprivileged process into root inside the container, one step \
              closer to the host.",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    security_opt:\n      - no-new-privileges:true\n",
        fix: "Add `no-new-privileges:true` to the service's `security_opt`. Services that \
              really need setuid programs at run time keep it off, and say why.",
        limitations: "The engine can set it for every container (`no-new-privileges` in \
                      daemon.json); that cannot be seen from the file, so such services are \
                      reported too. It is an info: most images run fine with it, but adding \
                      it is a hardening step, not a fix of a defect.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let options = service.node.get("security_opt");
        let mut setting = None;
        for (option, node) in string_items(options) {
            if let Some(value) = no_new_privileges(option) {
                setting = Some((value, node));
            }
        }

        match setting {
            Some((true, _)) => {}
            Some((false, node)) => sink.report(
                node.span,
                format!(
                    "service {} turns no-new-privileges off, so setuid programs can raise \
                     privileges",
                    service.name
                ),
                Some("set no-new-privileges:true unless a setuid program must run".to_string()),
            ),
            None => sink.report(
                service
                    .node
                    .entry("security_opt")
                    .map_or(service.span, |entry| entry.key.span),
                format!(
                    "service {} does not set no-new-privileges, so setuid programs can raise \
                     privileges",
                    service.name
                ),
                Some("add `no-new-privileges:true` to security_opt".to_string()),
            ),
        }
    }
}

/// The value of a `no-new-privileges` option, read as the engine reads it: the bare word
/// means true; otherwise `=` or `:` then a Go boolean. `None` for any other option, or a
/// value the engine would refuse.
fn no_new_privileges(option: &str) -> Option<bool> {
    let option = option.trim();
    if option == "no-new-privileges" {
        return Some(true);
    }
    let value = option
        .strip_prefix("no-new-privileges")
        .and_then(|rest| rest.strip_prefix('=').or_else(|| rest.strip_prefix(':')))?;
    match value {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Some(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_forms() {
        assert_eq!(no_new_privileges("no-new-privileges"), Some(true));
        assert_eq!(no_new_privileges("no-new-privileges:true"), Some(true));
        assert_eq!(no_new_privileges("no-new-privileges=true"), Some(true));
        assert_eq!(no_new_privileges("no-new-privileges:false"), Some(false));
        assert_eq!(no_new_privileges("no-new-privileges:maybe"), None);
        assert_eq!(no_new_privileges("seccomp:unconfined"), None);
        assert_eq!(no_new_privileges("no-new-privilegesx"), None);
    }
}
