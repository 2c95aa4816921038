//! Cross-reference checks on the loaded project, as `docker compose config` makes them:
//! every service, volume, network, secret and config a service names must exist and be
//! enabled, dependencies must not form a cycle, and no two services may publish one port.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::load::{Problem, ProblemKind};
use super::model::{Project, Reference, Service};
use super::normalize::MountKind;
use crate::yaml::Span;

/// The names declared at the top level, by kind.
struct Declared<'p> {
    volumes: HashSet<&'p str>,
    networks: HashSet<&'p str>,
    secrets: HashSet<&'p str>,
    configs: HashSet<&'p str>,
}

fn names(list: &[super::model::Resource]) -> HashSet<&str> {
    list.iter().map(|r| r.name.as_str()).collect()
}

pub fn check(project: &Project, problems: &mut Vec<Problem>) {
    let declared = Declared {
        volumes: names(&project.volumes),
        networks: names(&project.networks),
        secrets: names(&project.secrets),
        configs: names(&project.configs),
    };

    for service in project.enabled_services() {
        dependencies(project, service, problems);
        service_references(project, service, problems);
        resources(&declared, service, problems);
    }
    cycles(project, problems);
    port_conflicts(project, problems);
}

fn dependencies(project: &Project, service: &Service, problems: &mut Vec<Problem>) {
    for dependency in &service.depends_on {
        match project.service(&dependency.service) {
            None if !dependency.required => {}
            None => problems.push(Problem::new(
                ProblemKind::UnknownService,
                format!(
                    "service {} depends on undefined service {}",
                    service.name, dependency.service
                ),
                dependency.span,
            )),
            Some(target) if !target.enabled && dependency.required => problems.push(
                Problem::new(
                    ProblemKind::DisabledDependency,
                    format!(
                        "service {} depends on {}, which the active profiles disable",
                        service.name, dependency.service
                    ),
                    dependency.span,
                )
                .help(format!(
                    "activate one of the profiles of {} ({}), or mark the dependency `required: false`",
                    dependency.service,
                    target.profiles.join(", ")
                )),
            ),
            Some(_) => {}
        }
    }
}

/// `links`, `volumes_from` and `network_mode: service:x` name other services.
fn service_references(project: &Project, service: &Service, problems: &mut Vec<Problem>) {
    let mode_target = service.network_mode.as_ref().and_then(|mode| {
        mode.value.strip_prefix("service:").map(|name| Reference {
            name: name.to_string(),
            span: mode.span,
        })
    });
    let named = service
        .links
        .iter()
        .map(|r| ("links", r))
        .chain(service.volumes_from.iter().map(|r| ("volumes_from", r)))
        .chain(mode_target.iter().map(|r| ("network_mode", r)));

    for (key, reference) in named {
        match project.service(&reference.name) {
            None => problems.push(Problem::new(
                ProblemKind::UnknownService,
                format!(
                    "service {} names undefined service {} in {key}",
                    service.name, reference.name
                ),
                reference.span,
            )),
            Some(target) if !target.enabled => problems.push(Problem::new(
                ProblemKind::DisabledDependency,
                format!(
                    "service {} names {} in {key}, which the active profiles disable",
                    service.name, reference.name
                ),
                reference.span,
            )),
            Some(_) => {}
        }
    }
}

/// Named volumes, networks, secrets and configs must be declared at the top level.
fn resources(declared: &Declared<'_>, service: &Service, problems: &mut Vec<Problem>) {
    for mount in &service.volumes {
        let Some(source) = mount.source.as_deref().filter(|s| !s.is_empty()) else {
            continue;
        };
        if mount.kind == MountKind::Volume && !declared.volumes.contains(source) {
            problems.push(
                Problem::new(
                    ProblemKind::UndefinedResource,
                    format!("service {} uses undefined volume {source}", service.name),
                    mount.span,
                )
                .help(format!(
                    "declare it under the top-level `volumes:` ({source}:), or use a path (./{source}) for a bind mount"
                )),
            );
        }
    }

    let kinds: [(&str, &[Reference], &HashSet<&str>); 3] = [
        ("network", &service.networks, &declared.networks),
        ("secret", &service.secrets, &declared.secrets),
        ("config", &service.configs, &declared.configs),
    ];
    for (kind, references, top_level) in kinds {
        for reference in references {
            let implicit = kind == "network" && reference.name == "default";
            if !implicit && !top_level.contains(reference.name.as_str()) {
                problems.push(Problem::new(
                    ProblemKind::UndefinedResource,
                    format!(
                        "service {} refers to undefined {kind} {}",
                        service.name, reference.name
                    ),
                    reference.span,
                ));
            }
        }
    }

    if let (Some(mode), Some(network)) = (&service.network_mode, service.networks.first()) {
        problems.push(Problem::new(
            ProblemKind::InvalidShape,
            format!(
                "service {} declares mutually exclusive `network_mode` ({}) and `networks`",
                service.name, mode.value
            ),
            network.span,
        ));
    }
}

/// Reports each `depends_on` cycle once, at the dependency that closes it.
fn cycles(project: &Project, problems: &mut Vec<Problem>) {
    let index: HashMap<&str, usize> = project
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.enabled)
        .map(|(at, s)| (s.name.as_str(), at))
        .collect();

    // 0 unvisited, 1 on the current path, 2 done
    let mut state = vec![0u8; project.services.len()];
    for start in index
        .values()
        .copied()
        .collect::<std::collections::BTreeSet<_>>()
    {
        if state.get(start) != Some(&0) {
            continue;
        }
        // an explicit stack of (service, next dependency to look at)
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }

        while let Some((current, next)) = stack.last().copied() {
            let Some(service) = project.services.get(current) else {
                break;
            };
            let Some(dependency) = service.depends_on.get(next) else {
                if let Some(s) = state.get_mut(current) {
                    *s = 2;
                }
                stack.pop();
                continue;
            };
            if let Some(top) = stack.last_mut() {
                top.1 += 1;
            }
            let Some(&target) = index.get(dependency.service.as_str()) else {
                continue;
            };
            match state.get(target) {
                Some(0) => {
                    if let Some(s) = state.get_mut(target) {
                        *s = 1;
                    }
                    stack.push((target, 0));
                }
                Some(1) => {
                    let mut chain: Vec<&str> = stack
                        .iter()
                        .skip_while(|(at, _)| *at != target)
                        .filter_map(|(at, _)| project.services.get(*at).map(|s| s.name.as_str()))
                        .collect();
                    chain.push(&dependency.service);
                    problems.push(Problem::new(
                        ProblemKind::DependencyCycle,
                        format!("dependency cycle: {}", chain.join(" → ")),
                        dependency.span,
                    ));
                }
                _ => {}
            }
        }
    }
}

/// A host address (`None` for every interface), the service, and the entry's span.
type Publisher<'p> = (Option<String>, &'p str, Span);

/// Two services publishing the same host port (and protocol, on overlapping addresses)
/// cannot both start.
fn port_conflicts(project: &Project, problems: &mut Vec<Problem>) {
    // by (host port, protocol): who published it, on which address
    let mut seen: BTreeMap<(String, String), Vec<Publisher<'_>>> = BTreeMap::new();

    for service in project.enabled_services() {
        for port in &service.ports {
            for mapping in &port.mappings {
                let Some(published) = mapping.published.as_deref() else {
                    continue;
                };
                if published.contains('-') || published == "0" {
                    continue;
                }
                let key = (published.to_string(), mapping.protocol.clone());
                let host = mapping
                    .host_ip
                    .clone()
                    .filter(|ip| ip != "0.0.0.0" && ip != "::");
                let earlier = seen.entry(key).or_default();
                let clash = earlier.iter().find(|(other_host, other_service, _)| {
                    *other_service != service.name
                        && (host.is_none() || other_host.is_none() || *other_host == host)
                });
                if let Some((_, other, _)) = clash {
                    problems.push(Problem::new(
                        ProblemKind::PortConflict,
                        format!(
                            "host port {published}/{} is published by both {other} and {}",
                            mapping.protocol, service.name
                        ),
                        port.span,
                    ));
                }
                earlier.push((host, &service.name, port.span));
            }
        }
    }
}
