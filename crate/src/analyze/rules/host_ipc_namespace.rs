//! `host-ipc-namespace`: a service that shares the host's IPC namespace.

use super::support::host_mode;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "host-ipc-namespace",
    category: Category::Security,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service shares the host's IPC namespace (`ipc: host`).",
        why: "The container can read and write the host's shared memory segments, semaphores \
              and message queues, and so the data of host processes that use them.",
        bad: "services:\n  app:\n    image: alpine:3.20\n    ipc: host\n",
        good: "services:\n  app:\n    image: alpine:3.20\n    ipc: private\n",
        fix: "Remove `ipc: host`. To share memory with one other service, make that one \
              `ipc: shareable` and use `ipc: service:NAME`.",
        limitations: "Only `host` is reported; `shareable`, `private`, `service:NAME` and \
                      `container:NAME` stay within containers.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let Some(value) = host_mode(service, "ipc") else {
            continue;
        };

        sink.report(
            value.span,
            format!("service {} shares the host's IPC namespace", service.name),
            Some(
                "remove ipc: host; to share memory with one service, use ipc: service:NAME"
                    .to_string(),
            ),
        );
    }
}
