//! Renders one report in the forms people read: plain text with the offending line and a
//! caret under it, and the versioned JSON.

use super::Report;
use crate::source::SourceFile;

/// An output form of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

impl Format {
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "text" => Some(Self::Text),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// Renders a report; `files` give the text for the snippets.
pub fn render(report: &Report, files: &[SourceFile], format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(report).unwrap_or_default(),
        Format::Text => text(report, files),
    }
}

fn text(report: &Report, files: &[SourceFile]) -> String {
    let mut out = String::new();

    for finding in &report.findings {
        out.push_str(&format!(
            "{}[{}]: {}\n  --> {}:{}:{}\n",
            finding.severity.as_str(),
            finding.rule,
            finding.message,
            finding.file,
            finding.start.line,
            finding.start.column
        ));

        let source = files.iter().find(|f| f.path == finding.file);
        if let Some(source) = source {
            let line = source.lines.line_text(&source.text, finding.start.line);
            let gutter = finding.start.line.to_string();
            let pad = " ".repeat(gutter.len());
            let lead: String = line
                .encode_utf16()
                .take(finding.start.column.saturating_sub(1) as usize)
                .map(|unit| if unit == u16::from(b'\t') { '\t' } else { ' ' })
                .collect();
            let width = if finding.end.line == finding.start.line {
                finding
                    .end
                    .column
                    .saturating_sub(finding.start.column)
                    .max(1)
            } else {
                1
            };
            out.push_str(&format!("{pad} |\n{gutter} | {line}\n{pad} | {lead}"));
            out.push_str(&"^".repeat(width as usize));
            out.push('\n');
        }

        if let Some(help) = &finding.help {
            out.push_str(&format!("  = help: {help}\n"));
        }
        out.push('\n');
    }

    let s = &report.summary;
    out.push_str(&format!(
        "{} error(s), {} warning(s), {} info(s) in {} service(s); {}\n",
        s.errors,
        s.warnings,
        s.infos,
        s.services,
        if s.ready {
            "ready for onboarding".to_string()
        } else {
            format!("{} finding(s) block onboarding", s.blocking)
        }
    ));
    out
}
