//! `duplicate-published-port`: one service that publishes the same host port twice on
//! overlapping addresses. Conflicts between services are the loader's `port-conflict`.

use std::collections::HashMap;
use std::net::IpAddr;

use super::support::unresolved_items;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::normalize::PortMapping;
use crate::report::{Category, Severity};
use crate::yaml::Span;

pub const RULE: Rule = Rule {
    id: "duplicate-published-port",
    category: Category::Correctness,
    severity: Severity::Error,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service publishes the same host port twice.",
        why: "A host port on one address can be bound once. When a service maps it to two \
              container ports (or binds it on every interface and on one address too), the \
              engine fails to start the container with \"port is already allocated\".",
        bad: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"8080:80\"\n      - \"8080:443\"\n",
        good: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"8080:80\"\n      - \"8443:443\"\n",
        fix: "Give each mapping its own host port, or remove the repeated entry.",
        limitations: "A spec written twice word for word is left to the schema check \
                      (`schema-violation`: items must be unique). The same mapping written \
                      two ways (`8080:80` and `8080:80/tcp`, or the long syntax) is a \
                      warning: Compose may keep only one of them, but it is dead text. Host \
                      port ranges the engine picks from and ports without a host port are \
                      not compared. `0.0.0.0` and `::` are taken to overlap only addresses \
                      of their own family. Two services that publish one port are reported \
                      as `port-conflict`.",
    },
};

/// A mapping already seen in this service, with the entry it came from.
struct Seen<'p> {
    mapping: &'p PortMapping,
    span: Span,
    short: Option<&'p str>,
}

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        // by host port and protocol, so that large port lists stay cheap
        let mut seen: HashMap<(&str, &str), Vec<Seen<'_>>> = HashMap::new();
        let placeholders = unresolved_items(service, "ports");
        for port in &service.ports {
            if placeholders.contains(&port.span) {
                continue;
            }
            let short = port.short.as_deref();
            let mut clash: Option<(&PortMapping, &PortMapping)> = None;
            let mut verbatim = false;
            for mapping in &port.mappings {
                let Some(published) = mapping.published.as_deref() else {
                    continue;
                };
                if published.contains('-') || published == "0" {
                    continue;
                }
                let same_port = seen.entry((published, &mapping.protocol)).or_default();
                let earlier: Vec<&Seen<'_>> = same_port
                    .iter()
                    .filter(|s| {
                        s.span != port.span
                            && overlap(s.mapping.host_ip.as_deref(), mapping.host_ip.as_deref())
                    })
                    .collect();
                verbatim |= earlier.iter().any(|s| short.is_some() && s.short == short);
                // the same mapping written again says more than a clash with another one
                let first = earlier
                    .iter()
                    .find(|s| same(s.mapping, mapping))
                    .or(earlier.first());
                if let (Some(first), None) = (first, clash) {
                    clash = Some((first.mapping, mapping));
                }
                same_port.push(Seen {
                    mapping,
                    span: port.span,
                    short,
                });
            }

            // a spec written twice word for word is the schema's `uniqueItems` finding; one
            // finding per entry otherwise, at the later one, even when a range repeats many
            if let (Some((earlier, later)), false) = (clash, verbatim) {
                report(sink, &service.name, port.span, earlier, later);
            }
        }
    }
}

/// Whether two mappings publish the same host address and port to the same target.
fn same(a: &PortMapping, b: &PortMapping) -> bool {
    a.target == b.target && address(a.host_ip.as_deref()) == address(b.host_ip.as_deref())
}

fn report(
    sink: &mut Sink<'_>,
    service: &str,
    span: Span,
    earlier: &PortMapping,
    later: &PortMapping,
) {
    let published = later.published.as_deref().unwrap_or("");
    if same(earlier, later) {
        sink.report_as(
            Severity::Warning,
            span,
            format!(
                "service {service} publishes host port {published}/{} to container port {} twice",
                later.protocol, later.target
            ),
            Some("remove the repeated entry".to_string()),
        );
    } else {
        let between = if earlier.target == later.target {
            format!(
                "on {} and on {}",
                shown(earlier.host_ip.as_deref()),
                shown(later.host_ip.as_deref())
            )
        } else {
            format!("to container ports {} and {}", earlier.target, later.target)
        };
        sink.report(
            span,
            format!(
                "service {service} publishes host port {published}/{} twice, {between}, so \
                 the container cannot start",
                later.protocol
            ),
            Some("give each mapping its own host port".to_string()),
        );
    }
}

fn shown(host_ip: Option<&str>) -> String {
    host_ip.map_or("every interface".to_string(), str::to_string)
}

/// A host address as the engine binds it.
#[derive(Debug, PartialEq, Eq)]
enum Address {
    Every,
    EveryV4,
    EveryV6,
    One(IpAddr),
    Unknown(String),
}

fn address(host_ip: Option<&str>) -> Address {
    let Some(text) = host_ip else {
        return Address::Every;
    };
    match text.parse::<IpAddr>() {
        Ok(ip) if ip.is_unspecified() && ip.is_ipv4() => Address::EveryV4,
        Ok(ip) if ip.is_unspecified() => Address::EveryV6,
        Ok(ip) => Address::One(ip),
        Err(_) => Address::Unknown(text.to_string()),
    }
}

/// Whether two host addresses share a socket address.
fn overlap(a: Option<&str>, b: Option<&str>) -> bool {
    use Address::*;
    match (address(a), address(b)) {
        (Every, _) | (_, Every) => true,
        (EveryV4, EveryV4) | (EveryV6, EveryV6) => true,
        (EveryV4, One(ip)) | (One(ip), EveryV4) => ip.is_ipv4(),
        (EveryV6, One(ip)) | (One(ip), EveryV6) => ip.is_ipv6(),
        (EveryV4, EveryV6) | (EveryV6, EveryV4) => false,
        (x, y) => x == y,
    }
}
