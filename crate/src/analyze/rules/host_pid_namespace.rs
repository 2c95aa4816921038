//! `host-pid-namespace`: a service that shares the host's process namespace.

use super::support::host_mode;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "host-pid-namespace",
    category: Category::Security,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service shares the host's process namespace (`pid: host`).",
        why: "The container sees every process on the host, with their command lines, and as \
              root can signal them; with `SYS_PTRACE` it can read their memory and \
              environment, other tenants' secrets included.",
        bad: "services:\n  app:\n    image: alpine:3.20\n    pid: host\n",
        good: "services:\n  app:\n    image: alpine:3.20\n",
        fix: "Remove `pid: host`. To share processes with one other service, use \
              `pid: service:NAME`.",
        limitations: "Only `host` is reported; `service:NAME` and `container:NAME` share \
                      another container's namespace. Monitoring agents need the host's \
                      processes; suppress the finding with the reason.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let Some(value) = host_mode(service, "pid") else {
            continue;
        };

        sink.report(
            value.span,
            format!(
                "service {} shares the host's process namespace",
                service.name
            ),
            Some(
                "remove pid: host; to share processes with one service, use pid: service:NAME"
                    .to_string(),
            ),
        );
    }
}
