//! The normalized Compose project: short and long syntax read into one typed form, each
//! value with the span it was written at. Rules read this, never the text.

use std::collections::HashMap;

use super::load::{Problem, ProblemKind};
use super::normalize::{
    MountKind, PortMapping, parse_duration, parse_port, parse_range, parse_volume,
};
use crate::yaml::{Node, Resolved, Span, Value};

/// A string value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub value: String,
    pub span: Span,
    /// The text as written before interpolation, when interpolation changed it.
    pub written: Option<String>,
    /// Interpolation left an unset variable in it: the value is a placeholder.
    pub unresolved: bool,
}

impl Text {
    /// Whether the value came from a `${VAR}` or `$VAR` substitution.
    pub fn interpolated(&self) -> bool {
        self.written.is_some()
    }

    /// The text as the user wrote it.
    pub fn as_written(&self) -> &str {
        self.written.as_deref().unwrap_or(&self.value)
    }
}

/// A service's `build:` section.
#[derive(Debug, Clone, PartialEq)]
pub struct Build {
    /// The span of the `build` key.
    pub key_span: Span,
    pub context: Option<Text>,
    pub dockerfile: Option<Text>,
    /// The build stage (`target`), if one is named.
    pub target: Option<Text>,
    /// Build arguments, from either the list or the map form.
    pub args: Vec<EnvVar>,
}

/// One variable of a service's `environment`, from either the list or the map form.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvVar {
    pub name: String,
    /// `None` for a bare name, which takes its value from the shell at run time.
    pub value: Option<Text>,
    /// The whole entry: the list item, or the key of the map form.
    pub span: Span,
}

/// What a health check runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HealthTest {
    /// `["CMD", ...]`: the program and its arguments, run without a shell.
    Exec(Vec<String>),
    /// A string, or `["CMD-SHELL", ...]`: run by the container's shell.
    Shell(String),
    /// `["NONE"]` or `disable: true`.
    Disabled,
    /// Neither, for example a list that starts with anything else.
    Invalid,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Healthcheck {
    pub key_span: Span,
    /// `None` when the section only tunes timings and inherits the image's test.
    pub test: Option<HealthTest>,
    /// The timings in seconds, where they are given and read.
    pub interval: Option<f64>,
    pub timeout: Option<f64>,
    pub start_period: Option<f64>,
    pub retries: Option<i64>,
}

/// One entry of `depends_on`.
#[derive(Debug, Clone, PartialEq)]
pub struct Dependency {
    pub service: String,
    pub span: Span,
    /// `service_started` when the short form is used.
    pub condition: String,
    /// Whether the condition was written (the long form).
    pub explicit_condition: bool,
    pub required: bool,
    /// Whether the service restarts when this dependency restarts (`restart: true`).
    pub restart: bool,
}

/// One entry of `ports`, short or long syntax, read into mappings (a range gives several).
#[derive(Debug, Clone, PartialEq)]
pub struct Port {
    pub mappings: Vec<PortMapping>,
    /// The short syntax as written, when it was used.
    pub short: Option<String>,
    pub span: Span,
}

/// One entry of `volumes`, short or long syntax.
#[derive(Debug, Clone, PartialEq)]
pub struct Mount {
    pub kind: MountKind,
    pub source: Option<String>,
    pub target: String,
    pub read_only: bool,
    pub span: Span,
}

/// A reference by name to another service or a top-level resource.
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub name: String,
    pub span: Span,
}

/// `deploy.resources` and the legacy keys with the same meaning.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resources {
    pub cpus_limit: Option<Text>,
    pub memory_limit: Option<Text>,
    pub pids_limit: Option<Text>,
    pub cpus_reservation: Option<Text>,
    pub memory_reservation: Option<Text>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    pub name: String,
    /// The span of the service's name key.
    pub span: Span,
    /// Whether the active profiles enable it.
    pub enabled: bool,
    pub profiles: Vec<String>,
    pub image: Option<Text>,
    pub build: Option<Build>,
    pub environment: Vec<EnvVar>,
    pub healthcheck: Option<Healthcheck>,
    pub depends_on: Vec<Dependency>,
    pub ports: Vec<Port>,
    pub volumes: Vec<Mount>,
    /// The networks the service joins, by name.
    pub networks: Vec<Reference>,
    pub secrets: Vec<Reference>,
    pub configs: Vec<Reference>,
    /// `links`: services by name (the alias is dropped).
    pub links: Vec<Reference>,
    /// `volumes_from` entries that name a service (not `container:...`), by that name.
    pub volumes_from: Vec<Reference>,
    pub network_mode: Option<Text>,
    /// `ipc`: `host`, `shareable`, `service:x`, ...
    pub ipc: Option<Text>,
    /// `pid`: `host` or `service:x`.
    pub pid: Option<Text>,
    pub replicas: Option<i64>,
    pub resources: Resources,
    /// The merged and interpolated definition, for rules that need a key not modelled yet.
    pub node: Node,
}

/// How one service comes to depend on another: Compose starts the other first for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DependencyKind {
    DependsOn,
    Links,
    VolumesFrom,
    /// `network_mode: service:x`
    NetworkMode,
    /// `ipc: service:x`
    Ipc,
    /// `pid: service:x`
    Pid,
}

impl DependencyKind {
    /// The key that makes the dependency, as written.
    pub fn key(self) -> &'static str {
        match self {
            Self::DependsOn => "depends_on",
            Self::Links => "links",
            Self::VolumesFrom => "volumes_from",
            Self::NetworkMode => "network_mode",
            Self::Ipc => "ipc",
            Self::Pid => "pid",
        }
    }
}

/// One edge of the dependency graph: the service depended on, and where it is named.
#[derive(Debug, Clone, PartialEq)]
pub struct DependencyEdge<'s> {
    pub kind: DependencyKind,
    pub service: &'s str,
    pub span: Span,
}

impl Service {
    /// Every service this one depends on, as Compose counts them: `depends_on`, `links`,
    /// `volumes_from` naming a service, and `service:x` in `network_mode`, `ipc` and `pid`;
    /// in that order, each key's entries in the order written.
    pub fn dependency_edges(&self) -> Vec<DependencyEdge<'_>> {
        let edge = |kind, service, span| DependencyEdge {
            kind,
            service,
            span,
        };
        let namespaces = [
            (DependencyKind::NetworkMode, &self.network_mode),
            (DependencyKind::Ipc, &self.ipc),
            (DependencyKind::Pid, &self.pid),
        ];

        let mut edges: Vec<DependencyEdge<'_>> = self
            .depends_on
            .iter()
            .map(|d| edge(DependencyKind::DependsOn, d.service.as_str(), d.span))
            .collect();
        edges.extend(
            self.links
                .iter()
                .map(|r| edge(DependencyKind::Links, r.name.as_str(), r.span)),
        );
        edges.extend(
            self.volumes_from
                .iter()
                .map(|r| edge(DependencyKind::VolumesFrom, r.name.as_str(), r.span)),
        );
        for (kind, mode) in namespaces {
            if let Some(mode) = mode {
                if let Some(target) = mode.value.strip_prefix("service:") {
                    edges.push(edge(kind, target, mode.span));
                }
            }
        }
        edges
    }
}

/// A top-level volume, network, secret or config: its name and the span of its key.
pub type Resource = Reference;

/// A Compose project after loading, merging and interpolation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Project {
    pub name: Option<Text>,
    pub services: Vec<Service>,
    pub volumes: Vec<Resource>,
    pub networks: Vec<Resource>,
    pub secrets: Vec<Resource>,
    pub configs: Vec<Resource>,
    /// Services by name, for look-ups that stay cheap in large projects.
    index: HashMap<String, usize>,
}

impl Project {
    pub fn service(&self, name: &str) -> Option<&Service> {
        self.index.get(name).and_then(|&at| self.services.get(at))
    }

    /// The services the active profiles enable.
    pub fn enabled_services(&self) -> impl Iterator<Item = &Service> {
        self.services.iter().filter(|s| s.enabled)
    }
}

/// Reads a merged, interpolated document into the project model.
pub fn read_project(root: &Node, profiles: &[String], problems: &mut Vec<Problem>) -> Project {
    let mut project = Project {
        name: root.get("name").and_then(text),
        ..Project::default()
    };

    if let Some(services) = root.get("services") {
        match services.as_map() {
            Some(entries) => {
                for entry in entries {
                    let Some(name) = entry.key.as_str() else {
                        continue;
                    };
                    if entry.value.as_map().is_none() {
                        problems.push(Problem::new(
                            ProblemKind::InvalidShape,
                            format!("services.{name} must be a mapping"),
                            entry.value.span,
                        ));
                        continue;
                    }
                    let service =
                        read_service(name, entry.key.span, &entry.value, profiles, problems);
                    project.services.push(service);
                }
            }
            None if services.is_null() => {}
            None => problems.push(Problem::new(
                ProblemKind::InvalidShape,
                "services must be a mapping",
                services.span,
            )),
        }
    }

    project.index = project
        .services
        .iter()
        .enumerate()
        .map(|(at, s)| (s.name.clone(), at))
        .collect();
    project.volumes = resources(root.get("volumes"));
    project.networks = resources(root.get("networks"));
    project.secrets = resources(root.get("secrets"));
    project.configs = resources(root.get("configs"));
    project
}

fn resources(node: Option<&Node>) -> Vec<Resource> {
    node.and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .filter_map(|entry| {
            Some(Resource {
                name: entry.key.as_str()?.to_string(),
                span: entry.key.span,
            })
        })
        .collect()
}

fn read_service(
    name: &str,
    span: Span,
    node: &Node,
    active: &[String],
    problems: &mut Vec<Problem>,
) -> Service {
    let profiles = strings(node.get("profiles"));
    // `*` activates every profile
    let enabled = profiles.is_empty()
        || active.iter().any(|a| a == "*")
        || profiles.iter().any(|p| active.contains(p));
    let deploy = node.get("deploy");
    let limits = deploy
        .and_then(|d| d.get("resources"))
        .and_then(|r| r.get("limits"));
    let reservations = deploy
        .and_then(|d| d.get("resources"))
        .and_then(|r| r.get("reservations"));
    let field = |parent: Option<&Node>, key: &str| parent.and_then(|p| p.get(key)).and_then(text);

    Service {
        name: name.to_string(),
        span,
        enabled,
        profiles,
        image: node.get("image").and_then(text),
        build: node
            .entry("build")
            .map(|entry| read_build(entry.key.span, &entry.value)),
        environment: read_environment(node.get("environment")),
        healthcheck: node
            .entry("healthcheck")
            .map(|entry| read_healthcheck(entry.key.span, &entry.value)),
        depends_on: read_depends_on(node.get("depends_on")),
        ports: read_ports(node.get("ports"), problems),
        volumes: read_mounts(node.get("volumes"), problems),
        networks: names(node.get("networks")),
        secrets: sources(node.get("secrets")),
        configs: sources(node.get("configs")),
        links: names(node.get("links"))
            .into_iter()
            .map(|r| Reference {
                name: r.name.split(':').next().unwrap_or(&r.name).to_string(),
                span: r.span,
            })
            .collect(),
        volumes_from: names(node.get("volumes_from"))
            .into_iter()
            .filter_map(|r| {
                Some(Reference {
                    name: volumes_from_service(&r.name)?.to_string(),
                    span: r.span,
                })
            })
            .collect(),
        network_mode: node.get("network_mode").and_then(text),
        ipc: node.get("ipc").and_then(text),
        pid: node.get("pid").and_then(text),
        replicas: deploy
            .and_then(|d| d.get("replicas"))
            .and_then(integer)
            .or_else(|| node.get("scale").and_then(integer)),
        resources: Resources {
            cpus_limit: field(limits, "cpus").or_else(|| field(Some(node), "cpus")),
            memory_limit: field(limits, "memory").or_else(|| field(Some(node), "mem_limit")),
            pids_limit: field(limits, "pids").or_else(|| field(Some(node), "pids_limit")),
            cpus_reservation: field(reservations, "cpus"),
            memory_reservation: field(reservations, "memory")
                .or_else(|| field(Some(node), "mem_reservation")),
        },
        node: node.clone(),
    }
}

fn read_ports(node: Option<&Node>, problems: &mut Vec<Problem>) -> Vec<Port> {
    let items = node.and_then(Node::as_seq).unwrap_or_default();
    let mut ports = Vec::with_capacity(items.len());

    for item in items {
        match &item.value {
            Value::Map(_) => {
                let Some(target) = long_port_target(item, problems) else {
                    continue;
                };
                let published = item.get("published").and_then(scalar_string);
                if !published_port_fits(item.get("published"), problems) {
                    continue;
                }
                ports.push(Port {
                    mappings: vec![PortMapping {
                        host_ip: item.get("host_ip").and_then(scalar_string),
                        published,
                        target,
                        protocol: item
                            .get("protocol")
                            .and_then(scalar_string)
                            .unwrap_or_else(|| "tcp".to_string()),
                    }],
                    short: None,
                    span: item.span,
                });
            }
            Value::Scalar(_) => {
                let Some(spec) = scalar_string(item) else {
                    continue;
                };
                match parse_port(&spec) {
                    Ok(mappings) => ports.push(Port {
                        mappings,
                        short: Some(spec),
                        span: item.span,
                    }),
                    // an unset variable is already reported; the spec is a placeholder
                    Err(error) if is_unresolved(item) => problems.push(Problem::new(
                        ProblemKind::PlaceholderValue,
                        error.0,
                        item.span,
                    )),
                    Err(error) => {
                        problems.push(Problem::new(ProblemKind::InvalidValue, error.0, item.span))
                    }
                }
            }
            Value::Seq(_) => {}
        }
    }
    ports
}

/// The service a `volumes_from` entry names: `name`, `name:mode`, `service:name` or
/// `service:name:mode`; `None` for `container:name`. `service:ro` (or `:rw`) is a service
/// named `service` with a mode.
fn volumes_from_service(entry: &str) -> Option<&str> {
    if entry.starts_with("container:") {
        return None;
    }
    let entry = match entry.strip_prefix("service:") {
        Some(rest) if !matches!(rest, "ro" | "rw") => rest,
        _ => entry,
    };
    entry.split(':').next()
}

/// The long syntax's `target`: a container port from 1 to 65535. A value that is not a
/// number is the schema's finding, a placeholder the unset variable's.
fn long_port_target(item: &Node, problems: &mut Vec<Problem>) -> Option<u32> {
    let node = item.get("target")?;
    let text = scalar_string(node)?;
    let number: i64 = text.parse().ok()?;
    if is_unresolved(node) {
        return None;
    }

    match u32::try_from(number) {
        Ok(port @ 1..=65535) => Some(port),
        _ => {
            problems.push(Problem::new(
                ProblemKind::InvalidValue,
                format!(
                    "invalid container port {number}: a container port is a number from 1 to 65535"
                ),
                node.span,
            ));
            None
        }
    }
}

/// Whether the long syntax's `published` (absent, a port, or a range) can be read.
fn published_port_fits(node: Option<&Node>, problems: &mut Vec<Problem>) -> bool {
    let Some(node) = node else {
        return true;
    };
    let Some(text) = scalar_string(node) else {
        return true;
    };
    if is_unresolved(node) || text.is_empty() || parse_range(&text).is_some() {
        return true;
    }

    problems.push(Problem::new(
        ProblemKind::InvalidValue,
        format!(
            "invalid published port {text:?}: a host port is a number from 0 to 65535, or a range of them"
        ),
        node.span,
    ));
    false
}

fn read_mounts(node: Option<&Node>, problems: &mut Vec<Problem>) -> Vec<Mount> {
    let items = node.and_then(Node::as_seq).unwrap_or_default();
    let mut mounts = Vec::with_capacity(items.len());

    for item in items {
        match &item.value {
            Value::Map(_) => {
                let kind = match item.get("type").and_then(Node::as_str) {
                    Some("volume") => MountKind::Volume,
                    Some("bind") => MountKind::Bind,
                    Some("tmpfs") => MountKind::Tmpfs,
                    _ => MountKind::Other,
                };
                let Some(target) = item.get("target").and_then(scalar_string) else {
                    continue;
                };
                mounts.push(Mount {
                    kind,
                    source: item.get("source").and_then(scalar_string),
                    target,
                    read_only: item
                        .get("read_only")
                        .and_then(Node::as_scalar)
                        .is_some_and(|s| s.text == "true"),
                    span: item.span,
                });
            }
            Value::Scalar(_) => {
                let Some(spec) = scalar_string(item) else {
                    continue;
                };
                match parse_volume(&spec) {
                    Some(m) => mounts.push(Mount {
                        kind: m.kind,
                        source: m.source,
                        target: m.target,
                        read_only: m.read_only,
                        span: item.span,
                    }),
                    None if is_unresolved(item) => problems.push(Problem::new(
                        ProblemKind::PlaceholderValue,
                        format!(
                            "invalid volume spec {spec:?}: an unset variable left it incomplete"
                        ),
                        item.span,
                    )),
                    None => problems.push(Problem::new(
                        ProblemKind::InvalidValue,
                        format!("invalid volume spec {spec:?}: expected [source:]target[:mode]"),
                        item.span,
                    )),
                }
            }
            Value::Seq(_) => {}
        }
    }
    mounts
}

/// Names from a list of strings or the keys of a mapping.
fn names(node: Option<&Node>) -> Vec<Reference> {
    let Some(node) = node else {
        return Vec::new();
    };
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|item| {
                Some(Reference {
                    name: scalar_string(item)?,
                    span: item.span,
                })
            })
            .collect(),
        Value::Map(entries) => entries
            .iter()
            .filter_map(|entry| {
                Some(Reference {
                    name: entry.key.as_str()?.to_string(),
                    span: entry.key.span,
                })
            })
            .collect(),
        Value::Scalar(_) => Vec::new(),
    }
}

/// Secret and config references: a name, or the long form's `source`.
fn sources(node: Option<&Node>) -> Vec<Reference> {
    node.and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(|item| {
            let name = match &item.value {
                Value::Map(_) => item.get("source").and_then(scalar_string)?,
                _ => scalar_string(item)?,
            };
            Some(Reference {
                name,
                span: item.span,
            })
        })
        .collect()
}

fn read_build(key_span: Span, node: &Node) -> Build {
    match &node.value {
        Value::Map(_) => Build {
            key_span,
            context: node.get("context").and_then(text),
            dockerfile: node.get("dockerfile").and_then(text),
            target: node.get("target").and_then(text),
            args: read_environment(node.get("args")),
        },
        _ => Build {
            key_span,
            context: text(node),
            dockerfile: None,
            target: None,
            args: Vec::new(),
        },
    }
}

fn read_environment(node: Option<&Node>) -> Vec<EnvVar> {
    let Some(node) = node else {
        return Vec::new();
    };

    match &node.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|item| {
                let scalar = item.as_scalar()?;
                let (name, value) = match scalar.text.split_once('=') {
                    Some((name, value)) => (name, Some(value)),
                    None => (scalar.text.as_str(), None),
                };
                let written = scalar
                    .original
                    .as_deref()
                    .and_then(|o| o.split_once('=').map(|(_, v)| v.to_string()));
                Some(EnvVar {
                    name: name.to_string(),
                    value: value.map(|v| Text {
                        value: v.to_string(),
                        span: item.span,
                        written: written.filter(|w| w != v),
                        unresolved: scalar.unresolved,
                    }),
                    span: item.span,
                })
            })
            .collect(),
        Value::Map(entries) => entries
            .iter()
            .filter_map(|entry| {
                Some(EnvVar {
                    name: entry.key.as_str()?.to_string(),
                    value: text(&entry.value),
                    span: entry.key.span,
                })
            })
            .collect(),
        Value::Scalar(_) => Vec::new(),
    }
}

fn read_healthcheck(key_span: Span, node: &Node) -> Healthcheck {
    let seconds = |key: &str| {
        node.get(key)
            .and_then(Node::as_str)
            .and_then(parse_duration)
    };
    let timings = Healthcheck {
        key_span,
        test: None,
        interval: seconds("interval"),
        timeout: seconds("timeout"),
        start_period: seconds("start_period"),
        retries: node.get("retries").and_then(integer),
    };
    let disabled = node
        .get("disable")
        .and_then(Node::as_scalar)
        .is_some_and(|s| s.resolved == Resolved::Bool(true));
    if disabled {
        return Healthcheck {
            test: Some(HealthTest::Disabled),
            ..timings
        };
    }

    let test = node.get("test").map(|test| match &test.value {
        Value::Seq(items) => {
            let words: Vec<String> = items.iter().filter_map(scalar_string).collect();
            match words.split_first() {
                Some((first, rest)) if first == "CMD" => HealthTest::Exec(rest.to_vec()),
                Some((first, rest)) if first == "CMD-SHELL" => HealthTest::Shell(rest.join(" ")),
                Some((first, _)) if first == "NONE" => HealthTest::Disabled,
                _ => HealthTest::Invalid,
            }
        }
        Value::Scalar(s) if s.text.is_empty() => HealthTest::Invalid,
        Value::Scalar(s) => HealthTest::Shell(s.text.clone()),
        Value::Map(_) => HealthTest::Invalid,
    });
    Healthcheck { test, ..timings }
}

fn read_depends_on(node: Option<&Node>) -> Vec<Dependency> {
    let Some(node) = node else {
        return Vec::new();
    };

    match &node.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|item| {
                Some(Dependency {
                    service: item.as_str()?.to_string(),
                    span: item.span,
                    condition: "service_started".to_string(),
                    explicit_condition: false,
                    required: true,
                    restart: false,
                })
            })
            .collect(),
        Value::Map(entries) => entries
            .iter()
            .filter_map(|entry| {
                let condition = entry.value.get("condition").and_then(Node::as_str);
                Some(Dependency {
                    service: entry.key.as_str()?.to_string(),
                    span: entry.key.span,
                    condition: condition.unwrap_or("service_started").to_string(),
                    explicit_condition: condition.is_some(),
                    required: entry
                        .value
                        .get("required")
                        .and_then(Node::as_scalar)
                        .is_none_or(|s| s.resolved != Resolved::Bool(false) && s.text != "false"),
                    restart: entry
                        .value
                        .get("restart")
                        .and_then(Node::as_scalar)
                        .is_some_and(|s| s.resolved == Resolved::Bool(true) || s.text == "true"),
                })
            })
            .collect(),
        Value::Scalar(_) => Vec::new(),
    }
}

/// Whether interpolation left this value with an unset variable in it.
fn is_unresolved(node: &Node) -> bool {
    node.as_scalar().is_some_and(|s| s.unresolved)
}

/// A scalar as a string, the way Compose stringifies numbers and booleans.
fn scalar_string(node: &Node) -> Option<String> {
    let scalar = node.as_scalar()?;
    match scalar.resolved {
        Resolved::Null => None,
        _ => Some(scalar.text.clone()),
    }
}

fn text(node: &Node) -> Option<Text> {
    let scalar = node.as_scalar()?;
    if scalar.resolved == Resolved::Null {
        return None;
    }
    Some(Text {
        value: scalar.text.clone(),
        span: node.span,
        written: scalar.original.clone(),
        unresolved: scalar.unresolved,
    })
}

fn integer(node: &Node) -> Option<i64> {
    match node.as_scalar()?.resolved {
        Resolved::Int(i) => Some(i),
        _ => node.as_scalar()?.text.parse().ok(),
    }
}

fn strings(node: Option<&Node>) -> Vec<String> {
    node.and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(scalar_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::compose::{Input, ProblemKind, load};
    use crate::source::SourceFile;

    /// The invalid values of a file, each with the text its span covers.
    fn invalid(text: &str) -> Vec<(String, String)> {
        let input = Input {
            files: vec![SourceFile::new("compose.yaml", text)],
            ..Input::default()
        };
        load(&input)
            .problems
            .into_iter()
            .filter(|p| p.kind == ProblemKind::InvalidValue)
            .map(|p| (p.message, text[p.span.start..p.span.end].to_string()))
            .collect()
    }

    #[test]
    fn volumes_from_names_a_service_in_every_form() {
        for (entry, service) in [
            ("db", Some("db")),
            ("db:ro", Some("db")),
            ("service:db", Some("db")),
            ("service:db:rw", Some("db")),
            ("service:ro", Some("service")),
            ("service", Some("service")),
            ("container:db", None),
            ("container:db:ro", None),
        ] {
            assert_eq!(super::volumes_from_service(entry), service, "{entry}");
        }
    }

    #[test]
    fn long_syntax_ports_are_within_range() {
        let text = "services:
  web:
    image: nginx:1.27
    ports:
      - target: 0
      - target: 70000
        published: 8080
      - target: 80
        published: \"70000\"
      - target: 81
        published: 9000-8000
      - target: 82
        published: 8000-8010
      - target: 83
        published: ${PORT}
      - target: ${TARGET}
      - \"8080:0\"
      - \"8000-8002:80-81\"
";
        let found = invalid(text);
        let expected = [
            (
                "invalid container port 0: a container port is a number from 1 to 65535",
                "0",
            ),
            (
                "invalid container port 70000: a container port is a number from 1 to 65535",
                "70000",
            ),
            (
                "invalid published port \"70000\": a host port is a number from 0 to 65535, or a range of them",
                "\"70000\"",
            ),
            (
                "invalid published port \"9000-8000\": a host port is a number from 0 to 65535, or a range of them",
                "9000-8000",
            ),
            (
                "invalid container port \"0\" in port \"8080:0\": port 0 cannot be a container port",
                "\"8080:0\"",
            ),
            (
                "invalid ranges in port \"8000-8002:80-81\": the host range and the container range differ in length",
                "\"8000-8002:80-81\"",
            ),
        ];
        let found: Vec<(&str, &str)> = found
            .iter()
            .map(|(m, s)| (m.as_str(), s.as_str()))
            .collect();
        assert_eq!(found, expected);

        let project = load(&Input {
            files: vec![SourceFile::new("compose.yaml", text)],
            ..Input::default()
        })
        .project;
        let targets: Vec<u32> = project.services[0]
            .ports
            .iter()
            .flat_map(|p| p.mappings.iter().map(|m| m.target))
            .collect();
        assert_eq!(targets, [82, 83], "invalid entries are left out");
    }
}
