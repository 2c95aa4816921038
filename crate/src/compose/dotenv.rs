//! Reads `.env` files the way Compose does (compose-go's `dotenv` package): quotes and
//! escapes, inline comments, `export`, `KEY: VAL`, bare names and interpolated values.
//! Every variable keeps the line and the byte offsets it was written at.

use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write as _};

use super::interpolate::{TemplateError, substitute};

/// One variable read from a .env file, with where it stands (1-based line; byte offsets
/// into the text, counting a leading byte order mark).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvEntry {
    pub name: String,
    /// The value after unquoting, escapes and interpolation; for a bare name, the value the
    /// outer environment gave.
    pub value: String,
    /// The line the name starts on. Lines end at `\n` only, as compose-go counts them.
    pub line: usize,
    pub name_offset: usize,
    /// Where the value is written: its opening quote when quoted, else its first character.
    /// A bare name has no value text, so this equals `name_offset`.
    pub value_offset: usize,
}

/// A .env parse error; offset is the byte offset of the offending character, line is 1-based.
///
/// The message is compose-go's, always starting with `line N:`. An unterminated quote is
/// reported at its opening quote (compose-go names the last line of the file instead).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotenvError {
    pub line: usize,
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for DotenvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DotenvError {}

/// Parses and expands, in the order the variables are written (duplicates included).
///
/// A value may use `lookup` (the outer environment) and the variables set earlier in the
/// same file; when both know a name, `lookup` wins, as in compose-go. Single-quoted values
/// are never expanded. A bare `KEY` takes its value from `lookup` alone and is left out when
/// `lookup` has none.
///
/// Known quirks kept from compose-go: a bare name on the last line with no newline after it
/// is read as the value of a variable with an empty name; `KEY= #x` has the value `#x`
/// (an inline comment needs a space before `#` inside the value); text after a closing quote
/// on the same line is read as another statement.
///
/// Known limitation: a name with a combining mark that Unicode counts as alphabetic (a
/// Devanagari vowel sign, say) is accepted here; compose-go rejects it.
pub fn parse(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<EnvEntry>, DotenvError> {
    let mut reader = Reader::new(text, lookup);
    let mut entries = Vec::new();
    let mut at = if text.starts_with(BYTE_ORDER_MARK) {
        BYTE_ORDER_MARK.len_utf8()
    } else {
        0
    };

    let mut total = 0usize;
    while let Some(start) = reader.statement_start(at) {
        let (entry, next) = reader.statement(start)?;
        if let Some(entry) = entry {
            // each value may expand the ones before it: bound what the file adds up to
            total = total.saturating_add(entry.value.len());
            if total > MAX_FILE_VALUES_BYTES {
                return Err(reader.error(
                    entry.value_offset,
                    format!(
                        "the values of this file add up to more than {} MiB",
                        MAX_FILE_VALUES_BYTES / (1024 * 1024)
                    ),
                ));
            }
            reader
                .defined
                .insert(entry.name.clone(), entry.value.clone());
            entries.push(entry);
        }
        at = next;
    }

    Ok(entries)
}

/// The same as a map (last definition wins), for callers that only need values.
pub fn parse_map(
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<BTreeMap<String, String>, DotenvError> {
    let entries = parse(text, lookup)?;

    Ok(entries
        .into_iter()
        .map(|entry| (entry.name, entry.value))
        .collect())
}

const BYTE_ORDER_MARK: char = '\u{feff}';

/// The most that the expanded values of one file may add up to.
pub const MAX_FILE_VALUES_BYTES: usize = 16 * 1024 * 1024;

/// How a variable name ends.
enum NameEnd {
    /// At `=` or `:`; the value follows from this offset.
    Separator(usize),
    /// At a line break: a bare name. The next statement may start at this offset.
    LineBreak(usize),
    /// At the end of the text, with no separator seen.
    EndOfText,
}

/// The state of one parse: the text, the outer environment, and what the file set so far.
struct Reader<'t, 'l> {
    text: &'t str,
    lookup: &'l dyn Fn(&str) -> Option<String>,
    /// Byte offset of the first character of each line.
    line_starts: Vec<usize>,
    defined: HashMap<String, String>,
}

impl<'t, 'l> Reader<'t, 'l> {
    fn new(text: &'t str, lookup: &'l dyn Fn(&str) -> Option<String>) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();

        Self {
            text,
            lookup,
            line_starts,
            defined: HashMap::new(),
        }
    }

    fn rest(&self, at: usize) -> &'t str {
        self.text.get(at..).unwrap_or("")
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    fn error(&self, offset: usize, what: impl fmt::Display) -> DotenvError {
        let line = self.line_of(offset);

        DotenvError {
            line,
            offset,
            message: format!("line {line}: {what}"),
        }
    }

    /// Where the next statement starts, past white space and comment lines; `None` at the end.
    fn statement_start(&self, mut at: usize) -> Option<usize> {
        loop {
            let rest = self.rest(at);
            at += rest.find(|c: char| !c.is_whitespace())?;
            if !self.rest(at).starts_with('#') {
                return Some(at);
            }
            at += self.rest(at).find('\n')?;
        }
    }

    /// Reads one statement; gives the entry it defines, if any, and where reading goes on.
    fn statement(&self, start: usize) -> Result<(Option<EnvEntry>, usize), DotenvError> {
        let name_at = self.skip_export(start);
        if self.rest(name_at).is_empty() {
            return Err(self.error(name_at, "zero length string"));
        }

        let (name, end) = self.name(name_at)?;
        if let Some(space) = name.find(' ') {
            return Err(self.error(name_at + space, "key cannot contain a space"));
        }

        let value_at = match end {
            NameEnd::LineBreak(next) => {
                let entry =
                    (self.lookup)(name).map(|value| self.entry(name, value, name_at, name_at));
                return Ok((entry, next));
            }
            NameEnd::Separator(after) => self.skip_blanks(after),
            NameEnd::EndOfText => name_at,
        };

        let (value, next) = self.value(value_at)?;

        Ok((Some(self.entry(name, value, name_at, value_at)), next))
    }

    fn entry(&self, name: &str, value: String, name_at: usize, value_at: usize) -> EnvEntry {
        EnvEntry {
            name: name.to_string(),
            value,
            line: self.line_of(name_at),
            name_offset: name_at,
            value_offset: value_at,
        }
    }

    /// Skips an `export` keyword and the blanks after it. The keyword must be followed by
    /// white space (Go's `\s`: tab, line feed, form feed, carriage return or space).
    fn skip_export(&self, at: usize) -> usize {
        let Some(after) = self.rest(at).strip_prefix("export") else {
            return at;
        };
        if !after.starts_with(['\t', '\n', '\u{c}', '\r', ' ']) {
            return at;
        }

        self.skip_blanks(at + "export".len())
    }

    fn skip_blanks(&self, at: usize) -> usize {
        let rest = self.rest(at);

        at + (rest.len() - rest.trim_start_matches(is_blank).len())
    }

    /// Reads a variable name up to `=`, `:` or a line break, ignoring blanks inside it and
    /// rejecting any other character that cannot be in a name.
    fn name(&self, name_at: usize) -> Result<(&'t str, NameEnd), DotenvError> {
        let rest = self.rest(name_at);

        for (i, c) in rest.char_indices() {
            let end = match c {
                '=' | ':' => NameEnd::Separator(name_at + i + 1),
                '\n' => NameEnd::LineBreak(name_at + i + 1),
                c if is_blank(c) || is_name_char(c) => continue,
                c => {
                    // only the name so far: what follows may be a secret value
                    let written = rest.get(..i + c.len_utf8()).unwrap_or(rest);
                    let what = format!(
                        "unexpected character {} in variable name {}",
                        go_quoted(c.encode_utf8(&mut [0; 4])),
                        go_quoted(written)
                    );
                    return Err(self.error(name_at + i, what));
                }
            };
            let name = rest.get(..i).unwrap_or("").trim_end();
            return Ok((name, end));
        }

        Ok(("", NameEnd::EndOfText))
    }

    /// Reads the value starting at `value_at`; gives it expanded, and where reading goes on.
    fn value(&self, value_at: usize) -> Result<(String, usize), DotenvError> {
        match self.rest(value_at).chars().next() {
            Some('"') => self.double_quoted(value_at),
            Some('\'') => self.single_quoted(value_at),
            _ => self.unquoted(value_at),
        }
    }

    /// An unquoted value runs to the end of the line, loses an inline ` #` comment and its
    /// trailing white space, then is interpolated.
    fn unquoted(&self, value_at: usize) -> Result<(String, usize), DotenvError> {
        let rest = self.rest(value_at);
        let (line, next) = match rest.split_once('\n') {
            Some((line, _)) => (line, value_at + line.len() + 1),
            None => (rest, self.text.len()),
        };
        let written = line
            .split_once(" #")
            .map_or(line, |(before, _)| before)
            .trim_end();

        let value = self.expand(written, |offset| value_at + offset)?;

        Ok((value, next))
    }

    fn single_quoted(&self, quote_at: usize) -> Result<(String, usize), DotenvError> {
        let body_at = quote_at + 1;

        match decode_single_quoted(self.rest(body_at)) {
            Some((value, close)) => Ok((value, body_at + close + 1)),
            None => Err(self.unterminated(quote_at)),
        }
    }

    fn double_quoted(&self, quote_at: usize) -> Result<(String, usize), DotenvError> {
        let body_at = quote_at + 1;
        let body = self.rest(body_at);
        let Some((template, close)) = decode_double_quoted(body, |_, _| {}) else {
            return Err(self.unterminated(quote_at));
        };

        let value = self.expand(&template, |offset| body_at + written_at(body, offset))?;

        Ok((value, body_at + close + 1))
    }

    /// The quoted text is not repeated: it may be a secret.
    fn unterminated(&self, quote_at: usize) -> DotenvError {
        self.error(quote_at, "unterminated quoted value")
    }

    /// Interpolates a value; `locate` turns an offset in `template` into one in the text.
    /// Errors are worded as compose-go's, except that they never quote the value.
    fn expand(
        &self,
        template: &str,
        locate: impl Fn(usize) -> usize,
    ) -> Result<String, DotenvError> {
        let lookup = |name: &str| (self.lookup)(name).or_else(|| self.defined.get(name).cloned());

        let err = match substitute(template, &lookup) {
            Ok(substituted) => return Ok(substituted.value),
            Err(err) => err,
        };

        // the value may be a secret: name the problem, never quote the value
        let (offset, what) = match &err {
            TemplateError::Invalid { offset } => (
                *offset,
                "invalid interpolation format in the value (write a literal $ as $$)".to_string(),
            ),
            TemplateError::TooLong { offset } | TemplateError::Required { offset, .. } => {
                (*offset, err.to_string())
            }
        };
        Err(self.error(locate(offset), what))
    }
}

/// White space that may sit inside a line: compose-go's `isSpace`.
fn is_blank(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    )
}

/// Letters, digits, `_ . - [ ]`.
fn is_name_char(c: char) -> bool {
    matches!(c, '_' | '.' | '-' | '[' | ']') || c.is_alphabetic() || c.is_numeric()
}

/// Reads the body of a single-quoted value (the text after its opening quote): literal,
/// except that `\'` is a quote. Gives the value and the offset of the closing quote, or
/// `None` when there is none.
fn decode_single_quoted(body: &str) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut chars = body.char_indices();

    while let Some((at, c)) = chars.next() {
        match c {
            '\'' => return Some((value, at)),
            '\\' => {
                let (_, escaped) = chars.next()?;
                if escaped != '\'' {
                    value.push('\\');
                }
                value.push(escaped);
            }
            _ => value.push(c),
        }
    }

    None
}

/// Reads the body of a double-quoted value (the text after its opening quote) into the
/// template to interpolate: `\"` is a quote; `\a \b \f \n \r \t \v \\` are the control
/// characters they name; `\0` and three octal digits up to `\0377` is that character;
/// `\$` becomes `$$`, which interpolation turns back into a literal `$`; any other backslash
/// stays, and `\0` with fewer or other digits loses only its `0`.
///
/// Gives the template and the offset of the closing quote, or `None` when there is none.
/// `mark` hears, before each piece is added, the template's length and the body offset the
/// piece was written at.
fn decode_double_quoted(body: &str, mut mark: impl FnMut(usize, usize)) -> Option<(String, usize)> {
    let mut template = String::new();
    let mut chars = body.char_indices().peekable();

    while let Some((at, c)) = chars.next() {
        if c == '"' {
            return Some((template, at));
        }
        mark(template.len(), at);
        if c != '\\' {
            template.push(c);
            continue;
        }

        let (_, escaped) = chars.next()?;
        match escaped {
            '"' => template.push('"'),
            '$' => template.push_str("$$"),
            '0' => {
                let mut digits = String::new();
                while digits.len() < 3 {
                    match chars.peek() {
                        Some(&(_, digit)) if digit.is_ascii_digit() => {
                            digits.push(digit);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                match octal_char(&digits) {
                    Some(decoded) => template.push(decoded),
                    None => {
                        template.push('\\');
                        template.push_str(&digits);
                    }
                }
            }
            other => match control_escape(other) {
                Some(decoded) => template.push(decoded),
                None => {
                    template.push('\\');
                    template.push(other);
                }
            },
        }
    }

    None
}

/// The body offset that produced byte `offset` of a double-quoted value's template.
fn written_at(body: &str, offset: usize) -> usize {
    let mut found = 0;
    decode_double_quoted(body, |template_len, at| {
        if template_len <= offset {
            found = at;
        }
    });

    found
}

/// Three octal digits naming a character up to U+00FF.
fn octal_char(digits: &str) -> Option<char> {
    if digits.len() != 3 || !digits.bytes().all(|digit| matches!(digit, b'0'..=b'7')) {
        return None;
    }
    let code = u32::from_str_radix(digits, 8).ok()?;

    if code > 0xff {
        return None;
    }
    char::from_u32(code)
}

fn control_escape(letter: char) -> Option<char> {
    let decoded = match letter {
        'a' => '\u{7}',
        'b' => '\u{8}',
        'f' => '\u{c}',
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => '\u{b}',
        '\\' => '\\',
        _ => return None,
    };

    Some(decoded)
}

/// Quotes a string as Go's `%q` does, so messages read as compose-go's.
fn go_quoted(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');

    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            c if go_printable(c) => quoted.push(c),
            c => match control_letter(c) {
                Some(letter) => {
                    quoted.push('\\');
                    quoted.push(letter);
                }
                None => {
                    let code = u32::from(c);
                    let _ = match code {
                        0..0x80 => write!(quoted, "\\x{code:02x}"),
                        0x80..0x10000 => write!(quoted, "\\u{code:04x}"),
                        _ => write!(quoted, "\\U{code:08x}"),
                    };
                }
            },
        }
    }

    quoted.push('"');
    quoted
}

fn control_letter(c: char) -> Option<char> {
    let letter = match c {
        '\u{7}' => 'a',
        '\u{8}' => 'b',
        '\u{c}' => 'f',
        '\n' => 'n',
        '\r' => 'r',
        '\t' => 't',
        '\u{b}' => 'v',
        _ => return None,
    };

    Some(letter)
}

/// Close to Go's `unicode.IsPrint`: everything but controls, white space other than the
/// space, the common format characters and private use. Unassigned code points count as
/// printable here.
fn go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    let format_or_private = matches!(
        c,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{fffe}'..='\u{ffff}'
            | '\u{e000}'..='\u{f8ff}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
            | '\u{f0000}'..='\u{10ffff}'
    );

    !(c.is_control() || c.is_whitespace() || format_or_private)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn map(text: &str) -> BTreeMap<String, String> {
        parse_map(text, &no_env).unwrap()
    }

    fn error(text: &str) -> DotenvError {
        parse(text, &no_env).unwrap_err()
    }

    #[test]
    fn outer_environment_wins_over_earlier_file_variables_in_expansion() {
        let lookup = |name: &str| (name == "A").then(|| "outer".to_string());

        let values = parse_map("A=file\nB=${A}\n", &lookup).unwrap();

        assert_eq!(values["A"], "file");
        assert_eq!(values["B"], "outer");
    }

    #[test]
    fn bare_name_takes_the_outer_value_or_is_left_out() {
        let lookup = |name: &str| (name == "SET").then(|| "v".to_string());

        let entries = parse("SET\nUNSET\nA=1\n", &lookup).unwrap();

        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].name, "SET");
        assert_eq!(entries[0].value, "v");
        assert_eq!(entries[0].value_offset, entries[0].name_offset);
        assert_eq!(entries[1].name, "A");
    }

    #[test]
    fn bare_name_on_an_unterminated_last_line_is_a_value_of_an_empty_name() {
        let values = map("A=1\nLAST");

        assert_eq!(values.get(""), Some(&"LAST".to_string()));
        assert!(!values.contains_key("LAST"));
    }

    #[test]
    fn inline_comment_needs_a_space_before_the_hash() {
        assert_eq!(map("A=x\t#y")["A"], "x\t#y");
        assert_eq!(map("A=x #y")["A"], "x");
        assert_eq!(map("A= #y")["A"], "#y");
    }

    #[test]
    fn text_after_a_closing_quote_is_another_statement() {
        let values = map("A=\"x\" B=2\n");

        assert_eq!(values["A"], "x");
        assert_eq!(values["B"], "2");
    }

    #[test]
    fn octal_escapes_follow_go() {
        assert_eq!(map(r#"A="\0101""#)["A"], "A");
        assert_eq!(map(r#"A="\0377""#)["A"], "\u{ff}");
        assert_eq!(map(r#"A="\0400""#)["A"], r"\400");
        assert_eq!(map(r#"A="\012""#)["A"], r"\12");
        assert_eq!(map(r#"A="\0""#)["A"], r"\");
        assert_eq!(map(r#"A="\01234""#)["A"], "S4");
        assert_eq!(map(r#"A="\0189""#)["A"], r"\189");
    }

    #[test]
    fn escapes_in_quotes() {
        assert_eq!(map(r#"A="\c\'\q""#)["A"], r"\c\'\q");
        assert_eq!(map(r"A='a\'b\nc\\'")["A"], r"a'b\nc\\");
        assert_eq!(map(r#"A="x\\$B""#)["A"], r"x\");
        assert_eq!(map(r#"A="\$\$""#)["A"], "$$");
    }

    #[test]
    fn export_needs_white_space_after_it() {
        assert_eq!(map("export\u{b}A=1")["export\u{b}A"], "1");
        assert_eq!(map("export  A=1")["A"], "1");
        assert_eq!(map("export=1")["export"], "1");
    }

    #[test]
    fn crlf_line_endings() {
        let values = map("A=1\r\nB='2'\r\nC\r\n# c\r\nD = \"x\r\ny\"\r\n");

        assert_eq!(values["A"], "1");
        assert_eq!(values["B"], "2");
        assert_eq!(values["D"], "x\r\ny");
        assert!(!values.contains_key("C"));
    }

    #[test]
    fn unexpected_character_is_quoted_as_go_does() {
        let err = error("A=1\n  FOO\u{0}=x\r\n");

        assert_eq!(
            err.message,
            r#"line 2: unexpected character "\x00" in variable name "FOO\x00""#
        );
        assert_eq!((err.line, err.offset), (2, 9));
    }

    #[test]
    fn go_quoting_of_unusual_characters() {
        assert_eq!(
            go_quoted("é\u{a0}\u{85}\u{1f600}\u{feff}\""),
            "\"é\\u00a0\\u0085\u{1f600}\\ufeff\\\"\""
        );
        assert_eq!(go_quoted("\u{7f}\u{7}"), "\"\\x7f\\a\"");
    }

    #[test]
    fn key_with_a_space() {
        let err = error("\n\nFOO BAR=1\n");

        assert_eq!(err.message, "line 3: key cannot contain a space");
        assert_eq!((err.line, err.offset), (3, 5));
    }

    #[test]
    fn unterminated_quote_is_reported_where_it_opens() {
        let err = error("A=1\nB='abc\nC=2\n");

        assert_eq!(err.message, "line 2: unterminated quoted value");
        assert_eq!((err.line, err.offset), (2, 6));
    }

    #[test]
    fn export_alone_before_the_end() {
        assert_eq!(error("export \t").message, "line 1: zero length string");
        assert!(map("export\n").is_empty());
    }

    #[test]
    fn template_error_points_into_the_text() {
        let err = error("A=1\nB=\"\\t${X:?need}\"\n");

        assert_eq!(err.line, 2);
        assert_eq!(err.offset, 9);
        assert!(err.message.starts_with("line 2: "), "{}", err.message);
        assert!(err.message.contains("need"), "{}", err.message);

        let err = error("A=1\nB=x ${Y?no}\n");
        assert_eq!((err.line, err.offset), (2, 8));
    }

    #[test]
    fn invalid_template_quotes_the_value_as_compose_go_does() {
        let err = error("A=1\nB=\"x ${ }\"\n");

        assert_eq!(
            err.message,
            "line 2: invalid interpolation format in the value (write a literal $ as $$)"
        );
        assert_eq!((err.line, err.offset), (2, 9));
    }

    #[test]
    fn byte_order_mark_only_at_the_start() {
        let entries = parse("\u{feff}A=1\n", &no_env).unwrap();

        assert_eq!(entries[0].name, "A");
        assert_eq!(entries[0].name_offset, 3);
        assert!(parse("A=1\n\u{feff}B=2\n", &no_env).is_err());
    }
}
