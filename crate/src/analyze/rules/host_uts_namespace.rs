//! `host-uts-namespace`: a service that shares the host's hostname namespace.

use super::support::host_mode;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "host-uts-namespace",
    category: Category::Security,
    severity: Severity::Info,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service shares the host's UTS namespace (`uts: host`).",
        why: "The container sees the host's hostname and domain name, and with `SYS_ADMIN` \
              can change them for the whole host. It is the weakest of the host namespaces, \
              but still a piece of the host inside the container.",
        bad: "services:\n  app:\n    image: alpine:3.20\n    uts: host\n",
        good: "services:\n  app:\n    image: alpine:3.20\n    hostname: app\n",
        fix: "Remove `uts: host`; give the container its own name with `hostname:` if it \
              needs one.",
        limitations: "An info: without `SYS_ADMIN` the container can only read the host's \
                      name.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let Some(value) = host_mode(service, "uts") else {
            continue;
        };

        sink.report(
            value.span,
            format!(
                "service {} shares the host's UTS namespace (hostname and domain name)",
                service.name
            ),
            Some("remove uts: host; set hostname: if the container needs a name".to_string()),
        );
    }
}
