//! `include` and `extends` across the files given together. A file that another file
//! includes or extends from is read through that reference, not merged as an override;
//! the local definition is merged over what it includes or extends, as Compose does.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::load::{Problem, ProblemKind};
use super::merge::merge;
use crate::source::SourceFile;
use crate::yaml::{Entry, Node, Span, Value};

/// Which document a service is looked up in while `extends` chains are followed: the
/// document being resolved, or another file read for its `extends: file:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Root {
    Local,
    File(usize),
}

/// What one document's `extends` resolution has already worked out, so that a chain of
/// services is followed once, not once per service that extends it: the resolved
/// services (only those whose resolution met no problem, since a problem depends on the
/// path it was reached by), and the other files read, with the problems their includes
/// raised.
#[derive(Default)]
struct Extended {
    services: BTreeMap<(Root, String), Node>,
    files: BTreeMap<usize, (Option<Rc<Node>>, Vec<Problem>)>,
}

/// The state of following one service's `extends` chain.
struct Step<'a> {
    visiting: &'a mut Vec<(usize, String)>,
    chain: &'a mut Vec<usize>,
    problems: &'a mut Vec<Problem>,
    extended: &'a mut Extended,
}

/// The interpolated documents of every file, by file index (`None` for `.env` files and
/// files that could not be read).
pub struct Files<'a> {
    pub sources: &'a [SourceFile],
    pub documents: Vec<Option<Vec<Node>>>,
}

impl Files<'_> {
    /// The index of the file a reference from `from` names: its path resolved against the
    /// directory of `from`, or, failing that, the one given file with that name.
    pub fn find(&self, from: usize, reference: &str) -> Option<usize> {
        let base = self.sources.get(from).map_or("", |s| s.path.as_str());
        let wanted = normalize(&join(parent(base), reference));

        let exact = self
            .sources
            .iter()
            .position(|s| normalize(&s.path) == wanted);
        exact.or_else(|| {
            let name = file_name(&wanted);
            let mut same_name = self
                .sources
                .iter()
                .enumerate()
                .filter(|(_, s)| file_name(&normalize(&s.path)) == name);
            match (same_name.next(), same_name.next()) {
                (Some((at, _)), None) => Some(at),
                _ => None,
            }
        })
    }

    /// Every file that another file includes or extends from.
    pub fn referenced(&self) -> BTreeSet<usize> {
        let mut referenced = BTreeSet::new();

        for (file, documents) in self.documents.iter().enumerate() {
            for root in documents.iter().flatten() {
                for (path, _) in include_paths(root) {
                    referenced.extend(self.find(file, &path));
                }
                let services = root
                    .get("services")
                    .and_then(Node::as_map)
                    .unwrap_or_default();
                for entry in services {
                    if let Some(path) = entry
                        .value
                        .get("extends")
                        .and_then(|e| e.get("file"))
                        .and_then(Node::as_str)
                    {
                        referenced.extend(self.find(file, path));
                    }
                }
            }
        }
        referenced.retain(|&file| self.documents.get(file).is_some_and(Option::is_some));
        referenced
    }

    /// The documents of one file merged into one, with its includes and extends resolved.
    pub fn resolved(
        &self,
        file: usize,
        chain: &mut Vec<usize>,
        problems: &mut Vec<Problem>,
    ) -> Option<Node> {
        let documents = self.documents.get(file)?.as_ref()?;
        let mut merged: Option<Node> = None;
        for root in documents {
            let root = self.resolve_root(file, root.clone(), chain, problems);
            merged = Some(match merged {
                Some(base) => merge(base, root, ""),
                None => root,
            });
        }
        merged
    }

    /// Resolves one document's includes, then its services' extends.
    pub fn resolve_root(
        &self,
        file: usize,
        root: Node,
        chain: &mut Vec<usize>,
        problems: &mut Vec<Problem>,
    ) -> Node {
        chain.push(file);
        let root = self.include(file, root, chain, problems);
        let root = self.extend_services(file, root, chain, problems);
        chain.pop();
        root
    }

    fn include(
        &self,
        file: usize,
        root: Node,
        chain: &mut Vec<usize>,
        problems: &mut Vec<Problem>,
    ) -> Node {
        let paths = include_paths(&root);
        if paths.is_empty() {
            return without_key(root, "include");
        }

        let mut included: Option<Node> = None;
        for (path, span) in paths {
            let Some(target) = self.find(file, &path) else {
                problems.push(
                    Problem::new(
                        ProblemKind::MissingFile,
                        format!(
                            "included file {path} was not given, so its services are not analyzed"
                        ),
                        span,
                    )
                    .help("analyze it together with this file"),
                );
                continue;
            };
            if chain.contains(&target) {
                problems.push(Problem::new(
                    ProblemKind::IncludeCycle,
                    format!(
                        "include cycle detected: {}",
                        self.cycle_text(chain, target, "include")
                    ),
                    span,
                ));
                continue;
            }
            let Some(model) = self.resolved(target, chain, problems) else {
                continue;
            };
            included = Some(match included {
                Some(base) => merge(base, model, ""),
                None => model,
            });
        }

        let local = without_key(root, "include");
        let Some(included) = included else {
            return local;
        };
        self.report_conflicts(&included, &local, problems);
        // included resources first, the local file merged over them
        merge(without_key(included, "name"), local, "")
    }

    fn report_conflicts(&self, included: &Node, local: &Node, problems: &mut Vec<Problem>) {
        for section in ["services", "volumes", "networks", "secrets", "configs"] {
            let (Some(theirs), Some(ours)) = (
                included.get(section).and_then(Node::as_map),
                local.get(section).and_then(Node::as_map),
            ) else {
                continue;
            };
            for entry in ours {
                let Some(name) = entry.key.as_str() else {
                    continue;
                };
                if theirs.iter().any(|e| e.key.as_str() == Some(name)) {
                    problems.push(Problem::new(
                        ProblemKind::IncludeConflict,
                        format!("{section}.{name} is also defined by an included file; this definition is merged over it"),
                        entry.key.span,
                    ));
                }
            }
        }
    }

    fn extend_services(
        &self,
        file: usize,
        root: Node,
        chain: &mut Vec<usize>,
        problems: &mut Vec<Problem>,
    ) -> Node {
        let Some(services) = root.get("services").and_then(Node::as_map) else {
            return root;
        };
        if !services.iter().any(|e| e.value.get("extends").is_some()) {
            return root;
        }

        let mut extended = Extended::default();
        let resolved: Vec<Entry> = services
            .iter()
            .map(|entry| {
                let name = entry.key.as_str().unwrap_or_default().to_string();
                let mut visiting = vec![(file, name)];
                let mut step = Step {
                    visiting: &mut visiting,
                    chain: &mut *chain,
                    problems: &mut *problems,
                    extended: &mut extended,
                };
                Entry {
                    key: entry.key.clone(),
                    value: self.extend(file, Root::Local, &root, &entry.value, &mut step),
                }
            })
            .collect();

        replace_key(root, "services", |services| Node {
            value: Value::Map(resolved),
            ..services
        })
    }

    /// A service with its `extends` chain resolved: the base, then the service over it.
    fn extend(
        &self,
        file: usize,
        at: Root,
        root: &Node,
        service: &Node,
        step: &mut Step<'_>,
    ) -> Node {
        let Some(extends) = service.entry("extends") else {
            return service.clone();
        };
        let local = without_key(service.clone(), "extends");

        let (base_name, base_file) = match &extends.value.value {
            Value::Scalar(_) => (extends.value.as_str().map(str::to_string), None),
            Value::Map(_) => (
                extends
                    .value
                    .get("service")
                    .and_then(Node::as_str)
                    .map(str::to_string),
                extends
                    .value
                    .get("file")
                    .and_then(Node::as_str)
                    .map(str::to_string),
            ),
            Value::Seq(_) => (None, None),
        };
        let Some(base_name) = base_name else {
            let service_name = step.visiting.last().map_or("", |(_, n)| n.as_str());
            step.problems.push(Problem::new(
                ProblemKind::InvalidShape,
                format!("extends.{service_name}.service is required"),
                extends.value.span,
            ));
            return local;
        };

        let (target_file, target_at, other_root) = match &base_file {
            None => (file, at, None),
            Some(path) => match self.find(file, path) {
                Some(target) if step.chain.contains(&target) && target != file => {
                    step.problems.push(Problem::new(
                        ProblemKind::IncludeCycle,
                        format!("extends cycle detected through {path}"),
                        extends.value.span,
                    ));
                    return local;
                }
                Some(target) => (target, Root::File(target), self.file_root(target, step)),
                None => {
                    step.problems.push(
                        Problem::new(
                            ProblemKind::MissingFile,
                            format!(
                                "extended file {path} was not given, so service {base_name} cannot be resolved"
                            ),
                            extends.value.span,
                        )
                        .help("analyze it together with this file"),
                    );
                    return local;
                }
            },
        };
        let target_root = match (&base_file, &other_root) {
            (None, _) => Some(root),
            (Some(_), other) => other.as_deref(),
        };

        let base = target_root
            .and_then(|r| r.get("services"))
            .and_then(|s| s.get(&base_name));
        let Some(base) = base else {
            let where_ = base_file.as_deref().unwrap_or("this file");
            step.problems.push(Problem::new(
                ProblemKind::UnknownService,
                format!("cannot extend service {base_name}: no such service in {where_}"),
                extends.value.span,
            ));
            return local;
        };

        let key = (target_file, base_name.clone());
        if step.visiting.contains(&key) {
            let names: Vec<&str> = step.visiting.iter().map(|(_, n)| n.as_str()).collect();
            step.problems.push(Problem::new(
                ProblemKind::IncludeCycle,
                format!(
                    "extends cycle detected: {} → {base_name}",
                    names.join(" → ")
                ),
                extends.value.span,
            ));
            return local;
        }

        let memo_key = (target_at, base_name);
        if let Some(done) = step.extended.services.get(&memo_key) {
            return merge(done.clone(), local, "services.extended");
        }
        let problems_before = step.problems.len();
        step.visiting.push(key);
        let base_root = target_root.unwrap_or(root);
        let base = self.extend(target_file, target_at, base_root, base, step);
        step.visiting.pop();
        if step.problems.len() == problems_before {
            step.extended.services.insert(memo_key, base.clone());
        }

        merge(base, local, "services.extended")
    }

    /// Another file's documents merged into one with its includes resolved, read once
    /// per document being resolved; the problems its includes raise are raised again at
    /// every use, as when it was read each time.
    fn file_root(&self, target: usize, step: &mut Step<'_>) -> Option<Rc<Node>> {
        if let Some((root, problems)) = step.extended.files.get(&target) {
            step.problems.extend(problems.iter().cloned());
            return root.clone();
        }

        let documents = self.documents.get(target).and_then(Option::as_ref);
        let root = documents.and_then(|docs| {
            docs.iter()
                .cloned()
                .reduce(|base, over| merge(base, over, ""))
        });
        let mut raised = Vec::new();
        let root = root.map(|r| {
            step.chain.push(target);
            let r = self.include(target, r, step.chain, &mut raised);
            step.chain.pop();
            Rc::new(r)
        });
        step.problems.extend(raised.iter().cloned());
        step.extended.files.insert(target, (root.clone(), raised));
        root
    }

    fn cycle_text(&self, chain: &[usize], target: usize, verb: &str) -> String {
        let name = |file: &usize| {
            self.sources
                .get(*file)
                .map_or("?".to_string(), |s| s.path.clone())
        };
        let start = chain.iter().position(|f| *f == target).unwrap_or(0);
        let mut names: Vec<String> = chain.iter().skip(start).map(name).collect();
        names.push(name(&target));
        names.join(&format!(" {verb} "))
    }
}

/// The paths of a document's `include` entries (short and long form), with their spans.
fn include_paths(root: &Node) -> Vec<(String, Span)> {
    let Some(items) = root.get("include").and_then(Node::as_seq) else {
        return Vec::new();
    };
    let mut paths = Vec::new();
    for item in items {
        match &item.value {
            Value::Scalar(_) => paths.extend(item.as_str().map(|p| (p.to_string(), item.span))),
            Value::Map(_) => match item.get("path").map(|p| &p.value) {
                Some(Value::Seq(list)) => paths.extend(
                    list.iter()
                        .filter_map(|p| Some((p.as_str()?.to_string(), p.span))),
                ),
                Some(_) => paths.extend(
                    item.get("path")
                        .and_then(|p| Some((p.as_str()?.to_string(), p.span))),
                ),
                None => {}
            },
            Value::Seq(_) => {}
        }
    }
    paths
}

fn without_key(node: Node, key: &str) -> Node {
    match node.value {
        Value::Map(entries) => Node {
            value: Value::Map(
                entries
                    .into_iter()
                    .filter(|e| e.key.as_str() != Some(key))
                    .collect(),
            ),
            ..node
        },
        _ => node,
    }
}

fn replace_key(node: Node, key: &str, change: impl FnOnce(Node) -> Node) -> Node {
    let Value::Map(entries) = node.value else {
        return node;
    };
    let mut change = Some(change);
    let entries = entries
        .into_iter()
        .map(|entry| {
            if entry.key.as_str() == Some(key) {
                if let Some(change) = change.take() {
                    return Entry {
                        key: entry.key,
                        value: change(entry.value),
                    };
                }
            }
            entry
        })
        .collect();
    Node {
        value: Value::Map(entries),
        ..node
    }
}

fn parent(path: &str) -> &str {
    path.rfind(['/', '\\'])
        .and_then(|at| path.get(..at))
        .unwrap_or("")
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn join(dir: &str, path: &str) -> String {
    if dir.is_empty() || path.starts_with('/') {
        path.to_string()
    } else {
        format!("{dir}/{path}")
    }
}

/// Folds `.` and `..` and doubled separators; keeps a leading `..` that has nothing to fold.
fn normalize(path: &str) -> String {
    let absolute = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_normalize() {
        assert_eq!(normalize("./a/../b//c.yaml"), "b/c.yaml");
        assert_eq!(normalize("../x.yaml"), "../x.yaml");
        assert_eq!(
            join(parent("dir/compose.yaml"), "sub/base.yaml"),
            "dir/sub/base.yaml"
        );
    }
}
