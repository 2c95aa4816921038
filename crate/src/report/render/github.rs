//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per
//! finding, which the runner turns into an annotation on the file and line.

use std::fmt::Write as _;

use crate::report::{Finding, Report, Severity};

pub(super) fn render(report: &Report) -> String {
    let mut out = String::new();
    for finding in &report.findings {
        out.push_str(&command(finding));
        out.push('\n');
    }
    out
}

fn command(finding: &Finding) -> String {
    let name = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let (start, end) = super::range(finding.start, finding.end);

    let mut properties = String::new();
    if !finding.file.is_empty() {
        let _ = write!(
            properties,
            "file={},line={}",
            property(&finding.file),
            start.line
        );
        // the runner drops an annotation that has columns and spans several lines
        if start.line == end.line {
            let _ = write!(
                properties,
                ",col={},endLine={},endColumn={}",
                start.column, end.line, end.column
            );
        } else {
            let _ = write!(properties, ",endLine={}", end.line);
        }
        properties.push(',');
    }
    let _ = write!(properties, "title={}", property(&finding.rule));

    let mut message = finding.message.clone();
    if let Some(help) = &finding.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    format!("::{name} {properties}::{}", data(&message))
}

/// A command's message: `%`, CR and LF are written as percent escapes.
fn data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A property's value: as a message, and `:` and `,` too, which end a value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_the_command_format_reads() {
        assert_eq!(data("100%\r\nnext"), "100%25%0D%0Anext");
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
