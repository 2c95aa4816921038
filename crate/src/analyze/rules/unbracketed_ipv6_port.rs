//! `unbracketed-ipv6-port`: a short port spec whose IPv6 host address is written without
//! brackets, so where the address ends and the ports begin is a guess.

use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "unbracketed-ipv6-port",
    category: Category::Correctness,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A port's IPv6 host address is written without brackets (`::1:8080:80`).",
        why: "Colons separate both the groups of an IPv6 address and the parts of a port \
              spec. Docker takes the last two parts as ports and the rest as the address, \
              but people, older docker-compose and other tools split differently, and \
              `fe80::1:8080` does not say whether 8080 is a port or part of the address. \
              The documented form puts the address in brackets.",
        bad: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"::1:8080:80\"\n",
        good: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"[::1]:8080:80\"\n",
        fix: "Put the address in brackets: `\"[::1]:8080:80\"`, or use the long syntax with \
              `host_ip: \"::1\"`.",
        limitations: "Only specs that Docker reads (the address before the last two parts is \
                      a valid IPv6 address) reach this rule; a spec it cannot read is an \
                      `invalid-value` error instead.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        for port in &service.ports {
            let Some(spec) = port.short.as_deref().map(str::trim) else {
                continue;
            };
            if spec.starts_with('[') {
                continue;
            }
            let Some(ip) = port
                .mappings
                .first()
                .and_then(|m| m.host_ip.as_deref())
                .filter(|ip| ip.contains(':'))
            else {
                continue;
            };
            let ports = spec
                .strip_prefix(ip)
                .and_then(|rest| rest.strip_prefix(':'))
                .unwrap_or("");

            sink.report(
                port.span,
                format!("port {spec} writes the IPv6 host address {ip} without brackets"),
                Some(format!("write it as \"[{ip}]:{ports}\"")),
            );
        }
    }
}
