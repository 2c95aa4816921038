//! Places the graph's nodes and routes its edges: a layered layout from `layout-rs` for
//! graphs within its budget, rows of a grid beyond it. The SVG writer draws the result.

use layout::core::base::Orientation;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point as LayoutPoint;
use layout::core::style::StyleAttr;
use layout::std_shapes::shapes::{Arrow, Element, ShapeKind};
use layout::topo::layout::VisualGraph;

use super::graph::{Graph, Node};

/// The most nodes the layered layout is given; its cost grows much faster than the graph.
pub const LAYERED_MAX_NODES: usize = 100;

/// The most edges the layered layout is given.
pub const LAYERED_MAX_EDGES: usize = 120;

/// The most boxes the layered layout may have to order in its layers, counting a point
/// for every layer an edge crosses (the layout adds one to route the edge): a long
/// `depends_on` chain whose every service publishes a port costs the square of its length.
pub const LAYERED_MAX_COST: usize = 500;

/// The height of one line of a node's label, in pixels.
pub const LINE_HEIGHT: f64 = 16.0;

/// The space around a label inside its box.
pub const PADDING: f64 = 10.0;

/// The width a character of a label is taken to take.
const CHAR_WIDTH: f64 = 7.5;

/// The grid layout's columns, and the space between its boxes.
const GRID_COLUMNS: usize = 8;
const GRID_GAP: f64 = 40.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A node's box: its top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// An edge's route as a cubic Bézier path: `start`, then segments of (second control
/// point, end point); the first control point of each segment is the previous one's
/// mirror, except for the first segment, whose first control point is `start_control`.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub start: Point,
    pub start_control: Point,
    pub segments: Vec<(Point, Point)>,
    /// Whether the arrow head is at the start (the layout turned the edge around to
    /// keep the layers acyclic) rather than the end.
    pub reversed: bool,
}

/// How the graph was placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Layered,
    /// Rows of a grid, for a graph beyond the layered layout's budget.
    Grid,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub method: Method,
    /// A box per node, in the graph's order.
    pub boxes: Vec<Rect>,
    /// A route per edge, in the graph's order; `None` when the layout gave none.
    pub routes: Vec<Option<Route>>,
}

/// The size of a node's box for its label.
pub fn box_size(node: &Node) -> (f64, f64) {
    let longest = std::iter::once(&node.name)
        .chain(&node.details)
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0);
    let lines = 1 + node.details.len();
    (
        longest.max(6) as f64 * CHAR_WIDTH + 2.0 * PADDING,
        lines as f64 * LINE_HEIGHT + 2.0 * PADDING,
    )
}

/// Places the graph: layered within the budget, a grid beyond it. An empty graph has
/// nothing to place.
pub fn place(graph: &Graph) -> Placement {
    let within_budget = graph.nodes.len() <= LAYERED_MAX_NODES
        && graph.edges.len() <= LAYERED_MAX_EDGES
        && layered_cost(graph) <= LAYERED_MAX_COST;
    if graph.nodes.is_empty() || !within_budget {
        return grid(graph);
    }
    layered(graph)
}

/// The nodes plus the layers each edge crosses, with layers from the longest path to each
/// node (a node on a cycle is taken when nothing else can be, as the layout reverses an
/// edge of every cycle). An estimate of the layout's work, in linear time.
pub fn layered_cost(graph: &Graph) -> usize {
    let count = graph.nodes.len();
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut waiting = vec![0usize; count];
    for edge in &graph.edges {
        if let (Some(list), Some(_)) = (successors.get_mut(edge.from), waiting.get(edge.to)) {
            list.push(edge.to);
            if let Some(w) = waiting.get_mut(edge.to) {
                *w += 1;
            }
        }
    }

    let mut layer = vec![0usize; count];
    let mut done = vec![false; count];
    let mut ready: Vec<usize> = (0..count).filter(|&n| waiting.get(n) == Some(&0)).collect();
    let mut next_forced = 0;
    loop {
        let node = match ready.pop() {
            Some(node) => node,
            None => {
                while done.get(next_forced) == Some(&true) {
                    next_forced += 1;
                }
                if next_forced >= count {
                    break;
                }
                next_forced
            }
        };
        if done.get(node) != Some(&false) {
            continue;
        }
        if let Some(d) = done.get_mut(node) {
            *d = true;
        }
        let here = layer.get(node).copied().unwrap_or(0);
        for &next in successors.get(node).map_or(&[][..], Vec::as_slice) {
            if done.get(next) == Some(&true) {
                continue;
            }
            if let Some(l) = layer.get_mut(next) {
                *l = (*l).max(here + 1);
            }
            if let Some(w) = waiting.get_mut(next) {
                *w = w.saturating_sub(1);
                if *w == 0 {
                    ready.push(next);
                }
            }
        }
    }

    let crossed: usize = graph
        .edges
        .iter()
        .map(|edge| {
            let from = layer.get(edge.from).copied().unwrap_or(0);
            let to = layer.get(edge.to).copied().unwrap_or(0);
            from.abs_diff(to).saturating_sub(1)
        })
        .sum();
    count + crossed
}

fn layered(graph: &Graph) -> Placement {
    let mut visual = VisualGraph::new(Orientation::TopToBottom);
    // the check after every edge costs a search of the whole graph; our edges are valid
    visual.dag.set_validate(false);

    let handles: Vec<_> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(at, node)| {
            let (width, height) = box_size(node);
            let element = Element::create_with_properties(
                ShapeKind::Box(String::new()),
                StyleAttr::simple(),
                Orientation::TopToBottom,
                LayoutPoint::new(width, height),
                at.to_string(),
            );
            visual.add_node(element)
        })
        .collect();
    for (at, edge) in graph.edges.iter().enumerate() {
        if let (Some(&from), Some(&to)) = (handles.get(edge.from), handles.get(edge.to)) {
            visual.add_edge(Arrow::simple_with_properties("", at.to_string()), from, to);
        }
    }

    let mut recorder = Recorder {
        boxes: vec![None; graph.nodes.len()],
        routes: vec![None; graph.edges.len()],
    };
    visual.do_it(false, false, false, &mut recorder);

    let boxes = recorder
        .boxes
        .into_iter()
        .zip(&graph.nodes)
        .map(|(placed, node)| {
            placed.unwrap_or_else(|| {
                let (width, height) = box_size(node);
                Rect {
                    x: 0.0,
                    y: 0.0,
                    width,
                    height,
                }
            })
        })
        .collect();
    Placement {
        method: Method::Layered,
        boxes,
        routes: recorder.routes,
    }
}

/// Rows of at most `GRID_COLUMNS` boxes, in the graph's order (clients, services,
/// volumes), with straight edges from the bottom of one box to the top of the other.
fn grid(graph: &Graph) -> Placement {
    let sizes: Vec<(f64, f64)> = graph.nodes.iter().map(box_size).collect();
    let column_width = sizes.iter().map(|s| s.0).fold(0.0, f64::max) + GRID_GAP;

    let mut boxes = Vec::with_capacity(sizes.len());
    let mut y = 0.0;
    for row in sizes.chunks(GRID_COLUMNS) {
        let row_height = row.iter().map(|s| s.1).fold(0.0, f64::max);
        for (column, &(width, height)) in row.iter().enumerate() {
            boxes.push(Rect {
                x: column as f64 * column_width + (column_width - GRID_GAP - width) / 2.0,
                y,
                width,
                height,
            });
        }
        y += row_height + GRID_GAP;
    }

    let routes = graph
        .edges
        .iter()
        .map(|edge| {
            let (from, to) = (boxes.get(edge.from)?, boxes.get(edge.to)?);
            let start = Point {
                x: from.x + from.width / 2.0,
                y: from.y + from.height,
            };
            let end = Point {
                x: to.x + to.width / 2.0,
                y: to.y,
            };
            Some(Route {
                start,
                start_control: start,
                segments: vec![(end, end)],
                reversed: false,
            })
        })
        .collect();
    Placement {
        method: Method::Grid,
        boxes,
        routes,
    }
}

/// Receives the layout's draw calls and keeps the geometry: the box of each node and
/// the route of each edge, found by the index each was given as its property.
struct Recorder {
    boxes: Vec<Option<Rect>>,
    routes: Vec<Option<Route>>,
}

fn point(p: LayoutPoint) -> Point {
    let finite = |v: f64| if v.is_finite() { v } else { 0.0 };
    Point {
        x: finite(p.x),
        y: finite(p.y),
    }
}

fn index(properties: Option<String>) -> Option<usize> {
    properties?.parse().ok()
}

impl RenderBackend for Recorder {
    fn draw_rect(
        &mut self,
        xy: LayoutPoint,
        size: LayoutPoint,
        _look: &StyleAttr,
        properties: Option<String>,
        _clip: Option<ClipHandle>,
    ) {
        let corner = point(xy);
        let size = point(size);
        if let Some(slot) = index(properties).and_then(|at| self.boxes.get_mut(at)) {
            *slot = Some(Rect {
                x: corner.x,
                y: corner.y,
                width: size.x,
                height: size.y,
            });
        }
    }

    fn draw_arrow(
        &mut self,
        path: &[(LayoutPoint, LayoutPoint)],
        _dashed: bool,
        head: (bool, bool),
        _look: &StyleAttr,
        properties: Option<String>,
        _text: &str,
    ) {
        let Some(((start, start_control), rest)) = path.split_first() else {
            return;
        };
        if rest.is_empty() {
            return;
        }
        let route = Route {
            start: point(*start),
            start_control: point(*start_control),
            segments: rest.iter().map(|(c, p)| (point(*c), point(*p))).collect(),
            reversed: head.0 && !head.1,
        };
        if let Some(slot) = index(properties).and_then(|at| self.routes.get_mut(at)) {
            *slot = Some(route);
        }
    }

    // labels, lines and circles are drawn by the SVG writer from the graph itself
    fn draw_text(&mut self, _xy: LayoutPoint, _text: &str, _look: &StyleAttr) {}

    fn draw_line(
        &mut self,
        _start: LayoutPoint,
        _stop: LayoutPoint,
        _look: &StyleAttr,
        _properties: Option<String>,
    ) {
    }

    fn draw_circle(
        &mut self,
        _xy: LayoutPoint,
        _size: LayoutPoint,
        _look: &StyleAttr,
        _properties: Option<String>,
    ) {
    }

    fn create_clip(&mut self, _xy: LayoutPoint, _size: LayoutPoint, _rounded: usize) -> ClipHandle {
        0
    }
}
