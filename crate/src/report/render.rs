//! Renders one report in every form it leaves the library in: text for a terminal, the
//! versioned JSON, SARIF 2.1.0, Markdown for a pull request, and GitHub Actions workflow
//! commands. Each form has its own file; none prints, and none shows a secret's value.

mod github;
mod markdown;
mod sarif;
mod text;

pub(crate) use text::{is_reference_only, secret_assignment};

use super::{Report, RuleInfo, Summary};
use crate::source::SourceFile;
use crate::yaml::Position;

/// An output form of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For a terminal: each finding with its line and a caret under the span.
    Text,
    /// The versioned report, pretty-printed.
    Json,
    /// SARIF 2.1.0, for code scanning and editors.
    Sarif,
    /// For a pull request or an issue: summary, tables and checklist.
    Markdown,
    /// GitHub Actions workflow commands, one annotation per finding.
    Github,
}

impl Format {
    /// Every format, in the order the names are listed to users.
    pub const ALL: [Self; 5] = [
        Self::Text,
        Self::Json,
        Self::Sarif,
        Self::Markdown,
        Self::Github,
    ];

    /// The format with this name, as `name` spells it.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|format| format.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Json => "json",
            Self::Sarif => "sarif",
            Self::Markdown => "markdown",
            Self::Github => "github",
        }
    }
}

/// Renders a report. `files` give the text for the snippets of the text form; without
/// them, or for a file not among them, a finding is shown without its line.
pub fn render(report: &Report, files: &[SourceFile], format: Format, rules: &[RuleInfo]) -> String {
    match format {
        Format::Text => text::render(report, files),
        Format::Json => json(report),
        Format::Sarif => sarif::render(report, files, rules),
        Format::Markdown => markdown::render(report),
        Format::Github => github::render(report),
    }
}

/// The report as its versioned JSON: the keys in the order the types declare them.
fn json(report: &Report) -> String {
    // serializing these types cannot fail: every map key is a string
    let mut out = crate::json::pretty(report);
    out.push('\n');
    out
}

/// `1 error`, `2 errors`.
fn count(n: u32, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Where the report stands for onboarding, and why, as a lowercase phrase.
fn readiness(summary: &Summary) -> String {
    if summary.ready {
        return "ready for onboarding".to_string();
    }

    let mut reasons = Vec::new();
    if summary.blocking > 0 {
        let verb = if summary.blocking == 1 {
            "blocks"
        } else {
            "block"
        };
        reasons.push(format!(
            "{} {verb} onboarding",
            count(summary.blocking, "finding")
        ));
    } else if summary.errors > 0 {
        reasons.push(format!("{} to fix first", count(summary.errors, "error")));
    }
    if summary.services == 0 {
        reasons.push("no service is enabled".to_string());
    }

    if reasons.is_empty() {
        "not ready for onboarding".to_string()
    } else {
        format!("not ready for onboarding: {}", reasons.join("; "))
    }
}

/// A finding's range made safe for formats that check it: lines and columns at least 1,
/// and the end not before the start. A report from the analyzer is already so; one read
/// back from JSON may not be.
fn range(start: Position, end: Position) -> (Position, Position) {
    let start = Position {
        line: start.line.max(1),
        column: start.column.max(1),
    };
    let end = Position {
        line: end.line.max(1),
        column: end.column.max(1),
    };
    if end < start {
        (start, start)
    } else {
        (start, end)
    }
}
