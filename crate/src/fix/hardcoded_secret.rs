//! Fixes `hardcoded-secret`: the literal value becomes a required variable,
//! `${NAME:?NAME must be set}`, quoted as the value was, and `NAME=` is added to
//! `.env.example`. A literal default (`${NAME:-hunter2}`) is dropped the same way. The
//! removed value is masked in the diff; the returned texts are exact.
//!
//! Limits: a password inside a URL or a connection string is skipped (it must be split
//! out by hand), as are secrets on command lines, block scalars and values written under
//! an anchor. Two
//! services that set the same name to different secrets end up sharing one variable.

use super::{Change, Context, Edit, Fix, text};
use crate::analyze::rules::hardcoded_secret::is_secret_name;
use crate::compose::interpolate::variables;
use crate::report::Diagnostic;
use crate::yaml::{Node, Style};

/// Whether a span lies in the service's `command`, `entrypoint` or health check `test`.
fn on_command_line(service: &Node, span: crate::yaml::Span) -> bool {
    let test = service.get("healthcheck").and_then(|h| h.get("test"));
    [service.get("command"), service.get("entrypoint"), test]
        .into_iter()
        .flatten()
        .any(|node| {
            node.span.file == span.file
                && node.span.start <= span.start
                && span.end <= node.span.end
        })
}

pub const FIX: Fix = Fix {
    rule: "hardcoded-secret",
    summary: "Replaces the secret with a required variable listed in .env.example.",
    make,
};

fn make(context: &Context<'_>, diagnostic: &Diagnostic) -> Result<Change, String> {
    let written = context.service_at(diagnostic.span)?;
    let text = written.text;
    // the map form's key, or the list form's `NAME=value` item
    let service = &written.entry.value;
    if on_command_line(service, diagnostic.span) {
        return Err("the secret is on a command line; put ${NAME:?set NAME} in its place and list NAME in .env.example".to_string());
    }
    let (node, name, in_flow, list_form) = match text::find_entry(service, diagnostic.span) {
        Some(entry) => {
            let parent = parent_of(service, diagnostic.span);
            let name = entry
                .key
                .as_str()
                .ok_or_else(|| "the variable's name is not a string".to_string())?;
            (
                &entry.value,
                name.to_string(),
                parent.is_some_and(|p| text::is_flow(text, p)),
                false,
            )
        }
        None => {
            let item = text::find(service, diagnostic.span)
                .ok_or_else(|| "the variable is not written in this service".to_string())?;
            let parent = parent_of(service, diagnostic.span);
            let scalar = item
                .as_scalar()
                .ok_or_else(|| "the variable is not a string".to_string())?;
            let name = scalar.text.split_once('=').map(|(n, _)| n).unwrap_or("");
            (
                item,
                name.to_string(),
                parent.is_some_and(|p| text::is_flow(text, p)),
                true,
            )
        }
    };
    // the rule flags a name that is not a secret's only for a password inside a URL or
    // a connection string
    if !is_secret_name(&name) {
        let reason = if node.as_str().is_some_and(|v| v.contains("://")) {
            "the password is inside a URL; take it from a variable by hand: \
             scheme://user:${DB_PASSWORD}@host"
        } else {
            "the password is inside a connection string; take it from a variable by hand: \
             ...;Password=${DB_PASSWORD};..."
        };
        return Err(reason.to_string());
    }
    if let Some(reason) = context.shared(node) {
        return Err(reason);
    }
    if !is_variable_name(&name) {
        return Err(format!("{name} cannot be the name of a variable"));
    }
    let scalar = node
        .as_scalar()
        .ok_or_else(|| "the value is not a string".to_string())?;
    if matches!(scalar.style, Style::Literal | Style::Folded) {
        return Err("the value is a block scalar; replace it by hand".to_string());
    }

    let source = scalar.original.as_deref().unwrap_or(&scalar.text);
    let value = if list_form {
        source.split_once('=').map_or("", |(_, v)| v)
    } else {
        source
    };
    let (variable, secret) = required(&name, value)?;
    let new_text = if list_form {
        format!("{name}={variable}")
    } else {
        variable.clone()
    };
    let replacement = text::styled(scalar.style, &new_text, !in_flow)
        .ok_or_else(|| "the value's style cannot be kept".to_string())?;

    Ok(Change {
        edits: vec![Edit::replace(
            node.span.file,
            node.span.start,
            node.span.end,
            replacement,
        )],
        message: format!(
            "{name} now takes its value from the required variable {}",
            variable_name(&variable)
        ),
        variables: vec![variable_name(&variable)],
        masked: secret.into_iter().collect(),
        ..Change::default()
    })
}

/// The required variable for a value, and the secret it removes: a literal becomes
/// `${NAME:?...}`; a single reference with a literal default keeps its variable and
/// drops the default.
fn required(name: &str, value: &str) -> Result<(String, Option<String>), String> {
    if !value.contains('$') {
        let secret = (!value.is_empty()).then(|| value.to_string());
        return Ok((format!("${{{name}:?{name} must be set}}"), secret));
    }

    let references = variables(value);
    let [reference] = references.as_slice() else {
        return Err("the value mixes several variables; drop its default by hand".to_string());
    };
    let default = reference.default.clone().unwrap_or_default();
    let variable = &reference.name;
    let whole = [
        format!("${{{variable}:-{default}}}"),
        format!("${{{variable}-{default}}}"),
    ];
    if !whole.iter().any(|w| w == value) {
        return Err("the default is part of a longer value; drop it by hand".to_string());
    }
    Ok((
        format!("${{{variable}:?{variable} must be set}}"),
        (!default.is_empty()).then_some(default),
    ))
}

/// The variable a `${NAME:?...}` names.
fn variable_name(reference: &str) -> String {
    reference
        .trim_start_matches("${")
        .split(':')
        .next()
        .unwrap_or("")
        .to_string()
}

fn is_variable_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

/// The collection that directly holds the node or key at `span`.
fn parent_of(node: &Node, span: crate::yaml::Span) -> Option<&Node> {
    if !text::within(&span, &node.span) {
        return None;
    }
    match &node.value {
        crate::yaml::Value::Seq(items) => {
            if items.iter().any(|item| item.span == span) {
                return Some(node);
            }
            items.iter().find_map(|item| parent_of(item, span))
        }
        crate::yaml::Value::Map(entries) => {
            if entries
                .iter()
                .any(|e| e.key.span == span || e.value.span == span)
            {
                return Some(node);
            }
            entries.iter().find_map(|e| parent_of(&e.value, span))
        }
        crate::yaml::Value::Scalar(_) => None,
    }
}
