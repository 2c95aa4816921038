//! Fixes `duplicate-key` where the repeated key is the merge key: `<<: *a` followed by
//! `<<: *b` in one mapping becomes `<<: [*a, *b]`, the sources in the order written (in
//! a list, earlier sources win). A comment on the removed line stays on its own line.
//!
//! Limits: other duplicate keys are skipped, since only the author knows which value is
//! meant. Each value must be an alias or a one-line flow list of aliases.

use super::{Change, Context, Edit, Fix, text};
use crate::report::Diagnostic;

pub const FIX: Fix = Fix {
    rule: "duplicate-key",
    summary: "Joins repeated merge keys into one list of merge sources.",
    make,
};

fn make(context: &Context<'_>, diagnostic: &Diagnostic) -> Result<Change, String> {
    let file = diagnostic.span.file;
    let text = context.text(file);
    let tree = context
        .trees
        .get(file)
        .ok_or_else(|| "the finding points into no file".to_string())?;
    let error = tree
        .duplicate(diagnostic.span)
        .ok_or_else(|| "the duplicate key is not in this file".to_string())?;
    let key = |span: crate::yaml::Span| text.get(span.start..span.end).unwrap_or("");
    let first = error
        .related
        .ok_or_else(|| "the first definition of the key is not known".to_string())?;
    if key(error.span) != "<<" || key(first) != "<<" {
        return Err(format!(
            "the key {} is defined twice; only the author knows which value is meant",
            key(error.span)
        ));
    }
    for span in [first, error.span] {
        if let Some(reason) = context.shared_span(span) {
            return Err(reason);
        }
    }

    let (first_start, first_end, mut sources) = sources_after(text, first.end)?;
    let (_, _, more) = sources_after(text, error.span.end)?;
    sources.extend(more);
    let joined = format!("[{}]", sources.join(", "));

    // the repeated key's line goes; its comment, if any, stays on a line of its own
    let line = text::line_start(text, error.span.start);
    if !text
        .get(line..error.span.start)
        .is_some_and(|b| b.trim().is_empty())
    {
        return Err("the repeated merge key does not start its line".to_string());
    }
    let end = text::line_end(text, error.span.start);
    let comments = &tree.parsed.comments;
    let comment = comments
        .get(comments.partition_point(|c| c.span.start < line)..)
        .unwrap_or_default()
        .first()
        .filter(|c| c.span.start < end);
    let removal = match comment {
        Some(comment) => {
            let pad = text.get(line..error.span.start).unwrap_or("");
            Edit::replace(file, line, end, format!("{pad}{}", comment.text))
        }
        None => Edit::replace(file, line, text::next_line(text, error.span.start), ""),
    };

    Ok(Change {
        edits: vec![
            Edit::replace(file, first_start, first_end, joined.clone()),
            removal,
        ],
        message: format!("joined the merge keys into <<: {joined}"),
        ..Change::default()
    })
}

/// The aliases a merge key's value names, and where that value is written: after `: `,
/// up to a comment or the end of the line.
fn sources_after(text: &str, key_end: usize) -> Result<(usize, usize, Vec<String>), String> {
    let unreadable =
        || "a merge key's value is not an alias or a one-line list of aliases".to_string();
    let rest = text
        .get(key_end..text::line_end(text, key_end))
        .unwrap_or("");
    let after_colon = rest.trim_start().strip_prefix(':').ok_or_else(unreadable)?;
    let lead = rest.len() - after_colon.trim_start().len();
    let body = after_colon.trim_start();
    let value = match body.find(" #") {
        Some(at) => body.get(..at).unwrap_or(""),
        None => body,
    }
    .trim_end();

    let aliases: Vec<String> = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        Some(list) => list.split(',').map(|a| a.trim().to_string()).collect(),
        None => vec![value.to_string()],
    };
    let alias_ok = |a: &String| {
        a.len() > 1
            && a.starts_with('*')
            && !a.contains(|c: char| c.is_whitespace() || "[]{},".contains(c))
    };
    if aliases.is_empty() || !aliases.iter().all(alias_ok) {
        return Err(unreadable());
    }
    let start = key_end + lead;
    Ok((start, start + value.len(), aliases))
}
