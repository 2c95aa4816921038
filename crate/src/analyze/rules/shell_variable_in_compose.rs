//! `shell-variable-in-compose`: a `$VAR` in `command`, `entrypoint` or a health check
//! that Compose replaced when it loaded the file, with nothing because the variable is not
//! set there, although the service's own `environment` sets it for the container.

use super::support::is_unresolved;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::Service;
use crate::compose::interpolate::variables;
use crate::report::{Category, Severity};
use crate::yaml::{Node, Scalar, Span, Style, Value};

pub const RULE: Rule = Rule {
    id: "shell-variable-in-compose",
    category: Category::Correctness,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A `$VAR` meant for the container's shell is replaced by Compose when it loads the file.",
        why: "Compose interpolates `$VAR` and `${VAR}` everywhere in the file, commands \
              included, from the environment it runs in, before any container exists. A \
              variable set only in the service's `environment` is not set there, so the \
              command gets an empty string where the container's value was meant.",
        bad: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U $POSTGRES_USER\"]\n",
        good: "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: app\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U $$POSTGRES_USER\"]\n",
        fix: "Write `$$VAR`: Compose turns `$$` into `$` and leaves the variable to the \
              container's shell. Without a shell (the list form of `command`, or `CMD` in a \
              health check) nothing expands it, so run the command through `sh -c` too.",
        limitations: "Only variables that the analyzed environment leaves unset and that the \
                      service's `environment` sets to a value are reported; variables from \
                      `env_file` or the image are not known. A variable whose service value \
                      is itself `${VAR}` is meant for Compose and is not reported. Whether a \
                      shell runs the command is judged from its first words (`sh -c`, \
                      `bash -c`); an image's entrypoint script is not seen.",
    },
};

/// The shells whose `-c` runs the next argument as a script.
const SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"];

/// The longest value compared, in bytes, and the most references in it; larger ones are
/// not judged, which keeps the comparison cheap on hostile input.
const MAX_TEXT: usize = 4 * 1024;
const MAX_PIECES: usize = 128;

/// Where a value sits, for the message and the advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Run by a shell: `CMD-SHELL`, the string form of a health check, `sh -c`.
    Shell,
    /// A health check's `CMD`, which runs no shell.
    Exec,
    /// A command or entrypoint where no shell is seen.
    Unknown,
}

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let defined: Vec<&str> = service
            .environment
            .iter()
            .filter(|var| {
                var.value.as_ref().is_some_and(|value| {
                    !variables(value.as_written())
                        .iter()
                        .any(|reference| reference.name == var.name)
                })
            })
            .map(|var| var.name.as_str())
            .collect();
        if defined.is_empty() {
            continue;
        }

        let entrypoint = service.node.get("entrypoint");
        let command = service.node.get("command");
        let entrypoint_shell = entrypoint.is_some_and(runs_shell);
        let command_shell =
            entrypoint_shell || (entrypoint.is_none() && command.is_some_and(runs_shell));
        let shell_or_unknown = |shell: bool| if shell { Place::Shell } else { Place::Unknown };

        let mut values: Vec<(&str, Place, &Node)> = Vec::new();
        if let Some(node) = entrypoint {
            values.extend(
                scalars(node).map(|n| ("entrypoint", shell_or_unknown(entrypoint_shell), n)),
            );
        }
        if let Some(node) = command {
            values.extend(scalars(node).map(|n| ("command", shell_or_unknown(command_shell), n)));
        }
        if let Some(test) = service.node.get("healthcheck").and_then(|h| h.get("test")) {
            match &test.value {
                Value::Scalar(_) => values.push(("health check", Place::Shell, test)),
                Value::Seq(items) => {
                    let place = match items.first().and_then(Node::as_str) {
                        Some("CMD-SHELL") => Place::Shell,
                        Some("CMD") => Place::Exec,
                        _ => Place::Unknown,
                    };
                    values.extend(items.iter().skip(1).map(|n| ("health check", place, n)));
                }
                Value::Map(_) => {}
            }
        }

        for (field, place, node) in values {
            for (name, span) in emptied(node, &defined) {
                report(sink, service, field, place, &name, span);
            }
        }
    }
}

fn report(
    sink: &mut Sink<'_>,
    service: &Service,
    field: &str,
    place: Place,
    name: &str,
    span: Span,
) {
    let help = match place {
        Place::Shell => format!("write $${name} so that the container's shell expands it"),
        Place::Exec => format!(
            "CMD runs no shell: use [\"CMD-SHELL\", \"... $${name} ...\"] so the container's \
             shell expands it"
        ),
        Place::Unknown => format!(
            "no shell is seen to run this {field}: run it through one (sh -c '... $${name} \
             ...') so the container's value is used"
        ),
    };
    sink.report(
        span,
        format!(
            "${name} in the {field} of service {} is replaced by Compose when it loads the \
             file, where {name} has no value; the value in the service's environment is never \
             used",
            service.name
        ),
        Some(help),
    );
}

/// The scalars of a string or a list of strings.
fn scalars(node: &Node) -> impl Iterator<Item = &Node> {
    let items: &[Node] = match &node.value {
        Value::Seq(items) => items,
        Value::Scalar(_) => std::slice::from_ref(node),
        Value::Map(_) => &[],
    };
    items.iter().filter(|n| n.as_scalar().is_some())
}

/// Whether a command's first words start a shell with a script: `sh -c`, `/bin/bash -ec`.
fn runs_shell(node: &Node) -> bool {
    let words: Vec<&str> = match &node.value {
        Value::Seq(items) => items.iter().filter_map(Node::as_str).collect(),
        Value::Scalar(_) => node
            .as_str()
            .map_or(Vec::new(), |s| s.split_whitespace().collect()),
        Value::Map(_) => Vec::new(),
    };
    let Some((program, options)) = words.split_first() else {
        return false;
    };
    let name = program.rsplit('/').next().unwrap_or(program);
    SHELLS.contains(&name)
        && options.iter().take_while(|w| w.starts_with('-')).any(|w| {
            let flags = w.get(1..).unwrap_or("");
            !flags.is_empty()
                && flags.chars().all(|c| c.is_ascii_alphabetic())
                && flags.contains('c')
        })
}

/// The variables of `defined` that interpolation must have replaced with nothing in this
/// scalar, each with the span of its reference (or of the scalar when the written text
/// cannot be mapped exactly).
fn emptied(node: &Node, defined: &[&str]) -> Vec<(String, Span)> {
    let Some(scalar) = node.as_scalar() else {
        return Vec::new();
    };
    let Some(original) = scalar.original.as_deref() else {
        return Vec::new();
    };
    if !is_unresolved(node) || original.len() > MAX_TEXT || scalar.text.len() > MAX_TEXT {
        return Vec::new();
    }
    let Some(pieces) = pieces(original).filter(|p| p.len() <= MAX_PIECES) else {
        return Vec::new();
    };
    // a template that does not give the text back was not read the way Compose read it
    if !fits(&pieces, None, scalar.text.as_bytes()) {
        return Vec::new();
    }

    let mut found: Vec<(String, Span)> = Vec::new();
    let mut judged: Vec<&str> = Vec::new();
    for piece in &pieces {
        let Piece::Variable { name, start, end } = piece else {
            continue;
        };
        if !defined.contains(name) || judged.contains(name) {
            continue;
        }
        judged.push(name);
        if fits(&pieces, Some(name), scalar.text.as_bytes()) {
            continue;
        }
        found.push((
            name.to_string(),
            reference_span(node, scalar, original, *start, *end),
        ));
    }
    found
}

/// The span of the reference at `start..end` of the written text, when the scalar is written
/// exactly as it reads; otherwise the scalar's span.
fn reference_span(node: &Node, scalar: &Scalar, original: &str, start: usize, end: usize) -> Span {
    let width = node.span.end.saturating_sub(node.span.start);
    // any escape or line folding makes the written text longer than its value
    let lead = match scalar.style {
        Style::Plain if width == original.len() => Some(0),
        Style::SingleQuoted | Style::DoubleQuoted if width == original.len() + 2 => Some(1),
        _ => None,
    };
    match lead {
        Some(lead) => Span::new(
            node.span.file,
            node.span.start + lead + start,
            node.span.start + lead + end,
        ),
        None => node.span,
    }
}

/// A template read into literal text and references, as Compose reads it.
#[derive(Debug)]
enum Piece<'t> {
    Literal(String),
    /// `$NAME` or `${NAME}`, at these offsets of the template.
    Variable {
        name: &'t str,
        start: usize,
        end: usize,
    },
    /// A reference with an operator (`${NAME:-default}`), which may become anything.
    Other,
}

fn is_name_start(byte: u8) -> bool {
    byte == b'_' || byte.is_ascii_alphabetic()
}

fn is_name(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first().is_some_and(|b| is_name_start(*b))
        && bytes
            .iter()
            .all(|b| *b == b'_' || b.is_ascii_alphanumeric())
}

/// Reads a template into pieces; `None` when it holds a reference Compose would refuse.
fn pieces(template: &str) -> Option<Vec<Piece<'_>>> {
    let bytes = template.as_bytes();
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut at = 0;
    let mut copied = 0;

    while let Some(offset) = template.get(at..)?.find('$') {
        let dollar = at + offset;
        literal.push_str(template.get(copied..dollar)?);
        match bytes.get(dollar + 1) {
            Some(b'$') => {
                literal.push('$');
                at = dollar + 2;
            }
            Some(b'{') => {
                let close = closing_brace(template, dollar + 2)?;
                let body = template.get(dollar + 2..close)?;
                if !literal.is_empty() {
                    pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                }
                if is_name(body) {
                    pieces.push(Piece::Variable {
                        name: body,
                        start: dollar,
                        end: close + 1,
                    });
                } else {
                    let name_end = body
                        .bytes()
                        .position(|b| !(b == b'_' || b.is_ascii_alphanumeric()))
                        .unwrap_or(body.len());
                    if name_end == 0 || !is_name(body.get(..name_end)?) {
                        return None;
                    }
                    pieces.push(Piece::Other);
                }
                at = close + 1;
            }
            Some(&byte) if is_name_start(byte) => {
                let end = bytes
                    .iter()
                    .skip(dollar + 1)
                    .position(|b| !(*b == b'_' || b.is_ascii_alphanumeric()))
                    .map_or(bytes.len(), |length| dollar + 1 + length);
                if !literal.is_empty() {
                    pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                }
                pieces.push(Piece::Variable {
                    name: template.get(dollar + 1..end)?,
                    start: dollar,
                    end,
                });
                at = end;
            }
            // a lone `$` stays as it is
            _ => {
                literal.push('$');
                at = dollar + 1;
            }
        }
        copied = at;
    }
    literal.push_str(template.get(copied..)?);
    if !literal.is_empty() {
        pieces.push(Piece::Literal(literal));
    }
    Some(pieces)
}

/// The offset of the `}` that closes a brace opened just before `from`, by brace balance.
fn closing_brace(template: &str, from: usize) -> Option<usize> {
    let mut depth = 1usize;
    for (offset, byte) in template.as_bytes().iter().enumerate().skip(from) {
        match byte {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(offset);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether `text` can be what the template became, every reference standing for any text,
/// except those to the variable `non_empty`, which must stand for at least one byte each
/// (one variable has one value, so all its references are empty or none is).
fn fits(pieces: &[Piece<'_>], non_empty: Option<&str>, text: &[u8]) -> bool {
    let length = text.len();
    let mut reach = vec![false; length + 1];
    if let Some(first) = reach.first_mut() {
        *first = true;
    }

    for piece in pieces {
        let mut next = vec![false; length + 1];
        match piece {
            Piece::Literal(literal) => {
                for (position, _) in reach.iter().enumerate().filter(|(_, r)| **r) {
                    let matches = text
                        .get(position..)
                        .is_some_and(|rest| rest.starts_with(literal.as_bytes()));
                    if let (true, Some(slot)) = (matches, next.get_mut(position + literal.len())) {
                        *slot = true;
                    }
                }
            }
            Piece::Variable { .. } | Piece::Other => {
                let Some(earliest) = reach.iter().position(|r| *r) else {
                    return false;
                };
                let forced = match piece {
                    Piece::Variable { name, .. } => non_empty == Some(*name),
                    _ => false,
                };
                let from = if forced { earliest + 1 } else { earliest };
                for slot in next.iter_mut().skip(from) {
                    *slot = true;
                }
            }
        }
        reach = next;
    }
    reach.last().copied().unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn must_be_empty(template: &str, text: &str, name: &str) -> bool {
        let pieces = pieces(template).unwrap();
        assert!(fits(&pieces, None, text.as_bytes()), "{template} -> {text}");
        assert!(
            pieces
                .iter()
                .any(|p| matches!(p, Piece::Variable { name: n, .. } if *n == name))
        );
        !fits(&pieces, Some(name), text.as_bytes())
    }

    #[test]
    fn a_reference_that_must_have_been_empty() {
        assert!(must_be_empty("echo $FOO", "echo ", "FOO"));
        assert!(must_be_empty("echo ${FOO}/x", "echo /x", "FOO"));
        assert!(must_be_empty("a $$B $FOO", "a $B ", "FOO"));
        assert!(must_be_empty("$FOO-$BAR", "-x", "FOO"));
        assert!(!must_be_empty("$FOO-$BAR", "-x", "BAR"));
        // either could be the empty one
        assert!(!must_be_empty("$FOO$BAR", "x", "FOO"));
        assert!(!must_be_empty("${A:-d}$FOO", "d", "FOO"));
        assert!(must_be_empty("${A:-d}:$FOO", "d:", "FOO"));
        // each reference alone could be the empty one, but both take one value
        assert!(must_be_empty("$FOO$A$FOO", "x", "FOO"));
    }

    #[test]
    fn templates_read_as_compose_reads_them() {
        let read = |t: &str| {
            pieces(t)
                .unwrap()
                .iter()
                .map(|p| match p {
                    Piece::Literal(l) => format!("'{l}'"),
                    Piece::Variable { name, .. } => format!("<{name}>"),
                    Piece::Other => "*".to_string(),
                })
                .collect::<Vec<_>>()
                .join("")
        };
        assert_eq!(
            read("a $$b $c ${d} ${e:-${f}} $ $1"),
            "'a $b '<c>' '<d>' '*' $ $1'"
        );
        assert_eq!(read("x$NAME.y"), "'x'<NAME>'.y'");
        assert!(pieces("${").is_none());
        assert!(pieces("${ a}").is_none());
    }

    #[test]
    fn shells_by_their_first_words() {
        let seq = |words: &[&str]| {
            let text = format!("[{}]", words.join(", "));
            let parsed = crate::yaml::parse(&text, 0, crate::yaml::Limits::default());
            parsed.documents.into_iter().next().unwrap().root
        };
        assert!(runs_shell(&seq(&["sh", "-c"])));
        assert!(runs_shell(&seq(&["/bin/bash", "-ec", "x"])));
        assert!(!runs_shell(&seq(&["node", "-c"])));
        assert!(!runs_shell(&seq(&["sh", "script.sh"])));
        assert!(!runs_shell(&seq(&["bash", "--login"])));
    }
}
