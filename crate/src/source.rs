//! The files of one analysis as they were given: path, text, and a line index built once,
//! so that every later step can turn a byte span into a position.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::yaml::{LineIndex, Position};

/// What a file is, where its name does not say: `env` for an environment file named
/// anything (as `docker compose --env-file` takes), `template` for an environment
/// template such as `.env.example` (it documents the variables; its values are never
/// used), `compose` for a compose file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum FileKind {
    Compose,
    Env,
    Template,
}

/// The names of environment templates: the variables a project needs, with blank or
/// example values, that Compose never reads.
const TEMPLATE_SUFFIXES: [&str; 4] = [".env.example", ".env.sample", ".env.template", ".env.dist"];

/// A file as given to the analyzer.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
    /// What the caller said the file is; by its name when `None`.
    pub kind: Option<FileKind>,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        Self {
            path: path.into(),
            text,
            lines,
            kind: None,
        }
    }

    /// The file, told to be a compose file or an environment file whatever its name.
    pub fn with_kind(mut self, kind: Option<FileKind>) -> Self {
        self.kind = kind;
        self
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// Whether the file is an environment file rather than a compose file: as its kind
    /// says, else by its name: `.env`, `NAME.env` or `.env.NAME`.
    pub fn is_env_file(&self) -> bool {
        if let Some(kind) = self.kind {
            return kind != FileKind::Compose;
        }
        let name = self.name();
        name == ".env" || name.ends_with(".env") || name.starts_with(".env.")
    }

    /// Whether the file is an environment template (`.env.example`, `.env.sample`,
    /// `.env.template`, `.env.dist`, or told so by its kind): read for its names and its
    /// syntax, never for values.
    pub fn is_env_template(&self) -> bool {
        match self.kind {
            Some(kind) => kind == FileKind::Template,
            None => TEMPLATE_SUFFIXES
                .iter()
                .any(|suffix| self.name().ends_with(suffix)),
        }
    }

    fn name(&self) -> &str {
        self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path)
    }
}
