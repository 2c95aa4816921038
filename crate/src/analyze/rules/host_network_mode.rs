//! `host-network-mode`: a service that shares the host's network stack.

use super::support::host_mode;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "host-network-mode",
    category: Category::Security,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service uses the host's network stack (`network_mode: host`).",
        why: "The container sees and can bind every interface of the host, reaches services \
              that listen only on the host's loopback, and bypasses the project networks and \
              port publishing: every port it opens is open on the host.",
        bad: "services:\n  app:\n    image: nginx:1.27\n    network_mode: host\n",
        good: "services:\n  app:\n    image: nginx:1.27\n    ports:\n      - \"127.0.0.1:8080:80\"\n",
        fix: "Remove `network_mode: host` and publish the ports the service needs under `ports:`.",
        limitations: "Only `host` is reported; `service:NAME` and `container:NAME` share another \
                      container's stack, which is not the host's. Some software (DHCP \
                      servers, media servers that use multicast discovery) needs the host's \
                      network; suppress the finding with the reason.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let Some(value) = host_mode(service, "network_mode") else {
            continue;
        };

        sink.report(
            value.span,
            format!("service {} uses the host's network stack", service.name),
            Some("remove network_mode: host and publish the ports the service needs".to_string()),
        );
    }
}
