//! Runs every compose-go interpolation case of the shared corpus through
//! `compose::interpolate`, and checks that hostile templates neither panic nor take long.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
use std::collections::HashMap;
use std::time::{Duration, Instant};

use compose_architect::compose::interpolate::{self, TemplateError};
use serde_json::Value;

const CASES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/corpus/peer/compose-go-interpolation-cases.json"
);

const EXPECTED_CASES: usize = 115;

#[test]
fn every_compose_go_case_passes() {
    let text = std::fs::read_to_string(CASES)
        .unwrap_or_else(|error| panic!("cannot read the case file {CASES}: {error}"));
    let corpus: Value = serde_json::from_str(&text)
        .unwrap_or_else(|error| panic!("the case file {CASES} is not JSON: {error}"));
    let cases = corpus
        .get("cases")
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("the case file {CASES} has no `cases` array"));

    let mut failures = Vec::new();
    for (index, case) in cases.iter().enumerate() {
        let id = case.get("id").and_then(Value::as_str);
        let label = id.map_or_else(|| format!("case #{index}"), str::to_owned);
        if let Err(reason) = check_case(case) {
            failures.push(format!("{label}: {reason}"));
        }
    }

    if cases.len() < EXPECTED_CASES {
        failures.push(format!(
            "only {} cases ran, expected at least {EXPECTED_CASES}",
            cases.len()
        ));
    }
    assert!(
        failures.is_empty(),
        "{} problem(s) in {} cases:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Checks one case, saying what differs when it fails.
fn check_case(case: &Value) -> Result<(), String> {
    let input = case
        .get("input")
        .and_then(Value::as_str)
        .ok_or("no `input` string")?;

    if let Some(expected) = case.get("expected_operator") {
        let expected = expected
            .as_str()
            .ok_or("`expected_operator` is not a string")?;
        let body = case
            .get("braced_body")
            .and_then(Value::as_str)
            .ok_or("no `braced_body` string")?;
        return check_operator(input, body, expected);
    }

    let env = environment(case)?;
    let lookup = |name: &str| env.get(name).cloned();
    let outcome = interpolate::substitute(input, &lookup);

    if let Some(expected) = case.get("expected") {
        check_value(&outcome, expected)?;
    } else if let Some(expected) = case.get("expected_error_contains") {
        let expected = expected
            .as_str()
            .ok_or("`expected_error_contains` is not a string")?;
        let kind = case
            .get("error_kind")
            .and_then(Value::as_str)
            .ok_or("no `error_kind` string")?;
        check_error(input, &outcome, expected, kind)?;
    } else {
        return Err("the case has no expectation this test knows".into());
    }

    if let Some(expected) = case.get("expected_warnings") {
        let expected = expected
            .as_u64()
            .ok_or("`expected_warnings` is not a count")?;
        let actual = outcome.as_ref().map_or(0, |result| result.unset.len());
        if u64::try_from(actual).ok() != Some(expected) {
            return Err(format!("{actual} unset warning(s), expected {expected}"));
        }
    }

    Ok(())
}

/// The case's `env`: every variable in it is set, every other one is unset.
fn environment(case: &Value) -> Result<HashMap<String, String>, String> {
    let Some(env) = case.get("env") else {
        return Ok(HashMap::new());
    };
    let env = env.as_object().ok_or("`env` is not an object")?;

    env.iter()
        .map(|(name, value)| match value.as_str() {
            Some(value) => Ok((name.clone(), value.to_owned())),
            None => Err(format!("env `{name}` is not a string")),
        })
        .collect()
}

/// `expected` is the substituted string. Numbers and booleans belong to the cast that the loader
/// applies afterwards at typed paths (`deploy.replicas`, …): the substitution gives their text.
fn check_value(
    outcome: &Result<interpolate::Substituted, TemplateError>,
    expected: &Value,
) -> Result<(), String> {
    let expected = match expected {
        Value::String(text) => text.clone(),
        Value::Number(_) | Value::Bool(_) => expected.to_string(),
        _ => {
            return Err(format!(
                "`expected` {expected} is neither a string nor a scalar"
            ));
        }
    };

    match outcome {
        Ok(result) if result.value == expected => Ok(()),
        Ok(result) => Err(format!("got {:?}, expected {expected:?}", result.value)),
        Err(error) => Err(format!("got the error {error:?}, expected {expected:?}")),
    }
}

fn check_error(
    input: &str,
    outcome: &Result<interpolate::Substituted, TemplateError>,
    expected: &str,
    kind: &str,
) -> Result<(), String> {
    let error = match outcome {
        Ok(result) => return Err(format!("got {:?}, expected an error", result.value)),
        Err(error) => error,
    };

    let kind_matches = matches!(
        (kind, error),
        ("InvalidTemplateError", TemplateError::Invalid { .. })
            | ("MissingRequiredError", TemplateError::Required { .. })
    );
    if !kind_matches {
        return Err(format!("got {error:?}, expected a {kind}"));
    }
    if !input
        .get(error.offset()..)
        .is_some_and(|rest| rest.starts_with('$'))
    {
        return Err(format!("offset {} is not at a `$`", error.offset()));
    }

    // compose's own wording adds the value's path, which the case names in its expectation.
    let path = expected
        .strip_prefix("invalid interpolation format for ")
        .and_then(|rest| rest.split_once(".\n"))
        .map(|(path, _)| path);
    let text = match path {
        Some(path) => error.message_at(path, input),
        None => error.to_string(),
    };
    if !text.contains(expected) {
        return Err(format!("error text {text:?} lacks {expected:?}"));
    }

    Ok(())
}

/// Checks the operator that `operator` chooses, then that substitution behaves as that operator
/// does with the variable unset, set to "" and set to a value.
fn check_operator(input: &str, body: &str, expected: &str) -> Result<(), String> {
    let chosen = interpolate::operator(body).map(interpolate::Operator::as_str);
    if chosen != Some(expected) {
        return Err(format!("operator {chosen:?}, expected {expected:?}"));
    }
    if input != format!("${{{body}}}") {
        return Err(format!("input {input:?} is not `${{` + braced_body + `}}`"));
    }

    let name_length = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(body.len());
    let (name, after_name) = body.split_at_checked(name_length).ok_or("no name")?;
    let argument = after_name
        .strip_prefix(expected)
        .ok_or("the operator does not follow the name")?;

    for current in [None, Some(""), Some("value")] {
        let lookup = |asked: &str| {
            if asked == name {
                current.map(str::to_owned)
            } else {
                None
            }
        };
        let actual = interpolate::substitute(input, &lookup);
        let wanted = behaviour(expected, current, argument);
        let matches = match (&actual, &wanted) {
            (Ok(result), Ok(text)) => result.value == *text,
            (Err(TemplateError::Required { message, .. }), Err(text)) => message == text,
            _ => false,
        };
        if !matches {
            return Err(format!(
                "with {name} = {current:?}: got {actual:?}, expected {wanted:?}"
            ));
        }
    }

    Ok(())
}

/// What `${NAME<operator><argument>}` gives for an argument without references: the text, or
/// the required-variable message as the error.
fn behaviour<'a>(
    operator: &str,
    current: Option<&'a str>,
    argument: &'a str,
) -> Result<&'a str, &'a str> {
    let set = current.is_some();
    let non_empty = current.is_some_and(|value| !value.is_empty());
    let value = current.unwrap_or("");

    match operator {
        ":-" if !non_empty => Ok(argument),
        "-" if !set => Ok(argument),
        ":?" if !non_empty => Err(argument),
        "?" if !set => Err(argument),
        ":+" if non_empty => Ok(argument),
        "+" if set => Ok(argument),
        _ => Ok(value),
    }
}

/// A small deterministic generator, so the hostile strings are the same on every run.
struct Xorshift(u64);

impl Xorshift {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % u64::try_from(bound.max(1)).unwrap_or(1)).unwrap_or(0)
    }
}

fn hostile_templates() -> Vec<String> {
    let mut templates = vec![
        "${".repeat(50_000),
        "$".repeat(100_000),
        "$".repeat(99_999),
        "${a:-".repeat(20_000) + &"}".repeat(20_000),
        "${a:-".repeat(20_000),
        "${a:?".repeat(20_000) + &"}".repeat(20_000),
        "${a:+".repeat(20_000) + &"}".repeat(20_000),
        "${a-{".repeat(15_000) + &"}".repeat(30_000),
        "{".repeat(50_000) + "${a:-x}" + &"}".repeat(50_000),
        "${a:-".to_owned() + &"{".repeat(50_000) + &"}".repeat(49_999),
        "${a:-x} ".repeat(15_000),
        "${a:-x}\n".repeat(15_000),
        "$a".repeat(50_000),
        "${a}".repeat(25_000),
        "}{".repeat(50_000),
        "${a-}}".repeat(20_000),
    ];
    let odd = [
        "${é}",
        "$é",
        "${a:-é}",
        "é${",
        "${ſ:-\u{212A}}",
        "$\u{212A}",
        "${a:-\u{1F600}}}",
        "\u{1F600}$\u{1F600}${\u{1F600}}",
        "${a\u{301}}",
        "${a:-\u{0}}",
        "$\u{0}{",
        "${a:-\r\n}",
    ];
    templates.extend(odd.iter().map(|text| (*text).to_owned()));

    let alphabet = [
        "$",
        "$",
        "$",
        "{",
        "{",
        "}",
        "}",
        ":",
        "-",
        "+",
        "?",
        "a",
        "B",
        "_",
        "1",
        " ",
        "\n",
        "é",
        "ſ",
        "\u{1F600}",
    ];
    let mut random = Xorshift(0x2545_F491_4F6C_DD1D);
    for round in 0..20_000 {
        let length = if round % 1_000 == 0 {
            5_000
        } else {
            random.below(24)
        };
        let template: String = (0..length)
            .filter_map(|_| alphabet.get(random.below(alphabet.len())).copied())
            .collect();
        templates.push(template);
    }

    templates
}

/// Returns what went wrong with one template, if anything.
fn check_hostile(template: &str) -> Option<String> {
    let lookup = |name: &str| (name.len() % 2 == 0).then(|| format!("<{name}>"));
    let at_dollar = |offset: usize| {
        template
            .get(offset..)
            .is_some_and(|rest| rest.starts_with('$'))
    };

    let started = Instant::now();
    let outcome = interpolate::substitute(template, &lookup);
    let found = interpolate::variables(template);
    let _ = interpolate::operator(template);
    let elapsed = started.elapsed();

    if elapsed > Duration::from_secs(2) {
        return Some(format!("took {elapsed:?}"));
    }
    let offsets_ok = match &outcome {
        Ok(result) => result.unset.iter().all(|unset| at_dollar(unset.offset)),
        Err(error) => at_dollar(error.offset()),
    };
    if !offsets_ok || !found.iter().all(|variable| at_dollar(variable.offset)) {
        return Some("an offset is not at a `$`".into());
    }
    if !template.contains('$')
        && outcome.as_ref().map(|result| &result.value) != Ok(&template.to_owned())
    {
        return Some("a template without `$` changed".into());
    }

    None
}

#[test]
fn hostile_templates_neither_panic_nor_take_long() {
    let templates = hostile_templates();

    // A small stack proves that nesting depth does not turn into recursion depth.
    let worker = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let started = Instant::now();
            let problems: Vec<String> = templates
                .iter()
                .filter_map(|template| {
                    let problem = check_hostile(template)?;
                    let start: String = template.chars().take(40).collect();
                    Some(format!("{start:?}… ({} bytes): {problem}", template.len()))
                })
                .collect();
            (problems, started.elapsed())
        })
        .unwrap_or_else(|error| panic!("cannot start the worker thread: {error}"));

    let (problems, elapsed) = worker
        .join()
        .unwrap_or_else(|_| panic!("interpolation panicked on a hostile template"));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        elapsed < Duration::from_secs(30),
        "all hostile templates took {elapsed:?}"
    );
}
