//! Fixes `dependency-without-healthy-condition`: the dependency waits for
//! `condition: service_healthy`. A short-form list becomes the long form, every entry
//! keeping its place; the others get `condition: service_started`, which is what the
//! short form meant. An explicit `service_started` becomes `service_healthy`, and a
//! long-form entry with no condition gains one.
//!
//! Limits: a list written in flow style becomes a flow mapping only when it holds no
//! comment; a `depends_on` under an anchor or merged in is skipped.

use super::{Change, Context, Edit, Fix, text};
use crate::report::Diagnostic;
use crate::yaml::{Node, Value};

pub const FIX: Fix = Fix {
    rule: "dependency-without-healthy-condition",
    summary: "Makes the service wait for its dependency to be healthy.",
    make,
};

const HEALTHY: &str = "service_healthy";
const STARTED: &str = "service_started";

fn make(context: &Context<'_>, diagnostic: &Diagnostic) -> Result<Change, String> {
    let written = context.service_at(diagnostic.span)?;
    let text = written.text;
    let depends_on = text::local_entry(&written.entry.value, "depends_on")
        .filter(|entry| !text::is_alias(text, entry))
        .ok_or_else(|| "depends_on is not written in this service".to_string())?;
    let list = &depends_on.value;
    if let Some(reason) = context.shared(list) {
        return Err(reason);
    }

    let change = match &list.value {
        Value::Seq(items) => {
            short_form(context, diagnostic, text, depends_on, items, written.unit)?
        }
        Value::Map(_) => long_form(diagnostic, text, list, written.unit)?,
        Value::Scalar(_) => return Err("depends_on is not a list or a mapping".to_string()),
    };
    Ok(change)
}

/// Whether this pass has a finding of this rule on the list item at `span`.
fn flagged(context: &Context<'_>, span: crate::yaml::Span) -> bool {
    context.findings.contains(&(FIX.rule, span))
}

fn short_form(
    context: &Context<'_>,
    diagnostic: &Diagnostic,
    text: &str,
    depends_on: &crate::yaml::Entry,
    items: &[Node],
    unit: usize,
) -> Result<Change, String> {
    let mut names = Vec::with_capacity(items.len());
    for item in items {
        let (_, name) = text::verbatim(text, item)
            .filter(|_| text::within(&item.span, &depends_on.value.span))
            .ok_or_else(|| "an entry of the list is not a plain name written here".to_string())?;
        let condition = if flagged(context, item.span) {
            HEALTHY
        } else {
            STARTED
        };
        names.push((item, name, condition));
    }
    let healthy: Vec<&str> = names
        .iter()
        .filter(|(_, _, c)| *c == HEALTHY)
        .map(|(_, n, _)| *n)
        .collect();
    let message = format!(
        "depends_on now waits for {} to be healthy",
        healthy.join(", ")
    );
    let file = diagnostic.span.file;

    if text::is_flow(text, &depends_on.value) {
        let span = depends_on.value.span;
        let inside = text.get(span.start..span.end).unwrap_or("");
        if inside.contains('#') || inside.contains('\n') {
            return Err(
                "the flow list spans lines or holds a comment; rewrite it by hand".to_string(),
            );
        }
        let entries: Vec<String> = names
            .iter()
            .map(|(_, name, condition)| format!("{name}: {{condition: {condition}}}"))
            .collect();
        let mapping = format!("{{{}}}", entries.join(", "));
        return Ok(Change {
            edits: vec![Edit::replace(file, span.start, span.end, mapping)],
            message,
            ..Change::default()
        });
    }

    // each `- name` becomes `name:` and its condition, at an indentation deeper than
    // the key's (a mapping cannot stand at the key's column, a list can)
    let key_column = text::column(text, depends_on.key.span.start)
        .ok_or_else(|| "depends_on does not start its line".to_string())?;
    let nl = text::newline(text);
    let pad = " ".repeat(unit);
    let mut edits = Vec::with_capacity(names.len());
    for (item, name, condition) in &names {
        let dash = text::line_start(text, item.span.start);
        let line = text.get(dash..item.span.start).unwrap_or("");
        if line.trim() != "-" {
            return Err("an entry of the list does not stand on its own line".to_string());
        }
        let item_column = line.find('-').unwrap_or(0);
        let indent = if item_column > key_column {
            item_column
        } else {
            key_column + unit
        };
        let own = " ".repeat(indent);
        edits.push(Edit::replace(
            file,
            dash,
            item.span.end,
            format!("{own}{name}:{nl}{own}{pad}condition: {condition}"),
        ));
    }
    Ok(Change {
        edits,
        message,
        ..Change::default()
    })
}

fn long_form(
    diagnostic: &Diagnostic,
    text: &str,
    map: &Node,
    unit: usize,
) -> Result<Change, String> {
    let entry = text::local_entries(map)
        .into_iter()
        .find(|entry| entry.key.span == diagnostic.span)
        .ok_or_else(|| "the dependency is not written in this depends_on".to_string())?;
    let name = entry.key.as_str().unwrap_or_default().to_string();
    let message = format!("depends_on now waits for {name} to be healthy");
    let file = diagnostic.span.file;

    if let Some(condition) = text::local_entry(&entry.value, "condition") {
        let (start, old) = text::verbatim(text, &condition.value)
            .ok_or_else(|| "the condition is not written as a plain value".to_string())?;
        return Ok(Change {
            edits: vec![Edit::replace(file, start, start + old.len(), HEALTHY)],
            message,
            ..Change::default()
        });
    }

    let edit = if entry.value.is_null() && entry.value.span.start == entry.value.span.end {
        // `name:` with nothing after it: the condition goes on the next line
        let column = text::column(text, entry.key.span.start)
            .ok_or_else(|| "the dependency does not start its line".to_string())?;
        let colon = text
            .get(entry.key.span.end..)
            .and_then(|rest| rest.find(':'))
            .map(|at| entry.key.span.end + at + 1)
            .ok_or_else(|| "the dependency has no colon".to_string())?;
        if !text::rest_is_blank(text, colon) {
            return Err("text follows the dependency's name".to_string());
        }
        let end = text::line_end(text, colon);
        let nl = text::newline(text);
        let pad = " ".repeat(column + unit);
        let comment = text.get(colon..end).unwrap_or("").to_string();
        Edit::replace(
            file,
            colon,
            end,
            format!("{comment}{nl}{pad}condition: {HEALTHY}"),
        )
    } else {
        text::append_to_mapping(text, &entry.value, &[format!("condition: {HEALTHY}")])?
    };
    Ok(Change {
        edits: vec![edit],
        message,
        ..Change::default()
    })
}
