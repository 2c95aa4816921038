//! YAML 1.2 into one tree of positioned nodes per document. Knows nothing of Compose:
//! anchors, aliases (within a budget), merge keys, duplicate keys, tags and positions.

mod lines;
mod scalar;
mod tree;

pub use lines::{LineIndex, Position};
pub use scalar::Resolved;
pub use tree::{
    Comment, Document, Entry, Limits, Node, Parsed, Scalar, Span, Style, Tag, Value, YamlError,
    YamlErrorKind, parse,
};
