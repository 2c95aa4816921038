//! The diagram's graph: what a compose project shows (clients, services, named volumes)
//! and how they connect. Read once from the project; the renderers only draw it.

use std::collections::{BTreeMap, BTreeSet};

use crate::analyze::parse_image;
use crate::compose::normalize::MountKind;
use crate::compose::{Port, Project, Service};
use crate::recommend::catalogue::{self, Kind};

/// The most published ports a node's label lists; the rest are counted.
const MAX_PORTS_SHOWN: usize = 3;

/// The longest a label line may be, in characters; longer values are cut with `…`.
const MAX_LINE_CHARS: usize = 60;

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKind {
    /// The clients that reach the published ports.
    Clients,
    /// A service that serves traffic or runs the team's code.
    App,
    /// A reverse proxy or load balancer the catalogue knows.
    Proxy,
    /// A database, cache, queue or store the catalogue knows: it keeps state.
    Stateful,
    /// A named volume.
    Volume,
}

impl NodeKind {
    /// The name used as a class in the SVG and Mermaid forms and as a tag in the text.
    pub fn name(self) -> &'static str {
        match self {
            Self::Clients => "clients",
            Self::App => "app",
            Self::Proxy => "proxy",
            Self::Stateful => "stateful",
            Self::Volume => "volume",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// An id made of ASCII letters and digits only, whatever the name is.
    pub id: String,
    pub kind: NodeKind,
    /// The service's or volume's name as written; the renderers escape it.
    pub name: String,
    /// The lines under the name: image or build context, ports, networks, secrets.
    pub details: Vec<String>,
}

/// A `depends_on` condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Condition {
    Started,
    Healthy,
    CompletedSuccessfully,
}

impl Condition {
    fn read(condition: &str) -> Self {
        match condition {
            "service_healthy" => Self::Healthy,
            "service_completed_successfully" => Self::CompletedSuccessfully,
            _ => Self::Started,
        }
    }

    /// The condition as Compose spells it.
    pub fn compose_name(self) -> &'static str {
        match self {
            Self::Started => "service_started",
            Self::Healthy => "service_healthy",
            Self::CompletedSuccessfully => "service_completed_successfully",
        }
    }

    /// A short word for labels.
    pub fn word(self) -> &'static str {
        match self {
            Self::Started => "started",
            Self::Healthy => "healthy",
            Self::CompletedSuccessfully => "completed",
        }
    }
}

/// Why two nodes are connected.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeKind {
    /// Clients reach a service on its published ports.
    Publishes { ports: String },
    /// `depends_on`: the service starts after its dependency meets the condition.
    DependsOn(Condition),
    /// `links`.
    Link,
    /// `network_mode: service:x`: the service runs in the other's network namespace.
    SharesNetwork,
    /// `ipc: service:x`: the service shares the other's IPC namespace.
    SharesIpc,
    /// `pid: service:x`: the service sees the other's processes.
    SharesPid,
    /// `volumes_from`.
    VolumesFrom,
    /// The service mounts a named volume at a path.
    Mounts { target: String, read_only: bool },
}

impl EdgeKind {
    /// The classes of the edge in the SVG form, and its name in the text form.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Publishes { .. } => "publishes",
            Self::DependsOn(_) => "depends-on",
            Self::Link => "link",
            Self::SharesNetwork => "shares-network",
            Self::SharesIpc => "shares-ipc",
            Self::SharesPid => "shares-pid",
            Self::VolumesFrom => "volumes-from",
            Self::Mounts { .. } => "mounts",
        }
    }

    /// The edge's label: the ports, the condition, the mount path.
    pub fn label(&self) -> String {
        match self {
            Self::Publishes { ports } => ports.clone(),
            Self::DependsOn(condition) => condition.word().to_string(),
            Self::Link => "link".to_string(),
            Self::SharesNetwork => "network of".to_string(),
            Self::SharesIpc => "IPC of".to_string(),
            Self::SharesPid => "processes of".to_string(),
            Self::VolumesFrom => "volumes from".to_string(),
            Self::Mounts { target, read_only } => {
                if *read_only {
                    format!("{target} (ro)")
                } else {
                    target.clone()
                }
            }
        }
    }
}

/// An edge between two nodes, by their index in `Graph::nodes`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub kind: EdgeKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Graph {
    /// The project's name, when it has one.
    pub name: Option<String>,
    /// Clients first (when a port is published), then services in file order, then
    /// named volumes in the order they are first mounted.
    pub nodes: Vec<Node>,
    /// Sorted, without duplicates or edges from a node to itself.
    pub edges: Vec<Edge>,
}

impl Graph {
    /// The number of nodes that are services.
    pub fn service_count(&self) -> usize {
        self.nodes
            .iter()
            .filter(|n| matches!(n.kind, NodeKind::App | NodeKind::Proxy | NodeKind::Stateful))
            .count()
    }

    pub fn volume_count(&self) -> usize {
        self.nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Volume)
            .count()
    }

    /// A one-line description, used as the SVG's title and the text form's heading.
    pub fn title(&self) -> String {
        let name = match &self.name {
            Some(name) => format!("Architecture of {}", clip(name)),
            None => "Architecture of the compose project".to_string(),
        };
        let services = count(self.service_count(), "service", "services");
        let volumes = count(self.volume_count(), "named volume", "named volumes");
        format!("{name}: {services}, {volumes}")
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Reads the graph of the services the active profiles enable.
pub fn read(project: &Project) -> Graph {
    let services: Vec<&Service> = project.enabled_services().collect();
    let publishes = services.iter().any(|s| !published(&s.ports).is_empty());

    let mut nodes = Vec::with_capacity(services.len() + 1);
    if publishes {
        nodes.push(Node {
            id: "clients".to_string(),
            kind: NodeKind::Clients,
            name: "clients".to_string(),
            details: Vec::new(),
        });
    }
    let first_service = nodes.len();
    let mut by_name: BTreeMap<&str, usize> = BTreeMap::new();
    for (number, service) in services.iter().enumerate() {
        by_name.entry(service.name.as_str()).or_insert(nodes.len());
        nodes.push(Node {
            id: format!("s{number}"),
            kind: service_kind(service),
            name: service.name.clone(),
            details: details(service),
        });
    }

    let mut edges = BTreeSet::new();
    let mut volumes: BTreeMap<&str, usize> = BTreeMap::new();
    for (at, service) in services.iter().enumerate() {
        let from = first_service + at;
        let mut connect = |name: &str, kind: EdgeKind| {
            if let Some(&to) = by_name.get(name) {
                if to != from {
                    edges.insert(Edge { from, to, kind });
                }
            }
        };

        for dependency in &service.depends_on {
            let condition = Condition::read(&dependency.condition);
            connect(&dependency.service, EdgeKind::DependsOn(condition));
        }
        for link in &service.links {
            connect(&link.name, EdgeKind::Link);
        }
        for source in &service.volumes_from {
            connect(&source.name, EdgeKind::VolumesFrom);
        }
        let namespaces = [
            (&service.network_mode, EdgeKind::SharesNetwork),
            (&service.ipc, EdgeKind::SharesIpc),
            (&service.pid, EdgeKind::SharesPid),
        ];
        for (mode, kind) in namespaces {
            if let Some(other) = mode.as_ref().and_then(|m| m.value.strip_prefix("service:")) {
                connect(other, kind);
            }
        }

        let ports = published(&service.ports);
        if publishes && !ports.is_empty() {
            edges.insert(Edge {
                from: 0,
                to: from,
                kind: EdgeKind::Publishes {
                    ports: ports_label(&ports),
                },
            });
        }

        for mount in &service.volumes {
            let named = match (&mount.kind, &mount.source) {
                (MountKind::Volume, Some(source)) if !source.is_empty() => source.as_str(),
                _ => continue,
            };
            let to = *volumes.entry(named).or_insert_with(|| {
                nodes.push(Node {
                    id: format!("v{}", nodes.len() - first_service - services.len()),
                    kind: NodeKind::Volume,
                    name: named.to_string(),
                    details: Vec::new(),
                });
                nodes.len() - 1
            });
            edges.insert(Edge {
                from,
                to,
                kind: EdgeKind::Mounts {
                    target: clip(&mount.target),
                    read_only: mount.read_only,
                },
            });
        }
    }

    Graph {
        name: project.name.as_ref().map(|n| n.value.clone()),
        nodes,
        edges: edges.into_iter().collect(),
    }
}

/// Stateful by the catalogue's kind for the image; a service built from local code is
/// the team's app.
fn service_kind(service: &Service) -> NodeKind {
    let known = service
        .image
        .as_ref()
        .and_then(|image| catalogue::for_image(&parse_image(&image.value).repository));
    match known.map(|t| t.kind) {
        None | Some(Kind::Framework) => NodeKind::App,
        Some(Kind::Proxy) => NodeKind::Proxy,
        Some(_) => NodeKind::Stateful,
    }
}

/// The lines under a service's name. Never environment values or build arguments.
fn details(service: &Service) -> Vec<String> {
    let mut lines = Vec::new();

    match (&service.image, &service.build) {
        // an unset variable left a placeholder: the reference as written says more
        (Some(image), _) if image.unresolved => lines.push(clip(image.as_written())),
        (Some(image), _) => lines.push(clip(&image.value)),
        (None, Some(build)) => {
            let context = build.context.as_ref().map_or(".", |c| c.value.as_str());
            lines.push(clip(&format!("build: {context}")));
        }
        (None, None) => lines.push("no image".to_string()),
    }

    let ports = published(&service.ports);
    if !ports.is_empty() {
        lines.push(format!("ports: {}", ports_label(&ports)));
    }
    if let Some(mode) = &service.network_mode {
        if !mode.value.starts_with("service:") {
            lines.push(clip(&format!("network_mode: {}", mode.value)));
        }
    }
    let names = |references: &[crate::compose::Reference]| {
        let names: Vec<&str> = references.iter().map(|r| r.name.as_str()).collect();
        clip(&names.join(", "))
    };
    if !service.networks.is_empty() {
        lines.push(format!("networks: {}", names(&service.networks)));
    }
    if !service.secrets.is_empty() {
        lines.push(format!("secrets: {}", names(&service.secrets)));
    }
    if !service.configs.is_empty() {
        lines.push(format!("configs: {}", names(&service.configs)));
    }
    if let Some(replicas) = service.replicas.filter(|&r| r != 1) {
        lines.push(format!("replicas: {replicas}"));
    }
    lines
}

/// The port entries that publish a port on the host, as written or rebuilt from the
/// long syntax.
fn published(ports: &[Port]) -> Vec<String> {
    ports
        .iter()
        .filter(|p| p.mappings.iter().any(|m| m.published.is_some()))
        .map(|port| match (&port.short, port.mappings.first()) {
            (Some(short), _) => short.clone(),
            (None, Some(m)) => {
                let host = m.host_ip.as_ref().map_or(String::new(), |ip| {
                    if ip.contains(':') {
                        format!("[{ip}]:")
                    } else {
                        format!("{ip}:")
                    }
                });
                let published = m.published.as_deref().unwrap_or_default();
                let protocol = if m.protocol == "tcp" {
                    String::new()
                } else {
                    format!("/{}", m.protocol)
                };
                format!("{host}{published}:{}{protocol}", m.target)
            }
            (None, None) => String::new(),
        })
        .collect()
}

fn ports_label(ports: &[String]) -> String {
    let shown: Vec<&str> = ports
        .iter()
        .take(MAX_PORTS_SHOWN)
        .map(String::as_str)
        .collect();
    let more = ports.len().saturating_sub(MAX_PORTS_SHOWN);
    let label = shown.join(", ");
    if more > 0 {
        clip(&format!("{label} +{more} more"))
    } else {
        clip(&label)
    }
}

/// A value on one line of bounded length: control characters become spaces, and a long
/// value is cut with `…`.
pub fn clip(value: &str) -> String {
    let mut line: String = value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(MAX_LINE_CHARS + 1)
        .collect();
    if line.chars().count() > MAX_LINE_CHARS {
        line = line.chars().take(MAX_LINE_CHARS - 1).collect();
        line.push('…');
    }
    line
}
