//! The plain-text form: the title, then each node with its details and the edges that
//! leave it, one per line, in the graph's order.

use std::fmt::Write as _;

use super::graph::{EdgeKind, Graph};

pub fn render(graph: &Graph) -> String {
    let mut out = graph.title();
    out.push('\n');
    if graph.nodes.is_empty() {
        out.push_str("\nno services to show\n");
        return out;
    }

    for (at, node) in graph.nodes.iter().enumerate() {
        let _ = writeln!(out, "\n{} [{}]", node.name, node.kind.name());
        for line in &node.details {
            let _ = writeln!(out, "  {line}");
        }
        for edge in graph.edges.iter().filter(|e| e.from == at) {
            let Some(to) = graph.nodes.get(edge.to) else {
                continue;
            };
            let relation = match &edge.kind {
                EdgeKind::Publishes { ports } => format!("reaches {} on {ports}", to.name),
                EdgeKind::DependsOn(condition) => {
                    format!("depends on {} ({})", to.name, condition.compose_name())
                }
                EdgeKind::Link => format!("links to {}", to.name),
                EdgeKind::SharesNetwork => format!("uses the network of {}", to.name),
                EdgeKind::SharesIpc => format!("shares the IPC namespace of {}", to.name),
                EdgeKind::SharesPid => format!("sees the processes of {}", to.name),
                EdgeKind::VolumesFrom => format!("mounts the volumes of {}", to.name),
                EdgeKind::Mounts { .. } => {
                    format!("mounts {} at {}", to.name, edge.kind.label())
                }
            };
            let _ = writeln!(out, "  -> {relation}");
        }
    }
    out
}
