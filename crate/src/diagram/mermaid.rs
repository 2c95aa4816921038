//! The Mermaid form: a `flowchart` whose node ids are generated (`s0`, `v0`, `clients`) and
//! whose every label is quoted, with the characters Mermaid reads inside a quoted label
//! written as its entity codes, so no name can end the label or inject markup.

use std::fmt::Write as _;

use super::graph::{Condition, EdgeKind, Graph, NodeKind};

pub fn render(graph: &Graph) -> String {
    let mut out = String::from("flowchart TB\n");
    let _ = writeln!(out, "  %% {}", comment(&graph.title()));

    for node in &graph.nodes {
        let mut label = format!("<b>{}</b>", escape(&node.name));
        for line in &node.details {
            label.push_str("<br/>");
            label.push_str(&escape(line));
        }
        let (open, close) = match node.kind {
            NodeKind::Clients => ("([", "])"),
            NodeKind::Stateful => ("[(", ")]"),
            NodeKind::Volume => ("[/", "/]"),
            NodeKind::App | NodeKind::Proxy => ("[", "]"),
        };
        let _ = writeln!(out, "  {}{open}\"{label}\"{close}", node.id);
    }

    for edge in &graph.edges {
        let (Some(from), Some(to)) = (graph.nodes.get(edge.from), graph.nodes.get(edge.to)) else {
            continue;
        };
        let arrow = match edge.kind {
            EdgeKind::DependsOn(Condition::Healthy) => "==>",
            EdgeKind::DependsOn(Condition::CompletedSuccessfully) => "-.->",
            EdgeKind::Link | EdgeKind::VolumesFrom | EdgeKind::Mounts { .. } => "-.->",
            EdgeKind::SharesNetwork | EdgeKind::SharesIpc | EdgeKind::SharesPid => "-.-",
            EdgeKind::Publishes { .. } | EdgeKind::DependsOn(Condition::Started) => "-->",
        };
        let label = escape(&edge.kind.label());
        let _ = writeln!(out, "  {} {arrow}|\"{label}\"| {}", from.id, to.id);
    }

    let kinds = [
        (NodeKind::Clients, "fill:#f1f3f5,stroke:#495057"),
        (NodeKind::App, "fill:#e7f1ff,stroke:#1c5fb8"),
        (NodeKind::Proxy, "fill:#f3e8ff,stroke:#6f42c1"),
        (
            NodeKind::Stateful,
            "fill:#fff4e0,stroke:#b35c00,stroke-width:2px",
        ),
        (NodeKind::Volume, "fill:#eef7ee,stroke:#2f7d32"),
    ];
    for (kind, style) in kinds {
        let ids: Vec<&str> = graph
            .nodes
            .iter()
            .filter(|n| n.kind == kind)
            .map(|n| n.id.as_str())
            .collect();
        if ids.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  classDef {} {style}", kind.name());
        let _ = writeln!(out, "  class {} {}", ids.join(","), kind.name());
    }
    out
}

/// Text inside a quoted label: every character that Mermaid or the HTML it renders could
/// read as syntax is written as an entity code (`#quot;`, `#lt;`, `#35;`, ...).
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => escaped.push_str("#quot;"),
            '<' => escaped.push_str("#lt;"),
            '>' => escaped.push_str("#gt;"),
            '&' => escaped.push_str("#amp;"),
            '#' => escaped.push_str("#35;"),
            '`' | '%' | '|' | '\\' | '\'' | '{' | '}' | '[' | ']' | '(' | ')' | ';' => {
                let _ = write!(escaped, "#{};", u32::from(c));
            }
            c if c.is_control() => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Text for a `%%` comment line: letters, digits and plain punctuation only, so that it
/// can neither end the line nor open a `%%{...}%%` directive.
fn comment(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() || " -_.,:".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}
