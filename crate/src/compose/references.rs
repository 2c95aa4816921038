//! Cross-reference checks on the loaded project, as `docker compose config` makes them:
//! every service, volume, network, secret and config a service names must exist and be
//! enabled, dependencies (of every kind Compose counts) must not form a cycle, and no two
//! services may publish one port.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::load::{Problem, ProblemKind};
use super::model::{DependencyEdge, DependencyKind, Project, Reference, Service};
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

/// `links`, `volumes_from` and `service:x` in `network_mode`, `ipc` and `pid` name other
/// services, which must exist and be enabled (`depends_on` is checked above).
fn service_references(project: &Project, service: &Service, problems: &mut Vec<Problem>) {
    let edges = service.dependency_edges();
    let named = edges.iter().filter(|e| e.kind != DependencyKind::DependsOn);

    for edge in named {
        let key = edge.kind.key();
        match project.service(edge.service) {
            None => problems.push(Problem::new(
                ProblemKind::UnknownService,
                format!(
                    "service {} names undefined service {} in {key}",
                    service.name, edge.service
                ),
                edge.span,
            )),
            Some(target) if !target.enabled => problems.push(Problem::new(
                ProblemKind::DisabledDependency,
                format!(
                    "service {} names {} in {key}, which the active profiles disable",
                    service.name, edge.service
                ),
                edge.span,
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

/// Reports each cycle of the dependency graph once, at the edge that closes it, naming
/// every edge of the cycle with the key that makes it.
fn cycles(project: &Project, problems: &mut Vec<Problem>) {
    let index: HashMap<&str, usize> = project
        .services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.enabled)
        .map(|(at, s)| (s.name.as_str(), at))
        .collect();
    // the edges between enabled services, by service
    let graph: Vec<Vec<(usize, DependencyEdge<'_>)>> = project
        .services
        .iter()
        .map(|service| {
            service
                .dependency_edges()
                .into_iter()
                .filter_map(|edge| Some((*index.get(edge.service)?, edge)))
                .collect()
        })
        .collect();

    // 0 unvisited, 1 on the current path, 2 done
    let mut state = vec![0u8; project.services.len()];
    for start in index.values().copied().collect::<BTreeSet<_>>() {
        if state.get(start) != Some(&0) {
            continue;
        }
        // an explicit stack of (service, next edge to look at)
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        if let Some(s) = state.get_mut(start) {
            *s = 1;
        }

        while let Some((current, next)) = stack.last().copied() {
            let Some((target, edge)) = graph.get(current).and_then(|edges| edges.get(next)) else {
                if let Some(s) = state.get_mut(current) {
                    *s = 2;
                }
                stack.pop();
                continue;
            };
            if let Some(top) = stack.last_mut() {
                top.1 += 1;
            }
            match state.get(*target) {
                Some(0) => {
                    if let Some(s) = state.get_mut(*target) {
                        *s = 1;
                    }
                    stack.push((*target, 0));
                }
                Some(1) => {
                    // the edges taken from the target along the path, then the closing one
                    let first = stack.iter().position(|(at, _)| at == target).unwrap_or(0);
                    let below_top = stack
                        .get(first..stack.len().saturating_sub(1))
                        .unwrap_or_default();
                    let taken = below_top.iter().filter_map(|(at, next)| {
                        let (to, edge) = graph.get(*at)?.get(next.checked_sub(1)?)?;
                        Some((*at, *to, edge))
                    });
                    let cycle: Vec<(usize, usize, &DependencyEdge<'_>)> =
                        taken.chain([(current, *target, edge)]).collect();
                    let steps: Vec<String> = cycle
                        .iter()
                        .filter_map(|(from, to, edge)| {
                            let from = &project.services.get(*from)?.name;
                            let to = &project.services.get(*to)?.name;
                            Some(format!("{from} → {to} ({})", edge.kind.key()))
                        })
                        .collect();
                    problems.push(
                        Problem::new(
                            ProblemKind::DependencyCycle,
                            format!("dependency cycle: {}", steps.join(", ")),
                            edge.span,
                        )
                        .help(
                            "remove one of these dependencies: Compose starts a service only after every service it depends on",
                        ),
                    );
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

#[cfg(test)]
mod tests {
    use crate::compose::{Input, Problem, ProblemKind, load};
    use crate::source::SourceFile;

    fn problems(text: &str, kind: ProblemKind) -> Vec<Problem> {
        let input = Input {
            files: vec![SourceFile::new("compose.yaml", text)],
            ..Input::default()
        };
        load(&input)
            .problems
            .into_iter()
            .filter(|p| p.kind == kind)
            .collect()
    }

    /// The text each problem's span covers.
    fn at<'t>(text: &'t str, problem: &Problem) -> &'t str {
        &text[problem.span.start..problem.span.end]
    }

    #[test]
    fn a_cycle_through_every_kind_of_dependency_names_each_edge() {
        let text = "services:
  a:
    image: acme/a:1
    depends_on: [b]
  b:
    image: acme/b:1
    links: [c:cache]
  c:
    image: acme/c:1
    volumes_from:
      - service:d:ro
  d:
    image: acme/d:1
    network_mode: service:e
  e:
    image: acme/e:1
    ipc: service:f
  f:
    image: acme/f:1
    pid: service:a
";
        let cycles = problems(text, ProblemKind::DependencyCycle);
        assert_eq!(cycles.len(), 1, "{cycles:?}");
        assert_eq!(
            cycles[0].message,
            "dependency cycle: a → b (depends_on), b → c (links), c → d (volumes_from), \
             d → e (network_mode), e → f (ipc), f → a (pid)"
        );
        assert_eq!(at(text, &cycles[0]), "service:a");
    }

    #[test]
    fn cycles_through_links_volumes_from_and_namespaces_alone() {
        let text = "services:
  web:
    image: acme/web:1
    links: [api]
  api:
    image: acme/api:1
    volumes_from: [web]
";
        let cycles = problems(text, ProblemKind::DependencyCycle);
        assert_eq!(cycles.len(), 1);
        assert_eq!(
            cycles[0].message,
            "dependency cycle: web → api (links), api → web (volumes_from)"
        );
        assert_eq!(at(text, &cycles[0]), "web");

        let text = "services:
  web:
    image: acme/web:1
    network_mode: service:web
";
        let cycles = problems(text, ProblemKind::DependencyCycle);
        assert_eq!(cycles.len(), 1);
        assert_eq!(
            cycles[0].message,
            "dependency cycle: web → web (network_mode)"
        );
        assert_eq!(at(text, &cycles[0]), "service:web");
    }

    #[test]
    fn namespaces_and_containers_that_are_not_services_make_no_edge() {
        let text = "services:
  web:
    image: acme/web:1
    ipc: shareable
    pid: host
    volumes_from: [container:other]
    depends_on: [api]
  api:
    image: acme/api:1
    network_mode: none
    ipc: private
";
        assert!(problems(text, ProblemKind::DependencyCycle).is_empty());
        assert!(problems(text, ProblemKind::UnknownService).is_empty());
    }

    #[test]
    fn a_service_disabled_by_its_profile_breaks_no_cycle_but_is_reported() {
        let text = "services:
  web:
    image: acme/web:1
    pid: service:debug
  debug:
    image: acme/debug:1
    profiles: [debug]
    links: [web]
";
        assert!(problems(text, ProblemKind::DependencyCycle).is_empty());
        let disabled = problems(text, ProblemKind::DisabledDependency);
        assert_eq!(disabled.len(), 1);
        assert_eq!(
            disabled[0].message,
            "service web names debug in pid, which the active profiles disable"
        );
    }

    #[test]
    fn ipc_and_pid_must_name_a_service_that_exists() {
        let text = "services:
  web:
    image: acme/web:1
    ipc: service:ghost
    pid: service:phantom
";
        let unknown = problems(text, ProblemKind::UnknownService);
        let found: Vec<(&str, &str)> = unknown
            .iter()
            .map(|p| (p.message.as_str(), at(text, p)))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "service web names undefined service ghost in ipc",
                    "service:ghost"
                ),
                (
                    "service web names undefined service phantom in pid",
                    "service:phantom"
                ),
            ]
        );
    }

    #[test]
    fn two_cycles_are_two_findings_in_a_stable_order() {
        let text = "services:
  a:
    image: acme/a:1
    depends_on: [b]
  b:
    image: acme/b:1
    links: [a]
  c:
    image: acme/c:1
    volumes_from: [d]
  d:
    image: acme/d:1
    depends_on: [c]
";
        let messages: Vec<String> = problems(text, ProblemKind::DependencyCycle)
            .into_iter()
            .map(|p| p.message)
            .collect();
        assert_eq!(
            messages,
            [
                "dependency cycle: a → b (depends_on), b → a (links)",
                "dependency cycle: c → d (volumes_from), d → c (depends_on)",
            ]
        );
    }
}
