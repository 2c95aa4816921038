//! Runs compose-go's `.env` cases and fixtures through our dotenv parser, and checks that
//! no input can make it panic and that positions are exact.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;

use compose_architect::compose::dotenv::{self, DotenvError, EnvEntry};
use serde_json::Value;

const CASES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/peer/compose-go-dotenv-cases.json"
);
const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/peer/dotenv-fixtures/"
);
const EXPECTED_CASES: usize = 71;

type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// A fixture file, the outer environment to read it with, and every variable it must give.
type Expectation<'a> = (&'a str, Lookup<'a>, Vec<(&'a str, &'a str)>);

fn no_env(_: &str) -> Option<String> {
    None
}

fn fixture(name: &str) -> Result<String, String> {
    let path = format!("{FIXTURES}{name}");
    std::fs::read_to_string(&path).map_err(|err| format!("cannot read {path}: {err}"))
}

fn strings(value: &Value) -> BTreeMap<String, String> {
    value
        .as_object()
        .map(|object| {
            object
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                .collect()
        })
        .unwrap_or_default()
}

/// Reads `Variable` and `Reason` out of a Go `%#v` of `template.MissingRequiredError`.
fn missing_required(go_error: &str) -> Option<(String, String)> {
    let field = |label: &str| {
        let start = go_error.find(label)? + label.len();
        let rest = go_error.get(start..)?;
        rest.find('"')
            .and_then(|end| rest.get(..end))
            .map(str::to_string)
    };

    Some((field("Variable: \"")?, field("Reason: \"")?))
}

/// Checks that every expected name has its value in `actual`; returns what went wrong.
fn compare_subset(
    actual: &BTreeMap<String, String>,
    expected: &BTreeMap<String, String>,
) -> Option<String> {
    let wrong: Vec<String> = expected
        .iter()
        .filter(|(name, value)| actual.get(*name) != Some(value))
        .map(|(name, value)| format!("{name:?}: expected {value:?}, got {:?}", actual.get(name)))
        .collect();

    (!wrong.is_empty()).then(|| wrong.join("; "))
}

/// Runs one case; `None` when it passes, else a description of the failure.
fn run_case(case: &Value) -> Option<String> {
    if let (Some(input), Some(expected)) = (case["input"].as_str(), case.get("expected")) {
        return match dotenv::parse_map(input, &no_env) {
            Ok(actual) => compare_subset(&actual, &strings(expected)),
            Err(err) => Some(format!("unexpected error: {err}")),
        };
    }

    let Some(input) = case["input_line"].as_str() else {
        return Some("case has neither `input` nor `input_line`".to_string());
    };
    let env = strings(&case["env"]);
    let lookup = |name: &str| env.get(name).cloned();
    let result = dotenv::parse_map(input, &lookup);

    if let Some(go_error) = case["expected_error"].as_str() {
        let Some((variable, reason)) = missing_required(go_error) else {
            return Some(format!("cannot read the expected error {go_error:?}"));
        };
        let wanted = format!("required variable {variable} is missing a value: {reason}");
        return match result {
            Ok(actual) => Some(format!("expected an error, got {actual:?}")),
            Err(err) if err.message.contains(&wanted) && err.line == 1 => None,
            Err(err) => Some(format!("expected an error with {wanted:?}, got {err:?}")),
        };
    }

    let Some((name, value)) = case["expected_line"]
        .as_str()
        .and_then(|l| l.split_once('='))
    else {
        return Some("case has no `expected_line` of the form NAME=value".to_string());
    };
    let expected = BTreeMap::from([(name.to_string(), value.to_string())]);
    match result {
        Ok(actual) if actual == expected => None,
        Ok(actual) => Some(format!("expected {expected:?}, got {actual:?}")),
        Err(err) => Some(format!("unexpected error: {err}")),
    }
}

#[test]
fn every_compose_go_case_passes() {
    let text = std::fs::read_to_string(CASES).unwrap_or_else(|err| panic!("{CASES}: {err}"));
    let corpus: Value = serde_json::from_str(&text).unwrap();
    let cases = corpus["cases"].as_array().expect("`cases` is a list");

    let mut ran = 0;
    let mut failures = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        ran += 1;
        if let Some(failure) = run_case(case) {
            let input = case.get("input").or_else(|| case.get("input_line"));
            failures.push(format!(
                "case {index} ({}) {input:?}: {failure}",
                case["test"].as_str().unwrap_or("?")
            ));
        }
    }

    assert!(
        failures.is_empty(),
        "{} of {ran} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        ran >= EXPECTED_CASES,
        "only {ran} cases ran, expected {EXPECTED_CASES}"
    );
}

/// Fixture files with the values compose-go's tests expect of them (`Parse` keeps names
/// that start with a digit; only compose-go's `Read` drops them).
#[test]
fn fixtures_read_as_compose_go_reads_them() {
    let outer = |name: &str| {
        (name == "VAR_TO_BE_LOADED_FROM_OS_ENV").then(|| "SOME_RANDOM_VALUE".to_string())
    };
    let plain = [
        ("OPTION_A", "1"),
        ("OPTION_B", "2"),
        ("OPTION_C", "3"),
        ("OPTION_D", "4"),
        ("OPTION_E", "5"),
        ("456", "ABC"),
        ("OPTION_F", ""),
        ("OPTION_G", ""),
        ("OPTION_H", "my string"),
    ];
    let quoted = [
        ("OPTION_A", "1"),
        ("OPTION_B", "2"),
        ("OPTION_C", ""),
        ("OPTION_D", "\\n"),
        ("OPTION_E", "1"),
        ("OPTION_F", "2"),
        ("OPTION_G", ""),
        ("OPTION_H", "\n"),
        ("OPTION_I", "echo 'asd'"),
        ("OPTION_J", "first line\nsecond line\nthird line\nand so on"),
        ("OPTION_K", "Let's go!"),
        ("OPTION_Z", "last value"),
    ];
    let unquoted = [
        ("OPTION_A", "some quoted phrase"),
        ("OPTION_B", "first one with an unquoted phrase"),
        ("OPTION_C", "then another one with an unquoted phrase"),
        (
            "OPTION_D",
            "then another one with an unquoted phrase special è char",
        ),
        ("OPTION_E", "then another one quoted phrase"),
    ];
    let substitutions = [
        ("OPTION_A", "1"),
        ("OPTION_B", "1"),
        ("OPTION_C", "1"),
        ("OPTION_D", "1_1"),
        ("OPTION_E", ""),
    ];
    let expectations: Vec<Expectation> = vec![
        ("plain.env", &no_env, plain.to_vec()),
        ("utf8-bom.env", &no_env, plain.to_vec()),
        ("quoted.env", &no_env, quoted.to_vec()),
        ("unquoted.env", &no_env, unquoted.to_vec()),
        (
            "equals.env",
            &no_env,
            vec![(
                "OPTION_A",
                "postgres://localhost:5432/database?sslmode=disable",
            )],
        ),
        (
            "exported.env",
            &no_env,
            vec![("OPTION_A", "2"), ("OPTION_B", "\\n")],
        ),
        (
            "special.env",
            &no_env,
            vec![
                ("VAR.WITH.DOTS", "dots"),
                ("VAR_WITH_UNDERSCORES", "underscores"),
                ("VAR-WITH-DASHES", "dashes"),
            ],
        ),
        ("substitutions.env", &no_env, substitutions.to_vec()),
        ("substitutions-default.env", &no_env, substitutions.to_vec()),
        (
            "custom.format",
            &no_env,
            vec![("FOO", "BAR"), ("ZOT", "QIX")],
        ),
        (
            "inherited-multi-var.env",
            &outer,
            vec![
                ("foo", "bar"),
                ("VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE"),
                ("bar", "baz"),
            ],
        ),
        (
            "inherited-single-var.env",
            &outer,
            vec![("VAR_TO_BE_LOADED_FROM_OS_ENV", "SOME_RANDOM_VALUE")],
        ),
        ("inherited-single-var.env", &no_env, vec![]),
        ("inherited-not-found.env", &outer, vec![]),
    ];

    let mut failures = Vec::new();
    for (name, lookup, expected) in &expectations {
        let expected: BTreeMap<String, String> = expected
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let text = match fixture(name) {
            Ok(text) => text,
            Err(err) => {
                failures.push(err);
                continue;
            }
        };
        match dotenv::parse_map(&text, *lookup) {
            Ok(actual) if actual == expected => {}
            Ok(actual) => failures.push(format!("{name}: expected {expected:?}, got {actual:?}")),
            Err(err) => failures.push(format!("{name}: unexpected error: {err}")),
        }
    }

    let invalid = fixture("invalid1.env").unwrap();
    match dotenv::parse_map(&invalid, &no_env) {
        Err(err) if err.message == "line 7: key cannot contain a space" && err.line == 7 => {}
        other => failures.push(format!(
            "invalid1.env: expected the line 7 error, got {other:?}"
        )),
    }

    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Errors from compose-go's `TestParsing` and `TestUnterminatedQuotes`, by their text.
#[test]
fn errors_read_as_compose_go_words_them() {
    // compose-go quotes the whole line ("lol$wut"); we quote the name only up to the
    // character, since what follows may be a secret value
    let unexpected = dotenv::parse("lol$wut", &no_env).unwrap_err();
    assert_eq!(
        unexpected.message,
        r#"line 1: unexpected character "$" in variable name "lol$""#
    );
    assert_eq!((unexpected.line, unexpected.offset), (1, 3));

    let unterminated = [
        r#"KEY=""#,
        r#"KEY="value"#,
        r#"KEY="value\""#,
        r#"KEY="value'"#,
        r"KEY='",
        r"KEY='value",
        r"KEY='value\'",
        r#"KEY='value""#,
    ];
    let mut failures = Vec::new();
    for input in unterminated {
        match dotenv::parse(input, &no_env) {
            Err(err)
                if err.message.starts_with("line 1: unterminated quoted value")
                    && err.offset == 4 => {}
            other => failures.push(format!("{input:?}: {other:?}")),
        }
    }

    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn positions_are_exact() {
    let text = "\u{feff}# comment\nA=1\n  export B = 'two\nlines' # c\nC\n\nD: \"x\" E=$A\n";
    let lookup = |name: &str| (name == "C").then(|| "outer".to_string());

    let entries = dotenv::parse(text, &lookup).unwrap();

    let at = |needle: &str| text.find(needle).unwrap();
    let expected = vec![
        EnvEntry {
            name: "A".into(),
            value: "1".into(),
            line: 2,
            name_offset: at("A="),
            value_offset: at("1"),
        },
        EnvEntry {
            name: "B".into(),
            value: "two\nlines".into(),
            line: 3,
            name_offset: at("B ="),
            value_offset: at("'two"),
        },
        EnvEntry {
            name: "C".into(),
            value: "outer".into(),
            line: 5,
            name_offset: at("C\n"),
            value_offset: at("C\n"),
        },
        EnvEntry {
            name: "D".into(),
            value: "x".into(),
            line: 7,
            name_offset: at("D:"),
            value_offset: at("\"x\""),
        },
        EnvEntry {
            name: "E".into(),
            value: "1".into(),
            line: 7,
            name_offset: at("E="),
            value_offset: at("$A"),
        },
    ];
    assert_eq!(entries, expected);

    let err: DotenvError = dotenv::parse("A=1\r\nB=\"open\r\nC=2\r\n", &no_env).unwrap_err();
    assert_eq!((err.line, err.offset), (2, 7));
    assert_eq!(err.message, "line 2: unterminated quoted value");
}

/// A tiny deterministic generator, so the hostile inputs are the same on every run.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn text(&mut self, len: usize) -> String {
        const PIECES: &[&str] = &[
            "A",
            "b",
            "_",
            "=",
            ":",
            " ",
            "\t",
            "\n",
            "\r\n",
            "\r",
            "#",
            " #",
            "'",
            "\"",
            "\\",
            "$",
            "${",
            "}",
            "{",
            ":-",
            ":?",
            "?",
            "+",
            "export ",
            "\0",
            "é",
            "\u{a0}",
            "\u{85}",
            "\u{feff}",
            "\u{1f600}",
            "\\0",
            "7",
            "\\$",
            "\\\"",
            "\\'",
            "-",
            "[",
            "]",
        ];
        (0..len)
            .map(|_| {
                PIECES
                    .get((self.next() as usize) % PIECES.len())
                    .copied()
                    .unwrap_or("")
            })
            .collect()
    }
}

/// Parses `text`, catching a panic; checks that whatever comes back points inside the text.
fn survives(text: &str) -> Option<Result<Vec<EnvEntry>, DotenvError>> {
    let lookup = |name: &str| (name.len() % 2 == 0).then(|| format!("<{name}>"));
    let result =
        std::panic::catch_unwind(AssertUnwindSafe(|| dotenv::parse(text, &lookup))).ok()?;

    if let Err(err) = &result {
        assert!(
            err.offset <= text.len(),
            "offset past the end for {:?}",
            preview(text)
        );
        assert!(err.line >= 1);
    }
    for entry in result.iter().flatten() {
        assert!(entry.name_offset <= text.len() && entry.value_offset <= text.len());
        assert!(text.is_char_boundary(entry.name_offset));
        assert!(text.is_char_boundary(entry.value_offset));
    }
    Some(result)
}

fn preview(text: &str) -> String {
    text.chars().take(200).collect()
}

#[test]
fn hostile_input_never_panics() {
    let huge_value = format!("A={}\n", "x".repeat(4_000_000));
    let huge_quoted = format!("A=\"{}\"\n", "\\n$B".repeat(500_000));
    let huge_unterminated = format!("A='{}", "y\n".repeat(200_000));
    let many_lines: String = (0..100_000)
        .map(|i| format!("K{i}=v{i} ${{K{}}}\n", i / 2))
        .collect();
    let many_comments: String = "# c\n\n  \t\r\n".repeat(100_000);
    let long_name = format!("{}=1", "N".repeat(1_000_000));
    let fixed = [
        "",
        "\u{feff}",
        "\0",
        "A=\0\0\0\nB\0=1",
        "\"",
        "'",
        "A=\"",
        "A='",
        "A=\"\\",
        "A='\\",
        "A=\"\\0",
        "A=\"\\01\"",
        "export",
        "export ",
        "export\n",
        "=",
        ":",
        "==",
        "A=${",
        "A=\"${\"",
        "A=${B:?}",
        "A=$",
        "\r\n\r\n",
        "A=1\r",
        "ключ=значение\n名前=値\n",
        "\u{2028}A=1\u{2029}",
        "A=\u{1f600} #\u{1f600}",
        huge_value.as_str(),
        huge_quoted.as_str(),
        huge_unterminated.as_str(),
        many_lines.as_str(),
        many_comments.as_str(),
        long_name.as_str(),
    ];

    for text in fixed {
        assert!(
            survives(text).is_some(),
            "parse panicked on {:?}",
            preview(text)
        );
    }
    let entries = dotenv::parse(&many_lines, &no_env).unwrap();
    assert_eq!(entries.len(), 100_000);
    assert_eq!(entries[99_999].line, 100_000);
    assert_eq!(entries[3].value, "v3 v1 v0 ");
    assert_eq!(
        dotenv::parse(&huge_value, &no_env).unwrap()[0].value.len(),
        4_000_000
    );

    let mut noise = Noise(0x5eed);
    for round in 0..20_000 {
        let text = noise.text(1 + round % 60);
        assert!(survives(&text).is_some(), "parse panicked on {text:?}");
    }
}
