//! The canonical resolved project, the way `docker compose config` prints it: includes,
//! extends, overrides and interpolation applied, disabled services left out, and short
//! syntax written in its long form, as YAML or JSON with keys in a stable order.

use std::fmt::Write;

use super::normalize::{MountKind, parse_port, parse_volume};
use crate::yaml::{Node, Resolved, Value};

/// A value of the canonical model; mappings keep the order they are built in.
#[derive(Debug, Clone, PartialEq)]
pub enum Canon {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Canon>),
    Map(Vec<(String, Canon)>),
}

/// The output forms of `config`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigFormat {
    Yaml,
    Json,
}

/// Keys of a service whose values are integers once interpolated.
const INTEGER_KEYS: &[&str] = &[
    "replicas",
    "retries",
    "target",
    "cpu_shares",
    "pids_limit",
    "scale",
];
const BOOLEAN_KEYS: &[&str] = &[
    "privileged",
    "read_only",
    "init",
    "tty",
    "stdin_open",
    "external",
    "required",
    "restart",
    "disable",
    "attachable",
    "internal",
];

/// Builds the canonical project from the merged tree; `enabled` says which services the
/// active profiles keep.
pub fn canonical(root: &Node, project_name: &str, enabled: &dyn Fn(&str) -> bool) -> Canon {
    let mut top: Vec<(String, Canon)> = Vec::new();
    top.push(("name".to_string(), Canon::Str(project_name.to_string())));

    let mut uses_default_network = false;
    let mut services: Vec<(String, Canon)> = Vec::new();
    for entry in root
        .get("services")
        .and_then(Node::as_map)
        .unwrap_or_default()
    {
        let Some(name) = entry.key.as_str() else {
            continue;
        };
        if !enabled(name) {
            continue;
        }
        let (service, default_network) = service(&entry.value);
        uses_default_network |= default_network;
        services.push((name.to_string(), service));
    }
    crate::sort::sort_by(&mut services, |a, b| a.0.cmp(&b.0));
    top.push(("services".to_string(), Canon::Map(services)));

    let mut networks = resources(root.get("networks"), project_name);
    if uses_default_network && !networks.iter().any(|(n, _)| n == "default") {
        networks.push((
            "default".to_string(),
            Canon::Map(vec![(
                "name".to_string(),
                Canon::Str(format!("{project_name}_default")),
            )]),
        ));
    }
    for (key, resources) in [
        ("networks", networks),
        ("volumes", resources(root.get("volumes"), project_name)),
        ("secrets", resources(root.get("secrets"), project_name)),
        ("configs", resources(root.get("configs"), project_name)),
    ] {
        if !resources.is_empty() {
            let mut resources = resources;
            crate::sort::sort_by(&mut resources, |a, b| a.0.cmp(&b.0));
            top.push((key.to_string(), Canon::Map(resources)));
        }
    }

    for entry in root.as_map().unwrap_or_default() {
        if let Some(key) = entry.key.as_str().filter(|k| k.starts_with("x-")) {
            top.push((key.to_string(), plain(&entry.value, key)));
        }
    }
    Canon::Map(top)
}

/// A service in long syntax; also says whether it joins the default network.
fn service(node: &Node) -> (Canon, bool) {
    let mut fields: Vec<(String, Canon)> = Vec::new();
    let mut has_networks = false;

    for entry in node.as_map().unwrap_or_default() {
        let Some(key) = entry.key.as_str() else {
            continue;
        };
        let value = &entry.value;
        let canon = match key {
            "build" => build(value),
            "depends_on" => depends_on(value),
            "environment" | "labels" | "annotations" | "sysctls" | "extra_hosts" => {
                key_values(value, key == "extra_hosts")
            }
            "ports" => ports(value),
            "volumes" => volumes(value),
            "networks" => {
                has_networks = true;
                names_to_map(value)
            }
            "command" | "entrypoint" => match value.as_str() {
                Some(text) => Canon::List(shell_words(text).into_iter().map(Canon::Str).collect()),
                None => plain(value, key),
            },
            "healthcheck" => healthcheck(value),
            "secrets" | "configs" => sources(value),
            "expose" => Canon::List(
                value
                    .as_seq()
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|item| Some(Canon::Str(item.as_scalar()?.text.clone())))
                    .collect(),
            ),
            "profiles" | "extends" => continue,
            _ => plain(value, key),
        };
        fields.push((key.to_string(), canon));
    }

    let default_network = !has_networks && node.get("network_mode").is_none();
    if default_network {
        fields.push((
            "networks".to_string(),
            Canon::Map(vec![("default".to_string(), Canon::Null)]),
        ));
    }
    crate::sort::sort_by(&mut fields, |a, b| a.0.cmp(&b.0));
    (Canon::Map(fields), default_network)
}

fn build(node: &Node) -> Canon {
    match node.as_str() {
        Some(context) => Canon::Map(vec![
            ("context".to_string(), Canon::Str(context.to_string())),
            (
                "dockerfile".to_string(),
                Canon::Str("Dockerfile".to_string()),
            ),
        ]),
        None => {
            let mut fields = match plain(node, "build") {
                Canon::Map(fields) => fields,
                _ => Vec::new(),
            };
            if !fields.iter().any(|(k, _)| k == "context") {
                fields.push(("context".to_string(), Canon::Str(".".to_string())));
            }
            let inline = fields.iter().any(|(k, _)| k == "dockerfile_inline");
            if !inline && !fields.iter().any(|(k, _)| k == "dockerfile") {
                fields.push((
                    "dockerfile".to_string(),
                    Canon::Str("Dockerfile".to_string()),
                ));
            }
            for (key, value) in &mut fields {
                if key == "args" || key == "labels" {
                    if let Some(arguments) = node.get(key) {
                        *value = key_values(arguments, false);
                    }
                }
            }
            crate::sort::sort_by(&mut fields, |a, b| a.0.cmp(&b.0));
            Canon::Map(fields)
        }
    }
}

fn depends_on(node: &Node) -> Canon {
    let mut entries: Vec<(String, Canon)> = match &node.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|item| {
                Some((
                    item.as_str()?.to_string(),
                    Canon::Map(vec![
                        (
                            "condition".to_string(),
                            Canon::Str("service_started".to_string()),
                        ),
                        ("required".to_string(), Canon::Bool(true)),
                    ]),
                ))
            })
            .collect(),
        Value::Map(entries) => entries
            .iter()
            .filter_map(|entry| {
                let mut fields = match plain(&entry.value, "depends_on") {
                    Canon::Map(fields) => fields,
                    _ => Vec::new(),
                };
                if !fields.iter().any(|(k, _)| k == "required") {
                    fields.push(("required".to_string(), Canon::Bool(true)));
                }
                crate::sort::sort_by(&mut fields, |a, b| a.0.cmp(&b.0));
                Some((entry.key.as_str()?.to_string(), Canon::Map(fields)))
            })
            .collect(),
        Value::Scalar(_) => Vec::new(),
    };
    crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
    Canon::Map(entries)
}

/// `KEY=VALUE` lists and mappings as one sorted mapping; a bare key maps to null.
/// `extra_hosts` separates name and address with `:` or `=`.
fn key_values(node: &Node, hosts: bool) -> Canon {
    let mut entries: Vec<(String, Canon)> = match &node.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|item| {
                let text = item.as_scalar()?.text.as_str();
                let split = if hosts {
                    text.split_once('=').or_else(|| text.split_once(':'))
                } else {
                    text.split_once('=')
                };
                Some(match split {
                    Some((key, value)) => (key.to_string(), Canon::Str(value.to_string())),
                    None => (text.to_string(), Canon::Null),
                })
            })
            .collect(),
        Value::Map(entries) => entries
            .iter()
            .filter_map(|entry| {
                let value = match entry.value.as_scalar() {
                    Some(s) if s.resolved == Resolved::Null => Canon::Null,
                    Some(s) => Canon::Str(s.text.clone()),
                    None => plain(&entry.value, ""),
                };
                Some((entry.key.as_str()?.to_string(), value))
            })
            .collect(),
        Value::Scalar(_) => Vec::new(),
    };
    crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
    entries.dedup_by(|later, earlier| later.0 == earlier.0);
    Canon::Map(entries)
}

fn ports(node: &Node) -> Canon {
    let mut list = Vec::new();
    for item in node.as_seq().unwrap_or_default() {
        match &item.value {
            Value::Map(_) => {
                let mut fields = match plain(item, "ports") {
                    Canon::Map(fields) => fields,
                    _ => Vec::new(),
                };
                if !fields.iter().any(|(k, _)| k == "mode") {
                    fields.push(("mode".to_string(), Canon::Str("ingress".to_string())));
                }
                if !fields.iter().any(|(k, _)| k == "protocol") {
                    fields.push(("protocol".to_string(), Canon::Str("tcp".to_string())));
                }
                for (key, value) in &mut fields {
                    if key == "published" {
                        if let Canon::Int(port) = value {
                            *value = Canon::Str(port.to_string());
                        }
                    }
                }
                list.push(Canon::Map(field_order(fields, PORT_ORDER)));
            }
            _ => {
                let Some(text) = item.as_scalar().map(|s| s.text.clone()) else {
                    continue;
                };
                let Ok(mappings) = parse_port(&text) else {
                    list.push(Canon::Str(text));
                    continue;
                };
                for mapping in mappings {
                    let mut fields = vec![("mode".to_string(), Canon::Str("ingress".to_string()))];
                    if let Some(ip) = mapping.host_ip {
                        fields.push(("host_ip".to_string(), Canon::Str(ip)));
                    }
                    fields.push(("target".to_string(), Canon::Int(i64::from(mapping.target))));
                    if let Some(published) = mapping.published {
                        fields.push(("published".to_string(), Canon::Str(published)));
                    }
                    fields.push(("protocol".to_string(), Canon::Str(mapping.protocol)));
                    list.push(Canon::Map(fields));
                }
            }
        }
    }
    Canon::List(list)
}

/// The orders compose prints a port's and a mount's fields in.
const PORT_ORDER: &[&str] = &[
    "name",
    "mode",
    "host_ip",
    "target",
    "published",
    "protocol",
    "app_protocol",
];
const VOLUME_ORDER: &[&str] = &[
    "type",
    "source",
    "target",
    "read_only",
    "consistency",
    "bind",
    "volume",
    "tmpfs",
    "image",
];

/// Sorts fields by their place in `order`, then the rest by name.
fn field_order(mut fields: Vec<(String, Canon)>, order: &[&str]) -> Vec<(String, Canon)> {
    let rank = |key: &str| order.iter().position(|k| *k == key).unwrap_or(order.len());
    crate::sort::sort_by(&mut fields, |a, b| {
        rank(&a.0).cmp(&rank(&b.0)).then(a.0.cmp(&b.0))
    });
    fields
}

fn volumes(node: &Node) -> Canon {
    let mut list = Vec::new();
    for item in node.as_seq().unwrap_or_default() {
        let Some(text) = item.as_scalar().map(|s| s.text.clone()) else {
            let long = match plain(item, "volumes") {
                Canon::Map(fields) => Canon::Map(field_order(fields, VOLUME_ORDER)),
                other => other,
            };
            list.push(long);
            continue;
        };
        let Some(mount) = parse_volume(&text) else {
            list.push(Canon::Str(text));
            continue;
        };
        let kind = match mount.kind {
            MountKind::Bind => "bind",
            MountKind::Tmpfs => "tmpfs",
            MountKind::Volume | MountKind::Other => "volume",
        };
        let mut fields = vec![("type".to_string(), Canon::Str(kind.to_string()))];
        if let Some(source) = mount.source {
            fields.push(("source".to_string(), Canon::Str(source)));
        }
        fields.push(("target".to_string(), Canon::Str(mount.target)));
        if mount.read_only {
            fields.push(("read_only".to_string(), Canon::Bool(true)));
        }
        match mount.kind {
            MountKind::Bind => fields.push((
                "bind".to_string(),
                Canon::Map(vec![("create_host_path".to_string(), Canon::Bool(true))]),
            )),
            _ => fields.push(("volume".to_string(), Canon::Map(Vec::new()))),
        }
        list.push(Canon::Map(fields));
    }
    Canon::List(list)
}

fn names_to_map(node: &Node) -> Canon {
    match &node.value {
        Value::Seq(items) => {
            let mut entries: Vec<(String, Canon)> = items
                .iter()
                .filter_map(|item| Some((item.as_str()?.to_string(), Canon::Null)))
                .collect();
            crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
            Canon::Map(entries)
        }
        _ => plain(node, "networks"),
    }
}

fn sources(node: &Node) -> Canon {
    Canon::List(
        node.as_seq()
            .unwrap_or_default()
            .iter()
            .map(|item| match item.as_str() {
                Some(name) => {
                    Canon::Map(vec![("source".to_string(), Canon::Str(name.to_string()))])
                }
                None => plain(item, "secrets"),
            })
            .collect(),
    )
}

fn healthcheck(node: &Node) -> Canon {
    let mut fields = match plain(node, "healthcheck") {
        Canon::Map(fields) => fields,
        other => return other,
    };
    if let Some(test) = node.get("test").and_then(Node::as_str) {
        for (key, value) in &mut fields {
            if key == "test" {
                *value = Canon::List(vec![
                    Canon::Str("CMD-SHELL".to_string()),
                    Canon::Str(test.to_string()),
                ]);
            }
        }
    }
    Canon::Map(fields)
}

/// Top-level volumes, networks, secrets and configs, each with the name Compose gives it.
fn resources(node: Option<&Node>, project_name: &str) -> Vec<(String, Canon)> {
    node.and_then(Node::as_map)
        .unwrap_or_default()
        .iter()
        .filter_map(|entry| {
            let name = entry.key.as_str()?;
            let mut fields = match plain(&entry.value, "") {
                Canon::Map(fields) => fields,
                _ => Vec::new(),
            };
            let external = fields
                .iter()
                .any(|(k, v)| k == "external" && *v == Canon::Bool(true));
            if !fields.iter().any(|(k, _)| k == "name") {
                let full = if external {
                    name.to_string()
                } else {
                    format!("{project_name}_{name}")
                };
                fields.push(("name".to_string(), Canon::Str(full)));
            }
            crate::sort::sort_by(&mut fields, |a, b| a.0.cmp(&b.0));
            Some((name.to_string(), Canon::Map(fields)))
        })
        .collect()
}

/// A node as it stands, with scalars typed; interpolated values at integer and boolean
/// keys become numbers and booleans, as Compose casts them.
fn plain(node: &Node, key: &str) -> Canon {
    match &node.value {
        Value::Scalar(scalar) => {
            let resolved = if scalar.original.is_some() {
                if INTEGER_KEYS.contains(&key) {
                    scalar.text.parse().map_or(Resolved::Str, Resolved::Int)
                } else if BOOLEAN_KEYS.contains(&key) {
                    match scalar.text.as_str() {
                        "true" => Resolved::Bool(true),
                        "false" => Resolved::Bool(false),
                        _ => Resolved::Str,
                    }
                } else {
                    Resolved::Str
                }
            } else {
                scalar.resolved
            };
            match resolved {
                Resolved::Null => Canon::Null,
                Resolved::Bool(b) => Canon::Bool(b),
                Resolved::Int(i) => Canon::Int(i),
                Resolved::Float(f) => Canon::Float(f),
                Resolved::Str => Canon::Str(scalar.text.clone()),
            }
        }
        Value::Seq(items) => Canon::List(items.iter().map(|i| plain(i, key)).collect()),
        Value::Map(entries) => {
            let mut fields: Vec<(String, Canon)> = entries
                .iter()
                .filter_map(|e| {
                    let k = e.key.as_str()?;
                    Some((k.to_string(), plain(&e.value, k)))
                })
                .collect();
            crate::sort::sort_by(&mut fields, |a, b| a.0.cmp(&b.0));
            Canon::Map(fields)
        }
    }
}

/// Splits a command the way a POSIX shell would split words: quotes group, a backslash
/// escapes outside single quotes.
fn shell_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    let mut chars = text.chars();

    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some('"'), '\\') => {
                if let Some(next) = chars.next() {
                    word.push(next);
                }
            }
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\') => {
                if let Some(next) = chars.next() {
                    word.push(next);
                    in_word = true;
                }
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// Writes the canonical project in a format.
pub fn write(canon: &Canon, format: ConfigFormat) -> String {
    let mut out = String::new();
    match format {
        ConfigFormat::Json => {
            json(canon, 0, &mut out);
            out.push('\n');
        }
        ConfigFormat::Yaml => yaml_block(canon, 0, &mut out),
    }
    out
}

fn json(canon: &Canon, indent: usize, out: &mut String) {
    let pad = |n: usize| "  ".repeat(n);
    match canon {
        Canon::Null => out.push_str("null"),
        Canon::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Canon::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Canon::Float(f) if f.is_finite() => {
            let _ = write!(out, "{f}");
        }
        Canon::Float(_) => out.push_str("null"),
        Canon::Str(s) => {
            out.push_str(&serde_json::to_string(&escape_dollars(s)).unwrap_or_default())
        }
        Canon::List(items) if items.is_empty() => out.push_str("[]"),
        Canon::List(items) => {
            out.push_str("[\n");
            for (at, item) in items.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                json(item, indent + 1, out);
                out.push_str(if at + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push(']');
        }
        Canon::Map(fields) if fields.is_empty() => out.push_str("{}"),
        Canon::Map(fields) => {
            out.push_str("{\n");
            for (at, (key, value)) in fields.iter().enumerate() {
                out.push_str(&pad(indent + 1));
                out.push_str(&serde_json::to_string(key).unwrap_or_default());
                out.push_str(": ");
                json(value, indent + 1, out);
                out.push_str(if at + 1 < fields.len() { ",\n" } else { "\n" });
            }
            out.push_str(&pad(indent));
            out.push('}');
        }
    }
}

/// A mapping or list as YAML block lines at an indent, each line ending in a newline.
fn yaml_block(canon: &Canon, indent: usize, out: &mut String) {
    let pad = "  ".repeat(indent);
    match canon {
        Canon::Map(fields) => {
            for (key, value) in fields {
                let _ = write!(out, "{pad}{}:", yaml_scalar_text(key));
                yaml_child(value, indent, out);
            }
        }
        Canon::List(items) => {
            for item in items {
                let _ = write!(out, "{pad}-");
                match item {
                    Canon::Map(fields) if !fields.is_empty() => {
                        // the first field on the dash's line, the rest under it
                        let mut nested = String::new();
                        yaml_block(item, indent + 1, &mut nested);
                        let trimmed = nested.trim_start();
                        let _ = write!(out, " {trimmed}");
                    }
                    _ => yaml_child(item, indent, out),
                }
            }
        }
        scalar => {
            let _ = writeln!(out, "{pad}{}", yaml_value(scalar));
        }
    }
}

fn yaml_child(value: &Canon, indent: usize, out: &mut String) {
    match value {
        Canon::Map(fields) if !fields.is_empty() => {
            out.push('\n');
            yaml_block(value, indent + 1, out);
        }
        Canon::List(items) if !items.is_empty() => {
            out.push('\n');
            yaml_block(value, indent + 1, out);
        }
        scalar => {
            let _ = writeln!(out, " {}", yaml_value(scalar));
        }
    }
}

fn yaml_value(canon: &Canon) -> String {
    match canon {
        Canon::Null => "null".to_string(),
        Canon::Bool(b) => b.to_string(),
        Canon::Int(i) => i.to_string(),
        Canon::Float(f) if f.is_nan() => ".nan".to_string(),
        Canon::Float(f) if f.is_infinite() => if *f > 0.0 { ".inf" } else { "-.inf" }.to_string(),
        Canon::Float(f) => {
            let text = f.to_string();
            if text.contains(['.', 'e', 'E']) {
                text
            } else {
                format!("{text}.0")
            }
        }
        Canon::Str(s) => yaml_scalar_text(&escape_dollars(s)),
        Canon::List(_) => "[]".to_string(),
        Canon::Map(_) => "{}".to_string(),
    }
}

/// Values are written as Compose reads them back: a literal `$` as `$$`, so that loading
/// the output again does not interpolate it a second time.
fn escape_dollars(text: &str) -> String {
    text.replace('$', "$$")
}

/// A string as a YAML scalar: plain where it reads back as the same string, else
/// double-quoted with escapes.
fn yaml_scalar_text(text: &str) -> String {
    let reads_back = crate::yaml::parse(text, 0, crate::yaml::Limits::default())
        .documents
        .first()
        .and_then(|d| d.root.as_scalar())
        .is_some_and(|s| s.resolved == Resolved::Str && s.text == text);
    let safe = !text.is_empty()
        && reads_back
        && !text.starts_with([
            ' ', '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"',
            '%', '@', '`',
        ])
        && !text.ends_with([' ', ':'])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.contains(['\n', '\r', '\t'])
        && text.chars().all(|c| !c.is_control());
    if safe {
        return text.to_string();
    }

    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04x}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_split_like_a_shell() {
        assert_eq!(
            shell_words("redis-server --save ''"),
            ["redis-server", "--save", ""]
        );
        assert_eq!(shell_words(r#"sh -c "echo a b""#), ["sh", "-c", "echo a b"]);
        assert_eq!(shell_words(r"a\ b c"), ["a b", "c"]);
    }

    #[test]
    fn strings_are_quoted_only_where_needed() {
        assert_eq!(yaml_scalar_text("nginx:1.27"), "nginx:1.27");
        assert_eq!(yaml_scalar_text("8080"), "\"8080\"");
        assert_eq!(yaml_scalar_text("true"), "\"true\"");
        assert_eq!(yaml_scalar_text("a: b"), "\"a: b\"");
        assert_eq!(yaml_scalar_text(""), "\"\"");
        assert_eq!(yaml_scalar_text("line\nbreak"), "\"line\\nbreak\"");
        assert_eq!(yaml_scalar_text("- x"), "\"- x\"");
    }
}
