//! JSON written from the package's types through one compiled serializer per type.
//!
//! serde compiles a serializer for every pair of type and output form. Every result already
//! crosses the wasm boundary as compact JSON, so the pretty forms (the JSON report, SARIF,
//! `handoff.json`, profiles) indent that compact text, and a value tree is read back from
//! it, instead of compiling a second and third serializer for each type.

use serde::Serialize;
use serde_json::Value;

/// The value as compact JSON: the keys in the order the type declares them.
pub fn compact<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string(value)
}

/// The value as JSON indented by two spaces, as `serde_json::to_string_pretty` writes it;
/// empty when the value cannot be written (a map whose keys are not strings).
pub fn pretty<T: Serialize + ?Sized>(value: &T) -> String {
    compact(value).map(|text| indent(&text)).unwrap_or_default()
}

/// The value as a JSON tree (objects' keys sorted); null when it cannot be written.
pub fn to_value<T: Serialize + ?Sized>(value: &T) -> Value {
    compact(value)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or(Value::Null)
}

/// Indents compact JSON text: a line per member and element, `": "` after keys, and empty
/// objects and arrays kept as `{}` and `[]`.
fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() + compact.len() / 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();

    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }

        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                match chars.peek() {
                    Some(&close @ ('}' | ']')) => {
                        out.push(close);
                        chars.next();
                    }
                    _ => {
                        depth += 1;
                        newline(&mut out, depth);
                    }
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn indents_as_serde_json_does() {
        let value = json!({
            "name": "a \"quoted\" {name}, [with] : and ,",
            "empty": {},
            "none": [],
            "list": [1, 2.5, -3, true, null, "\\"],
            "nested": { "deep": [{ "x": [] }, { "y": {} }] },
            "unicode": "é ✓ \u{1}",
        });

        assert_eq!(
            pretty(&value),
            serde_json::to_string_pretty(&value).unwrap()
        );
        assert_eq!(pretty(&json!([])), "[]");
        assert_eq!(pretty(&json!("x")), "\"x\"");
    }

    #[test]
    fn reads_the_value_tree_back() {
        let value = json!({ "b": [1, { "c": "d" }], "a": null });
        assert_eq!(to_value(&value), value);
    }
}
