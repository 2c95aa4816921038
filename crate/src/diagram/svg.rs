//! The SVG form: boxes and routes from the layout, every text escaped, styled with
//! presentation attributes (no `<style>` element and no `style` attribute, which a strict
//! Content-Security-Policy blocks in an inline SVG), and classes a page may restyle.

use std::fmt::Write as _;

use super::graph::{Condition, Edge, EdgeKind, Graph, Node, NodeKind};
use super::layout::{self, LINE_HEIGHT, Method, PADDING, Placement, Point, Rect, Route};

/// The space around the drawing.
const MARGIN: f64 = 20.0;

pub fn render(graph: &Graph) -> String {
    let placement = layout::place(graph);
    let (min, max) = bounds(&placement);
    let width = max.x - min.x + 2.0 * MARGIN;
    let height = max.y - min.y + 2.0 * MARGIN;

    let mut title = graph.title();
    if placement.method == Method::Grid && !graph.nodes.is_empty() {
        title.push_str(" (drawn as a simple grid: too large for the layered layout)");
    }

    let mut svg = String::new();
    let _ = writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="{} {} {} {}" width="{}" height="{}" role="img" aria-labelledby="diagram-title" font-family="sans-serif" font-size="13">"#,
        number(min.x - MARGIN),
        number(min.y - MARGIN),
        number(width),
        number(height),
        number(width),
        number(height),
    );
    let _ = writeln!(
        svg,
        r#"<title id="diagram-title">{}</title>"#,
        escape(&title)
    );
    svg.push_str(concat!(
        r#"<defs><marker id="arrow-head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">"#,
        r##"<path d="M 0 0 L 10 5 L 0 10 z" fill="#444"/></marker></defs>"##,
        "\n"
    ));

    svg.push_str("<g class=\"edges\">\n");
    for (edge, route) in graph.edges.iter().zip(&placement.routes) {
        if let Some(route) = route {
            edge_element(&mut svg, graph, edge, route);
        }
    }
    svg.push_str("</g>\n<g class=\"nodes\">\n");
    for (node, rect) in graph.nodes.iter().zip(&placement.boxes) {
        node_element(&mut svg, node, rect);
    }
    svg.push_str("</g>\n</svg>\n");
    svg
}

/// The smallest and largest corner of everything drawn.
fn bounds(placement: &Placement) -> (Point, Point) {
    let mut min = Point {
        x: f64::INFINITY,
        y: f64::INFINITY,
    };
    let mut max = Point {
        x: f64::NEG_INFINITY,
        y: f64::NEG_INFINITY,
    };
    let mut include = |p: Point| {
        min.x = min.x.min(p.x);
        min.y = min.y.min(p.y);
        max.x = max.x.max(p.x);
        max.y = max.y.max(p.y);
    };
    for rect in &placement.boxes {
        include(Point {
            x: rect.x,
            y: rect.y,
        });
        include(Point {
            x: rect.x + rect.width,
            y: rect.y + rect.height,
        });
    }
    for route in placement.routes.iter().flatten() {
        include(route.start);
        include(route.start_control);
        for &(control, end) in &route.segments {
            include(control);
            include(end);
        }
    }
    if !min.x.is_finite() || !max.x.is_finite() {
        return (Point { x: 0.0, y: 0.0 }, Point { x: 0.0, y: 0.0 });
    }
    (min, max)
}

/// The fill and stroke of each kind of node.
fn colors(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Clients => ("#f1f3f5", "#495057"),
        NodeKind::App => ("#e7f1ff", "#1c5fb8"),
        NodeKind::Proxy => ("#f3e8ff", "#6f42c1"),
        NodeKind::Stateful => ("#fff4e0", "#b35c00"),
        NodeKind::Volume => ("#eef7ee", "#2f7d32"),
    }
}

fn node_element(svg: &mut String, node: &Node, rect: &Rect) {
    let (fill, stroke) = colors(node.kind);
    let corner = match node.kind {
        NodeKind::Volume | NodeKind::Clients => 14.0,
        _ => 4.0,
    };
    let mut tooltip = format!("{} ({})", node.name, node.kind.name());
    for line in &node.details {
        tooltip.push('\n');
        tooltip.push_str(line);
    }

    let _ = writeln!(
        svg,
        r#"<g class="node {}" id="node-{}"><title>{}</title>"#,
        node.kind.name(),
        node.id,
        escape(&tooltip)
    );
    let _ = writeln!(
        svg,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{fill}" stroke="{stroke}" stroke-width="{}"/>"#,
        number(rect.x),
        number(rect.y),
        number(rect.width),
        number(rect.height),
        number(corner),
        if node.kind == NodeKind::Stateful {
            2.5
        } else {
            1.5
        },
    );
    let x = number(rect.x + PADDING);
    let mut y = rect.y + PADDING + LINE_HEIGHT * 0.75;
    let _ = writeln!(
        svg,
        r##"<text x="{x}" y="{}" font-weight="bold" fill="#212529">{}</text>"##,
        number(y),
        escape(&node.name)
    );
    for line in &node.details {
        y += LINE_HEIGHT;
        let _ = writeln!(
            svg,
            r##"<text x="{x}" y="{}" fill="#495057">{}</text>"##,
            number(y),
            escape(line)
        );
    }
    svg.push_str("</g>\n");
}

/// The stroke of each kind of edge: colour, width and dashes. A `depends_on` edge is
/// thick when it waits for health, dashed when it waits for a one-shot job to finish.
fn stroke(kind: &EdgeKind) -> (&'static str, f64, Option<&'static str>) {
    match kind {
        EdgeKind::Publishes { .. } => ("#495057", 1.5, None),
        EdgeKind::DependsOn(Condition::Started) => ("#1c5fb8", 1.5, None),
        EdgeKind::DependsOn(Condition::Healthy) => ("#1b7f3b", 3.0, None),
        EdgeKind::DependsOn(Condition::CompletedSuccessfully) => ("#1c5fb8", 1.5, Some("8 4")),
        EdgeKind::Link => ("#6c757d", 1.5, Some("2 3")),
        EdgeKind::SharesNetwork | EdgeKind::SharesIpc | EdgeKind::SharesPid => {
            ("#6f42c1", 2.0, Some("6 3 2 3"))
        }
        EdgeKind::VolumesFrom => ("#2f7d32", 1.5, Some("2 3")),
        EdgeKind::Mounts { .. } => ("#2f7d32", 1.5, Some("4 3")),
    }
}

fn edge_element(svg: &mut String, graph: &Graph, edge: &Edge, route: &Route) {
    let name = |at: usize| graph.nodes.get(at).map_or("", |n| n.name.as_str());
    let (color, width, dashes) = stroke(&edge.kind);
    let mut classes = edge.kind.name().to_string();
    if let EdgeKind::DependsOn(condition) = edge.kind {
        classes.push(' ');
        classes.push_str(condition.word());
    }
    let description = match &edge.kind {
        EdgeKind::DependsOn(condition) => format!(
            "{} depends on {} ({})",
            name(edge.from),
            name(edge.to),
            condition.compose_name()
        ),
        kind => format!(
            "{} {} {}: {}",
            name(edge.from),
            kind.name(),
            name(edge.to),
            kind.label()
        ),
    };

    let mut d = format!(
        "M {} {} C {} {}",
        number(route.start.x),
        number(route.start.y),
        number(route.start_control.x),
        number(route.start_control.y)
    );
    for (at, (control, end)) in route.segments.iter().enumerate() {
        let command = if at == 0 { "," } else { " S" };
        let _ = write!(
            d,
            "{command} {} {}, {} {}",
            number(control.x),
            number(control.y),
            number(end.x),
            number(end.y)
        );
    }
    let marker = if route.reversed {
        "marker-start"
    } else {
        "marker-end"
    };
    let dasharray = dashes.map_or(String::new(), |d| format!(r#" stroke-dasharray="{d}""#));

    let _ = writeln!(
        svg,
        r#"<path class="edge {classes}" d="{d}" fill="none" stroke="{color}" stroke-width="{}"{dasharray} {marker}="url(#arrow-head)"><title>{}</title></path>"#,
        number(width),
        escape(&description)
    );
}

/// A coordinate with at most one decimal, the same on every run.
fn number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 || !rounded.is_finite() {
        "0".to_string()
    } else {
        format!("{rounded}")
    }
}

/// Text for XML content and attribute values.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\n' | '\t' => escaped.push(c),
            // not allowed in XML 1.0
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}
