//! The Markdown form, to paste into a pull request or an issue: where the project stands,
//! the findings by file, the images, and the pre-handoff checklist. Every value from the
//! report is escaped, so that no path or message can break a table or add markup.

use std::fmt::Write as _;

use super::{count, readiness};
use crate::report::{ChecklistItem, ChecklistStatus, Finding, ImageRef, Report, Summary};

pub(super) fn render(report: &Report) -> String {
    let mut out = String::from("## compose-architect report\n\n");

    summary(&mut out, &report.summary);
    findings(&mut out, &report.findings);
    inventory(&mut out, &report.inventory);
    if !report.checklist.is_empty() {
        checklist(&mut out, &report.checklist);
    }
    out
}

fn summary(out: &mut String, summary: &Summary) {
    let status = readiness(summary);
    let (headline, rest) = status.split_once(": ").unwrap_or((&status, ""));
    let mut headline = capitalized(headline);
    if rest.is_empty() {
        headline.push('.');
        let _ = writeln!(out, "**{headline}**\n");
    } else {
        let _ = writeln!(out, "**{headline}:** {rest}.\n");
    }

    out.push_str("| errors | warnings | infos | services | blocking | suppressed |\n");
    out.push_str("|---:|---:|---:|---:|---:|---:|\n");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |\n",
        summary.errors,
        summary.warnings,
        summary.infos,
        summary.services,
        summary.blocking,
        summary
            .suppressed_inline
            .saturating_add(summary.suppressed_by_configuration)
    );
}

fn findings(out: &mut String, findings: &[Finding]) {
    out.push_str("### Findings\n\n");
    if findings.is_empty() {
        out.push_str("No findings.\n\n");
        return;
    }

    // by file, in the order the files first appear
    let mut files: Vec<(&str, Vec<&Finding>)> = Vec::new();
    for finding in findings {
        match files.iter_mut().find(|(file, _)| *file == finding.file) {
            Some((_, group)) => group.push(finding),
            None => files.push((&finding.file, vec![finding])),
        }
    }

    for (file, group) in files {
        let name = if file.is_empty() {
            "(no file)".to_string()
        } else {
            text(file)
        };
        let _ = writeln!(out, "#### {name} ({})\n", count(len(&group), "finding"));
        out.push_str("| severity | rule | location | message | help |\n");
        out.push_str("|---|---|---|---|---|\n");
        for finding in group {
            let (start, _) = super::range(finding.start, finding.end);
            let location = if file.is_empty() {
                format!("line {}", start.line)
            } else {
                format!("{}:{}", text(file), start.line)
            };
            let _ = writeln!(
                out,
                "| {} | {} | {location} | {} | {} |",
                finding.severity.as_str(),
                code(&finding.rule),
                text(&finding.message),
                finding.help.as_deref().map(text).unwrap_or_default()
            );
        }
        out.push('\n');
    }
}

fn inventory(out: &mut String, images: &[ImageRef]) {
    out.push_str("### Images\n\n");
    if images.is_empty() {
        out.push_str("No images.\n\n");
        return;
    }

    out.push_str("| service | image | registry | tag | digest | notes |\n");
    out.push_str("|---|---|---|---|---|---|\n");
    for image in images {
        let mut notes = Vec::new();
        if image.suggested {
            notes.push("suggested name");
        }
        if image.needs_push {
            notes.push("build and push first");
        }
        if image.custom {
            notes.push("the team's own image");
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            text(&image.service),
            code(&image.image),
            text(&image.registry),
            image.tag.as_deref().map(text).unwrap_or_default(),
            image.digest.as_deref().map(code).unwrap_or_default(),
            notes.join("; ")
        );
    }
    out.push('\n');
}

fn checklist(out: &mut String, items: &[ChecklistItem]) {
    out.push_str("### Pre-handoff checklist\n\n");
    out.push_str("| status | item | evidence | rules |\n");
    out.push_str("|---|---|---|---|\n");
    for item in items {
        let status = match item.status {
            ChecklistStatus::Pass => "✅ pass",
            ChecklistStatus::Fail => "❌ fail",
            ChecklistStatus::NeedsAnswer => "❓ needs answer",
        };
        let evidence: Vec<String> = item.evidence.iter().map(|e| text(e)).collect();
        let rules: Vec<String> = item.rules.iter().map(|r| code(r)).collect();
        let _ = writeln!(
            out,
            "| {status} | {} | {} | {} |",
            text(&item.text),
            evidence.join("<br>"),
            rules.join(", ")
        );
    }
    out.push('\n');
}

/// Text from the report, safe in a table cell or a heading: the characters that start
/// Markdown's emphasis, code, links, tables, strike-through and math are escaped with a
/// backslash, HTML's with entities, and a line break becomes `<br>`.
pub(super) fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' => out.push_str("<br>"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A value shown as code, where it can be: in a code span nothing but a backtick, a pipe
/// or a line break has a meaning, so a value with one of those is escaped text instead.
pub(super) fn code(value: &str) -> String {
    let plain = !value.is_empty()
        && !value
            .chars()
            .any(|c| matches!(c, '`' | '|') || c.is_control());
    if plain {
        format!("`{value}`")
    } else {
        text(value)
    }
}

fn capitalized(phrase: &str) -> String {
    let mut chars = phrase.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn len<T>(items: &[T]) -> u32 {
    u32::try_from(items.len()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_cells() {
        assert_eq!(text("a|b `c` *d*"), r"a\|b \`c\` \*d\*");
        assert_eq!(text("<img src=x>\n&"), "&lt;img src=x&gt;<br>&amp;");
        assert_eq!(code("nginx:1.27"), "`nginx:1.27`");
        assert_eq!(code("a`b"), r"a\`b");
    }
}
