//! `platform-ignored-key`: a service key that a control plane running plain Compose
//! ignores or replaces with its own mechanism, so the file promises what will not happen.

use std::collections::HashSet;

use super::support::{is_true, unresolved_items};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::Service;
use crate::compose::normalize::MountKind;
use crate::report::{Category, Severity};
use crate::yaml::{Node, Span};

pub const RULE: Rule = Rule {
    id: "platform-ignored-key",
    category: Category::Readiness,
    severity: Severity::Info,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service sets a key that the platform ignores or replaces: `container_name`, `hostname`, `networks`, host ports, `tmpfs`, `logging`, `init`, `user`, or a read-only named volume.",
        why: "The platform runs each tenant's deployment with its own naming, DNS, network, \
              endpoints and logging. It drops the keys that would pin those to one host: a \
              container name, a host name, custom networks, the host side of a port mapping. \
              It gives every container a tmpfs, collects logs through its own integration, \
              runs as the user named by `SECURITY_CONTEXT_*` variables, and currently \
              ignores the read-only flag of volumes. A file that relies on any of these \
              behaves differently once onboarded.",
        bad: "services:\n  web:\n    image: nginx:1.27\n    container_name: web\n    ports:\n      - \"8080:80\"\n",
        good: "services:\n  web:\n    image: nginx:1.27\n    expose:\n      - \"80\"\n",
        fix: "Remove the key, or keep it for local runs knowing the platform drops it; the \
              finding's help says what the platform does instead.",
        limitations: "Only the keys the platform's compose documentation names as ignored or \
                      remapped are reported. `links`, `extra_hosts`, `dns`, `restart`, \
                      `profiles`, `volumes_from`, `network_mode` and `deploy.placement` are \
                      not, since it does not say how it treats them; `healthcheck` is \
                      remapped to action hooks but stays the hint they are written from, and \
                      `build` is `build-context`'s. Networks named `default`, ports with no \
                      host side, `init: false`, and `user` in a service that already sets \
                      `SECURITY_CONTEXT_USER_ID` are not reported. Read-only bind mounts are \
                      not reported: the platform turns local files into configs, which are \
                      read-only anyway.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let name = &service.name;
        let set = |key: &str| {
            service
                .node
                .entry(key)
                .filter(|e| !e.value.is_null())
                .map(|e| (e.key.span, &e.value))
        };

        if let Some((span, _)) = set("container_name") {
            sink.report(
                span,
                format!("service {name} sets container_name, which the platform ignores"),
                Some(format!(
                    "remove it: the platform names each deployment's containers and manages their \
                     DNS; other services reach this one by its service name, {name}"
                )),
            );
        }
        if let Some((span, _)) = set("hostname") {
            sink.report(
                span,
                format!("service {name} sets hostname, which the platform ignores"),
                Some(
                    "remove it: the platform manages host names and DNS for each deployment"
                        .to_string(),
                ),
            );
        }
        networks(sink, service);
        host_ports(sink, service);
        if let Some((span, _)) = set("tmpfs") {
            sink.report(
                span,
                format!("service {name} sets tmpfs, which the platform ignores"),
                Some("remove it: the platform gives every container a tmpfs already".to_string()),
            );
        }
        if let Some((span, _)) = set("logging") {
            sink.report(
                span,
                format!("service {name} configures logging, which the platform ignores"),
                Some(
                    "remove it: the platform collects container logs through its own logging \
                     integration (omnistrateLogging), set up when the file is onboarded"
                        .to_string(),
                ),
            );
        }
        if let Some((span, value)) = set("init") {
            if is_true(value) {
                sink.report(
                    span,
                    format!("service {name} sets init, which the platform ignores"),
                    Some(
                        "the platform runs no init process in the container: if the image needs \
                         one to reap processes, build it into the image (tini); run one-time \
                         setup as an initialization action hook"
                            .to_string(),
                    ),
                );
            }
        }
        if let Some((span, _)) = set("user") {
            let mapped = service
                .environment
                .iter()
                .any(|v| v.name == "SECURITY_CONTEXT_USER_ID");
            if !mapped {
                sink.report(
                    span,
                    format!("service {name} sets user, which the platform replaces"),
                    Some(
                        "the platform runs the container as the user and group in the \
                         SECURITY_CONTEXT_USER_ID and SECURITY_CONTEXT_GROUP_ID environment \
                         variables (and SECURITY_CONTEXT_FS_GROUP for volumes): set those instead"
                            .to_string(),
                    ),
                );
            }
        }
        read_only_volumes(sink, service);
    }
}

/// The networks the service joins, other than `default`.
fn networks(sink: &mut Sink<'_>, service: &Service) {
    let Some(span) = key_span(service, "networks") else {
        return;
    };
    let custom: Vec<&str> = service
        .networks
        .iter()
        .map(|n| n.name.as_str())
        .filter(|n| *n != "default")
        .collect();
    if custom.is_empty() {
        return;
    }

    let noun = if custom.len() == 1 {
        "network"
    } else {
        "networks"
    };
    sink.report(
        span,
        format!(
            "service {} joins the {noun} {}, which the platform ignores",
            service.name,
            custom.join(", ")
        ),
        Some(
            "the platform sets up each deployment's network itself, by its tenancy model; \
             aliases and static addresses on these networks are dropped too"
                .to_string(),
        ),
    );
}

/// The host ports (and host addresses) of the service's port mappings.
fn host_ports(sink: &mut Sink<'_>, service: &Service) {
    let Some(span) = key_span(service, "ports") else {
        return;
    };
    let placeholders = unresolved_items(service, "ports");
    let mut hosts = Listed::default();
    let mut targets = Listed::default();
    let ports = service
        .ports
        .iter()
        .filter(|p| !placeholders.contains(&p.span));
    for mapping in ports.flat_map(|p| p.mappings.iter()) {
        let host = match (&mapping.host_ip, &mapping.published) {
            (_, Some(port)) => port.clone(),
            (Some(ip), None) => ip.clone(),
            (None, None) => continue,
        };
        hosts.add(host);
        targets.add(mapping.target.to_string());
    }
    if hosts.is_empty() {
        return;
    }

    sink.report(
        span,
        format!(
            "service {} publishes the host {} {}, which the platform ignores",
            service.name,
            hosts.noun("port", "ports"),
            hosts.text()
        ),
        Some(format!(
            "the platform assigns each deployment its own endpoints and keeps only the \
             container {} {}",
            targets.noun("port", "ports"),
            targets.text()
        )),
    );
}

/// Distinct values in the order first seen, shown up to a limit.
#[derive(Default)]
struct Listed {
    items: Vec<String>,
    seen: HashSet<String>,
}

impl Listed {
    const SHOWN: usize = 8;

    fn add(&mut self, item: String) {
        if self.seen.insert(item.clone()) {
            self.items.push(item);
        }
    }

    fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    fn noun(&self, one: &'static str, many: &'static str) -> &'static str {
        if self.items.len() == 1 { one } else { many }
    }

    fn text(&self) -> String {
        let shown: Vec<&str> = self
            .items
            .iter()
            .take(Self::SHOWN)
            .map(String::as_str)
            .collect();
        match self.items.len().checked_sub(Self::SHOWN) {
            Some(more) if more > 0 => format!("{} and {more} more", shown.join(", ")),
            _ => shown.join(", "),
        }
    }
}

/// Named volumes mounted read-only: the platform mounts them read-write.
fn read_only_volumes(sink: &mut Sink<'_>, service: &Service) {
    let Some(span) = key_span(service, "volumes") else {
        return;
    };
    // a source left empty by an unset variable names no volume (it is usually a host path)
    let placeholders = unresolved_items(service, "volumes");
    let read_only: Vec<&str> = service
        .volumes
        .iter()
        .filter(|m| m.read_only && m.kind == MountKind::Volume)
        .filter(|m| !placeholders.contains(&m.span))
        .filter_map(|m| m.source.as_deref())
        .filter(|source| !source.trim().is_empty())
        .collect();
    if read_only.is_empty() {
        return;
    }

    let noun = if read_only.len() == 1 {
        "volume"
    } else {
        "volumes"
    };
    sink.report(
        span,
        format!(
            "service {} mounts the {noun} {} read-only, a flag the platform ignores",
            service.name,
            read_only.join(", ")
        ),
        Some(
            "the platform mounts volumes read-write for now: do not rely on the flag to \
             protect the data; make the image or the process refuse to write instead"
                .to_string(),
        ),
    );
}

fn key_span(service: &Service, key: &str) -> Option<Span> {
    service
        .node
        .entry(key)
        .filter(|e| !Node::is_null(&e.value))
        .map(|e| e.key.span)
}
