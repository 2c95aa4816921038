//! Merges one Compose document onto another as Compose merges an override file onto its
//! base: mappings merge key by key, sequences append, scalars are replaced, and the
//! `!reset` and `!override` tags remove or replace what the base had.

use std::collections::HashMap;

use crate::yaml::{Entry, Node, Resolved, Tag, Value};

/// Keys whose value the override replaces outright instead of merging, by their path
/// below a service.
const REPLACED: &[&str] = &["command", "entrypoint", "healthcheck.test"];

/// Sequences that hold `KEY=VALUE` items or a mapping, merged by key.
const KEYED: &[&str] = &[
    "environment",
    "labels",
    "annotations",
    "build.args",
    "build.labels",
    "deploy.labels",
    "sysctls",
    "extra_hosts",
];

/// Merges `over` onto `base`; `path` is the dotted path of the node below a service
/// (empty at a document's root).
pub fn merge(base: Node, over: Node, path: &str) -> Node {
    match over.tag {
        Some(Tag::Override) => return untagged(over),
        Some(Tag::Reset) => return untagged(over),
        _ => {}
    }
    if REPLACED.contains(&service_path(path)) {
        return over;
    }
    if KEYED.contains(&service_path(path)) {
        return merge_keyed(base, over, service_path(path) == "extra_hosts");
    }

    match (base.value, over.value) {
        (Value::Map(base_entries), Value::Map(over_entries)) => Node {
            span: over.span,
            tag: over.tag,
            value: Value::Map(merge_entries(base_entries, over_entries, path)),
        },
        (Value::Seq(mut base_items), Value::Seq(over_items)) => {
            base_items.extend(over_items);
            Node {
                span: over.span,
                tag: over.tag,
                value: Value::Seq(unique(base_items, service_path(path))),
            }
        }
        (_, value) => Node {
            span: over.span,
            tag: over.tag,
            value,
        },
    }
}

fn merge_entries(base: Vec<Entry>, over: Vec<Entry>, path: &str) -> Vec<Entry> {
    let key_of = |entry: &Entry| {
        entry
            .key
            .as_scalar()
            .map(|s| s.text.clone())
            .unwrap_or_default()
    };
    let mut index: HashMap<String, usize> = HashMap::with_capacity(base.len() + over.len());
    // a reset entry leaves a hole, so that the positions in the index stay right
    let mut merged: Vec<Option<Entry>> = Vec::with_capacity(base.len() + over.len());
    for entry in base {
        index.insert(key_of(&entry), merged.len());
        merged.push(Some(entry));
    }

    for entry in over {
        let key = key_of(&entry);
        let child_path = if path.is_empty() {
            key.clone()
        } else {
            format!("{path}.{key}")
        };
        let reset = entry.value.tag == Some(Tag::Reset);
        let slot = index.get(&key).and_then(|&at| merged.get_mut(at));

        match (slot, reset) {
            (Some(slot), true) => *slot = None,
            (None, true) => {}
            (Some(slot), false) => {
                // the key keeps the place where it was first written
                *slot = match slot.take() {
                    Some(old) => Some(Entry {
                        key: old.key,
                        value: merge(old.value, entry.value, &child_path),
                    }),
                    None => Some(Entry {
                        key: entry.key,
                        value: untagged(entry.value),
                    }),
                };
            }
            (None, false) => {
                index.insert(key, merged.len());
                merged.push(Some(Entry {
                    key: entry.key,
                    value: untagged(entry.value),
                }));
            }
        }
    }
    merged.into_iter().flatten().collect()
}

/// Sequences whose items are unique by value once merged.
const UNIQUE_BY_VALUE: &[&str] = &[
    "cap_add",
    "cap_drop",
    "devices",
    "dns",
    "dns_opt",
    "dns_search",
    "env_file",
    "expose",
    "external_links",
    "group_add",
    "links",
    "profiles",
    "security_opt",
    "tmpfs",
    "volumes_from",
    "build.tags",
];

/// Keeps the last of the items that share a uniqueness key, where it stood first, as
/// Compose does after merging: ports by address, port and protocol, mounts by target,
/// secrets and configs by target, and some lists by value.
fn unique(items: Vec<Node>, path: &str) -> Vec<Node> {
    let key: fn(&Node) -> Option<String> = match path {
        "ports" => port_key,
        "volumes" => mount_key,
        "secrets" => |n| file_key(n, "/run/secrets/"),
        "configs" => |n| file_key(n, "/"),
        p if UNIQUE_BY_VALUE.contains(&p) => |n| n.as_scalar().map(|s| s.text.clone()),
        _ => return items,
    };

    let mut at: HashMap<String, usize> = HashMap::new();
    let mut kept: Vec<Node> = Vec::with_capacity(items.len());
    for item in items {
        match key(&item) {
            Some(k) => match at.get(&k).and_then(|&i| kept.get_mut(i)) {
                Some(slot) => *slot = item,
                None => {
                    at.insert(k, kept.len());
                    kept.push(item);
                }
            },
            None => kept.push(item),
        }
    }
    kept
}

fn port_key(node: &Node) -> Option<String> {
    match &node.value {
        Value::Scalar(s) => Some(s.text.clone()),
        Value::Map(_) => {
            let field = |k: &str| {
                node.get(k)
                    .and_then(|v| v.as_scalar())
                    .map_or("", |s| s.text.as_str())
            };
            let protocol = match field("protocol") {
                "" => "tcp",
                p => p,
            };
            Some(format!(
                "{}:{}:{}/{protocol}",
                field("host_ip"),
                field("published"),
                field("target")
            ))
        }
        Value::Seq(_) => None,
    }
}

fn mount_key(node: &Node) -> Option<String> {
    match &node.value {
        Value::Scalar(s) => super::normalize::parse_volume(&s.text).map(|m| m.target),
        Value::Map(_) => node
            .get("target")
            .and_then(Node::as_str)
            .map(str::to_string),
        Value::Seq(_) => None,
    }
}

/// Secrets and configs are mounted at their target, by default under `prefix` with the
/// source's name.
fn file_key(node: &Node, prefix: &str) -> Option<String> {
    match &node.value {
        Value::Scalar(s) => Some(format!("{prefix}{}", s.text)),
        Value::Map(_) => node
            .get("target")
            .and_then(Node::as_str)
            .map(str::to_string)
            .or_else(|| Some(format!("{prefix}{}", node.get("source")?.as_str()?))),
        Value::Seq(_) => None,
    }
}

/// Merges `KEY=VALUE` lists and mappings by key: the override's value wins.
/// `hosts`: the items are `extra_hosts`, whose name and address may also be split by `:`.
fn merge_keyed(base: Node, over: Node, hosts: bool) -> Node {
    let (base_is_map, over_is_map) = (base.as_map().is_some(), over.as_map().is_some());
    if base_is_map && over_is_map {
        return merge(Node { tag: None, ..base }, over, "");
    }

    let mut items: Vec<Node> = as_items(base);
    for item in as_items(over.clone()) {
        let key = item_key(&item, hosts);
        items.retain(|existing| item_key(existing, hosts) != key);
        items.push(item);
    }
    Node {
        span: over.span,
        tag: None,
        value: Value::Seq(items),
    }
}

/// The items of a keyed list; a mapping's entries become `KEY=VALUE` items.
fn as_items(node: Node) -> Vec<Node> {
    match node.value {
        Value::Seq(items) => items,
        Value::Map(entries) => entries
            .into_iter()
            .map(|entry| {
                let key = entry
                    .key
                    .as_scalar()
                    .map(|s| s.text.clone())
                    .unwrap_or_default();
                // a null value is a bare name; any other is text, as in the list form
                let mut item = entry.value;
                if let Value::Scalar(scalar) = &mut item.value {
                    scalar.text = if scalar.resolved == Resolved::Null {
                        key
                    } else {
                        format!("{key}={}", scalar.text)
                    };
                    scalar.resolved = Resolved::Str;
                }
                item
            })
            .collect(),
        Value::Scalar(_) => Vec::new(),
    }
}

fn item_key(item: &Node, hosts: bool) -> String {
    let text = item
        .as_scalar()
        .map(|s| s.text.as_str())
        .unwrap_or_default();
    let split = match text.split_once('=') {
        None if hosts => text.split_once(':'),
        other => other,
    };
    split.map_or(text, |(key, _)| key).to_string()
}

/// The path below `services.NAME`, or the path itself when it is not below a service.
fn service_path(path: &str) -> &str {
    path.strip_prefix("services.")
        .and_then(|rest| rest.split_once('.'))
        .map_or("", |(_, below)| below)
}

fn untagged(node: Node) -> Node {
    match node.tag {
        Some(Tag::Reset) | Some(Tag::Override) => Node { tag: None, ..node },
        _ => node,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{Limits, parse};

    fn doc(text: &str, file: usize) -> Node {
        parse(text, file, Limits::default())
            .documents
            .remove(0)
            .root
    }

    #[test]
    fn override_merges_maps_appends_lists_and_replaces_commands() {
        let base = doc(
            "services:\n  web:\n    image: a\n    command: [x, y]\n    ports: ['80']\n    environment: [A=1, B=2]\n",
            0,
        );
        let over = doc(
            "services:\n  web:\n    image: b\n    command: [z]\n    ports: ['81']\n    environment: {B: 3}\n",
            1,
        );
        let merged = merge(base, over, "");
        let web = merged.get("services").unwrap().get("web").unwrap();

        assert_eq!(web.get("image").unwrap().as_str(), Some("b"));
        assert_eq!(web.get("image").unwrap().span.file, 1);
        assert_eq!(web.get("command").unwrap().as_seq().unwrap().len(), 1);
        assert_eq!(web.get("ports").unwrap().as_seq().unwrap().len(), 2);
        let env: Vec<&str> = web
            .get("environment")
            .unwrap()
            .as_seq()
            .unwrap()
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect();
        assert_eq!(env, ["A=1", "B=3"]);
    }

    #[test]
    fn merged_lists_keep_one_item_per_uniqueness_key() {
        let base = doc(
            "services:\n  web:\n    ports: ['80:80', '443:443']\n    volumes: ['a:/data', './x:/x']\n    cap_add: [NET_ADMIN]\n",
            0,
        );
        let over = doc(
            "services:\n  web:\n    ports: ['80:80', '8080:8080']\n    volumes: ['b:/data']\n    cap_add: [NET_ADMIN, SYS_TIME]\n",
            1,
        );
        let merged = merge(base, over, "");
        let web = merged.get("services").unwrap().get("web").unwrap();
        let texts = |key: &str| -> Vec<String> {
            web.get(key)
                .unwrap()
                .as_seq()
                .unwrap()
                .iter()
                .map(|n| n.as_str().unwrap().to_string())
                .collect()
        };

        assert_eq!(texts("ports"), ["80:80", "443:443", "8080:8080"]);
        assert_eq!(texts("volumes"), ["b:/data", "./x:/x"]);
        assert_eq!(texts("cap_add"), ["NET_ADMIN", "SYS_TIME"]);
        let data = &web.get("volumes").unwrap().as_seq().unwrap()[0];
        assert_eq!(data.span.file, 1, "the override's mount wins");
    }

    #[test]
    fn a_mapping_override_merges_into_a_list_base_as_text() {
        let base = doc(
            "services:\n  a:\n    environment: [A=1, C=3]\n    extra_hosts: [\"h:1.1.1.1\"]\n",
            0,
        );
        let over = doc(
            "services:\n  a:\n    environment: {A: 2, B: true, C: null}\n    extra_hosts: [\"h:2.2.2.2\", \"k:3.3.3.3\"]\n",
            1,
        );
        let merged = merge(base, over, "");
        let a = merged.get("services").unwrap().get("a").unwrap();
        let items = |key: &str| -> Vec<(String, Resolved)> {
            a.get(key)
                .unwrap()
                .as_seq()
                .unwrap()
                .iter()
                .map(|n| {
                    let s = n.as_scalar().unwrap();
                    (s.text.clone(), s.resolved)
                })
                .collect()
        };

        assert_eq!(
            items("environment"),
            [
                ("A=2".to_string(), Resolved::Str),
                ("B=true".to_string(), Resolved::Str),
                ("C".to_string(), Resolved::Str),
            ]
        );
        let hosts: Vec<String> = items("extra_hosts").into_iter().map(|(t, _)| t).collect();
        assert_eq!(hosts, ["h:2.2.2.2", "k:3.3.3.3"]);
    }

    #[test]
    fn reset_removes_and_override_replaces() {
        let base = doc(
            "services:\n  web:\n    ports: ['80']\n    labels: {a: 1}\n",
            0,
        );
        let over = doc(
            "services:\n  web:\n    ports: !reset []\n    labels: !override {b: 2}\n",
            1,
        );
        let merged = merge(base, over, "");
        let web = merged.get("services").unwrap().get("web").unwrap();

        assert!(web.get("ports").is_none());
        let labels = web.get("labels").unwrap();
        assert!(labels.get("a").is_none());
        assert_eq!(labels.get("b").unwrap().as_str(), Some("2"));
    }
}
