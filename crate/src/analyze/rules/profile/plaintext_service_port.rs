//! `plaintext-service-port`: a web or API service published on a plain-HTTP port in a
//! project with no TLS-terminating entry point, when the profile lists SOC 2, PCI DSS or
//! HIPAA.

use super::support::{Asks, framework_names};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::rules::support::unresolved_items;
use crate::analyze::{Context, Sink};
use crate::compose::{Port, Service};
use crate::recommend::Compliance;
use crate::report::{Category, Severity};

/// SOC 2, PCI DSS or HIPAA in the profile's `compliance`: each asks for TLS on every
/// connection from outside.
pub const ASKS: Asks = Asks::Compliance(&[Compliance::Soc2, Compliance::PciDss, Compliance::Hipaa]);

/// Container ports that web servers and API frameworks serve plain HTTP on by default.
const PLAIN_HTTP_PORTS: &[u32] = &[80, 3000, 8000, 8008, 8080, 8081, 8888];

/// Container ports that TLS-terminating proxies listen on.
const TLS_PORTS: &[u32] = &[443, 8443];

pub const RULE: Rule = Rule {
    id: "plaintext-service-port",
    category: Category::Compliance,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service is published on a plain-HTTP port (80, 3000, 8000, 8080, ...) and \
                  nothing in the project terminates TLS, while the profile's `compliance` \
                  lists `soc2`, `pci-dss` or `hipaa`.",
        why: "Runs only when the profile's `compliance` lists `soc2`, `pci-dss` or `hipaa`; \
              all three ask for TLS on every connection from outside (PCI DSS names it for \
              cardholder data on open networks). A published HTTP port carries sessions, \
              tokens and records in clear text to anyone on the path.",
        bad: "services:\n  web:\n    image: ghcr.io/acme/web:2.0.1\n    ports:\n      - \"80:8080\"\n",
        good: "services:\n  proxy:\n    image: caddy:2.8\n    ports:\n      - \"80:80\"\n      - \"443:443\"\n  web:\n    image: ghcr.io/acme/web:2.0.1\n    expose:\n      - \"8080\"\n",
        fix: "Put a TLS-terminating proxy (Caddy, Traefik, NGINX with a certificate) in front \
              and publish only its ports, keeping the application on the project network; or \
              confirm that the platform's load balancer terminates TLS for this endpoint, \
              say so in the handoff, and suppress the finding.",
        limitations: "Whether a port speaks HTTP is judged from the container port's number \
                      (80, 3000, 8000, 8008, 8080, 8081, 8888); a service that serves TLS \
                      on one of them, or plain HTTP on another, is misjudged. Any service \
                      that publishes container port 443 or 8443 counts as a TLS-terminating \
                      entry point, and then the project is not reported. The platform's own \
                      load balancer may terminate TLS; the file cannot show it. Ports bound \
                      to a loopback address are not public and are not reported.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    let asked = ASKS.frameworks(context.profile);
    if asked.is_empty() {
        return;
    }
    let services: Vec<&Service> = context
        .project
        .enabled_services()
        .filter(|s| s.network_mode.as_ref().is_none_or(|m| m.value != "host"))
        .collect();
    let terminates_tls = services
        .iter()
        .any(|service| public_ports(service).any(|(_, target)| TLS_PORTS.contains(&target)));
    if terminates_tls {
        return;
    }

    for service in services {
        for (port, target) in public_ports(service) {
            if !PLAIN_HTTP_PORTS.contains(&target) {
                continue;
            }
            sink.report(
                port.span,
                format!(
                    "service {} publishes container port {target}, a plain-HTTP port, and \
                     nothing in the project terminates TLS",
                    service.name
                ),
                Some(format!(
                    "put a TLS-terminating proxy in front and publish only 443, or confirm \
                     that the platform's load balancer terminates TLS for this endpoint \
                     ({} asks for encryption in transit)",
                    framework_names(&asked)
                )),
            );
        }
    }
}

/// The service's ports that other hosts can reach (not bound to a loopback address, not
/// a placeholder), each with its first TCP container port.
fn public_ports(service: &Service) -> impl Iterator<Item = (&Port, u32)> {
    let placeholders = unresolved_items(service, "ports");
    service.ports.iter().filter_map(move |port| {
        let mapping = port.mappings.first()?;
        let loopback = mapping
            .host_ip
            .as_deref()
            .is_some_and(|ip| ip.starts_with("127.") || ip == "::1" || ip == "localhost");
        let public = !loopback && mapping.protocol == "tcp" && !placeholders.contains(&port.span);
        public.then_some((port, mapping.target))
    })
}
