//! The load pipeline: `.env` files read first, then each compose file parsed,
//! interpolated and merged onto the ones before it, then read into the project model
//! and its references checked. Every problem keeps the span it came from.

use std::collections::{BTreeMap, HashMap};

use super::model::{Project, read_project};
use super::resolve::Files;
use super::{dotenv, interpolate, merge::merge, references, schema, validate};
use crate::source::SourceFile;
use crate::yaml::{self, Comment, Limits, Node, Span, Style, Value, YamlErrorKind};

/// The largest file read, in bytes.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// The most files read together.
pub const MAX_FILES: usize = 64;

/// What to load: the files in order (compose files and `.env` files), the shell
/// environment, and the active profiles.
#[derive(Debug, Clone, Default)]
pub struct Input {
    pub files: Vec<SourceFile>,
    pub env: BTreeMap<String, String>,
    pub profiles: Vec<String>,
}

/// The kinds of problem the loader reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    YamlSyntax,
    DuplicateKey,
    InvalidMerge,
    LimitExceeded,
    InvalidShape,
    /// A place where the document does not fit the Compose Specification.
    SchemaViolation,
    /// A value Compose cannot read: a port or volume spec, a duration, a byte size.
    InvalidValue,
    /// An image reference Docker refuses: Compose loads it, but cannot pull, build or
    /// create the service.
    InvalidImage,
    /// A `name:` Compose does not take as written: it uses the name made lowercase.
    InvalidProjectName,
    /// A value that cannot be read because an unset variable left it incomplete; the
    /// unset variable is the finding, this only stops `config`.
    PlaceholderValue,
    InvalidInterpolation,
    RequiredVariable,
    UnsetVariable,
    InvalidEnvFile,
    UnknownService,
    DisabledDependency,
    UndefinedResource,
    DependencyCycle,
    PortConflict,
    MissingFile,
    EnvFileNotGiven,
    /// A service only an override writes, with no image in the files given.
    PartialService,
    IncludeCycle,
    IncludeConflict,
    EmptyProject,
}

impl ProblemKind {
    /// Whether `docker compose` would refuse to load a project with this problem.
    pub fn is_fatal(self) -> bool {
        !matches!(
            self,
            Self::UnsetVariable
                | Self::MissingFile
                | Self::EnvFileNotGiven
                | Self::PartialService
                | Self::IncludeConflict
                | Self::PortConflict
                | Self::InvalidImage
                | Self::InvalidProjectName
        )
    }
}

/// A problem found while loading, before any rule runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub message: String,
    pub span: Span,
    pub help: Option<String>,
}

impl Problem {
    pub(crate) fn new(kind: ProblemKind, message: impl Into<String>, span: Span) -> Self {
        Self {
            kind,
            message: message.into(),
            span,
            help: None,
        }
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A loaded project and the problems met on the way.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub project: Project,
    pub problems: Vec<Problem>,
    /// The variables interpolation could use: the shell environment over the `.env` files.
    pub env: BTreeMap<String, String>,
    /// The merged document the project was read from.
    pub root: Option<Node>,
    /// The comments of every compose file, for suppression directives.
    pub comments: Vec<Comment>,
}

/// Loads a project from its files.
pub fn load(input: &Input) -> Loaded {
    let mut problems = Vec::new();

    let env = environment(input, &mut problems);
    let lookup = |name: &str| env.get(name).cloned();

    let mut documents = Vec::with_capacity(input.files.len());
    let mut comments = Vec::new();
    for (file, source) in input.files.iter().enumerate().take(MAX_FILES) {
        if source.is_env_file() {
            documents.push(None);
            continue;
        }
        if source.text.len() > MAX_FILE_BYTES {
            problems.push(Problem::new(
                ProblemKind::LimitExceeded,
                format!(
                    "the file is {} bytes, more than the limit of {MAX_FILE_BYTES}",
                    source.text.len()
                ),
                Span::new(file, 0, 0),
            ));
            documents.push(None);
            continue;
        }

        let mut roots = parse_file(file, source, &mut comments, &mut problems);
        let mut tally = UnsetTally::default();
        for root in &mut roots {
            validate::non_string_keys(root, &mut problems);
            interpolate_values(root, source, &lookup, &mut tally, &mut problems);
        }
        tally.finish(&mut problems);
        documents.push(Some(roots));
    }

    // files reached through include or extends are read there, not merged as overrides;
    // the first compose file is always the base
    let mut files = Files {
        sources: &input.files,
        documents,
    };
    let first = files.documents.iter().position(Option::is_some);
    let referenced = files.referenced();
    // a file no other file refers to is read only here: its documents are moved, not copied
    let mut unreferenced: Vec<Option<Vec<Node>>> = files
        .documents
        .iter_mut()
        .enumerate()
        .map(|(file, documents)| {
            if referenced.contains(&file) {
                None
            } else {
                documents.take()
            }
        })
        .collect();
    let mut merged: Option<Node> = None;
    for file in 0..files.documents.len() {
        let documents = match unreferenced.get_mut(file).and_then(Option::take) {
            Some(documents) => documents,
            None if Some(file) == first => files
                .documents
                .get(file)
                .cloned()
                .flatten()
                .unwrap_or_default(),
            None => continue,
        };
        for root in documents {
            let root = files.resolve_root(file, root, &mut Vec::new(), &mut problems);
            merged = Some(match merged {
                Some(base) => merge(base, root, ""),
                None => root,
            });
        }
    }
    if input.files.len() > MAX_FILES {
        problems.push(Problem::new(
            ProblemKind::LimitExceeded,
            format!(
                "{} files were given; only the first {MAX_FILES} were read",
                input.files.len()
            ),
            Span::default(),
        ));
    }

    if let Some(root) = &merged {
        check_schema(root, &mut problems);
        validate::merged(root, &input.files, &mut problems);
    }
    let project = match &merged {
        Some(root) => read_project(root, &active_profiles(input, &env), &mut problems),
        None => Project::default(),
    };
    references::check(&project, &mut problems);
    let unreadable = problems
        .iter()
        .any(|p| matches!(p.kind, ProblemKind::YamlSyntax | ProblemKind::LimitExceeded));
    let compose_files = input.files.iter().filter(|f| !f.is_env_file()).count();
    if project.services.is_empty() && !unreadable && compose_files > 0 {
        let first = input
            .files
            .iter()
            .position(|f| !f.is_env_file())
            .unwrap_or(0);
        problems.push(
            Problem::new(
                ProblemKind::EmptyProject,
                "the project defines no services",
                Span::new(first, 0, 0),
            )
            .help("add a `services:` section with at least one service"),
        );
    }

    Loaded {
        project,
        problems,
        env,
        root: merged,
        comments,
    }
}

/// The schema check runs on the merged document, as Compose runs it, so an override that
/// relies on its base is judged with it. A value that an unset variable left empty only
/// stops `config`: the unset variable is the finding.
fn check_schema(root: &Node, problems: &mut Vec<Problem>) {
    let mut placeholders: Vec<Span> = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Scalar(s) if s.unresolved => placeholders.push(node.span),
            Value::Scalar(_) => {}
            Value::Seq(items) => stack.extend(items.iter()),
            Value::Map(entries) => stack.extend(entries.iter().map(|e| &e.value)),
        }
    }
    crate::sort::sort(&mut placeholders);

    for error in schema::validate(root) {
        let kind = if placeholders.binary_search(&error.span).is_ok() {
            ProblemKind::PlaceholderValue
        } else {
            ProblemKind::SchemaViolation
        };
        problems.push(Problem::new(kind, error.message, error.span));
    }
}

/// The profiles asked for, or else those `COMPOSE_PROFILES` names (comma-separated), as
/// Compose reads it from the environment and `.env`.
fn active_profiles(input: &Input, env: &BTreeMap<String, String>) -> Vec<String> {
    if !input.profiles.is_empty() {
        return input.profiles.clone();
    }
    env.get("COMPOSE_PROFILES")
        .map(|list| {
            list.split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// The shell environment over the variables of every `.env` file given.
fn environment(input: &Input, problems: &mut Vec<Problem>) -> BTreeMap<String, String> {
    let mut env = BTreeMap::new();

    for (file, source) in input.files.iter().enumerate().take(MAX_FILES) {
        if !source.is_env_file() {
            continue;
        }
        let lookup = |name: &str| input.env.get(name).or_else(|| env.get(name)).cloned();
        match dotenv::parse(&source.text, &lookup) {
            // a template is read for its syntax; its blank or example values are not used
            Ok(_) if source.is_env_template() => {}
            Ok(entries) => {
                for entry in entries {
                    env.insert(entry.name, entry.value);
                }
            }
            Err(error) => problems.push(Problem::new(
                ProblemKind::InvalidEnvFile,
                error.message.clone(),
                Span::new(file, error.offset, error.offset),
            )),
        }
    }

    env.extend(input.env.iter().map(|(k, v)| (k.clone(), v.clone())));
    env
}

fn parse_file(
    file: usize,
    source: &SourceFile,
    comments: &mut Vec<Comment>,
    problems: &mut Vec<Problem>,
) -> Vec<Node> {
    let parsed = yaml::parse(&source.text, file, Limits::default());
    comments.extend(parsed.comments);

    for error in parsed.errors {
        let kind = match error.kind {
            YamlErrorKind::Syntax => ProblemKind::YamlSyntax,
            YamlErrorKind::DuplicateKey => ProblemKind::DuplicateKey,
            YamlErrorKind::InvalidMerge => ProblemKind::InvalidMerge,
            YamlErrorKind::Limit => ProblemKind::LimitExceeded,
        };
        problems.push(Problem::new(kind, error.message, error.span));
    }

    let mut roots = Vec::new();
    for document in parsed.documents {
        match document.root.value {
            Value::Map(_) => roots.push(document.root),
            // an empty document is allowed in a stream
            _ if document.root.is_null() => {}
            _ => problems.push(Problem::new(
                ProblemKind::InvalidShape,
                format!(
                    "top-level object must be a mapping, not {}",
                    document.root.kind_name()
                ),
                document.root.span,
            )),
        }
    }
    roots
}

/// Interpolates every scalar value (never a key) in place, as Compose does per file
/// before merging.
/// The unset variables of one file: each is reported once, at its first use, with the
/// number of uses.
#[derive(Default)]
struct UnsetTally {
    /// Variable name to (index of its problem, uses).
    seen: HashMap<String, (usize, usize)>,
}

impl UnsetTally {
    fn add(&mut self, name: &str, span: Span, problems: &mut Vec<Problem>) {
        if let Some((_, uses)) = self.seen.get_mut(name) {
            *uses += 1;
            return;
        }
        self.seen.insert(name.to_string(), (problems.len(), 1));
        problems.push(
            Problem::new(
                ProblemKind::UnsetVariable,
                format!("variable {name} is not set and defaults to an empty string"),
                span,
            )
            .help(format!(
                "set {name} in the environment or a .env file, or give a default with ${{{name}:-default}}"
            )),
        );
    }

    /// Says how often each variable was used, where it was used more than once.
    fn finish(self, problems: &mut [Problem]) {
        for (name, (at, uses)) in self.seen {
            if let (Some(problem), true) = (problems.get_mut(at), uses > 1) {
                problem.message = format!(
                    "variable {name} is not set and defaults to an empty string ({uses} uses in this file)"
                );
            }
        }
    }
}

fn interpolate_values(
    node: &mut Node,
    source: &SourceFile,
    lookup: &dyn Fn(&str) -> Option<String>,
    tally: &mut UnsetTally,
    problems: &mut Vec<Problem>,
) {
    match &mut node.value {
        Value::Map(entries) => {
            for entry in entries {
                interpolate_values(&mut entry.value, source, lookup, tally, problems);
            }
        }
        Value::Seq(items) => {
            for item in items {
                interpolate_values(item, source, lookup, tally, problems);
            }
        }
        Value::Scalar(scalar) => {
            if !scalar.text.contains('$') {
                return;
            }
            let lead = text_lead(source, node.span, scalar.style, &scalar.text);
            let at = |offset: usize| span_at(node.span, lead, &scalar.text, offset);
            match interpolate::substitute(&scalar.text, lookup) {
                Ok(done) => {
                    scalar.unresolved = !done.unset.is_empty();
                    for unset in done.unset {
                        tally.add(&unset.name, at(unset.offset), problems);
                    }
                    if done.value != scalar.text {
                        let written = std::mem::replace(&mut scalar.text, done.value);
                        scalar.original = Some(written);
                    }
                }
                // the value is kept as written; the secret it may hold is never quoted
                Err(interpolate::TemplateError::Invalid { offset }) => problems.push(
                    Problem::new(
                        ProblemKind::InvalidInterpolation,
                        "invalid interpolation format: this `$` starts no valid variable reference",
                        at(offset),
                    )
                    .help("write a literal $ as $$, or a reference as ${NAME} or ${NAME:-default}"),
                ),
                Err(error @ interpolate::TemplateError::TooLong { offset }) => problems.push(
                    Problem::new(ProblemKind::LimitExceeded, error.to_string(), at(offset)),
                ),
                Err(interpolate::TemplateError::Required { name, offset, .. }) => problems.push(
                    Problem::new(
                        ProblemKind::RequiredVariable,
                        format!(
                            "required variable {name} is empty or not set here; whoever deploys must supply it"
                        ),
                        at(offset),
                    )
                    .help(format!(
                        "list {name} in .env.example; pass a value in the environment to check the resolved file"
                    )),
                ),
            }
        }
    }
}

/// How many bytes stand before a scalar's text in its span, where the scalar is written
/// as it reads (plain, or quoted with no escapes); `None` where offsets cannot be mapped.
fn text_lead(source: &SourceFile, span: Span, style: Style, text: &str) -> Option<usize> {
    let written = source.text.get(span.start..span.end).unwrap_or("");
    match style {
        Style::Plain if written == text => Some(0),
        Style::SingleQuoted | Style::DoubleQuoted
            if written.len() == text.len() + 2
                && written.get(1..written.len() - 1) == Some(text) =>
        {
            Some(1)
        }
        _ => None,
    }
}

/// The span of a byte offset inside a scalar's text: exact where the lead is known, else
/// the whole scalar.
fn span_at(span: Span, lead: Option<usize>, text: &str, offset: usize) -> Span {
    match lead {
        Some(lead) => {
            let start = span.start + lead + offset;
            let end = text
                .get(offset..)
                .map(template_len)
                .map_or(start, |len| start + len);
            Span::new(span.file, start, end)
        }
        None => span,
    }
}

/// The length of the `$...` reference at the start of `rest`.
fn template_len(rest: &str) -> usize {
    let mut chars = rest.char_indices().skip(1);
    match chars.next() {
        Some((_, '{')) => {
            let mut depth = 1;
            for (at, c) in chars {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            return at + 1;
                        }
                    }
                    _ => {}
                }
            }
            rest.len()
        }
        Some((_, c)) if c == '_' || c.is_ascii_alphabetic() => rest
            .char_indices()
            .skip(1)
            .find(|(_, c)| !(*c == '_' || c.is_ascii_alphanumeric()))
            .map_or(rest.len(), |(at, _)| at),
        _ => 1.min(rest.len()),
    }
}
