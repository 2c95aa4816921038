//! Every error path of every export, through the JS boundary: each kind of bad input
//! (wrong types, unknown fields, too deep, cyclic, too big, invalid YAML, an invalid
//! profile, a bad template or `.env` line, an unknown format) throws a JS `Error` whose
//! message names the call and the problem, and the module keeps working afterwards.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg(target_arch = "wasm32")]

use compose_architect::wasm;
use js_sys::{JSON, Reflect};
use tsify::Ts;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js(json: &str) -> JsValue {
    JSON::parse(json).unwrap()
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

/// The message of a thrown JS `Error`; anything else thrown fails the test.
fn message_of(case: &str, result: Result<impl Sized, JsValue>) -> String {
    let Err(thrown) = result else {
        panic!("{case}: accepted");
    };
    let error: js_sys::Error = thrown
        .dyn_into()
        .unwrap_or_else(|v| panic!("{case}: threw a non-Error {v:?}"));
    String::from(error.message())
}

/// The module still answers a good call correctly.
fn still_working(case: &str) {
    let input =
        js(r#"{"files":[{"path":"compose.yaml","text":"services:\n  web:\n    image: nginx\n"}]}"#);
    let report: JsValue = wasm::analyze(Ts::new_unchecked(input))
        .unwrap_or_else(|e| panic!("after {case}: {e:?}"))
        .into();
    let findings: js_sys::Array = get(&report, "findings").dyn_into().unwrap();
    let rules: Vec<String> = findings
        .iter()
        .map(|f| get(&f, "rule").as_string().unwrap())
        .collect();
    assert!(
        rules.contains(&"unpinned-image".to_string()),
        "after {case}: {rules:?}"
    );
}

/// The JS values that are not a plain object, with how messages describe them.
fn not_objects() -> Vec<(JsValue, &'static str)> {
    vec![
        (JsValue::UNDEFINED, "undefined"),
        (JsValue::NULL, "null"),
        (JsValue::from_f64(1.0), "a number"),
        (JsValue::from_str("services: {}"), "a string"),
        (JsValue::TRUE, "a boolean"),
        (js("[]"), "an array"),
    ]
}

/// An object nested `levels` deep under `key`, inside an otherwise valid input.
fn deep(prefix: &str, levels: usize) -> JsValue {
    js(&format!(
        r#"{{{prefix}"x":{}1{}}}"#,
        "{\"a\":".repeat(levels),
        "}".repeat(levels)
    ))
}

fn cyclic(json: &str) -> JsValue {
    let value = js(json);
    Reflect::set(&value, &JsValue::from_str("self"), &value).unwrap();
    value
}

fn files(text: &str) -> JsValue {
    let input = js(r#"{"files":[{"path":"compose.yaml","text":""}]}"#);
    let file = js_sys::Array::from(&get(&input, "files")).get(0);
    Reflect::set(&file, &JsValue::from_str("text"), &JsValue::from_str(text)).unwrap();
    input
}

fn yaml_options() -> Ts<wasm::ConfigOptions> {
    Ts::new_unchecked(js(r#"{"format":"yaml"}"#))
}

/// Runs one case: it must throw an `Error` whose message contains `expected`, and leave
/// the module working.
fn throws(case: &str, expected: &str, result: Result<impl Sized, JsValue>) {
    let message = message_of(case, result);
    assert!(
        message.contains(expected),
        "{case}: {message:?} lacks {expected:?}"
    );
    still_working(case);
}

#[wasm_bindgen_test]
fn every_input_export_refuses_what_is_not_an_object() {
    for (value, kind) in not_objects() {
        let expected = format!("invalid input: expected an object, got {kind}");
        throws(
            &format!("analyze({kind})"),
            &format!("analyze: {expected}"),
            wasm::analyze(Ts::new_unchecked(value.clone())),
        );
        throws(
            &format!("config({kind})"),
            &format!("config: {expected}"),
            wasm::config(Ts::new_unchecked(value.clone()), yaml_options()),
        );
        throws(
            &format!("diagram({kind})"),
            &format!("diagram: {expected}"),
            wasm::diagram(Ts::new_unchecked(value.clone())),
        );
        throws(
            &format!("recommend({kind})"),
            &format!("recommend: {expected}"),
            wasm::recommend(Ts::new_unchecked(value.clone())),
        );
        throws(
            &format!("generate({kind})"),
            &format!("generate: {expected}"),
            wasm::generate(value.clone(), None),
        );
        throws(
            &format!("render({kind})"),
            &format!("render: {expected}"),
            wasm::render(
                Ts::new_unchecked(value.clone()),
                JsValue::from_str("json"),
                JsValue::UNDEFINED,
            ),
        );
        throws(
            &format!("config(input, {kind})"),
            &format!("config: {expected}"),
            wasm::config(
                Ts::new_unchecked(files("")),
                Ts::new_unchecked(value.clone()),
            ),
        );
        throws(
            &format!("generate(profile, {kind})"),
            &format!("generate: {expected}"),
            wasm::generate(js("{}"), Some(Ts::new_unchecked(value.clone()))),
        );
    }
}

#[wasm_bindgen_test]
fn every_input_export_names_an_unknown_field_and_a_field_of_the_wrong_type() {
    let unknown = r#"{"files":[],"color":"red"}"#;
    let wrong = r#"{"files":[{"path":"a.yaml","text":["x"]}]}"#;
    for (call, result) in [
        (
            "analyze",
            wasm::analyze(Ts::new_unchecked(js(unknown))).map(drop),
        ),
        (
            "diagram",
            wasm::diagram(Ts::new_unchecked(js(unknown))).map(drop),
        ),
        (
            "config",
            wasm::config(Ts::new_unchecked(js(unknown)), yaml_options()).map(drop),
        ),
    ] {
        throws(call, "unknown field `color`", result);
    }
    for (call, result) in [
        (
            "analyze",
            wasm::analyze(Ts::new_unchecked(js(wrong))).map(drop),
        ),
        (
            "diagram",
            wasm::diagram(Ts::new_unchecked(js(wrong))).map(drop),
        ),
        (
            "config",
            wasm::config(Ts::new_unchecked(js(wrong)), yaml_options()).map(drop),
        ),
    ] {
        throws(
            call,
            &format!("{call}: invalid input at files[0].text"),
            result,
        );
    }

    throws(
        "recommend with an unknown field",
        "unknown field `colour`",
        wasm::recommend(Ts::new_unchecked(js(r#"{"colour":1}"#))),
    );
    throws(
        "generate with an unknown option",
        "unknown field `iterations`",
        wasm::generate(js("{}"), Some(Ts::new_unchecked(js(r#"{"iterations":2}"#)))),
    );
    throws(
        "analyze with an unknown rule setting",
        "rules",
        wasm::analyze(Ts::new_unchecked(js(
            r#"{"files":[],"rules":{"unpinned-image":"loud"}}"#,
        ))),
    );
    throws(
        "config with an unknown format",
        "unknown variant `toml`",
        wasm::config(
            Ts::new_unchecked(files("")),
            Ts::new_unchecked(js(r#"{"format":"toml"}"#)),
        ),
    );
}

#[wasm_bindgen_test]
fn every_export_refuses_deep_and_cyclic_inputs() {
    let expected = "nested deeper than 64 levels (or cyclic)";
    throws(
        "analyze deep",
        expected,
        wasm::analyze(Ts::new_unchecked(deep(r#""files":[],"#, 100))),
    );
    throws(
        "analyze cyclic",
        expected,
        wasm::analyze(Ts::new_unchecked(cyclic(r#"{"files":[]}"#))),
    );
    throws(
        "config deep",
        expected,
        wasm::config(
            Ts::new_unchecked(deep(r#""files":[],"#, 100)),
            yaml_options(),
        ),
    );
    throws(
        "diagram cyclic",
        expected,
        wasm::diagram(Ts::new_unchecked(cyclic(r#"{"files":[]}"#))),
    );
    throws(
        "recommend deep",
        expected,
        wasm::recommend(Ts::new_unchecked(deep("", 100))),
    );
    throws(
        "generate cyclic",
        expected,
        wasm::generate(cyclic("{}"), None),
    );
    let report = wasm::analyze(Ts::new_unchecked(files(""))).unwrap();
    throws(
        "render cyclic files",
        expected,
        wasm::render(report, JsValue::from_str("text"), {
            let list = js_sys::Array::new();
            list.push(&list);
            list.into()
        }),
    );
    throws(
        "interpolate deep environment",
        expected,
        wasm::interpolate(JsValue::from_str("$A"), deep("", 100)),
    );
    throws(
        "parseEnvFile cyclic environment",
        expected,
        wasm::parse_env_file(JsValue::from_str("A=1"), cyclic("{}")),
    );
}

#[wasm_bindgen_test]
fn string_exports_refuse_other_types_and_name_the_argument() {
    for (value, kind) in not_objects() {
        if kind == "a string" {
            continue;
        }
        throws(
            &format!("interpolate({kind})"),
            &format!("interpolate: template must be a string, got {kind}"),
            wasm::interpolate(value.clone(), JsValue::UNDEFINED),
        );
        throws(
            &format!("parseEnvFile({kind})"),
            &format!("parseEnvFile: text must be a string, got {kind}"),
            wasm::parse_env_file(value.clone(), JsValue::UNDEFINED),
        );
    }
    throws(
        "interpolate with an array environment",
        "interpolate: invalid environment: expected an object of strings, got an array",
        wasm::interpolate(JsValue::from_str("x"), js("[]")),
    );
    throws(
        "parseEnvFile with a number environment",
        "parseEnvFile: invalid environment: expected an object of strings, got a number",
        wasm::parse_env_file(JsValue::from_str("A=1"), JsValue::from_f64(3.0)),
    );
    throws(
        "interpolate with a non-string value",
        "interpolate: invalid environment",
        wasm::interpolate(JsValue::from_str("$A"), js(r#"{"A":1}"#)),
    );
}

#[wasm_bindgen_test]
fn templates_and_env_files_throw_with_their_position() {
    let thrown = wasm::interpolate(JsValue::from_str("a\nb ${x"), JsValue::UNDEFINED)
        .err()
        .unwrap();
    assert_eq!(get(&thrown, "line").as_f64(), Some(2.0));
    assert_eq!(get(&thrown, "column").as_f64(), Some(3.0));
    throws(
        "an unclosed template",
        "Invalid template",
        wasm::interpolate(JsValue::from_str("a\nb ${x"), JsValue::UNDEFINED),
    );

    let thrown = wasm::parse_env_file(JsValue::from_str("A=1\nB='x\n"), JsValue::UNDEFINED)
        .err()
        .unwrap();
    assert_eq!(get(&thrown, "line").as_f64(), Some(2.0));
    throws(
        "an unterminated .env value",
        "unterminated quoted value",
        wasm::parse_env_file(JsValue::from_str("A=1\nB='x\n"), JsValue::UNDEFINED),
    );
}

#[wasm_bindgen_test]
fn invalid_yaml_throws_where_a_project_is_needed_and_is_a_finding_where_not() {
    let broken = "services:\n  web:\n    image: [nginx\n";
    let thrown = wasm::config(Ts::new_unchecked(files(broken)), yaml_options())
        .err()
        .unwrap();
    assert_eq!(
        get(&thrown, "file").as_string().as_deref(),
        Some("compose.yaml")
    );
    assert!(get(&thrown, "line").as_f64().is_some());
    throws(
        "config of broken YAML",
        "compose.yaml:",
        wasm::config(Ts::new_unchecked(files(broken)), yaml_options()),
    );
    throws(
        "diagram of broken YAML",
        "compose.yaml:",
        wasm::diagram(Ts::new_unchecked(files(broken))),
    );

    let report: JsValue = wasm::analyze(Ts::new_unchecked(files(broken)))
        .unwrap()
        .into();
    let findings: js_sys::Array = get(&report, "findings").dyn_into().unwrap();
    assert_eq!(
        get(&findings.get(0), "rule").as_string().as_deref(),
        Some("yaml-syntax")
    );
}

#[wasm_bindgen_test]
fn inputs_past_a_limit_are_an_error_with_a_position_or_a_finding() {
    let huge = format!(
        "services:\n  web:\n    image: nginx\n#{}\n",
        "x".repeat(9 << 20)
    );
    let message = message_of(
        "config of a 9 MiB file",
        wasm::config(Ts::new_unchecked(files(&huge)), yaml_options()),
    );
    let expected = format!(
        "compose.yaml:1:1: the file is {} bytes, more than the limit of 8388608",
        huge.len()
    );
    assert_eq!(message, expected);
    still_working("config of a 9 MiB file");

    let report: JsValue = wasm::analyze(Ts::new_unchecked(files(&huge)))
        .unwrap()
        .into();
    let findings: js_sys::Array = get(&report, "findings").dyn_into().unwrap();
    assert_eq!(
        get(&findings.get(0), "rule").as_string().as_deref(),
        Some("input-limit")
    );

    let nested = format!("services: {}{}\n", "[".repeat(300), "]".repeat(300));
    let message = message_of(
        "config of YAML nested 300 deep",
        wasm::config(Ts::new_unchecked(files(&nested)), yaml_options()),
    );
    assert!(message.starts_with("compose.yaml:1:"), "{message}");
    still_working("config of YAML nested 300 deep");

    let bomb = alias_bomb();
    let message = message_of(
        "config of an alias bomb",
        wasm::config(Ts::new_unchecked(files(&bomb)), yaml_options()),
    );
    assert!(
        message.contains("alias expansion exceeds the limit"),
        "{message}"
    );
    still_working("config of an alias bomb");

    let many = js(&format!(
        r#"{{"files":[{}]}}"#,
        (0..65)
            .map(|i| format!(
                r#"{{"path":"c{i}.yaml","text":"services:\n  s{i}:\n    image: a:1\n"}}"#
            ))
            .collect::<Vec<_>>()
            .join(",")
    ));
    let report: JsValue = wasm::analyze(Ts::new_unchecked(many)).unwrap().into();
    let findings: js_sys::Array = get(&report, "findings").dyn_into().unwrap();
    let limit = findings
        .iter()
        .find(|f| get(f, "rule").as_string().as_deref() == Some("input-limit"))
        .expect("an input-limit finding for 65 files");
    assert!(
        get(&limit, "message")
            .as_string()
            .unwrap()
            .contains("65 files were given; only the first 64 were read")
    );
}

/// Nine levels of ten aliases each: a billion nodes if expanded.
fn alias_bomb() -> String {
    let mut text = String::from("x-a0: &a0 [lol]\n");
    for level in 1..10 {
        let previous = format!("*a{}", level - 1);
        let list = vec![previous; 10].join(", ");
        text.push_str(&format!("x-a{level}: &a{level} [{list}]\n"));
    }
    text.push_str("services:\n  web:\n    image: nginx\n    labels: *a9\n");
    text
}

#[wasm_bindgen_test]
fn profiles_that_cannot_be_right_are_refused_by_every_export_that_reads_one() {
    let bad = r#"{"uptime":150}"#;
    throws(
        "recommend an impossible uptime",
        "recommend: invalid profile: uptime is a percentage",
        wasm::recommend(Ts::new_unchecked(js(bad))),
    );
    throws(
        "generate an impossible uptime",
        "generate: invalid profile: uptime is a percentage",
        wasm::generate(js(bad), None),
    );
    throws(
        "analyze with an impossible uptime",
        "analyze: invalid profile: uptime is a percentage",
        wasm::analyze(Ts::new_unchecked(js(
            r#"{"files":[],"profile":{"uptime":150}}"#,
        ))),
    );
    throws(
        "recommend an unknown domain",
        "unknown variant `astrology`",
        wasm::recommend(Ts::new_unchecked(js(r#"{"domain":"astrology"}"#))),
    );
    throws(
        "generate an iteration the ladder lacks",
        "generate: invalid input at iteration: iteration 0 is not one the generator writes (it writes 1 to 7)",
        wasm::generate(js("{}"), Some(Ts::new_unchecked(js(r#"{"iteration":0}"#)))),
    );
    throws(
        "generate a negative iteration",
        "generate: invalid input at iteration",
        wasm::generate(js("{}"), Some(Ts::new_unchecked(js(r#"{"iteration":-1}"#)))),
    );
}

#[wasm_bindgen_test]
fn generate_refuses_options_that_do_not_apply_and_a_bad_project() {
    throws(
        "generate a project at an iteration",
        "generate: invalid options at iteration: a project's compose files are not rewritten",
        wasm::generate(
            files("services:\n  web:\n    image: nginx:1\n"),
            Some(Ts::new_unchecked(js(r#"{"iteration":3}"#))),
        ),
    );
    throws(
        "generate a profile with a name option",
        "generate: invalid options at name: a name is for a recommendation",
        wasm::generate(js("{}"), Some(Ts::new_unchecked(js(r#"{"name":"x"}"#)))),
    );
    throws(
        "generate a project whose files are not a list",
        "generate: invalid input at files",
        wasm::generate(js(r#"{"files":"compose.yaml"}"#), None),
    );
    throws(
        "generate a project with an impossible profile",
        "generate: invalid profile: uptime is a percentage",
        wasm::generate(js(r#"{"files":[],"profile":{"uptime":0}}"#), None),
    );
    throws(
        "generate a recommendation with a wrong field",
        "generate: invalid input at",
        wasm::generate(js(r#"{"framework":5}"#), None),
    );
}

#[wasm_bindgen_test]
fn fix_refuses_bad_input_options_and_rules_without_a_fix() {
    for (value, kind) in not_objects() {
        let expected = format!("fix: invalid input: expected an object, got {kind}");
        throws(
            &format!("fix({kind})"),
            &expected,
            wasm::fix(Ts::new_unchecked(value.clone()), None),
        );
        throws(
            &format!("fix(input, {kind})"),
            &expected,
            wasm::fix(
                Ts::new_unchecked(files("")),
                Some(Ts::new_unchecked(value.clone())),
            ),
        );
    }
    throws(
        "fix a rule that has no fix",
        "fix: no fix for rule \"privileged-container\"; rules with a fix: ",
        wasm::fix(
            Ts::new_unchecked(files("")),
            Some(Ts::new_unchecked(js(
                r#"{"rules":["privileged-container"]}"#,
            ))),
        ),
    );
    throws(
        "fix with an unknown option",
        "unknown field `dryRun`",
        wasm::fix(
            Ts::new_unchecked(files("")),
            Some(Ts::new_unchecked(js(r#"{"dryRun":true}"#))),
        ),
    );
    throws(
        "fix deep input",
        "fix: invalid input: nested deeper than 64 levels (or cyclic)",
        wasm::fix(Ts::new_unchecked(deep(r#""files":[],"#, 100)), None),
    );
    throws(
        "fix cyclic options",
        "fix: invalid input: nested deeper than 64 levels (or cyclic)",
        wasm::fix(
            Ts::new_unchecked(files("")),
            Some(Ts::new_unchecked(cyclic("{}"))),
        ),
    );
}

#[wasm_bindgen_test]
fn render_refuses_an_unknown_format_a_foreign_report_and_bad_files() {
    let report = wasm::analyze(Ts::new_unchecked(files(
        "services:\n  web:\n    image: a\n",
    )))
    .unwrap()
    .js_value()
    .clone();
    let again = || Ts::new_unchecked(report.clone());

    throws(
        "render as xml",
        "render: unknown format \"xml\"; use one of text, json, sarif, markdown, github",
        wasm::render(again(), JsValue::from_str("xml"), JsValue::UNDEFINED),
    );
    throws(
        "render with a number as the format",
        "render: invalid format: expected one of text, json, sarif, markdown, github, got a number",
        wasm::render(again(), JsValue::from_f64(2.0), JsValue::UNDEFINED),
    );
    throws(
        "render files that are not a list",
        "render: invalid files: expected an array of { path, text }, got an object",
        wasm::render(again(), JsValue::from_str("text"), js("{}")),
    );
    throws(
        "render files without text",
        "render: invalid files at [0]",
        wasm::render(again(), JsValue::from_str("text"), js(r#"[{"path":"a"}]"#)),
    );

    Reflect::set(
        &report,
        &JsValue::from_str("version"),
        &JsValue::from_f64(2.0),
    )
    .unwrap();
    throws(
        "render a version 2 report",
        "render: unsupported report version 2",
        wasm::render(again(), JsValue::from_str("json"), JsValue::UNDEFINED),
    );
    throws(
        "render half a report",
        "render: invalid input",
        wasm::render(
            Ts::new_unchecked(js(r#"{"version":1,"findings":[]}"#)),
            JsValue::from_str("json"),
            JsValue::UNDEFINED,
        ),
    );
}
