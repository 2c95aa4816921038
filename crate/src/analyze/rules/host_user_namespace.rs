//! `host-user-namespace`: a service that opts out of user namespace remapping.

use super::support::host_mode;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "host-user-namespace",
    category: Category::Security,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service opts out of user namespace remapping (`userns_mode: host`).",
        why: "On an engine that remaps users, root in a container is an unprivileged user on \
              the host. `userns_mode: host` turns that off for the service, so its root is \
              the host's root.",
        bad: "services:\n  app:\n    image: alpine:3.20\n    userns_mode: host\n",
        good: "services:\n  app:\n    image: alpine:3.20\n",
        fix: "Remove `userns_mode: host`, and fix the file ownership that made it seem needed.",
        limitations: "Whether the engine remaps users at all is set in its daemon \
                      configuration, which cannot be seen from the file; without remapping \
                      the option changes nothing, and it is reported anyway.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let Some(value) = host_mode(service, "userns_mode") else {
            continue;
        };

        sink.report(
            value.span,
            format!(
                "service {} opts out of user namespace remapping, so its root is the host's root",
                service.name
            ),
            Some("remove userns_mode: host".to_string()),
        );
    }
}
