//! Helpers the rules share: reading the keys of a service's merged YAML that the model does
//! not carry, the way Compose reads them, and host paths as the engine resolves them.

use std::collections::HashSet;

use crate::compose::Service;
use crate::yaml::{Node, Resolved, Span};

/// The scalar items of a sequence, with their nodes; anything else gives nothing.
pub fn string_items(node: Option<&Node>) -> impl Iterator<Item = (&str, &Node)> {
    node.and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter_map(|item| item.as_str().map(|text| (text, item)))
}

/// Whether interpolation left an unset variable in this scalar, so its value is a
/// placeholder that no rule should judge.
pub fn is_unresolved(node: &Node) -> bool {
    node.as_scalar().is_some_and(|s| s.unresolved)
}

/// Whether a boolean field is true as Compose casts it: YAML `true`, or the text `true`,
/// `yes`, `y` or `on` in any case (a quoted or interpolated value).
pub fn is_true(node: &Node) -> bool {
    let Some(scalar) = node.as_scalar() else {
        return false;
    };
    match scalar.resolved {
        Resolved::Bool(value) => value,
        Resolved::Str => matches!(
            scalar.text.to_ascii_lowercase().as_str(),
            "true" | "yes" | "y" | "on"
        ),
        _ => false,
    }
}

/// The value of a service key that is set to `host` (`pid: host`, `ipc: host`, ...).
pub fn host_mode<'s>(service: &'s Service, key: &str) -> Option<&'s Node> {
    service
        .node
        .get(key)
        .filter(|value| value.as_str() == Some("host") && !is_unresolved(value))
}

/// The spans of the service's `volumes` or `ports` items that hold a placeholder left by
/// an unset variable (in the item, or in any field of its long form); the model keeps each
/// item's span, so a rule can skip the entries whose values it should not judge.
pub fn unresolved_items(service: &Service, key: &str) -> HashSet<Span> {
    service
        .node
        .get(key)
        .and_then(Node::as_seq)
        .unwrap_or_default()
        .iter()
        .filter(|item| match item.as_map() {
            Some(entries) => entries.iter().any(|entry| is_unresolved(&entry.value)),
            None => is_unresolved(item),
        })
        .map(|item| item.span)
        .collect()
}

/// An absolute host path with `.`, `..`, repeated and trailing slashes resolved the way the
/// kernel resolves them (`/etc/../` is `/`); `None` for a relative path, a home-relative
/// path or a Windows path, which name no fixed host directory.
pub fn absolute_host_path(source: &str) -> Option<String> {
    if !source.starts_with('/') {
        return None;
    }

    let mut parts: Vec<&str> = Vec::new();
    for part in source.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    Some(format!("/{}", parts.join("/")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_paths_are_resolved_lexically() {
        let resolved = |s: &str| absolute_host_path(s);
        assert_eq!(resolved("/").as_deref(), Some("/"));
        assert_eq!(resolved("/etc/").as_deref(), Some("/etc"));
        assert_eq!(
            resolved("//var//run/./docker.sock").as_deref(),
            Some("/var/run/docker.sock")
        );
        assert_eq!(resolved("/etc/../..").as_deref(), Some("/"));
        assert_eq!(resolved("/opt/app/../../etc").as_deref(), Some("/etc"));
        assert_eq!(resolved("./etc"), None);
        assert_eq!(resolved("etc"), None);
        assert_eq!(resolved("~/etc"), None);
        assert_eq!(resolved("C:\\etc"), None);
    }
}
