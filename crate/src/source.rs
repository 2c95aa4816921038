//! The files of one analysis as they were given: path, text, and a line index built once,
//! so that every later step can turn a byte span into a position.

use crate::yaml::{LineIndex, Position};

/// A file as given to the analyzer.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: impl Into<String>) -> Self {
        let text = text.into();
        let lines = LineIndex::new(&text);
        Self {
            path: path.into(),
            text,
            lines,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(&self.text, offset)
    }

    /// Whether the file is an environment file rather than a compose file: `.env`, or a
    /// name ending in `.env`.
    pub fn is_env_file(&self) -> bool {
        let name = self.path.rsplit(['/', '\\']).next().unwrap_or(&self.path);
        name == ".env" || name.ends_with(".env") || name.starts_with(".env.")
    }
}
