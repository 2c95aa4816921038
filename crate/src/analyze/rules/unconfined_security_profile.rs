//! `unconfined-security-profile`: a `security_opt` that turns off the seccomp, AppArmor or
//! SELinux confinement the engine gives every container.

use super::support::{is_unresolved, string_items};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "unconfined-security-profile",
    category: Category::Security,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service turns off seccomp, AppArmor or SELinux (`seccomp:unconfined`, `apparmor:unconfined`, `label:disable`).",
        why: "The engine's default profiles block the system calls and file accesses that \
              most container escapes use (`mount`, `keyctl`, kernel module loading, writes \
              under `/proc`). Turning one off removes that layer for every process of the \
              service.",
        bad: "services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - seccomp:unconfined\n",
        good: "services:\n  app:\n    image: alpine:3.20\n    security_opt:\n      - no-new-privileges:true\n",
        fix: "Remove the option. If one system call is missing, write a seccomp profile that \
              allows just that call (`seccomp=./profile.json`).",
        limitations: "The forms read are `seccomp`, `apparmor` and `systempaths` set to \
                      `unconfined`, `label` set to `disable` or to the type `spc_t`, each \
                      with `=` or `:`. A custom profile file is not opened, so a profile that \
                      allows everything is not seen. `privileged: true` turns the profiles \
                      off too and is reported by `privileged-container`.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        for (option, node) in string_items(service.node.get("security_opt")) {
            if is_unresolved(node) {
                continue;
            }
            let Some(what) = unconfined(option) else {
                continue;
            };

            sink.report(
                node.span,
                format!(
                    "service {} sets {}, which {what}",
                    service.name,
                    option.trim()
                ),
                Some(
                    "remove it; if the service needs one more system call, allow just that \
                     one in a custom profile"
                        .to_string(),
                ),
            );
        }
    }
}

/// What an option turns off, when it turns one off.
fn unconfined(option: &str) -> Option<&'static str> {
    let option = option.trim();
    let at = option.find(['=', ':'])?;
    let key = option.get(..at)?;
    let value = option.get(at + 1..)?;

    match (key, value) {
        ("seccomp", "unconfined") => Some("turns off the seccomp system call filter"),
        ("apparmor", "unconfined") => Some("turns off the AppArmor profile"),
        ("label", "disable") => Some("turns off SELinux separation"),
        ("label", "type:spc_t") => Some("runs it as an SELinux super-privileged container"),
        ("systempaths", "unconfined") => Some("unmasks the kernel paths under /proc and /sys"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_separators() {
        for option in [
            "seccomp:unconfined",
            "seccomp=unconfined",
            "apparmor:unconfined",
            "apparmor=unconfined",
            "label:disable",
            "label=disable",
            "label=type:spc_t",
            "systempaths=unconfined",
        ] {
            assert!(unconfined(option).is_some(), "{option}");
        }
        for option in [
            "seccomp=./profile.json",
            "apparmor=docker-default",
            "label=type:svirt_apache_t",
            "label:level:s0:c100,c200",
            "no-new-privileges:true",
            "seccomp",
        ] {
            assert!(unconfined(option).is_none(), "{option}");
        }
    }
}
