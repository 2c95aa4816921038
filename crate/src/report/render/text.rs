//! The text form: each finding as a heading, its place, the line it is on with a caret
//! under its span, and the help; then one summary line. The only form that shows source
//! text, and on a line with a hard-coded secret it shows a mask instead of the value.

use std::fmt::Write as _;

use super::{count, readiness};
use crate::report::secret::{MASKED_WORDS, command_line_secrets};
use crate::report::{Finding, Report, Summary};
use crate::source::SourceFile;
use crate::yaml::Position;

/// The rule whose findings are about a value that must never be shown.
const SECRET_RULE: &str = "hardcoded-secret";
const MASK: &str = "********";

pub(super) fn render(report: &Report, files: &[SourceFile]) -> String {
    let secrets = SecretLines::new(&report.findings, files);
    let mut out = String::new();

    for finding in &report.findings {
        let source = files.iter().find(|f| f.path == finding.file);
        block(&mut out, finding, source, &secrets);
        out.push('\n');
    }
    out.push_str(&summary(&report.summary));
    out.push('\n');
    out
}

fn block(
    out: &mut String,
    finding: &Finding,
    source: Option<&SourceFile>,
    secrets: &SecretLines<'_>,
) {
    let (start, end) = super::range(finding.start, finding.end);
    let gutter = start.line.to_string();
    let pad = " ".repeat(gutter.len());

    let _ = writeln!(
        out,
        "{}[{}]: {}",
        finding.severity.as_str(),
        printable(&finding.rule),
        printable(&finding.message)
    );
    let place = if finding.file.is_empty() {
        format!("{}:{}", start.line, start.column)
    } else {
        format!(
            "{}:{}:{}",
            printable(&finding.file),
            start.line,
            start.column
        )
    };
    let _ = writeln!(out, "{pad}--> {place}");

    let line = source.and_then(|source| {
        let exists = usize::try_from(start.line).is_ok_and(|n| n <= source.lines.line_count());
        exists.then(|| source.lines.line_text(&source.text, start.line))
    });
    if let Some(line) = line {
        let chars: Vec<char> = line.chars().collect();
        let from = char_index(&chars, start.column);
        let to = if end.line == start.line {
            char_index(&chars, end.column)
        } else {
            chars.len()
        };

        // a line that sets a secret-looking name is masked whatever the finding is about
        let hidden = secrets
            .get(&finding.file, start.line)
            .map(|mask| mask.from(&chars))
            .or_else(|| secret_assignment(&chars));
        let shown: Vec<char> = match hidden {
            Some(at) => masked(&chars, at),
            None => chars,
        };
        let shown: Vec<char> = shown.into_iter().map(printable_char).collect();
        let from = from.min(shown.len());
        // carets that reach into the mask cover all of it, so they do not tell the
        // secret's length
        let to = match hidden {
            Some(at) if to > at => shown.len(),
            _ => to.min(shown.len()),
        };
        // the carets stand under the span as a terminal draws it: a wide character
        // (CJK, emoji) takes two columns, a combining mark none
        let lead: String = shown
            .iter()
            .take(from)
            .map(|&c| match (c, columns(c)) {
                ('\t', _) => "\t",
                (_, 0) => "",
                (_, 2) => "  ",
                _ => " ",
            })
            .collect();
        let width: usize = shown
            .get(from..to.max(from))
            .unwrap_or_default()
            .iter()
            .map(|&c| columns(c))
            .sum();
        let carets = "^".repeat(width.max(1));
        let shown: String = shown.into_iter().collect();

        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{gutter} | {shown}");
        let _ = writeln!(out, "{pad} | {lead}{carets}");
    }

    if let Some(help) = &finding.help {
        let _ = writeln!(out, "{pad} = help: {}", printable(help));
    }
}

/// The terminal columns a character takes: 2 for East Asian wide characters and emoji,
/// 0 for combining marks, joiners and variation selectors, 1 for the rest.
fn columns(c: char) -> usize {
    const ZERO: [(char, char); 5] = [
        ('\u{0300}', '\u{036f}'),
        ('\u{200b}', '\u{200f}'),
        ('\u{20d0}', '\u{20ff}'),
        ('\u{fe00}', '\u{fe0f}'),
        ('\u{fe20}', '\u{fe2f}'),
    ];
    const WIDE: [(char, char); 12] = [
        ('\u{1100}', '\u{115f}'),
        ('\u{2e80}', '\u{303e}'),
        ('\u{3041}', '\u{33ff}'),
        ('\u{3400}', '\u{4dbf}'),
        ('\u{4e00}', '\u{a4cf}'),
        ('\u{ac00}', '\u{d7a3}'),
        ('\u{f900}', '\u{faff}'),
        ('\u{fe30}', '\u{fe4f}'),
        ('\u{ff00}', '\u{ff60}'),
        ('\u{ffe0}', '\u{ffe6}'),
        ('\u{1f300}', '\u{1faff}'),
        ('\u{20000}', '\u{3fffd}'),
    ];
    let within =
        |ranges: &[(char, char)]| ranges.iter().any(|&(low, high)| (low..=high).contains(&c));
    if within(&ZERO) {
        0
    } else if within(&WIDE) {
        2
    } else {
        1
    }
}

fn summary(summary: &Summary) -> String {
    let mut line = format!(
        "{}, {}, {} in {}; {}",
        count(summary.errors, "error"),
        count(summary.warnings, "warning"),
        count(summary.infos, "info"),
        count(summary.services, "service"),
        readiness(summary)
    );
    let suppressed = summary
        .suppressed_inline
        .saturating_add(summary.suppressed_by_configuration);
    if suppressed > 0 {
        let _ = write!(
            line,
            " ({} suppressed: {} inline, {} by configuration)",
            count(suppressed, "finding"),
            summary.suppressed_inline,
            summary.suppressed_by_configuration
        );
    }
    line
}

/// The index of the character at a 1-based UTF-16 column: the number of characters that
/// begin before it. A column past the end of the line gives the line's length.
fn char_index(chars: &[char], column: u32) -> usize {
    let target = usize::try_from(column.saturating_sub(1)).unwrap_or(usize::MAX);
    let mut units = 0usize;
    let mut index = 0usize;
    for c in chars {
        if units >= target {
            break;
        }
        units += c.len_utf16();
        index += 1;
    }
    index
}

/// Where to start masking a line that holds a secret.
#[derive(Debug, Clone, Copy)]
enum Mask {
    /// The line the secret's finding starts on, at this UTF-16 column: from the start
    /// of the value if the finding starts on the value, else after the first `=` or `:`
    /// that follows the name it starts on.
    After(u32),
    /// A later line of the value: everything after the indentation.
    Whole,
}

impl Mask {
    /// The index of the first character to hide.
    fn from(self, chars: &[char]) -> usize {
        let separator = |c: &char| matches!(c, '=' | ':');
        match self {
            Self::After(column) => {
                let start = char_index(chars, column).min(chars.len());
                let before = chars.get(..start).unwrap_or_default();
                // right after a separator (but for blanks and a quote), the finding is
                // on the value itself: hide all of it, even a `:` inside it
                let on_value = before.iter().rposition(separator).is_some_and(|at| {
                    before
                        .iter()
                        .skip(at + 1)
                        .all(|c| c.is_whitespace() || matches!(c, '"' | '\''))
                });
                let from = if on_value {
                    start
                } else {
                    chars
                        .iter()
                        .enumerate()
                        .skip(start)
                        .find(|(_, c)| separator(c))
                        .map_or(start, |(at, _)| at + 1)
                };
                from + chars
                    .iter()
                    .skip(from)
                    .take_while(|c| c.is_whitespace())
                    .count()
            }
            Self::Whole => chars.iter().take_while(|c| c.is_whitespace()).count(),
        }
    }
}

/// The hard-coded secrets of a report, to mask the lines they are on.
#[derive(Debug)]
struct SecretLines<'r> {
    /// File, first line and column, last line of each secret's value.
    spans: Vec<(&'r str, Position, u32)>,
}

impl<'r> SecretLines<'r> {
    fn new(findings: &'r [Finding], files: &[SourceFile]) -> Self {
        let spans = findings
            .iter()
            .filter(|f| f.rule == SECRET_RULE)
            .map(|f| {
                let (start, end) = super::range(f.start, f.end);
                // a line the span only reaches at its first column holds none of the value
                let last = if end.column > 1 || end.line == start.line {
                    end.line
                } else {
                    end.line - 1
                };
                let source = files.iter().find(|file| file.path == f.file);
                let last = source.map_or(last, |source| last.max(continued(source, start)));
                (f.file.as_str(), start, last)
            })
            .collect();
        Self { spans }
    }

    /// How to mask a line of a file, if a secret is on it: from the first secret that
    /// starts on it, or the whole line inside a secret that started above.
    fn get(&self, file: &str, line: u32) -> Option<Mask> {
        let mut in_file = self.spans.iter().filter(|(f, _, _)| *f == file);
        let starts = in_file
            .clone()
            .filter(|(_, start, _)| start.line == line)
            .map(|(_, start, _)| start.column)
            .min();
        match starts {
            Some(column) => Some(Mask::After(column)),
            None => in_file
                .any(|(_, start, last)| start.line < line && line <= *last)
                .then_some(Mask::Whole),
        }
    }
}

/// The last line of a value that may go on below the line its name is on (a block
/// scalar, a folded quoted string): the lines after it that are indented deeper than that
/// line. It may take in more than the value, never less.
fn continued(source: &SourceFile, start: Position) -> u32 {
    let first = source.lines.line_text(&source.text, start.line);
    let column = indentation(first);

    let mut last = start.line;
    let mut line = start.line;
    let count = u32::try_from(source.lines.line_count()).unwrap_or(u32::MAX);
    while line < count {
        line += 1;
        let text = source.lines.line_text(&source.text, line);
        if text.trim().is_empty() {
            continue;
        }
        if indentation(text) <= column {
            break;
        }
        last = line;
    }
    last
}

fn indentation(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

/// Where the value starts on a line that sets a secret-looking name (`NAME: value`,
/// `NAME=value`, `- NAME=value`), on a line holding a URL or a connection string with a
/// password in it, or on a command line that gives a program a secret (`--requirepass
/// value`).
pub(crate) fn secret_assignment(chars: &[char]) -> Option<usize> {
    let line: String = chars.iter().collect();
    let trimmed = line
        .trim_start()
        .trim_start_matches("- ")
        .trim_start_matches(['"', '\'']);
    let lead = chars.len() - trimmed.chars().count();
    let separator = trimmed.find([':', '='])?;
    let name = trimmed.get(..separator)?.to_ascii_uppercase();
    let words: Vec<&str> = name.split(|c: char| !c.is_ascii_alphanumeric()).collect();
    let secret_name = words.iter().any(|w| MASKED_WORDS.contains(w));
    let url_password = line.contains("://") && line.contains('@');
    let value = trimmed.get(separator + 1..).unwrap_or_default();
    let connection_password = crate::report::secret::connection_string_has_password(value);
    (secret_name || url_password || connection_password)
        .then(|| lead + trimmed.get(..=separator).map_or(0, |s| s.chars().count()))
        .filter(|_| !is_reference_only(value))
        .or_else(|| on_command_line(&line))
}

/// Where the first secret given to a program on a command line starts, in characters.
fn on_command_line(line: &str) -> Option<usize> {
    let secret = command_line_secrets(line).into_iter().next()?;
    line.get(..secret.start)
        .map(|before| before.chars().count())
}

/// Whether a value is nothing but one variable reference with no default
/// (`${DB_PASSWORD}`, `"${DB_PASSWORD:?set it}"`, `$TOKEN`), quoted or not, with at most a
/// comment after it: it names where the secret comes from and holds none.
pub(crate) fn is_reference_only(value: &str) -> bool {
    let value = value.trim();
    let (value, quote) = match value.strip_prefix(['"', '\'']) {
        Some(rest) => (rest, value.chars().next()),
        None => (value, None),
    };
    let Some(reference) = value.strip_prefix('$') else {
        return false;
    };
    let name_ok = |name: &str| {
        !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !name.starts_with(|c: char| c.is_ascii_digit())
    };
    let rest = match reference.strip_prefix('{') {
        Some(braced) => {
            let Some((inner, rest)) = braced.split_once('}') else {
                return false;
            };
            let name_end = inner
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(inner.len());
            let (name, operator) = inner.split_at(name_end);
            let required =
                operator.is_empty() || operator.starts_with(":?") || operator.starts_with('?');
            if !name_ok(name) || !required {
                return false;
            }
            rest
        }
        None => {
            let name_end = reference
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(reference.len());
            let (name, rest) = reference.split_at(name_end);
            if !name_ok(name) {
                return false;
            }
            rest
        }
    };
    let rest = match quote {
        Some(q) => match rest.strip_prefix(q) {
            Some(after) => after,
            None => return false,
        },
        None => rest,
    };
    let rest = rest.trim_start();
    rest.is_empty() || rest.starts_with('#')
}

/// The line with everything from `from` on replaced by the mask (after a space where a
/// `key:` had one).
fn masked(chars: &[char], from: usize) -> Vec<char> {
    let mut shown: Vec<char> = chars.iter().take(from).copied().collect();
    if shown.last() == Some(&':') && chars.get(from).is_some_and(|c| c.is_whitespace()) {
        shown.push(' ');
    }
    shown.extend(MASK.chars());
    shown
}

/// A control character (other than a tab) could move a terminal's cursor or change its
/// colours: each is shown as one replacement character, so that carets still line up.
fn printable_char(c: char) -> char {
    if c != '\t' && c.is_control() {
        char::REPLACEMENT_CHARACTER
    } else {
        c
    }
}

fn printable(text: &str) -> String {
    text.chars().map(printable_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_that_set_a_secret_are_masked_whatever_the_finding() {
        let mask = |line: &str| {
            let chars: Vec<char> = line.chars().collect();
            secret_assignment(&chars).map(|at| masked(&chars, at).into_iter().collect::<String>())
        };
        assert_eq!(
            mask("      DB_PASSWORD: [S3CRET]").as_deref(),
            Some("      DB_PASSWORD: ********")
        );
        // a value that only names its variable holds no secret; a default may
        assert_eq!(
            mask("      DB_PASSWORD: \"${DB_PASSWORD:?set it}\" # c"),
            None
        );
        assert_eq!(mask("      - API_TOKEN=$API_TOKEN"), None);
        assert_eq!(
            mask("      DB_PASSWORD: ${DB_PASSWORD:-hunter2}").as_deref(),
            Some("      DB_PASSWORD: ********")
        );
        assert_eq!(
            mask("      DB_PASSWORD: \"${DB_PASSWORD}x\"").as_deref(),
            Some("      DB_PASSWORD: ********")
        );
        assert_eq!(
            mask("      - API_TOKEN=abc").as_deref(),
            Some("      - API_TOKEN=********")
        );
        assert_eq!(
            mask("    image: https://u:S3CRET@reg.io/app:1").as_deref(),
            Some("    image: ********")
        );
        assert_eq!(mask("    image: nginx:1.27"), None);
        assert_eq!(mask("      MONKEY: banana"), None);
    }

    #[test]
    fn columns_count_utf16_units() {
        let chars: Vec<char> = "é😀x".chars().collect();
        assert_eq!(char_index(&chars, 1), 0);
        assert_eq!(char_index(&chars, 2), 1);
        // 😀 is two units: x is at column 4
        assert_eq!(char_index(&chars, 4), 2);
        assert_eq!(char_index(&chars, 99), 3);
    }

    #[test]
    fn masks_after_the_separator() {
        let line: Vec<char> = "  - DB_PASSWORD=hunter2".chars().collect();
        let shown: String = masked(&line, Mask::After(5).from(&line))
            .into_iter()
            .collect();
        assert_eq!(shown, "  - DB_PASSWORD=********");

        let line: Vec<char> = "      PASSWORD:   'a:b'".chars().collect();
        let shown: String = masked(&line, Mask::After(7).from(&line))
            .into_iter()
            .collect();
        assert_eq!(shown, "      PASSWORD:   ********");
    }

    #[test]
    fn masks_all_of_a_value_the_finding_starts_on() {
        let mask = |line: &str, column| -> String {
            let chars: Vec<char> = line.chars().collect();
            masked(&chars, Mask::After(column).from(&chars))
                .into_iter()
                .collect()
        };

        // a `:` inside the value does not count as the separator
        assert_eq!(
            mask("      API_KEY: \"abc:def\"", 16),
            "      API_KEY: ********"
        );
        // a flow mapping: the finding on a name after another entry
        assert_eq!(
            mask("    environment: {A: b, API_KEY: abc:def}", 25),
            "    environment: {A: b, API_KEY: ********"
        );
    }
}
