//! Builds one positioned tree per YAML document from the parser's events: aliases
//! expanded within a budget, merge keys resolved, duplicate keys reported, tags kept.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle, Span as Marks};

use super::scalar::{Resolved, resolve_plain, resolve_tagged};

/// A half-open range of byte offsets into the text of one file, named by its index
/// among the files read together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub file: usize,
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(file: usize, start: usize, end: usize) -> Self {
        Self { file, start, end }
    }

    /// An empty span at this span's end.
    pub fn at_end(self) -> Self {
        Self {
            start: self.end,
            ..self
        }
    }
}

/// How a scalar was written; rules about quoting need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// The tags Compose gives meaning to, and any other local tag by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tag {
    /// `!reset`: remove the value inherited from a base file.
    Reset,
    /// `!override`: replace the inherited value instead of merging with it.
    Override,
    /// A core-schema tag such as `!!str`, by its suffix.
    Core(String),
    /// Any other tag, as written.
    Other(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    /// The scalar's content after YAML unescaping, before any interpolation.
    pub text: String,
    pub style: Style,
    pub resolved: Resolved,
    /// The text as written, when a later stage (Compose interpolation) has rewritten
    /// `text`; `None` while the two are the same.
    pub original: Option<String>,
    /// Set by the same stage when the rewritten text lacks values it needed (an unset
    /// variable), so later checks of the value would judge a placeholder.
    pub unresolved: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// One YAML node and where it was written. A node copied in by an alias or a merge key
/// keeps the span of its definition, so findings point at the text that says it.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub tag: Option<Tag>,
    pub value: Value,
}

impl Node {
    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    /// The scalar's text, for scalars that are not null.
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar()
            .filter(|s| s.resolved != Resolved::Null)
            .map(|s| s.text.as_str())
    }

    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar(s) if s.resolved == Resolved::Null)
    }

    /// The entry of a mapping with this key.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?
            .iter()
            .find(|entry| entry.key.as_scalar().is_some_and(|k| k.text == key))
    }

    /// The value of a mapping's key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|entry| &entry.value)
    }

    /// The name of a YAML kind, for messages: "a mapping", "a string", ...
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Map(_) => "a mapping",
            Value::Seq(_) => "a sequence",
            Value::Scalar(s) => match s.resolved {
                Resolved::Null => "null",
                Resolved::Bool(_) => "a boolean",
                Resolved::Int(_) => "an integer",
                Resolved::Float(_) => "a number",
                Resolved::Str => "a string",
            },
        }
    }
}

/// One document of a YAML stream.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub root: Node,
}

/// A problem in the YAML itself, at the span where it stands; `related` is a second
/// place the message refers to (the first definition of a duplicate key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub kind: YamlErrorKind,
    pub message: String,
    pub span: Span,
    pub related: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// The text is not YAML; nothing after this point was read.
    Syntax,
    DuplicateKey,
    InvalidMerge,
    /// A limit was reached (alias expansion, nesting depth); nothing after it was read.
    Limit,
}

/// Bounds that keep hostile input from costing unbounded time or memory.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Nodes that alias expansion may create, in all documents together.
    pub alias_nodes: usize,
    /// Bytes of scalar text that alias expansion may copy, in all documents together.
    pub alias_bytes: usize,
    /// How deep collections may nest.
    pub depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            alias_nodes: 200_000,
            alias_bytes: 16 * 1024 * 1024,
            depth: 256,
        }
    }
}

/// What a YAML stream read into: its documents, its comments, and every error found on
/// the way. A fatal error (syntax, limit) ends the stream; the documents read before it
/// are kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub documents: Vec<Document>,
    pub comments: Vec<Comment>,
    pub errors: Vec<YamlError>,
    /// The span of every node that carries an anchor: text that aliases share, so an
    /// edit inside it changes every place that uses it.
    pub anchors: Vec<Span>,
}

/// A comment: its text from the `#` to the end of the line, and whether code stands
/// before it on its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    pub text: String,
    pub trailing: bool,
}

/// Parses every document of a YAML stream.
pub fn parse(text: &str, file: usize, limits: Limits) -> Parsed {
    // YAML allows no control characters but tab and line breaks, as Compose's parser
    // says too; the scanner would misreport one (a NUL reads as the end of the stream)
    if let Some((at, character)) = control_character(text) {
        return Parsed {
            documents: Vec::new(),
            comments: Vec::new(),
            errors: vec![YamlError {
                kind: YamlErrorKind::Syntax,
                message: format!(
                    "the control character U+{:04X} is not allowed in YAML",
                    u32::from(character)
                ),
                span: Span::new(file, at, at + character.len_utf8()),
                related: None,
            }],
            anchors: Vec::new(),
        };
    }

    let mut builder = Builder::new(text, file, limits);
    let parser = Parser::new_from_str(text);

    for event in parser {
        let outcome = match event {
            Ok((event, marks)) => builder.event(event, marks),
            Err(error) => {
                let at = builder.offset(error.marker().index());
                // the scanner bounds flow nesting itself
                let kind = if error.info().contains("recursion limit") {
                    YamlErrorKind::Limit
                } else {
                    YamlErrorKind::Syntax
                };
                Err(YamlError {
                    kind,
                    message: error.info().to_string(),
                    span: Span::new(builder.file, at, at),
                    related: None,
                })
            }
        };
        if let Err(error) = outcome {
            builder.errors.push(error);
            break;
        }
    }

    let comments = comments(text, file, &builder.documents);
    Parsed {
        documents: builder.documents,
        comments,
        errors: builder.errors,
        anchors: builder.anchored,
    }
}

/// The first character YAML does not allow in a stream, and its byte offset: a C0 control
/// other than tab, line feed and carriage return, DEL, a C1 control other than NEL, or
/// U+FFFE and U+FFFF.
fn control_character(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let at = bytes
        .iter()
        .enumerate()
        .position(|(at, &byte)| match byte {
            b'\t' | b'\n' | b'\r' => false,
            0..0x20 | 0x7f => true,
            // U+0080 to U+009F, but U+0085 (NEL)
            0xc2 => bytes
                .get(at + 1)
                .is_some_and(|next| (0x80..0xa0).contains(next) && *next != 0x85),
            // U+FFFE and U+FFFF
            0xef => {
                bytes.get(at + 1) == Some(&0xbf) && matches!(bytes.get(at + 2), Some(0xbe | 0xbf))
            }
            _ => false,
        })?;
    let character = text.get(at..)?.chars().next()?;
    Some((at, character))
}

/// Finds the comments of a text: a `#` at the start of a line or after white space, and
/// not inside any scalar (quoted and block scalars may hold `#`).
fn comments(text: &str, file: usize, documents: &[Document]) -> Vec<Comment> {
    if !text.contains('#') {
        return Vec::new();
    }

    let mut scalars: Vec<(usize, usize)> = Vec::new();
    let mut stack: Vec<&Node> = documents.iter().map(|d| &d.root).collect();
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Scalar(_) => scalars.push((node.span.start, node.span.end)),
            Value::Seq(items) => stack.extend(items.iter()),
            Value::Map(entries) => {
                for entry in entries {
                    stack.push(&entry.key);
                    stack.push(&entry.value);
                }
            }
        }
    }
    crate::sort::sort(&mut scalars);
    scalars.dedup();
    let inside_scalar = |at: usize| {
        let before = scalars.partition_point(|(start, _)| *start <= at);
        scalars
            .get(..before)
            .unwrap_or_default()
            .iter()
            .rev()
            .take(8)
            .any(|(start, end)| *start <= at && at < *end)
    };

    let mut found = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let mut previous: Option<char> = None;
        for (offset, c) in line.char_indices() {
            let at = line_start + offset;
            let starts_comment = c == '#' && previous.is_none_or(|p| p == ' ' || p == '\t');
            if starts_comment && !inside_scalar(at) {
                let body = line
                    .get(offset..)
                    .unwrap_or("")
                    .trim_end_matches(['\n', '\r']);
                let trailing = !line.get(..offset).unwrap_or("").trim().is_empty();
                found.push(Comment {
                    span: Span::new(file, at, at + body.len()),
                    text: body.to_string(),
                    trailing,
                });
                break;
            }
            previous = Some(c);
        }
        line_start += line.len();
    }
    found
}

/// What a node costs to copy: its nodes and the bytes of its scalars.
#[derive(Debug, Clone, Copy, Default)]
struct Weight {
    nodes: usize,
    bytes: usize,
}

impl Weight {
    const COLLECTION: Weight = Weight { nodes: 1, bytes: 0 };

    fn plus(self, other: Weight) -> Weight {
        Weight {
            nodes: self.nodes.saturating_add(other.nodes),
            bytes: self.bytes.saturating_add(other.bytes),
        }
    }
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        tag: Option<Tag>,
        items: Vec<Node>,
        count: Weight,
    },
    Map {
        start: usize,
        anchor: usize,
        tag: Option<Tag>,
        entries: Vec<Entry>,
        key: Option<Node>,
        count: Weight,
    },
}

struct Builder<'t> {
    file: usize,
    /// Byte offset of each character, when the text is not ASCII (the parser counts
    /// characters).
    char_offsets: Option<Vec<usize>>,
    len: usize,
    limits: Limits,
    /// What alias expansion has copied so far.
    aliased: Weight,
    stack: Vec<Frame>,
    /// Completed anchored nodes by anchor id, with their weights.
    anchors: HashMap<usize, (Node, Weight)>,
    /// The spans of every anchored node, in all documents.
    anchored: Vec<Span>,
    documents: Vec<Document>,
    root: Option<Node>,
    errors: Vec<YamlError>,
    text: &'t str,
    line_starts: Option<Vec<usize>>,
}

impl<'t> Builder<'t> {
    fn new(text: &'t str, file: usize, limits: Limits) -> Self {
        let char_offsets = (!text.is_ascii()).then(|| {
            let mut offsets: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
            offsets.push(text.len());
            offsets
        });
        Self {
            file,
            char_offsets,
            len: text.len(),
            limits,
            aliased: Weight::default(),
            stack: Vec::new(),
            anchors: HashMap::new(),
            anchored: Vec::new(),
            documents: Vec::new(),
            root: None,
            errors: Vec::new(),
            text,
            line_starts: None,
        }
    }

    fn offset(&self, char_index: usize) -> usize {
        match &self.char_offsets {
            Some(offsets) => offsets.get(char_index).copied().unwrap_or(self.len),
            None => char_index.min(self.len),
        }
    }

    fn span(&self, marks: &Marks) -> Span {
        Span::new(
            self.file,
            self.offset(marks.start.index()),
            self.offset(marks.end.index()),
        )
    }

    fn event(&mut self, event: Event<'_>, marks: Marks) -> Result<(), YamlError> {
        match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => Ok(()),
            Event::DocumentStart(_) => {
                // anchors exist only within one document
                self.anchors.clear();
                self.root = None;
                Ok(())
            }
            Event::DocumentEnd => {
                if let Some(root) = self.root.take() {
                    self.documents.push(Document { root });
                }
                Ok(())
            }
            Event::Scalar(text, style, anchor, tag) => {
                let mut span = self.span(&marks);
                // the parser's end mark of a quoted scalar lies past what follows it on
                // the line (a comment); the closing quote is where it ends
                let quote = match style {
                    ScalarStyle::SingleQuoted => Some(b'\''),
                    ScalarStyle::DoubleQuoted => Some(b'"'),
                    _ => None,
                };
                if let Some(end) = quote.and_then(|q| quoted_end(self.text, span.start, q)) {
                    span.end = end.min(span.end);
                }
                let tag = tag.map(|t| convert_tag(&t.handle, &t.suffix));
                let weight = Weight {
                    nodes: 1,
                    bytes: text.len(),
                };
                let node = scalar_node(text.into_owned(), style, tag, span);
                self.complete(node, anchor, weight)
            }
            Event::Alias(id) => {
                let span = self.span(&marks);
                let Some((node, count)) = self.anchors.get(&id) else {
                    return Err(self.error(YamlErrorKind::Syntax, "unknown alias", span));
                };
                let count = *count;
                self.aliased = self.aliased.plus(count);
                if self.aliased.nodes > self.limits.alias_nodes
                    || self.aliased.bytes > self.limits.alias_bytes
                {
                    let message = format!(
                        "excessive aliasing: alias expansion exceeds the limit of {} nodes or {} bytes",
                        self.limits.alias_nodes, self.limits.alias_bytes
                    );
                    return Err(self.error(YamlErrorKind::Limit, &message, span));
                }
                let node = node.clone();
                self.complete(node, 0, count)
            }
            Event::SequenceStart(anchor, tag) => {
                self.check_depth(&marks)?;
                self.stack.push(Frame::Seq {
                    start: self.offset(marks.start.index()),
                    anchor,
                    tag: tag.map(|t| convert_tag(&t.handle, &t.suffix)),
                    items: Vec::new(),
                    count: Weight::COLLECTION,
                });
                Ok(())
            }
            Event::MappingStart(anchor, tag) => {
                self.check_depth(&marks)?;
                self.stack.push(Frame::Map {
                    start: self.offset(marks.start.index()),
                    anchor,
                    tag: tag.map(|t| convert_tag(&t.handle, &t.suffix)),
                    entries: Vec::new(),
                    key: None,
                    count: Weight::COLLECTION,
                });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => self.close(&marks),
        }
    }

    fn check_depth(&self, marks: &Marks) -> Result<(), YamlError> {
        if self.stack.len() >= self.limits.depth {
            let message = format!("nesting deeper than {} levels", self.limits.depth);
            return Err(self.error(YamlErrorKind::Limit, &message, self.span(marks)));
        }
        Ok(())
    }

    fn error(&self, kind: YamlErrorKind, message: &str, span: Span) -> YamlError {
        YamlError {
            kind,
            message: message.to_string(),
            span,
            related: None,
        }
    }

    fn close(&mut self, marks: &Marks) -> Result<(), YamlError> {
        let end_marks = self.span(marks);
        let Some(frame) = self.stack.pop() else {
            return Err(self.error(YamlErrorKind::Syntax, "unbalanced collection", end_marks));
        };

        // a flow collection's closing bracket has a width; a block one ends at its
        // last child
        let end_of = |last: Option<Span>, start: usize| {
            if end_marks.end > end_marks.start {
                end_marks.end
            } else {
                last.map_or(start, |s| s.end)
            }
        };

        match frame {
            Frame::Seq {
                start,
                anchor,
                tag,
                items,
                count,
            } => {
                let end = end_of(items.last().map(|n| n.span), start);
                let node = Node {
                    span: Span::new(self.file, start, end.max(start)),
                    tag,
                    value: Value::Seq(items),
                };
                self.complete(node, anchor, count)
            }
            Frame::Map {
                start,
                anchor,
                tag,
                entries,
                key,
                count,
            } => {
                let mut entries = entries;
                if let Some(key) = key {
                    // a key with no value event cannot happen in a well-formed stream;
                    // keep it with a null value rather than dropping it
                    let span = key.span.at_end();
                    entries.push(Entry {
                        key,
                        value: scalar_node(String::new(), ScalarStyle::Plain, None, span),
                    });
                }
                let end = end_of(entries.last().map(|e| e.value.span), start);
                let entries = self.resolve_mapping(entries);
                let node = Node {
                    span: Span::new(self.file, start, end.max(start)),
                    tag,
                    value: Value::Map(entries),
                };
                self.complete(node, anchor, count)
            }
        }
    }

    /// Reports duplicate keys and applies merge keys: local keys win over merged ones,
    /// and earlier merge sources win over later ones.
    fn resolve_mapping(&mut self, entries: Vec<Entry>) -> Vec<Entry> {
        let firsts = first_definitions(&entries);
        let mut local = Vec::with_capacity(entries.len());
        let mut merges: Vec<(usize, Node)> = Vec::new();

        for (at, entry) in entries.into_iter().enumerate() {
            let Some(key) = entry.key.as_scalar().map(|s| s.text.as_str()) else {
                self.errors.push(self.error(
                    YamlErrorKind::Syntax,
                    "a mapping key must be a scalar",
                    entry.key.span,
                ));
                continue;
            };
            if let Some(first) = firsts.get(at).copied().flatten() {
                let first_line = self.line_of(first.start);
                let message = format!("mapping key \"{key}\" already defined at line {first_line}");
                self.errors.push(YamlError {
                    kind: YamlErrorKind::DuplicateKey,
                    message,
                    span: entry.key.span,
                    related: Some(first),
                });
                continue;
            }
            if is_merge_key(&entry.key) {
                merges.push((local.len(), entry.value));
            } else {
                local.push(entry);
            }
        }

        if merges.is_empty() {
            return local;
        }

        let mut seen: HashSet<String> = local.iter().filter_map(|e| key_text(&e.key)).collect();
        let mut merged: Vec<(usize, Entry)> = Vec::new();
        for (position, source) in merges {
            for source_map in self.merge_sources(source) {
                for entry in source_map {
                    let Some(key) = key_text(&entry.key) else {
                        continue;
                    };
                    if !seen.insert(key) {
                        continue;
                    }
                    merged.push((position, entry));
                }
            }
        }

        // merged keys stand where their `<<` stood
        let mut result = Vec::with_capacity(local.len() + merged.len());
        let mut merged = merged.into_iter().peekable();
        for (index, entry) in local.into_iter().enumerate() {
            while let Some((_, m)) = merged.next_if(|(at, _)| *at == index) {
                result.push(m);
            }
            result.push(entry);
        }
        result.extend(merged.map(|(_, m)| m));
        result
    }

    fn merge_sources(&mut self, source: Node) -> Vec<Vec<Entry>> {
        let span = source.span;
        match source.value {
            Value::Map(entries) => vec![entries],
            Value::Seq(items) => {
                let mut maps = Vec::with_capacity(items.len());
                for item in items {
                    match item.value {
                        Value::Map(entries) => maps.push(entries),
                        _ => self.errors.push(self.error(
                            YamlErrorKind::InvalidMerge,
                            "a merge key list may hold only mappings",
                            item.span,
                        )),
                    }
                }
                maps
            }
            Value::Scalar(_) => {
                self.errors.push(self.error(
                    YamlErrorKind::InvalidMerge,
                    "a merge key needs a mapping or a list of mappings",
                    span,
                ));
                Vec::new()
            }
        }
    }

    /// The 1-based line of an offset; the line starts are found once, on first use.
    fn line_of(&mut self, offset: usize) -> usize {
        let text = self.text;
        let starts = self.line_starts.get_or_insert_with(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(at, _)| at + 1))
                .collect()
        });
        starts.partition_point(|&start| start <= offset)
    }

    /// Hands a finished node to its parent, or makes it the document's root.
    fn complete(&mut self, node: Node, anchor: usize, count: Weight) -> Result<(), YamlError> {
        if anchor != 0 {
            self.anchored.push(node.span);
            self.anchors.insert(anchor, (node.clone(), count));
        }

        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
            }
            Some(Frame::Seq {
                items, count: c, ..
            }) => {
                *c = c.plus(count);
                items.push(node);
            }
            Some(Frame::Map {
                entries,
                key,
                count: c,
                ..
            }) => {
                *c = c.plus(count);
                match key.take() {
                    None => *key = Some(node),
                    Some(k) => entries.push(Entry {
                        key: k,
                        value: node,
                    }),
                }
            }
        }
        Ok(())
    }
}

fn convert_tag(handle: &str, suffix: &str) -> Tag {
    match (handle, suffix) {
        ("!", "reset") => Tag::Reset,
        ("!", "override") => Tag::Override,
        ("tag:yaml.org,2002:" | "!!", _) => Tag::Core(suffix.to_string()),
        _ => Tag::Other(format!("{handle}{suffix}")),
    }
}

/// The byte just past the closing quote of a quoted scalar that opens at `start`: `\`
/// escapes in double quotes, `''` in single quotes.
fn quoted_end(text: &str, start: usize, quote: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.get(start) != Some(&quote) {
        return None;
    }
    let mut at = start + 1;
    loop {
        match *bytes.get(at)? {
            b'\\' if quote == b'"' => at += 2,
            b if b == quote => {
                if quote == b'\'' && bytes.get(at + 1) == Some(&b'\'') {
                    at += 2;
                } else {
                    return Some(at + 1);
                }
            }
            _ => at += 1,
        }
    }
}

fn scalar_node(text: String, style: ScalarStyle, tag: Option<Tag>, span: Span) -> Node {
    let style = match style {
        ScalarStyle::Plain => Style::Plain,
        ScalarStyle::SingleQuoted => Style::SingleQuoted,
        ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
        ScalarStyle::Literal => Style::Literal,
        ScalarStyle::Folded => Style::Folded,
    };
    let resolved = match &tag {
        Some(Tag::Core(suffix)) => resolve_tagged(suffix, &text).unwrap_or(Resolved::Str),
        Some(Tag::Reset) | Some(Tag::Override) if style == Style::Plain => resolve_plain(&text),
        Some(_) => Resolved::Str,
        None if style == Style::Plain => resolve_plain(&text),
        None => Resolved::Str,
    };
    Node {
        span,
        tag,
        value: Value::Scalar(Scalar {
            text,
            style,
            resolved,
            original: None,
            unresolved: false,
        }),
    }
}

fn is_merge_key(key: &Node) -> bool {
    match &key.value {
        Value::Scalar(s) => {
            s.text == "<<"
                && (s.style == Style::Plain
                    || matches!(&key.tag, Some(Tag::Core(t)) if t == "merge"))
        }
        _ => false,
    }
}

/// For each entry, the span of the first entry with the same key when it repeats one.
/// Small mappings (nearly all of them) are compared pairwise, without allocating.
fn first_definitions(entries: &[Entry]) -> Vec<Option<Span>> {
    fn key(e: &Entry) -> Option<&str> {
        e.key.as_scalar().map(|s| s.text.as_str())
    }
    let mut firsts = vec![None; entries.len()];

    if entries.len() <= 16 {
        for (at, entry) in entries.iter().enumerate() {
            let Some(k) = key(entry) else { continue };
            let earlier = entries.get(..at).unwrap_or_default();
            if let Some(first) = earlier.iter().find(|e| key(e) == Some(k)) {
                if let Some(slot) = firsts.get_mut(at) {
                    *slot = Some(first.key.span);
                }
            }
        }
        return firsts;
    }

    let mut seen: HashMap<&str, Span> = HashMap::with_capacity(entries.len());
    for (at, entry) in entries.iter().enumerate() {
        let Some(k) = key(entry) else { continue };
        match seen.get(k) {
            Some(first) => {
                if let Some(slot) = firsts.get_mut(at) {
                    *slot = Some(*first);
                }
            }
            None => {
                seen.insert(k, entry.key.span);
            }
        }
    }
    firsts
}

/// A key as Compose sees it: scalars become strings (`true:` is "true").
fn key_text(key: &Node) -> Option<String> {
    key.as_scalar().map(|s| s.text.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (Node, Vec<YamlError>) {
        let parsed = parse(text, 0, Limits::default());
        (
            parsed.documents.into_iter().next().unwrap().root,
            parsed.errors,
        )
    }

    #[test]
    fn control_characters_are_refused_where_they_stand() {
        let refused = |text: &str| {
            let parsed = parse(text, 0, Limits::default());
            parsed
                .errors
                .first()
                .map(|e| (e.message.clone(), e.span.start, e.span.end))
        };
        assert_eq!(
            refused("a: \"x\0y\"\n"),
            Some((
                "the control character U+0000 is not allowed in YAML".to_string(),
                5,
                6
            ))
        );
        assert_eq!(
            refused("é: b\u{7f}\n"),
            Some((
                "the control character U+007F is not allowed in YAML".to_string(),
                5,
                6
            ))
        );
        assert_eq!(refused("a: \u{9b}\n").map(|(_, s, e)| (s, e)), Some((3, 5)));
        assert_eq!(
            refused("a: \u{fffe}\n").map(|(_, s, e)| (s, e)),
            Some((3, 6))
        );
        // tab, line breaks, NEL, no-break space and a byte-order mark are text
        assert_eq!(refused("\u{feff}a: b\t\r\nc: \"\u{85}\u{a0}\"\n"), None);
    }

    #[test]
    fn spans_are_byte_offsets_of_the_written_text() {
        let text = "name: \"é\"\nservices:\n  web:\n    image: nginx\n";
        let (root, errors) = one(text);
        assert!(errors.is_empty());
        let image = root.get("services").unwrap().get("web").unwrap();
        let entry = image.entry("image").unwrap();
        assert_eq!(&text[entry.key.span.start..entry.key.span.end], "image");
        assert_eq!(&text[entry.value.span.start..entry.value.span.end], "nginx");
        let name = root.entry("name").unwrap();
        assert_eq!(&text[name.value.span.start..name.value.span.end], "\"é\"");
    }

    #[test]
    fn merge_keys_local_wins_then_earlier_sources() {
        let text = "a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\nc:\n  <<: [*a, *b]\n  x: 3\n";
        let (root, errors) = one(text);
        assert!(errors.is_empty(), "{errors:?}");
        let c = root.get("c").unwrap();
        let get = |k: &str| c.get(k).unwrap().as_str().unwrap().to_string();
        assert_eq!(get("x"), "3");
        assert_eq!(get("y"), "1");
        assert_eq!(get("z"), "2");
        assert!(c.get("<<").is_none());
    }

    #[test]
    fn duplicate_keys_cite_both_lines() {
        let (_, errors) = one("a: 1\nb: 2\na: 3\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].kind, YamlErrorKind::DuplicateKey);
        assert_eq!(
            errors[0].message,
            "mapping key \"a\" already defined at line 1"
        );
        assert_eq!(errors[0].span, Span::new(0, 10, 11));
        assert_eq!(errors[0].related, Some(Span::new(0, 0, 1)));
    }

    #[test]
    fn duplicate_merge_keys_are_duplicates() {
        let (_, errors) = one("a: &a {x: 1}\nb: &b {y: 1}\nc:\n  <<: *a\n  <<: *b\n");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .message
                .contains("\"<<\" already defined at line 4")
        );
    }

    #[test]
    fn an_alias_bomb_is_refused_within_the_budget() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = level - 1;
            let refs = vec![format!("*a{prev}"); 10].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{refs}]\n"));
        }
        let parsed = parse(&text, 0, Limits::default());
        let error = parsed.errors.last().unwrap();
        assert_eq!(error.kind, YamlErrorKind::Limit);
        assert!(error.message.contains("alias expansion"));
    }

    #[test]
    fn aliases_of_a_large_scalar_are_refused_by_bytes() {
        let mut text = format!("x: &b \"{}\"\ncommand:\n", "x".repeat(1_000_000));
        for _ in 0..100 {
            text.push_str("  - *b\n");
        }
        let parsed = parse(&text, 0, Limits::default());
        let error = parsed.errors.last().unwrap();
        assert_eq!(error.kind, YamlErrorKind::Limit);
        assert!(error.message.contains("bytes"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let parsed = parse(&text, 0, Limits::default());
        assert_eq!(parsed.errors.last().unwrap().kind, YamlErrorKind::Limit);
    }

    #[test]
    fn tags_reset_and_override_are_kept() {
        let (root, _) = one("a: !reset []\nb: !override {x: 1}\nc: !!str 10\n");
        assert_eq!(root.get("a").unwrap().tag, Some(Tag::Reset));
        assert_eq!(root.get("b").unwrap().tag, Some(Tag::Override));
        let c = root.get("c").unwrap().as_scalar().unwrap();
        assert_eq!(c.resolved, Resolved::Str);
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let parsed = parse("a: [1, 2\nb: 3\n", 0, Limits::default());
        let error = parsed.errors.last().unwrap();
        assert_eq!(error.kind, YamlErrorKind::Syntax);
        assert!(error.span.start > 0);
    }

    #[test]
    fn a_quoted_scalar_ends_at_its_closing_quote_and_its_comment_is_found() {
        let text = "a: \"x \\\" # y\"   # one\nb: 'it''s # z' # two\nl:\n  - \"Q=1\" # three\n";
        let parsed = parse(text, 0, Limits::default());
        let root = &parsed.documents.first().unwrap().root;
        let a = root.get("a").unwrap();
        assert_eq!(&text[a.span.start..a.span.end], "\"x \\\" # y\"");
        let b = root.get("b").unwrap();
        assert_eq!(&text[b.span.start..b.span.end], "'it''s # z'");
        let found: Vec<&str> = parsed.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(found, ["# one", "# two", "# three"]);
    }

    #[test]
    fn comments_are_found_outside_scalars() {
        let text =
            "# top\na: 1 # trailing\nb: \"not # a comment\"\nc: |\n  # inside a block\nd: x#y\n";
        let parsed = parse(text, 0, Limits::default());
        let found: Vec<(&str, bool)> = parsed
            .comments
            .iter()
            .map(|c| (c.text.as_str(), c.trailing))
            .collect();
        assert_eq!(found, [("# top", false), ("# trailing", true)]);
        assert_eq!(
            &text[parsed.comments[1].span.start..parsed.comments[1].span.end],
            "# trailing"
        );
    }

    #[test]
    fn several_documents() {
        let parsed = parse("a: 1\n---\nb: 2\n", 0, Limits::default());
        assert_eq!(parsed.documents.len(), 2);
    }
}
