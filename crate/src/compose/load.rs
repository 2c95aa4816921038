//! The load pipeline: `.env` files read first, then each compose file parsed,
//! interpolated and merged onto the ones before it, then read into the project model
//! and its references checked. Every problem keeps the span it came from.

use std::collections::BTreeMap;

use super::model::{Project, read_project};
use super::resolve::Files;
use super::{dotenv, interpolate, merge::merge, references, validate};
use crate::source::SourceFile;
use crate::yaml::{self, Limits, Node, Span, Style, Value, YamlErrorKind};

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
    /// A value Compose cannot read: a port or volume spec, a duration, a byte size.
    InvalidValue,
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
                | Self::IncludeConflict
                | Self::PortConflict
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
}

/// Loads a project from its files.
pub fn load(input: &Input) -> Loaded {
    let mut problems = Vec::new();

    let env = environment(input, &mut problems);
    let lookup = |name: &str| env.get(name).cloned();

    let mut documents = Vec::with_capacity(input.files.len());
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

        let mut roots = parse_file(file, source, &mut problems);
        for root in &mut roots {
            validate::non_string_keys(root, &mut problems);
            interpolate_values(root, source, &lookup, &mut problems);
        }
        documents.push(Some(roots));
    }

    // files reached through include or extends are read there, not merged as overrides;
    // the first compose file is always the base
    let files = Files {
        sources: &input.files,
        documents,
    };
    let first = files.documents.iter().position(Option::is_some);
    let referenced = files.referenced();
    let mut merged: Option<Node> = None;
    for (file, documents) in files.documents.iter().enumerate() {
        let Some(documents) = documents else {
            continue;
        };
        if referenced.contains(&file) && Some(file) != first {
            continue;
        }
        for root in documents {
            let root = files.resolve_root(file, root.clone(), &mut Vec::new(), &mut problems);
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
        validate::merged(root, &input.files, &mut problems);
    }
    let project = match &merged {
        Some(root) => read_project(root, &input.profiles, &mut problems),
        None => Project::default(),
    };
    references::check(&project, &mut problems);

    Loaded {
        project,
        problems,
        env,
        root: merged,
    }
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

fn parse_file(file: usize, source: &SourceFile, problems: &mut Vec<Problem>) -> Vec<Node> {
    let parsed = yaml::parse(&source.text, file, Limits::default());

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
fn interpolate_values(
    node: &mut Node,
    source: &SourceFile,
    lookup: &dyn Fn(&str) -> Option<String>,
    problems: &mut Vec<Problem>,
) {
    match &mut node.value {
        Value::Map(entries) => {
            for entry in entries {
                interpolate_values(&mut entry.value, source, lookup, problems);
            }
        }
        Value::Seq(items) => {
            for item in items {
                interpolate_values(item, source, lookup, problems);
            }
        }
        Value::Scalar(scalar) => {
            if !scalar.text.contains('$') {
                return;
            }
            let at =
                |offset: usize| offset_span(source, node.span, scalar.style, &scalar.text, offset);
            match interpolate::substitute(&scalar.text, lookup) {
                Ok(done) => {
                    scalar.unresolved = !done.unset.is_empty();
                    for unset in done.unset {
                        problems.push(
                            Problem::new(
                                ProblemKind::UnsetVariable,
                                format!(
                                    "variable {} is not set and defaults to an empty string",
                                    unset.name
                                ),
                                at(unset.offset),
                            )
                            .help(format!(
                                "set {} in the environment or a .env file, or give a default with ${{{}:-default}}",
                                unset.name, unset.name
                            )),
                        );
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
                Err(interpolate::TemplateError::Required { name, offset, .. }) => problems.push(
                    Problem::new(
                        ProblemKind::RequiredVariable,
                        format!(
                            "required variable {name} is not set here; whoever deploys must supply it"
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

/// The span of a byte offset inside a scalar's text: exact where the scalar is written
/// as it reads (plain, or quoted with no escapes), else the whole scalar.
fn offset_span(source: &SourceFile, span: Span, style: Style, text: &str, offset: usize) -> Span {
    let written = source.text.get(span.start..span.end).unwrap_or("");
    let lead = match style {
        Style::Plain if written == text => Some(0),
        Style::SingleQuoted | Style::DoubleQuoted
            if written.len() == text.len() + 2
                && written.get(1..written.len() - 1) == Some(text) =>
        {
            Some(1)
        }
        _ => None,
    };

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
