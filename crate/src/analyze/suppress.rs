//! Suppression: a rules configuration (a rule off, or at another severity) and inline
//! comments, `# compose-architect: ignore[rule-id, ...]` for the line it stands on or the
//! next one, and `# compose-architect: ignore-file[rule-id, ...]` for the whole file.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;
use tsify::Tsify;

use crate::report::{Category, Diagnostic, Severity};
use crate::source::SourceFile;
use crate::yaml::Comment;

/// What the configuration says of one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Tsify)]
#[serde(rename_all = "lowercase")]
pub enum RuleSetting {
    Off,
    /// On at its default severity (for a rule that is off by default).
    On,
    Error,
    Warning,
    Info,
}

/// The rules configuration: a setting per rule id.
pub type RulesConfig = BTreeMap<String, RuleSetting>;

/// How many findings were left out, and why.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Suppressed {
    pub inline: u32,
    pub configuration: u32,
}

/// The directive prefix of an inline suppression comment.
const PREFIX: &str = "compose-architect:";

/// One file's inline directives.
#[derive(Debug, Default)]
struct Directives {
    /// Rule ids ignored on a line (1-based), by line.
    lines: HashMap<u32, HashSet<String>>,
    /// Rule ids ignored in the whole file.
    file: HashSet<String>,
}

/// Applies the configuration and the inline directives; returns the findings kept, and
/// adds a finding for each directive that names a rule that does not exist.
pub fn apply(
    diagnostics: Vec<Diagnostic>,
    config: &RulesConfig,
    comments: &[Comment],
    files: &[SourceFile],
    known: &dyn Fn(&str) -> bool,
) -> (Vec<Diagnostic>, Suppressed) {
    let mut suppressed = Suppressed::default();
    let mut unknown = Vec::new();
    let directives = directives(comments, files, known, &mut unknown);

    let mut kept = Vec::with_capacity(diagnostics.len());
    for mut diagnostic in diagnostics {
        match config.get(diagnostic.rule) {
            Some(RuleSetting::Off) => {
                suppressed.configuration += 1;
                continue;
            }
            Some(RuleSetting::Error) => diagnostic.severity = Severity::Error,
            Some(RuleSetting::Warning) => diagnostic.severity = Severity::Warning,
            Some(RuleSetting::Info) => diagnostic.severity = Severity::Info,
            Some(RuleSetting::On) | None => {}
        }

        let span = diagnostic.span;
        let covered = directives.get(&span.file).is_some_and(|d| {
            let line = files
                .get(span.file)
                .map_or(1, |f| f.position(span.start).line);
            d.file.contains(diagnostic.rule)
                || d.lines
                    .get(&line)
                    .is_some_and(|ids| ids.contains(diagnostic.rule))
        });
        if covered {
            suppressed.inline += 1;
            continue;
        }
        kept.push(diagnostic);
    }

    kept.extend(unknown);
    (kept, suppressed)
}

fn directives(
    comments: &[Comment],
    files: &[SourceFile],
    known: &dyn Fn(&str) -> bool,
    unknown: &mut Vec<Diagnostic>,
) -> HashMap<usize, Directives> {
    let mut by_file: HashMap<usize, Directives> = HashMap::new();
    // the lines that hold nothing but a comment, by file, found once
    let mut comment_lines: HashMap<usize, HashSet<u32>> = HashMap::new();
    for comment in comments.iter().filter(|c| !c.trailing) {
        if let Some(file) = files.get(comment.span.file) {
            let line = file.position(comment.span.start).line;
            comment_lines
                .entry(comment.span.file)
                .or_default()
                .insert(line);
        }
    }

    let mut next_code: HashMap<usize, Vec<u32>> = HashMap::new();
    for comment in comments {
        let Some((whole_file, ids)) = parse_directive(&comment.text) else {
            continue;
        };
        let Some(file) = files.get(comment.span.file) else {
            continue;
        };

        for id in &ids {
            if !known(id) {
                unknown.push(Diagnostic {
                    rule: "unknown-rule-in-suppression",
                    category: Category::Style,
                    severity: Severity::Warning,
                    message: format!("the suppression comment names no rule called {id}"),
                    help: Some(
                        "use a rule id from the rule list, e.g. hardcoded-secret".to_string(),
                    ),
                    span: comment.span,
                });
            }
        }

        let directives = by_file.entry(comment.span.file).or_default();
        if whole_file {
            directives.file.extend(ids);
            continue;
        }
        let line = file.position(comment.span.start).line;
        // a comment on its own line covers the next line with code on it
        let target = if comment.trailing {
            line
        } else {
            let next = next_code
                .entry(comment.span.file)
                .or_insert_with(|| next_code_lines(file, comment_lines.get(&comment.span.file)));
            let at = usize::try_from(line).unwrap_or(0);
            next.get(at).copied().unwrap_or(line.saturating_add(1))
        };
        directives.lines.entry(target).or_default().extend(ids);
    }
    by_file
}

/// Reads `compose-architect: ignore[a, b]` or `ignore-file[a]` from a comment's text.
fn parse_directive(text: &str) -> Option<(bool, Vec<String>)> {
    let body = text.trim_start_matches('#').trim();
    let rest = body.strip_prefix(PREFIX)?.trim();
    let (whole_file, list) = match rest.strip_prefix("ignore-file") {
        Some(list) => (true, list),
        None => (false, rest.strip_prefix("ignore")?),
    };
    let inner = list.trim().strip_prefix('[')?;
    let inner = inner.split_once(']').map_or(inner, |(ids, _)| ids);
    let ids: Vec<String> = inner
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .collect();
    (!ids.is_empty()).then_some((whole_file, ids))
}

/// For every line of a file, the first line after it that holds something other than
/// white space or a comment on its own line; found in one pass from the end.
fn next_code_lines(file: &SourceFile, comment_lines: Option<&HashSet<u32>>) -> Vec<u32> {
    let last = u32::try_from(file.lines.line_count()).unwrap_or(u32::MAX);
    let mut next = vec![0u32; usize::try_from(last).unwrap_or(0) + 2];

    // next[n] is the first code line after line n (or n + 1 when there is none)
    let mut code_after = None;
    for line in (1..=last).rev() {
        let at = usize::try_from(line).unwrap_or(0);
        if let Some(slot) = next.get_mut(at) {
            *slot = code_after.unwrap_or(line.saturating_add(1));
        }
        let blank = file.lines.line_text(&file.text, line).trim().is_empty();
        if !blank && !comment_lines.is_some_and(|lines| lines.contains(&line)) {
            code_after = Some(line);
        }
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_read_their_rule_ids() {
        assert_eq!(
            parse_directive("# compose-architect: ignore[hardcoded-secret, unpinned-image]"),
            Some((
                false,
                vec!["hardcoded-secret".into(), "unpinned-image".into()]
            ))
        );
        assert_eq!(
            parse_directive("#compose-architect: ignore-file[missing-healthcheck] because"),
            Some((true, vec!["missing-healthcheck".into()]))
        );
        assert_eq!(parse_directive("# compose-architect: ignore"), None);
        assert_eq!(parse_directive("# an ordinary comment"), None);
    }
}
