//! `privileged-container`: a service that runs with `privileged: true`.

use super::support::{is_true, is_unresolved};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "privileged-container",
    category: Category::Security,
    severity: Severity::Error,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service runs privileged (`privileged: true`).",
        why: "A privileged container gets every capability and every host device, and runs \
              without its seccomp, AppArmor or SELinux profile. Whoever controls a process \
              in it controls the host and every other tenant's containers on it.",
        bad: "services:\n  app:\n    image: alpine:3.20\n    privileged: true\n",
        good: "services:\n  app:\n    image: alpine:3.20\n    cap_add: [NET_BIND_SERVICE]\n",
        fix: "Remove `privileged:` and grant only what the service needs: a capability in \
              `cap_add`, a device in `devices`.",
        limitations: "Only `privileged` is read. The same power built from parts (`cap_add: \
                      [ALL]`, an unconfined profile, host namespaces) is reported by those \
                      rules. A value that comes from an unset variable is not judged.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let Some(value) = service.node.get("privileged") else {
            continue;
        };
        if !is_true(value) || is_unresolved(value) {
            continue;
        }

        sink.report(
            value.span,
            format!("service {} runs privileged", service.name),
            Some(
                "remove `privileged: true` and add only the capabilities (cap_add) or devices \
                 (devices) the service needs"
                    .to_string(),
            ),
        );
    }
}
