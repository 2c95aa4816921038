//! The architecture diagram of a compose project: one graph of its services, clients and
//! named volumes, rendered three ways (SVG laid out by a layered graph layout, Mermaid,
//! plain text). Disabled services are left out; environment values are never read.

mod graph;
mod layout;
mod mermaid;
mod svg;
mod text;

use serde::Serialize;
use tsify::Tsify;

use crate::compose::Project;

pub use graph::{Condition, Edge, EdgeKind, Graph, Node, NodeKind};
pub use layout::{LAYERED_MAX_COST, LAYERED_MAX_EDGES, LAYERED_MAX_NODES, layered_cost};

/// The diagram in three forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Diagram {
    /// A standalone SVG document with a `viewBox` and a `<title>`.
    pub svg: String,
    /// A Mermaid `flowchart`.
    pub mermaid: String,
    /// Plain text, one node and its edges after another.
    pub text: String,
}

/// The diagram of the services the active profiles enable.
pub fn diagram(project: &Project) -> Diagram {
    let graph = graph::read(project);

    Diagram {
        svg: svg::render(&graph),
        mermaid: mermaid::render(&graph),
        text: text::render(&graph),
    }
}

/// The graph the diagram draws, for callers that render it their own way.
pub fn graph(project: &Project) -> Graph {
    graph::read(project)
}
