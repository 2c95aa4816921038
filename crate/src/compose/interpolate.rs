//! Compose variable interpolation as compose-go's `template` package does it: `$$`, `$NAME`,
//! `${NAME}` and the six braced operators, with defaults, alternatives and messages interpolated
//! only when used. Every position is a byte offset into the original template.

use std::fmt;

/// The result of a successful substitution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substituted {
    pub value: String,
    /// Every unset `$V` / `${V}` that became `""`, in the order compose-go warns about them.
    /// References in defaults or alternatives that were not used are not here.
    pub unset: Vec<UnsetVariable>,
}

/// A `${V}` / `$V` reference to an unset variable that defaulted to "" (compose-go warns on these).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsetVariable {
    pub name: String,
    /// Byte offset of its `$` in the original template, also when it sits inside a default.
    pub offset: usize,
}

/// Why a template could not be substituted. Only the first problem is reported, as compose-go
/// does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// e.g. `${`, `${}`, `${ foo}`, `${foo!}`; offset = byte offset of the `$` that starts the
    /// invalid template
    Invalid { offset: usize },
    /// The substituted value would be larger than [`MAX_VALUE_BYTES`]; offset = the `$`
    /// whose value crossed it
    TooLong { offset: usize },
    /// `${V:?msg}` / `${V?msg}` with V missing; message already interpolated
    Required {
        name: String,
        message: String,
        offset: usize,
    },
}

impl TemplateError {
    /// Byte offset, in the original template, of the `$` the error is about.
    pub fn offset(&self) -> usize {
        match self {
            TemplateError::Invalid { offset }
            | TemplateError::TooLong { offset }
            | TemplateError::Required { offset, .. } => *offset,
        }
    }

    /// The text `docker compose` shows for this error in the value at `path` (for example
    /// `services.web.image`) whose text is `template`.
    ///
    /// For an invalid reference inside a default, or after another braced reference on the same
    /// line, compose-go quotes only that inner part; this quotes the whole value.
    pub fn message_at(&self, path: &str, template: &str) -> String {
        match self {
            TemplateError::Invalid { .. } => format!(
                "invalid interpolation format for {path}.\n\
                 You may need to escape any $ with another $.\n{template}"
            ),
            TemplateError::Required { .. } | TemplateError::TooLong { .. } => {
                format!("error while interpolating {path}: {self}")
            }
        }
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TemplateError::Invalid { offset } => write!(f, "Invalid template at byte {offset}"),
            TemplateError::TooLong { .. } => write!(
                f,
                "the substituted value would be larger than {} MiB",
                MAX_VALUE_BYTES / (1024 * 1024)
            ),
            TemplateError::Required { name, message, .. } if message.is_empty() => {
                write!(f, "required variable {name} is missing a value")
            }
            TemplateError::Required { name, message, .. } => {
                write!(f, "required variable {name} is missing a value: {message}")
            }
        }
    }
}

impl std::error::Error for TemplateError {}

/// One variable reference that [`variables`] found, at any depth inside defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariableRef {
    pub name: String,
    /// The default of `${V:-d}` / `${V-d}` as written, not interpolated; `Some("")` for
    /// `${V:-}`. `None` for every other form, including the alternative of `${V:+a}`.
    pub default: Option<String>,
    /// True for `${V:?msg}` and `${V?msg}`.
    pub required: bool,
    /// Byte offset of the reference's `$` in the original template.
    pub offset: usize,
}

/// The operator of a braced reference `${NAME<operator><argument>}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operator {
    /// `:-`: the argument when the variable is unset or empty.
    DefaultIfUnsetOrEmpty,
    /// `-`: the argument when the variable is unset.
    DefaultIfUnset,
    /// `:?`: an error with the argument as message when the variable is unset or empty.
    RequiredNonEmpty,
    /// `?`: an error with the argument as message when the variable is unset.
    Required,
    /// `:+`: the argument when the variable is set and not empty, otherwise `""`.
    AlternativeIfNonEmpty,
    /// `+`: the argument when the variable is set, even to `""`, otherwise `""`.
    AlternativeIfSet,
}

impl Operator {
    /// The operator as written in a template, such as `":-"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Operator::DefaultIfUnsetOrEmpty => ":-",
            Operator::DefaultIfUnset => "-",
            Operator::RequiredNonEmpty => ":?",
            Operator::Required => "?",
            Operator::AlternativeIfNonEmpty => ":+",
            Operator::AlternativeIfSet => "+",
        }
    }

    /// The operator written as `first`, or as `:` then `second`; `None` for anything else.
    fn from_bytes(first: u8, second: Option<u8>) -> Option<Operator> {
        match (first, second) {
            (b':', Some(b'-')) => Some(Operator::DefaultIfUnsetOrEmpty),
            (b':', Some(b'?')) => Some(Operator::RequiredNonEmpty),
            (b':', Some(b'+')) => Some(Operator::AlternativeIfNonEmpty),
            (b'-', _) => Some(Operator::DefaultIfUnset),
            (b'?', _) => Some(Operator::Required),
            (b'+', _) => Some(Operator::AlternativeIfSet),
            _ => None,
        }
    }

    fn is_default(self) -> bool {
        matches!(
            self,
            Operator::DefaultIfUnsetOrEmpty | Operator::DefaultIfUnset
        )
    }

    fn is_required(self) -> bool {
        matches!(self, Operator::RequiredNonEmpty | Operator::Required)
    }

    /// What the reference becomes, given the variable's current value.
    fn resolve(self, current: Option<String>) -> Resolution {
        let is_set = current.is_some();
        let is_non_empty = current.as_deref().is_some_and(|value| !value.is_empty());

        let (takes_argument, fails) = match self {
            Operator::DefaultIfUnsetOrEmpty => (!is_non_empty, false),
            Operator::DefaultIfUnset => (!is_set, false),
            Operator::AlternativeIfNonEmpty => (is_non_empty, false),
            Operator::AlternativeIfSet => (is_set, false),
            Operator::RequiredNonEmpty => (false, !is_non_empty),
            Operator::Required => (false, !is_set),
        };

        if fails {
            Resolution::Missing
        } else if takes_argument {
            Resolution::Argument
        } else {
            Resolution::Value(current.unwrap_or_default())
        }
    }
}

/// The operator a braced body such as `VAR:-default` uses: the earliest of `:?` `?` `:-` `-` `:+`
/// `+` anywhere in it, as compose-go chooses. `None` when the body has none.
pub fn operator(body: &str) -> Option<Operator> {
    let bytes = body.as_bytes();

    bytes.iter().enumerate().find_map(|(index, &byte)| {
        let next = bytes.get(index + 1).copied();
        Operator::from_bytes(byte, next)
    })
}

/// The largest value a substitution may produce: repeated references to a large
/// variable could otherwise grow without bound.
pub const MAX_VALUE_BYTES: usize = 4 * 1024 * 1024;

/// Substitute every variable reference in `template`, looking names up with `lookup` (`None`
/// means unset, which differs from set to `""`). Stops at the first error, which is the one
/// compose-go reports.
pub fn substitute(
    template: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Substituted, TemplateError> {
    if !template.contains('$') {
        return Ok(Substituted {
            value: template.to_owned(),
            unset: Vec::new(),
        });
    }

    let scanner = Scanner::new(template);
    let mut value = String::with_capacity(template.len());
    let mut unset = Vec::new();
    let mut pending: Vec<Pending> = Vec::new();
    let mut window = Span::new(0, template.len());

    loop {
        let Some(dollar) = scanner.next_dollar(window) else {
            value.push_str(scanner.text(window));
            let Some(done) = pending.pop() else {
                break;
            };
            if let Some(required) = done.message_for {
                let message = value.get(required.message_start..).unwrap_or_default();
                return Err(TemplateError::Required {
                    name: required.name,
                    message: message.to_owned(),
                    offset: required.offset,
                });
            }
            window = Span::new(done.resume, done.window_end);
            continue;
        };
        value.push_str(scanner.text(Span::new(window.start, dollar)));

        match scanner.reference_at(dollar, window.end) {
            Reference::Lone => {
                value.push('$');
                window.start = dollar + 1;
            }
            Reference::Escaped => {
                value.push('$');
                window.start = dollar + 2;
            }
            Reference::Invalid => return Err(TemplateError::Invalid { offset: dollar }),
            Reference::Plain { name, end } => {
                let name = scanner.text(name);
                match lookup(name) {
                    Some(current) if value.len() + current.len() > MAX_VALUE_BYTES => {
                        return Err(TemplateError::TooLong { offset: dollar });
                    }
                    Some(current) => value.push_str(&current),
                    None => unset.push(UnsetVariable {
                        name: name.to_owned(),
                        offset: dollar,
                    }),
                }
                window.start = end;
            }
            Reference::WithOperator {
                name,
                operator,
                argument,
                end,
            } => {
                let name = scanner.text(name);
                let message_for = match operator.resolve(lookup(name)) {
                    Resolution::Value(current) => {
                        if value.len() + current.len() > MAX_VALUE_BYTES {
                            return Err(TemplateError::TooLong { offset: dollar });
                        }
                        value.push_str(&current);
                        window.start = end;
                        continue;
                    }
                    Resolution::Argument => None,
                    Resolution::Missing => Some(RequiredVariable {
                        name: name.to_owned(),
                        offset: dollar,
                        message_start: value.len(),
                    }),
                };
                pending.push(Pending {
                    window_end: window.end,
                    resume: end,
                    message_for,
                });
                window = argument;
            }
        }
    }

    Ok(Substituted { value, unset })
}

/// How many defaults deep [`variables`] looks. compose-go has no limit; this one keeps the copies
/// of nested defaults linear in the template's length on hostile input, far beyond any real file.
const MAX_VARIABLE_NESTING: usize = 64;

/// Every variable a template references (recursing into defaults), like compose-go's
/// `ExtractVariables`.
///
/// The references come in the order of their offsets; one variable used twice is listed twice.
/// Alternatives and required-error messages are searched too, as compose-go does, and an invalid
/// `${` is skipped. References nested more than 64 defaults deep are not listed.
pub fn variables(template: &str) -> Vec<VariableRef> {
    let mut found = Vec::new();
    if !template.contains('$') {
        return found;
    }

    let scanner = Scanner::new(template);
    let mut enclosing: Vec<Span> = Vec::new();
    let mut window = Span::new(0, template.len());

    loop {
        let Some(dollar) = scanner.next_dollar(window) else {
            match enclosing.pop() {
                Some(rest) => window = rest,
                None => break,
            }
            continue;
        };

        match scanner.reference_at(dollar, window.end) {
            Reference::Lone => window.start = dollar + 1,
            Reference::Escaped | Reference::Invalid => window.start = dollar + 2,
            Reference::Plain { name, end } => {
                found.push(VariableRef {
                    name: scanner.text(name).to_owned(),
                    default: None,
                    required: false,
                    offset: dollar,
                });
                window.start = end;
            }
            Reference::WithOperator {
                name,
                operator,
                argument,
                end,
            } => {
                let default = operator
                    .is_default()
                    .then(|| scanner.text(argument).to_owned());
                found.push(VariableRef {
                    name: scanner.text(name).to_owned(),
                    default,
                    required: operator.is_required(),
                    offset: dollar,
                });
                window.start = end;
                if enclosing.len() < MAX_VARIABLE_NESTING {
                    enclosing.push(window);
                    window = argument;
                }
            }
        }
    }

    found
}

/// A range of byte offsets into the original template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    end: usize,
}

impl Span {
    fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
}

/// What the `$` at some offset starts, in the order compose-go's pattern tries the forms.
#[derive(Debug)]
enum Reference {
    /// A `$` followed by none of `$`, a name or `{`: kept as it is.
    Lone,
    /// `$$`, which stands for one `$`.
    Escaped,
    /// `$NAME` or `${NAME}`: the value, or `""` with a warning when unset. `end` is just past it.
    Plain { name: Span, end: usize },
    /// `${NAME<operator><argument>}`. `end` is where scanning goes on after it.
    WithOperator {
        name: Span,
        operator: Operator,
        argument: Span,
        end: usize,
    },
    /// `${` not followed by a valid body.
    Invalid,
}

/// What an operator makes of the variable's current value.
#[derive(Debug)]
enum Resolution {
    /// The reference becomes this text.
    Value(String),
    /// The reference becomes its interpolated argument.
    Argument,
    /// The reference fails with its interpolated argument as the message.
    Missing,
}

/// A reference whose argument is being interpolated: where to go on once it is done.
#[derive(Debug)]
struct Pending {
    window_end: usize,
    resume: usize,
    /// Set when the argument is the message of a missing required variable.
    message_for: Option<RequiredVariable>,
}

#[derive(Debug)]
struct RequiredVariable {
    name: String,
    offset: usize,
    /// Where the message starts in the output being built.
    message_start: usize,
}

/// Reads references out of one template. Defaults are scanned in place, as windows of the
/// original text, so that every offset stays in the original's coordinates.
#[derive(Debug)]
struct Scanner<'t> {
    template: &'t str,
    bytes: &'t [u8],
    landmarks: Landmarks,
}

impl<'t> Scanner<'t> {
    fn new(template: &'t str) -> Scanner<'t> {
        Scanner {
            template,
            bytes: template.as_bytes(),
            landmarks: Landmarks::new(template.as_bytes()),
        }
    }

    /// The template's text in `span`. Spans start and end at ASCII bytes or at the template's
    /// ends, so they never cut a character; an empty string stands in if one ever did.
    fn text(&self, span: Span) -> &'t str {
        self.template.get(span.start..span.end).unwrap_or_default()
    }

    fn byte(&self, at: usize, window_end: usize) -> Option<u8> {
        if at < window_end {
            self.bytes.get(at).copied()
        } else {
            None
        }
    }

    fn next_dollar(&self, window: Span) -> Option<usize> {
        let searched = self.bytes.get(window.start..window.end)?;
        let found = searched.iter().position(|&byte| byte == b'$')?;
        Some(window.start + found)
    }

    /// The end of the name that starts at `start`, or `None` when no name starts there.
    fn name_end(&self, start: usize, window_end: usize) -> Option<usize> {
        let rest = self.template.get(start..window_end)?;
        let mut chars = rest.char_indices();

        let (_, first) = chars.next()?;
        if !is_name_start(first) {
            return None;
        }

        let length = chars
            .find(|&(_, c)| !is_name_char(c))
            .map_or(rest.len(), |(index, _)| index);
        Some(start + length)
    }

    fn reference_at(&self, dollar: usize, window_end: usize) -> Reference {
        let after = dollar + 1;

        match self.byte(after, window_end) {
            Some(b'$') => Reference::Escaped,
            Some(b'{') => self.braced_at(dollar, window_end),
            Some(_) => match self.name_end(after, window_end) {
                Some(end) => Reference::Plain {
                    name: Span::new(after, end),
                    end,
                },
                None => Reference::Lone,
            },
            None => Reference::Lone,
        }
    }

    /// Reads `${…`. compose-go's pattern lets the argument run to the last `}` on the line, then
    /// cuts it at the `}` that balances the opening brace, if that comes first.
    fn braced_at(&self, dollar: usize, window_end: usize) -> Reference {
        let name_start = dollar + 2;
        let Some(name_end) = self.name_end(name_start, window_end) else {
            return Reference::Invalid;
        };
        let name = Span::new(name_start, name_end);

        let Some(first) = self.byte(name_end, window_end) else {
            return Reference::Invalid;
        };
        if first == b'}' {
            return Reference::Plain {
                name,
                end: name_end + 1,
            };
        }
        let second = self.byte(name_end + 1, window_end);
        let Some(operator) = Operator::from_bytes(first, second) else {
            return Reference::Invalid;
        };
        let argument_start = name_end + operator.as_str().len();

        let line_end = self.landmarks.line_end(argument_start).min(window_end);
        let Some(last_brace) = self.landmarks.last_closing_brace(argument_start, line_end) else {
            return Reference::Invalid;
        };

        let argument_end = match self.landmarks.balancing_brace(dollar + 1) {
            Some(close) if close >= argument_start && close < last_brace => close,
            _ => last_brace,
        };
        Reference::WithOperator {
            name,
            operator,
            argument: Span::new(argument_start, argument_end),
            end: argument_end + 1,
        }
    }
}

/// Positions of the bytes that decide where a braced reference ends, found in one pass so that
/// deeply nested templates are read in linear time.
#[derive(Debug)]
struct Landmarks {
    newlines: Vec<usize>,
    closing_braces: Vec<usize>,
    /// Each `{` that compose-go's brace count sees, in order, with the `}` that balances it.
    /// The count skips the byte right after every `{` it sees, so `{}` does not balance.
    braces: Vec<(usize, Option<usize>)>,
}

impl Landmarks {
    fn new(bytes: &[u8]) -> Landmarks {
        let mut landmarks = Landmarks {
            newlines: Vec::new(),
            closing_braces: Vec::new(),
            braces: Vec::new(),
        };
        let mut open: Vec<usize> = Vec::new();
        let mut skip = false;

        for (index, &byte) in bytes.iter().enumerate() {
            match byte {
                b'\n' => landmarks.newlines.push(index),
                b'}' => landmarks.closing_braces.push(index),
                _ => {}
            }

            if skip {
                skip = false;
            } else if byte == b'{' {
                open.push(landmarks.braces.len());
                landmarks.braces.push((index, None));
                skip = true;
            } else if byte == b'}' {
                let balanced = open.pop().and_then(|slot| landmarks.braces.get_mut(slot));
                if let Some(pair) = balanced {
                    pair.1 = Some(index);
                }
            }
        }

        landmarks
    }

    /// The offset of the first newline at or after `from`, or `usize::MAX` when there is none.
    fn line_end(&self, from: usize) -> usize {
        let index = self.newlines.partition_point(|&newline| newline < from);
        self.newlines.get(index).copied().unwrap_or(usize::MAX)
    }

    /// The last `}` at or after `from` and before `until`.
    fn last_closing_brace(&self, from: usize, until: usize) -> Option<usize> {
        let count = self.closing_braces.partition_point(|&brace| brace < until);
        let last = self.closing_braces.get(count.checked_sub(1)?).copied()?;
        (last >= from).then_some(last)
    }

    /// The `}` that balances the counted `{` at `open`.
    fn balancing_brace(&self, open: usize) -> Option<usize> {
        let index = self
            .braces
            .binary_search_by_key(&open, |&(position, _)| position)
            .ok()?;
        self.braces.get(index).and_then(|&(_, close)| close)
    }
}

/// compose-go matches names with `[_a-z][_a-z0-9]*` under Go's case folding, which also folds
/// `ſ` (U+017F) to `s` and `K` (U+212A, Kelvin) to `k`.
fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == '\u{17F}' || c == '\u{212A}'
}

fn is_name_char(c: char) -> bool {
    is_name_start(c) || c.is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(name, value)| (name.to_string(), value.to_string()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| key == name)
                .map(|(_, value)| value.clone())
        }
    }

    fn value(template: &str, pairs: &[(&str, &str)]) -> String {
        substitute(template, &env(pairs)).unwrap().value
    }

    fn error(template: &str, pairs: &[(&str, &str)]) -> TemplateError {
        substitute(template, &env(pairs)).unwrap_err()
    }

    #[test]
    fn the_operator_table_of_the_reference() {
        let unset: &[(&str, &str)] = &[];
        let empty: &[(&str, &str)] = &[("V", "")];
        let set: &[(&str, &str)] = &[("V", "x")];

        for (template, expected) in [
            ("${V}", ["", "", "x"]),
            ("${V:-d}", ["d", "d", "x"]),
            ("${V-d}", ["d", "", "x"]),
            ("${V:+a}", ["", "", "a"]),
            ("${V+a}", ["", "a", "a"]),
        ] {
            let actual = [unset, empty, set].map(|pairs| value(template, pairs));
            assert_eq!(actual, expected, "{template}");
        }

        assert_eq!(value("${V:?e}", set), "x");
        assert_eq!(value("${V?e}", empty), "");
        assert_eq!(value("${V?e}", set), "x");
        for (template, pairs) in [("${V:?e}", unset), ("${V:?e}", empty), ("${V?e}", unset)] {
            assert_eq!(
                error(template, pairs).to_string(),
                "required variable V is missing a value: e"
            );
        }
        assert_eq!(
            error("${V:?}", unset).to_string(),
            "required variable V is missing a value"
        );
    }

    #[test]
    fn unset_warnings_come_only_from_plain_references_that_were_used() {
        let result = substitute("$A ${B} ${C:-x} ${D:+${E}} ${F:-${G}}", &env(&[])).unwrap();

        let names: Vec<(&str, usize)> = result
            .unset
            .iter()
            .map(|unset| (unset.name.as_str(), unset.offset))
            .collect();
        assert_eq!(names, [("A", 0), ("B", 3), ("G", 32)]);
    }

    #[test]
    fn offsets_inside_defaults_are_in_the_original_template() {
        let template = "ab ${X:-${Y:-${Z}}} ${W:?need ${M:?inner}}";

        let result = substitute(template, &env(&[])).unwrap_err();

        assert_eq!(
            result,
            TemplateError::Required {
                name: "M".into(),
                message: "inner".into(),
                offset: 30,
            }
        );
        let unset = substitute(&template[..19], &env(&[])).unwrap().unset;
        assert_eq!(
            unset,
            [UnsetVariable {
                name: "Z".into(),
                offset: 13
            }]
        );
        assert_eq!(
            error("x ${A:-${ b}}", &[]),
            TemplateError::Invalid { offset: 7 }
        );
    }

    #[test]
    fn dollars_that_start_nothing_are_kept() {
        for template in ["a $ string", "^REGEX$", "$}", "$", "$-1", "$é", "100$"] {
            assert_eq!(value(template, &[]), template);
        }
        assert_eq!(value("$$${FOO}$$", &[("FOO", "f")]), "$f$");
        assert_eq!(value("$$$", &[]), "$$");
    }

    #[test]
    fn names_match_case_insensitively_and_look_up_exactly() {
        assert_eq!(value("$foo-${Foo}-$FOO", &[("FOO", "up")]), "--up");
        assert_eq!(value("$_a1b.c", &[("_a1b", "v")]), "v.c");
        assert_eq!(value("$1", &[("1", "v")]), "$1");
        assert_eq!(
            value("$ſ-${\u{212A}}", &[("ſ", "s"), ("\u{212A}", "k")]),
            "s-k"
        );
    }

    #[test]
    fn invalid_braces() {
        for template in [
            "${", "${}", "${ }", "${ foo}", "${foo }", "${foo!}", "${1}", "${A::-x}",
        ] {
            assert_eq!(
                error(template, &[]),
                TemplateError::Invalid { offset: 0 },
                "{template}"
            );
        }
        assert_eq!(error("ok ${A-x", &[]), TemplateError::Invalid { offset: 3 });
        assert_eq!(
            error("${A:-x\n}", &[]),
            TemplateError::Invalid { offset: 0 }
        );
        assert_eq!(
            error("é${V/a/b}", &[]),
            TemplateError::Invalid { offset: 2 }
        );
    }

    #[test]
    fn arguments_end_at_the_balancing_brace() {
        assert_eq!(value("${A:-{\"json\":1}}", &[]), "{\"json\":1}");
        assert_eq!(value("${A:-x}}", &[]), "x}");
        assert_eq!(value("${A:-${B:-x}y}z", &[]), "xyz");
        assert_eq!(value("${A:-x} and ${B:-y}\n${C:-z}", &[]), "x and y\nz");
        // compose-go's count skips the byte after each `{`, so `{}` does not balance.
        assert_eq!(value("${A:-{}}", &[]), "{}");
        assert_eq!(value("${A:-{}x}y}", &[]), "{}x}y");
    }

    #[test]
    fn the_earliest_operator_wins() {
        assert_eq!(
            operator("VARNAME:?val?ue"),
            Some(Operator::RequiredNonEmpty)
        );
        assert_eq!(
            operator("VARNAME-va:-lu:?e"),
            Some(Operator::DefaultIfUnset)
        );
        assert_eq!(operator("VARNAME:x+y"), Some(Operator::AlternativeIfSet));
        assert_eq!(operator("VARNAME"), None);
        assert_eq!(value("${X-a?b}", &[]), "a?b");
        assert_eq!(
            error("${X?a-b}", &[]).to_string(),
            "required variable X is missing a value: a-b"
        );
    }

    #[test]
    fn messages_name_the_path() {
        let invalid = TemplateError::Invalid { offset: 0 };
        let required = error("${X?m}", &[]);

        assert_eq!(invalid.to_string(), "Invalid template at byte 0");
        assert_eq!(
            invalid.message_at("services.web.image", "${"),
            "invalid interpolation format for services.web.image.\n\
             You may need to escape any $ with another $.\n${"
        );
        assert_eq!(
            required.message_at("web.environment.A", "${X?m}"),
            "error while interpolating web.environment.A: required variable X is missing a value: m"
        );
    }

    #[test]
    fn variables_recurse_into_every_argument() {
        let found = variables("$docker:${project:-cli} ${A:-$B} ${R:?} ${P:+${Q}} $$x ${ ${C-}");

        let summary: Vec<(&str, Option<&str>, bool, usize)> = found
            .iter()
            .map(|v| (v.name.as_str(), v.default.as_deref(), v.required, v.offset))
            .collect();
        assert_eq!(
            summary,
            [
                ("docker", None, false, 0),
                ("project", Some("cli"), false, 8),
                ("A", Some("$B"), false, 24),
                ("B", None, false, 29),
                ("R", None, true, 33),
                ("P", None, false, 40),
                ("Q", None, false, 45),
                ("C", Some(""), false, 58),
            ]
        );
    }

    #[test]
    fn deep_nesting_needs_no_deep_stack() {
        let depth = 20_000;
        let template = format!("{}x{}", "${a:-".repeat(depth), "}".repeat(depth));

        let worker = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || {
                let substituted = substitute(&template, &|_| None).unwrap();
                let listed = variables(&template).len();
                (substituted.value, listed)
            })
            .unwrap();

        let (value, listed) = worker.join().unwrap();
        assert_eq!(value, "x");
        assert_eq!(listed, MAX_VARIABLE_NESTING + 1);
    }
}
