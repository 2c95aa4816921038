//! Checks that the schema cannot express, made as Compose makes them once the files are
//! merged: keys that must be strings, resources declared external that also configure
//! themselves, mounts without a source, device requests, and `env_file` entries.

use super::load::{Problem, ProblemKind};
use crate::source::SourceFile;
use crate::yaml::{Node, Resolved, Style, Value};

/// Keys that are not strings, in one parsed document (before merging, so that each key
/// keeps its own file).
pub fn non_string_keys(root: &Node, problems: &mut Vec<Problem>) {
    let mut stack: Vec<(&Node, String)> = vec![(root, String::new())];

    while let Some((node, path)) = stack.pop() {
        match &node.value {
            Value::Map(entries) => {
                for entry in entries {
                    let Some(key) = entry.key.as_scalar() else {
                        continue;
                    };
                    let plain = key.style == Style::Plain;
                    if plain && !matches!(key.resolved, Resolved::Str) {
                        let place = if path.is_empty() {
                            "at top level".to_string()
                        } else {
                            format!("in {path}")
                        };
                        problems.push(
                            Problem::new(
                                ProblemKind::InvalidShape,
                                format!("non-string key {place}: {}", key.text),
                                entry.key.span,
                            )
                            .help(format!("quote the key: \"{}\":", key.text)),
                        );
                    }
                    let child = if path.is_empty() {
                        key.text.clone()
                    } else {
                        format!("{path}.{}", key.text)
                    };
                    stack.push((&entry.value, child));
                }
            }
            Value::Seq(items) => {
                for (at, item) in items.iter().enumerate() {
                    stack.push((item, format!("{path}[{at}]")));
                }
            }
            Value::Scalar(_) => {}
        }
    }
}

/// Checks on the merged document.
pub fn merged(root: &Node, files: &[SourceFile], problems: &mut Vec<Problem>) {
    let first = files.iter().position(|f| !f.is_env_file());
    for section in ["volumes", "networks", "secrets", "configs"] {
        for entry in root.get(section).and_then(Node::as_map).unwrap_or_default() {
            let Some(name) = entry.key.as_str() else {
                continue;
            };
            external_resource(section, name, &entry.value, problems);
        }
    }

    for entry in root
        .get("services")
        .and_then(Node::as_map)
        .unwrap_or_default()
    {
        let Some(name) = entry.key.as_str() else {
            continue;
        };
        // a service first written in an override may take its image from a file not given
        let partial = first.is_some_and(|f| entry.key.span.file != f);
        service(name, &entry.value, partial, files, problems);
    }
}

/// A resource declared `external` is created elsewhere: it cannot also say how to create
/// itself, and its name is given once.
fn external_resource(section: &str, name: &str, node: &Node, problems: &mut Vec<Problem>) {
    let Some(external) = node.entry("external") else {
        return;
    };
    let is_external = match &external.value.value {
        Value::Scalar(s) => s.resolved == Resolved::Bool(true) || s.text == "true",
        // the old `external: {name: ...}` form
        Value::Map(_) => true,
        Value::Seq(_) => false,
    };
    if !is_external {
        return;
    }

    if node.get("name").is_some() && external.value.get("name").is_some() {
        problems.push(Problem::new(
            ProblemKind::InvalidShape,
            format!("{section}.{name}: name and external.name conflict; only use name"),
            external.key.span,
        ));
    }
    if section == "volumes" || section == "networks" {
        for entry in node.as_map().unwrap_or_default() {
            let Some(key) = entry.key.as_str() else {
                continue;
            };
            if matches!(key, "external" | "name") || key.starts_with("x-") {
                continue;
            }
            problems.push(Problem::new(
                ProblemKind::InvalidShape,
                format!(
                    "{section}.{name}: conflicting parameters \"external\" and \"{key}\" specified"
                ),
                entry.key.span,
            ));
        }
    }
}

fn service(
    name: &str,
    node: &Node,
    partial: bool,
    files: &[SourceFile],
    problems: &mut Vec<Problem>,
) {
    let has = |key: &str| node.get(key).is_some_and(|v| !v.is_null());
    if !has("image") && !has("build") && !has("provider") {
        let problem = if partial {
            Problem::new(
                ProblemKind::PartialService,
                format!(
                    "service {name} has no image in the files given; the file that defines it may be missing"
                ),
                node.span,
            )
            .help("analyze it together with the file that gives the service its image")
        } else {
            Problem::new(
                ProblemKind::InvalidShape,
                format!("service {name} has neither an image nor a build context specified"),
                node.span,
            )
            .help("give it an `image:` the platform can pull")
        };
        problems.push(problem);
    }

    for mount in node
        .get("volumes")
        .and_then(Node::as_seq)
        .unwrap_or_default()
    {
        let bind = mount.get("type").and_then(Node::as_str) == Some("bind");
        let source = mount.get("source").and_then(Node::as_str).unwrap_or("");
        if mount.as_map().is_some() && bind && source.is_empty() {
            problems.push(Problem::new(
                ProblemKind::InvalidShape,
                format!(
                    "invalid mount config for type \"bind\" in service {name}: field Source must not be empty"
                ),
                mount.span,
            ));
        }
    }

    let devices = node
        .get("deploy")
        .and_then(|d| d.get("resources"))
        .and_then(|r| r.get("reservations"))
        .and_then(|r| r.get("devices"))
        .and_then(Node::as_seq)
        .unwrap_or_default();
    for device in devices {
        if let Some(count) = device.get("count") {
            let text = count.as_scalar().map(|s| s.text.as_str()).unwrap_or("");
            if text != "all" && text.parse::<i64>().is_err() {
                problems.push(Problem::new(
                    ProblemKind::InvalidValue,
                    format!(
                        "invalid value \"{text}\", the only value allowed is 'all' or a number"
                    ),
                    count.span,
                ));
            }
            if device.get("device_ids").is_some() {
                problems.push(Problem::new(
                    ProblemKind::InvalidShape,
                    "\"count\" and \"device_ids\" attributes are exclusive",
                    count.span,
                ));
            }
        }
    }

    env_files(node, files, problems);
}

/// `env_file` entries feed the container, not interpolation; one that was not given
/// cannot be checked, and Compose fails without a required one.
fn env_files(node: &Node, files: &[SourceFile], problems: &mut Vec<Problem>) {
    let entries: Vec<&Node> = match node.get("env_file").map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().collect(),
        Some(Value::Scalar(_)) => node.get("env_file").into_iter().collect(),
        _ => Vec::new(),
    };

    for entry in entries {
        let (path, required) = match &entry.value {
            Value::Map(_) => (
                entry.get("path").and_then(Node::as_str),
                entry
                    .get("required")
                    .and_then(Node::as_scalar)
                    .is_none_or(|s| s.text != "false"),
            ),
            _ => (entry.as_str(), true),
        };
        let Some(path) = path else {
            continue;
        };
        let wanted = path.trim_start_matches("./");
        let given = files.iter().any(|f| {
            let have = f.path.trim_start_matches("./");
            have == wanted || have.ends_with(&format!("/{wanted}"))
        });
        if !given && required {
            // one finding per entry, also where an anchor shares it between services
            problems.push(
                Problem::new(
                    ProblemKind::EnvFileNotGiven,
                    format!("env file {path} was not given, so the variables it sets are not checked"),
                    entry.span,
                )
                .help(
                    "add it to the files analyzed; on the platform, its variables become parameters of the service",
                ),
            );
        }
    }
}
