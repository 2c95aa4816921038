//! What edits need to know about the text around a node: lines, indentation, the line
//! break a file uses, and how to add entries to a block mapping in its own style.

use super::edit::Edit;
use crate::yaml::{Entry, Node, Span, Style};

/// The offset where the line holding `at` starts.
pub fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |newline| newline + 1)
}

/// The offset of the line break that ends the line holding `at`, or the text's end.
pub fn line_end(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |newline| {
            let end = at + newline;
            // a CRLF line ends before its CR
            if text.as_bytes().get(end.wrapping_sub(1)) == Some(&b'\r') && end > at {
                end - 1
            } else {
                end
            }
        })
}

/// The offset just after the line break that ends the line holding `at`.
pub fn next_line(text: &str, at: usize) -> usize {
    text.get(at..)
        .and_then(|rest| rest.find('\n'))
        .map_or(text.len(), |newline| at + newline + 1)
}

/// The line break the file uses: the one that ends its first line. Only that line is
/// read, so a fix that asks costs nothing however long the file is.
pub fn newline(text: &str) -> &'static str {
    match text.find('\n') {
        Some(end) if text.get(..end).is_some_and(|line| line.ends_with('\r')) => "\r\n",
        _ => "\n",
    }
}

/// The column of `at`, when only spaces and sequence dashes stand before it on its line
/// (so that a new line can start at the same column).
pub fn column(text: &str, at: usize) -> Option<usize> {
    let start = line_start(text, at);
    let before = text.get(start..at)?;
    before
        .chars()
        .all(|c| c == ' ' || c == '-')
        .then_some(before.len())
}

/// Whether the text from `at` to the end of its line holds nothing but blanks and a
/// comment.
pub fn rest_is_blank(text: &str, at: usize) -> bool {
    let rest = text.get(at..line_end(text, at)).unwrap_or("");
    let rest = rest.trim_start_matches([' ', '\t']);
    rest.is_empty() || rest.starts_with('#')
}

/// How far one level of nesting indents in this file: the indentation of the first
/// service under `services:`, 2 when it cannot be seen.
pub fn indent_unit(text: &str, root: &Node) -> usize {
    let Some(services) = root.entry("services") else {
        return 2;
    };
    let Some(first) = services.value.as_map().and_then(|entries| entries.first()) else {
        return 2;
    };
    let outer = column(text, services.key.span.start);
    let inner = column(text, first.key.span.start);
    match (outer, inner) {
        (Some(outer), Some(inner)) if inner > outer => inner - outer,
        _ => 2,
    }
}

/// Whether a node is written inside a span (not copied in by an alias or merge key
/// from elsewhere).
pub fn within(node: &Span, outer: &Span) -> bool {
    node.file == outer.file && outer.start <= node.start && node.end <= outer.end
}

/// The entries of a mapping that are written in it, not merged in by `<<`.
pub fn local_entries(map: &Node) -> Vec<&Entry> {
    map.as_map()
        .unwrap_or_default()
        .iter()
        .filter(|entry| within(&entry.key.span, &map.span))
        .collect()
}

/// The local entry of a mapping with this key.
pub fn local_entry<'n>(map: &'n Node, key: &str) -> Option<&'n Entry> {
    local_entries(map)
        .into_iter()
        .find(|entry| entry.key.as_scalar().is_some_and(|k| k.text == key))
}

/// Whether any entry of the mapping, local or merged, has this key.
pub fn has_key(map: &Node, key: &str) -> bool {
    map.entry(key).is_some()
}

/// The edit that adds lines as the last entries of a block mapping, at the mapping's own
/// indentation. `lines` are relative to that indentation (a nested line starts with its
/// own extra spaces). A flow mapping, or one whose layout cannot be read, is refused
/// with the reason.
pub fn append_to_mapping(text: &str, map: &Node, lines: &[String]) -> Result<Edit, String> {
    if map.as_map().is_none() {
        return Err("the value is not a mapping".to_string());
    }
    if text
        .get(map.span.start..)
        .is_some_and(|rest| rest.starts_with('{'))
    {
        return Err(
            "the mapping is written in flow style ({...}); a new key cannot be \
                    added to it without rewriting it"
                .to_string(),
        );
    }
    let indent = column(text, map.span.start)
        .ok_or_else(|| "the mapping does not start on its own line".to_string())?;
    let local = local_entries(map);
    if local
        .iter()
        .any(|entry| column(text, entry.key.span.start).is_some_and(|c| c != indent))
    {
        return Err("the mapping's keys are not aligned".to_string());
    }

    // after the last line of the mapping's own text, its trailing comment included, and
    // any line that continues it (indented deeper: a list of aliases, whose nodes keep
    // their anchors' spans, or a flow collection)
    let end = local.iter().map(|entry| value_end(text, entry)).max();
    let from = match end {
        // a block scalar ends at the start of the line after it
        Some(end) if end > map.span.start && end == line_start(text, end) => end - 1,
        Some(end) => end,
        // only merge keys: they stand on the mapping's first line
        None => map.span.start,
    };
    let at = block_end(text, indent, from);

    let nl = newline(text);
    let pad = " ".repeat(indent);
    let mut inserted = String::new();
    if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        inserted.push_str(nl);
    }
    for line in lines {
        inserted.push_str(&pad);
        inserted.push_str(line);
        inserted.push_str(nl);
    }
    Ok(Edit::insert(map.span.file, at, inserted))
}

/// Whether a text is an image reference that a plain scalar can hold as it is.
pub fn is_reference(image: &str) -> bool {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "._-/:@".contains(c);
    !image.is_empty() && image.chars().all(allowed) && !image.starts_with(['-', ':', '@'])
}

/// The node written at exactly this span inside `node` (keys included), following only
/// children written inside their parent.
pub fn find(node: &Node, span: Span) -> Option<&Node> {
    if node.span == span {
        return Some(node);
    }
    if !within(&span, &node.span) {
        return None;
    }
    match &node.value {
        crate::yaml::Value::Seq(items) => items.iter().find_map(|item| find(item, span)),
        crate::yaml::Value::Map(entries) => entries
            .iter()
            .find_map(|entry| find(&entry.key, span).or_else(|| find(&entry.value, span))),
        crate::yaml::Value::Scalar(_) => None,
    }
}

/// The entry whose key is written at this span inside `node`.
pub fn find_entry(node: &Node, key: Span) -> Option<&Entry> {
    if !within(&key, &node.span) {
        return None;
    }
    match &node.value {
        crate::yaml::Value::Seq(items) => items.iter().find_map(|item| find_entry(item, key)),
        crate::yaml::Value::Map(entries) => entries.iter().find_map(|entry| {
            if entry.key.span == key {
                Some(entry)
            } else {
                find_entry(&entry.value, key)
            }
        }),
        crate::yaml::Value::Scalar(_) => None,
    }
}

/// Whether a collection is written in flow style (`[...]` or `{...}`).
pub fn is_flow(text: &str, node: &Node) -> bool {
    text.get(node.span.start..)
        .is_some_and(|rest| rest.starts_with('[') || rest.starts_with('{'))
}

/// A replacement scalar written in the style of the one it replaces: plain stays plain
/// where the new text may be plain (`plain_ok`), quotes stay the same kind.
pub fn styled(style: Style, value: &str, plain_ok: bool) -> Option<String> {
    match style {
        Style::Plain if plain_ok => Some(value.to_string()),
        Style::SingleQuoted => Some(format!("'{}'", value.replace('\'', "''"))),
        Style::Plain | Style::DoubleQuoted => Some(format!(
            "\"{}\"",
            value.replace('\\', "\\\\").replace('"', "\\\"")
        )),
        Style::Literal | Style::Folded => None,
    }
}

/// The edit that removes an entry of a block mapping, its whole lines; comments written
/// inside it stay, each on its own line at the entry's indentation. `instead` is written
/// in its place (at the same indentation) when given.
pub fn remove_entry(
    text: &str,
    entry: &Entry,
    comments: &[crate::yaml::Comment],
    instead: Option<&str>,
) -> Result<Edit, String> {
    let key = entry.key.span;
    let indent = column(text, key.start)
        .filter(|_| {
            text.get(line_start(text, key.start)..key.start)
                .is_some_and(|b| b.trim().is_empty())
        })
        .ok_or_else(|| "the key does not start its line".to_string())?;
    let end = value_end(text, entry);
    if !rest_is_blank(text, end) {
        return Err("text follows the value on its last line".to_string());
    }
    let start = line_start(text, key.start);
    let stop = next_line(text, end);

    let nl = newline(text);
    let pad = " ".repeat(indent);
    let mut replacement = String::new();
    if let Some(instead) = instead {
        replacement.push_str(&pad);
        replacement.push_str(instead);
        replacement.push_str(nl);
    }
    // comments come in the order of the text
    let first = comments.partition_point(|c| c.span.start < start);
    let inside = comments
        .get(first..)
        .unwrap_or_default()
        .iter()
        .take_while(|c| c.span.end <= stop);
    for comment in inside {
        replacement.push_str(&pad);
        replacement.push_str(&comment.text);
        replacement.push_str(nl);
    }
    if stop == text.len() && !text.ends_with('\n') && !replacement.is_empty() {
        // the last line had no line break; neither does its replacement
        let trimmed = replacement.trim_end_matches(['\r', '\n']).len();
        replacement.truncate(trimmed);
    }
    Ok(Edit::replace(key.file, start, stop, replacement))
}

/// Where an entry's text ends: its value's end, or for a value that is an alias (whose
/// node keeps the span of its anchor, elsewhere), the alias's own line.
pub fn value_end(text: &str, entry: &Entry) -> usize {
    if is_alias(text, entry) {
        return line_end(text, entry.key.span.end);
    }
    entry.value.span.end.max(entry.key.span.end)
}

/// Whether an entry's value is written as an alias (`key: *name`).
pub fn is_alias(text: &str, entry: &Entry) -> bool {
    let after = text.get(entry.key.span.end..).unwrap_or("");
    let after = after.trim_start_matches([' ', '\t', '"', '\'']);
    after
        .strip_prefix(':')
        .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with('*'))
}

/// Where the lines that continue an entry end, from the line after `from`: lines indented
/// deeper than `indent`, or list items at that indentation (a compact list under its
/// key). Comment lines and blank lines after the last such line stay with what follows.
fn block_end(text: &str, indent: usize, from: usize) -> usize {
    let mut end = next_line(text, from);
    let mut at = end;
    while at < text.len() {
        let next = next_line(text, at);
        let line = text.get(at..next).unwrap_or("");
        let body = line.trim_start_matches(' ');
        let depth = line.len() - body.len();
        let content = body.trim_end_matches(['\r', '\n']);
        if content.is_empty() || content.starts_with('#') {
            at = next;
            continue;
        }
        let continues =
            depth > indent || (depth == indent && (content == "-" || content.starts_with("- ")));
        if !continues {
            break;
        }
        end = next;
        at = next;
    }
    end
}

/// The text of a scalar as written in the file, between its quotes, when it reads as
/// written (no escapes, no folding); with the offset where that text starts.
pub fn verbatim<'t>(text: &'t str, node: &Node) -> Option<(usize, &'t str)> {
    let scalar = node.as_scalar()?;
    let written = text.get(node.span.start..node.span.end)?;
    let source = scalar.original.as_deref().unwrap_or(&scalar.text);
    match scalar.style {
        Style::Plain if written == source => Some((node.span.start, written)),
        Style::SingleQuoted | Style::DoubleQuoted
            if written.len() == source.len() + 2
                && written.get(1..written.len() - 1) == Some(source) =>
        {
            Some((node.span.start + 1, written.get(1..written.len() - 1)?))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{Limits, parse};

    fn root(text: &str) -> Node {
        parse(text, 0, Limits::default())
            .documents
            .into_iter()
            .next()
            .unwrap()
            .root
    }

    fn append(text: &str, path: &[&str], lines: &[&str]) -> Result<String, String> {
        let root = root(text);
        let mut node = &root;
        for key in path {
            node = node.get(key).unwrap();
        }
        let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let edit = append_to_mapping(text, node, &lines)?;
        Ok(super::super::edit::apply(text, &[edit]).0)
    }

    #[test]
    fn appends_at_the_mappings_indentation_after_its_trailing_comment() {
        let text = "services:\n    web:\n        image: nginx # pinned later\n    # the database\n    db:\n        image: postgres\n";
        assert_eq!(
            append(text, &["services", "web"], &["ports:", "    - \"80:80\""]).unwrap(),
            "services:\n    web:\n        image: nginx # pinned later\n        ports:\n            - \"80:80\"\n    # the database\n    db:\n        image: postgres\n"
        );
    }

    #[test]
    fn the_line_break_is_the_one_that_ends_the_first_line() {
        assert_eq!(newline("a: 1\r\nb: 2\r\n"), "\r\n");
        assert_eq!(newline("a: 1\nb: 2\r\n"), "\n");
        assert_eq!(newline("a: 1"), "\n");
        assert_eq!(newline(""), "\n");
    }

    #[test]
    fn appends_at_the_end_of_a_file_without_a_final_newline_and_keeps_crlf() {
        assert_eq!(
            append("a:\r\n  b: 1", &["a"], &["c: 2"]).unwrap(),
            "a:\r\n  b: 1\r\n  c: 2\r\n"
        );
    }

    #[test]
    fn appends_after_a_block_scalar() {
        let text = "a:\n  b: |\n    line\n  c: 1\nd: 2\n";
        let out = append("a:\n  b: |\n    line\nd: 2\n", &["a"], &["c: 1"]).unwrap();
        assert_eq!(out, text);
    }

    #[test]
    fn appends_after_a_list_of_aliases_and_into_a_mapping_of_merge_keys() {
        let text = "x: &x 1\na:\n  b:\n  - *x\n  - *x\n  # next\nc:\n  <<: [{p: 1}]\nd: 1\n";
        assert_eq!(
            append(text, &["a"], &["e: 2"]).unwrap(),
            "x: &x 1\na:\n  b:\n  - *x\n  - *x\n  e: 2\n  # next\nc:\n  <<: [{p: 1}]\nd: 1\n"
        );
        assert_eq!(
            append(text, &["c"], &["e: 2"]).unwrap(),
            "x: &x 1\na:\n  b:\n  - *x\n  - *x\n  # next\nc:\n  <<: [{p: 1}]\n  e: 2\nd: 1\n"
        );
    }

    #[test]
    fn refuses_a_flow_mapping() {
        let error = append("a: {b: 1}\n", &["a"], &["c: 2"]).unwrap_err();
        assert!(error.contains("flow style"), "{error}");
    }
}
