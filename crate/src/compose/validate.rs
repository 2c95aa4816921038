//! Checks that the schema cannot express, made as Compose makes them once the files are
//! merged: keys that must be strings, the project name, image references, resources
//! declared external that also configure themselves, mounts without a source, device
//! requests, and `env_file` entries.

use super::image::check_image;
use super::load::{Problem, ProblemKind};
use super::normalize_project_name;
use crate::source::SourceFile;
use crate::yaml::{Node, Resolved, Style, Value};

/// Keys that are not strings, in one parsed document (before merging, so that each key
/// keeps its own file).
pub fn non_string_keys(root: &Node, problems: &mut Vec<Problem>) {
    // every node visited, with the step that led to it from its parent; a path is
    // spelled out only for a key that is reported
    let mut steps: Vec<(Option<usize>, Step<'_>)> = Vec::new();
    let mut stack: Vec<(&Node, Option<usize>)> = vec![(root, None)];

    while let Some((node, at)) = stack.pop() {
        match &node.value {
            Value::Map(entries) => {
                for entry in entries {
                    let Some(key) = entry.key.as_scalar() else {
                        continue;
                    };
                    if key.style == Style::Plain && !matches!(key.resolved, Resolved::Str) {
                        let place = match at {
                            None => "at top level".to_string(),
                            Some(at) => format!("in {}", path(&steps, at)),
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
                    if has_children(&entry.value) {
                        steps.push((at, Step::Key(&key.text)));
                        stack.push((&entry.value, Some(steps.len() - 1)));
                    }
                }
            }
            Value::Seq(items) => {
                for (index, item) in items.iter().enumerate() {
                    if has_children(item) {
                        steps.push((at, Step::Index(index)));
                        stack.push((item, Some(steps.len() - 1)));
                    }
                }
            }
            Value::Scalar(_) => {}
        }
    }
}

/// One step from a node to its child: a mapping key or a sequence index.
#[derive(Debug, Clone, Copy)]
enum Step<'n> {
    Key(&'n str),
    Index(usize),
}

fn has_children(node: &Node) -> bool {
    !matches!(node.value, Value::Scalar(_))
}

/// The dotted path of the step at `at`, from the top of the document: `services.web.ports[0]`.
fn path(steps: &[(Option<usize>, Step<'_>)], at: usize) -> String {
    let mut chain = Vec::new();
    let mut next = Some(at);
    while let Some((parent, step)) = next.and_then(|at| steps.get(at)) {
        chain.push(*step);
        next = *parent;
    }

    let mut path = String::new();
    for step in chain.iter().rev() {
        match step {
            Step::Key(key) if path.is_empty() => path.push_str(key),
            Step::Key(key) => {
                path.push('.');
                path.push_str(key);
            }
            Step::Index(index) => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// Checks on the merged document.
pub fn merged(root: &Node, files: &[SourceFile], problems: &mut Vec<Problem>) {
    let first = files.iter().position(|f| !f.is_env_file());
    if let Some(name) = root.get("name") {
        project_name(name, problems);
    }
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

/// The text of a string value that interpolation left whole: a value an unset variable
/// emptied is the unset variable's finding, not judged here.
fn resolved_text(node: &Node) -> Option<&str> {
    let scalar = node.as_scalar()?;
    (scalar.resolved == Resolved::Str && !scalar.unresolved).then_some(scalar.text.as_str())
}

/// A project name as Compose wants it: lowercase letters, digits, `-` and `_`, starting
/// with a letter or digit. Compose normalizes another name from the file (it refuses one
/// given on its command line), so every container, network and volume is named after a
/// project other than the one written. An empty name is not judged: the directory names
/// the project then.
fn project_name(node: &Node, problems: &mut Vec<Problem>) {
    let Some(name) = resolved_text(node).filter(|n| !n.is_empty()) else {
        return;
    };
    let normalized = normalize_project_name(name);
    if normalized == name {
        return;
    }

    let (used, help) = if normalized.is_empty() {
        (
            "names the project after its directory instead".to_string(),
            "use lowercase letters, digits, `-` and `_`, starting with a letter or digit"
                .to_string(),
        )
    } else {
        (
            format!("uses {normalized:?} instead"),
            format!(
                "name it `{normalized}`: lowercase letters, digits, `-` and `_`, starting with a letter or digit"
            ),
        )
    };
    problems.push(
        Problem::new(
            ProblemKind::InvalidProjectName,
            format!("invalid project name {name:?}: Compose {used}"),
            node.span,
        )
        .help(help),
    );
}

/// The image must be a reference Docker accepts, and not empty where nothing is built.
fn image(name: &str, node: &Node, builds: bool, problems: &mut Vec<Problem>) {
    let Some(reference) = resolved_text(node) else {
        return;
    };
    if reference.is_empty() {
        // a service that builds is named after the project and itself; one that does not
        // has nothing to run, and Compose refuses it
        if !builds {
            problems.push(
                Problem::new(
                    ProblemKind::InvalidShape,
                    format!("service {name} has an empty image and no build context"),
                    node.span,
                )
                .help("name the image the platform must pull, such as `nginx:1.27`"),
            );
        }
        return;
    }

    if let Err(error) = check_image(reference) {
        let problem = Problem::new(
            ProblemKind::InvalidImage,
            format!(
                "service {name} has an invalid image reference {reference:?}: {}",
                error.reason
            ),
            node.span,
        );
        problems.push(match error.suggestion {
            Some(valid) => problem.help(format!("write it as `{valid}`")),
            None => problem.help(
                "write it as [registry[:port]/]repository[:tag][@sha256:digest], the repository in lowercase",
            ),
        });
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
    if let Some(reference) = node.get("image") {
        image(name, reference, has("build") || has("provider"), problems);
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use crate::compose::{Input, Problem, ProblemKind, load};
    use crate::source::SourceFile;

    /// The problems with images and the project name.
    fn invalid_values(text: &str, env: &[(&str, &str)]) -> Vec<Problem> {
        let input = Input {
            files: vec![SourceFile::new("compose.yaml", text)],
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            ..Input::default()
        };
        load(&input)
            .problems
            .into_iter()
            .filter(|p| {
                matches!(
                    p.kind,
                    ProblemKind::InvalidImage
                        | ProblemKind::InvalidShape
                        | ProblemKind::InvalidProjectName
                )
            })
            .collect()
    }

    fn at<'t>(text: &'t str, problem: &Problem) -> &'t str {
        &text[problem.span.start..problem.span.end]
    }

    #[test]
    fn invalid_image_references_are_reported_at_the_image() {
        let text = "services:
  a:
    image: Nginx:1.27
  b:
    image: acme/MyApp:1
  c:
    image: nginx:1.27:extra
  d:
    image: \"\"
  e:
    image: nginx:-bad
  f:
    image: nginx@sha256:abc
  g:
    image: registry.example.com:5000/team/app:1.0
  h:
    image: Registry.Example.com/team/app:1.0
";
        let found: Vec<(String, &str, Option<String>)> = invalid_values(text, &[])
            .iter()
            .map(|p| (p.message.clone(), at(text, p), p.help.clone()))
            .collect();
        let messages: Vec<&str> = found.iter().map(|(m, _, _)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "service a has an invalid image reference \"Nginx:1.27\": the repository name \"Nginx\" must be lowercase",
                "service b has an invalid image reference \"acme/MyApp:1\": the repository name \"acme/MyApp\" must be lowercase",
                "service c has an invalid image reference \"nginx:1.27:extra\": it has more than one tag",
                "service d has an empty image and no build context",
                "service e has an invalid image reference \"nginx:-bad\": the tag \"-bad\" must start with a letter, digit or '_' and hold at most 128 letters, digits, '_', '.' and '-'",
                "service f has an invalid image reference \"nginx@sha256:abc\": a sha256 digest is 64 lowercase hexadecimal digits, not \"abc\"",
            ]
        );
        let spans: Vec<&str> = found.iter().map(|(_, s, _)| *s).collect();
        assert_eq!(
            spans,
            [
                "Nginx:1.27",
                "acme/MyApp:1",
                "nginx:1.27:extra",
                "\"\"",
                "nginx:-bad",
                "nginx@sha256:abc"
            ]
        );
        let kinds: Vec<ProblemKind> = invalid_values(text, &[]).iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds[3],
            ProblemKind::InvalidShape,
            "Compose refuses it as it loads"
        );
        assert!(
            kinds
                .iter()
                .enumerate()
                .all(|(at, k)| at == 3 || *k == ProblemKind::InvalidImage)
        );
        assert!(
            !ProblemKind::InvalidImage.is_fatal(),
            "Compose loads it, and fails to pull"
        );
        assert_eq!(found[0].2.as_deref(), Some("write it as `nginx:1.27`"));
        assert_eq!(found[1].2.as_deref(), Some("write it as `acme/myapp:1`"));
    }

    #[test]
    fn unresolved_images_and_empty_images_that_build_are_not_judged() {
        let text = "services:
  a:
    image: ${IMAGE}
  b:
    image: nginx:${TAG}
  c:
    image: \"\"
    build: .
  d:
    image: ${REGISTRY:-Registry.example.com}/app:${TAG:-1}
";
        assert!(invalid_values(text, &[]).is_empty());

        let found = invalid_values(text, &[("IMAGE", "Bad/Name:1"), ("TAG", "x:y")]);
        let messages: Vec<&str> = found.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "service a has an invalid image reference \"Bad/Name:1\": the repository name \"Name\" must be lowercase",
                "service b has an invalid image reference \"nginx:x:y\": it has more than one tag",
                "service d has an invalid image reference \"Registry.example.com/app:x:y\": it has more than one tag",
            ]
        );
        assert_eq!(at(text, &found[0]), "${IMAGE}");
    }

    #[test]
    fn a_project_name_compose_would_change_is_reported_with_the_name_it_uses() {
        for (name, message, help) in [
            (
                "MyApp",
                "Compose uses \"myapp\" instead",
                "name it `myapp`: ",
            ),
            (
                "my.app",
                "Compose uses \"myapp\" instead",
                "name it `myapp`: ",
            ),
            ("-app", "Compose uses \"app\" instead", "name it `app`: "),
            (
                "_",
                "Compose names the project after its directory instead",
                "use lowercase",
            ),
        ] {
            let text = format!("name: {name:?}\nservices:\n  a:\n    image: nginx:1.27\n");
            let found = invalid_values(&text, &[]);
            assert_eq!(found.len(), 1, "{name}: {found:?}");
            assert_eq!(found[0].kind, ProblemKind::InvalidProjectName);
            assert_eq!(
                found[0].message,
                format!("invalid project name {name:?}: {message}")
            );
            assert_eq!(at(&text, &found[0]), format!("{name:?}"));
            assert!(
                found[0].help.as_deref().unwrap().starts_with(help),
                "{name}"
            );
        }

        for name in [
            "myapp",
            "my-app_2",
            "1app",
            "\"\"",
            "${NAME}",
            "${NAME:-app}",
        ] {
            let text = format!("name: {name}\nservices:\n  a:\n    image: nginx:1.27\n");
            assert!(invalid_values(&text, &[]).is_empty(), "{name}");
        }
        let text = "name: ${NAME}\nservices:\n  a:\n    image: nginx:1.27\n";
        assert_eq!(invalid_values(text, &[("NAME", "Shop")]).len(), 1);
    }
}
