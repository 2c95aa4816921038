//! The JS boundary, run as WebAssembly in Node and in headless Chromium: plain objects
//! in and out, camelCase names, and a JS `Error` with a message on bad input.

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

fn error_message(error: JsValue) -> String {
    let error: js_sys::Error = error.dyn_into().expect("a JS Error");
    String::from(error.message())
}

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn analyze_returns_plain_objects_with_positions() {
    let input =
        js(r#"{"files":[{"path":"compose.yaml","text":"services:\n  api:\n    build: ./api\n"}]}"#);
    let report: JsValue = wasm::analyze(Ts::new_unchecked(input)).unwrap().into();

    assert_eq!(get(&report, "version").as_f64(), Some(1.0));
    let findings: js_sys::Array = get(&report, "findings").dyn_into().unwrap();
    let build = findings
        .iter()
        .find(|f| get(f, "rule").as_string().as_deref() == Some("build-context"))
        .expect("a build-context finding");
    let start = get(&build, "start");
    assert_eq!(get(&start, "line").as_f64(), Some(3.0));
    assert_eq!(get(&start, "column").as_f64(), Some(5.0));
    assert_eq!(
        get(&build, "severity").as_string().as_deref(),
        Some("error")
    );
    assert_eq!(
        get(&build, "category").as_string().as_deref(),
        Some("readiness")
    );

    // a plain object, not a Map: JSON sees every field
    let json = String::from(JSON::stringify(&report).unwrap());
    assert!(json.contains("\"needsPush\":true"), "{json}");
    assert!(json.contains("\"summary\":{"), "{json}");
}

#[wasm_bindgen_test]
fn analyze_reads_env_and_profiles() {
    let input = js(r#"{
        "files": [{"path": "compose.yaml", "text": "services:\n  app:\n    image: acme/app:${TAG}\n  debug:\n    image: busybox\n    profiles: [debug]\n"}],
        "env": {"TAG": "1.2.3"},
        "profiles": []
    }"#);
    let report: JsValue = wasm::analyze(Ts::new_unchecked(input)).unwrap().into();

    let inventory: js_sys::Array = get(&report, "inventory").dyn_into().unwrap();
    assert_eq!(inventory.length(), 1, "the debug profile is not active");
    let app = inventory.get(0);
    assert_eq!(
        get(&app, "image").as_string().as_deref(),
        Some("acme/app:1.2.3")
    );
    assert_eq!(get(&app, "tag").as_string().as_deref(), Some("1.2.3"));
}

#[wasm_bindgen_test]
fn bad_input_throws_an_error_naming_the_problem() {
    let error = wasm::analyze(Ts::new_unchecked(js("{}"))).unwrap_err();
    let message = error_message(error);
    assert!(message.contains("missing field `files`"), "{message}");

    let error =
        wasm::analyze(Ts::new_unchecked(js(r#"{"files":[{"path":1,"text":""}]}"#))).unwrap_err();
    assert!(error_message(error).starts_with("analyze: invalid input"));

    let error = wasm::analyze(Ts::new_unchecked(JsValue::UNDEFINED)).unwrap_err();
    assert!(error_message(error).starts_with("analyze: invalid input"));

    // a rule setting must name a rule: a typo is not silently ignored
    let error = wasm::analyze(Ts::new_unchecked(js(
        r#"{"files":[],"rules":{"missing-healthcheck":"off","nope-rule":"off"}}"#,
    )))
    .unwrap_err();
    assert_eq!(
        error_message(error),
        "analyze: invalid input at rules: no rule has the id \"nope-rule\" (rules() lists them)"
    );
    assert!(
        wasm::analyze(Ts::new_unchecked(js(
            r#"{"files":[],"rules":{"missing-healthcheck":"off"}}"#
        )))
        .is_ok()
    );
}

#[wasm_bindgen_test]
fn recommend_and_generate_round_trip() {
    let profile = js(r#"{"domain":"ai-ml","teamLanguages":["python"]}"#);
    let recommendation: JsValue = wasm::recommend(Ts::new_unchecked(profile.clone()))
        .unwrap()
        .into();
    let framework = get(&recommendation, "framework");
    assert_eq!(
        get(&framework, "choice").as_string().as_deref(),
        Some("python-fastapi")
    );
    assert!(get(&framework, "openQuestions").is_array());

    let generated: JsValue = wasm::generate(profile.clone(), None).unwrap().into();
    assert_eq!(
        paths(&generated),
        [
            "compose.yaml",
            ".env.example",
            "handoff.md",
            "handoff.json",
            "architecture.svg"
        ]
    );
    let handoff = get(&generated, "handoff");
    assert_eq!(
        get(&handoff, "source").as_string().as_deref(),
        Some("profile")
    );
    assert_eq!(get(&handoff, "iteration").as_f64(), Some(1.0));

    // the recommendation, edited, is a starting point of its own
    let _ = js_sys::Reflect::set(
        &get(&recommendation, "cache"),
        &"choice".into(),
        &"none".into(),
    );
    let generated: JsValue = wasm::generate(
        recommendation.clone(),
        Some(Ts::new_unchecked(js(r#"{"iteration":6,"name":"Edited"}"#))),
    )
    .unwrap()
    .into();
    let compose = file_text(&generated, "compose.yaml");
    assert!(
        compose.starts_with("# edited: iteration 6 of 7"),
        "{compose}"
    );
    assert!(!compose.contains("  cache:\n"));
    let handoff = get(&generated, "handoff");
    assert_eq!(
        get(&handoff, "source").as_string().as_deref(),
        Some("recommendation")
    );

    // a user's project: no compose file is written
    let project = js(
        r#"{"files":[{"path":"compose.yaml","text":"services:\n  db:\n    image: postgres:17.2\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD:?set it}\n"}]}"#,
    );
    let generated: JsValue = wasm::generate(project, None).unwrap().into();
    assert_eq!(
        paths(&generated),
        [
            ".env.example",
            "handoff.md",
            "handoff.json",
            "architecture.svg"
        ]
    );
    assert!(file_text(&generated, ".env.example").contains("\nDB_PASSWORD=\n"));

    let error = wasm::recommend(Ts::new_unchecked(js(r#"{"domain":"astrology"}"#))).unwrap_err();
    assert!(error_message(error).contains("unknown variant `astrology`"));
    let error =
        wasm::generate(js("{}"), Some(Ts::new_unchecked(js(r#"{"iteration":99}"#)))).unwrap_err();
    assert!(error_message(error).contains("iteration 99"));
    let _ = js_sys::Reflect::set(
        &get(&recommendation, "database"),
        &"choice".into(),
        &"redis".into(),
    );
    let error = wasm::generate(recommendation, None).unwrap_err();
    let message = error_message(error);
    assert!(
        message
            .starts_with("generate: invalid input at database.choice: `redis` cannot be used here"),
        "{message}"
    );
    let error = wasm::generate(js(r#"{"files":[{"path":"a.yaml"}]}"#), None).unwrap_err();
    let message = error_message(error);
    assert!(
        message.contains("files[0]") && message.contains("text"),
        "{message}"
    );
    let error = wasm::generate(
        js(r#"{"files":[]}"#),
        Some(Ts::new_unchecked(js(r#"{"iteration":3}"#))),
    )
    .unwrap_err();
    assert!(error_message(error).starts_with("generate: invalid options at iteration"));
    let error = wasm::generate(
        js(r#"{"domain":"api"}"#),
        Some(Ts::new_unchecked(js(r#"{"name":"x"}"#))),
    )
    .unwrap_err();
    assert!(error_message(error).starts_with("generate: invalid options at name"));
    let error = wasm::generate(js(r#"{"files":[]}"#), None).unwrap_err();
    assert!(error_message(error).contains("at files: give at least one compose file"));
    let error = wasm::generate(JsValue::from_str("web-app"), None).unwrap_err();
    assert!(error_message(error).contains("expected an object, got a string"));
}

fn paths(generated: &JsValue) -> Vec<String> {
    let files: js_sys::Array = get(generated, "files").dyn_into().unwrap();
    files
        .iter()
        .map(|f| get(&f, "path").as_string().unwrap())
        .collect()
}

fn file_text(generated: &JsValue, path: &str) -> String {
    let files: js_sys::Array = get(generated, "files").dyn_into().unwrap();
    files
        .iter()
        .find(|f| get(f, "path").as_string().as_deref() == Some(path))
        .map(|f| get(&f, "text").as_string().unwrap())
        .unwrap()
}

#[wasm_bindgen_test]
fn parse_profile_reads_yaml_and_json_and_names_the_problem() {
    let yaml = JsValue::from_str("domain: healthcare\nuptime: 99.95\nteamLanguages: [go]\n");
    let profile: JsValue = wasm::parse_profile(yaml, JsValue::UNDEFINED)
        .unwrap()
        .into();
    assert_eq!(
        get(&profile, "domain").as_string().as_deref(),
        Some("healthcare")
    );
    assert_eq!(get(&profile, "uptime").as_f64(), Some(99.95));

    let json = JsValue::from_str(r#"{"domain":"api","teamLanguages":["rust"]}"#);
    let profile: JsValue = wasm::parse_profile(json, JsValue::from_str("json"))
        .unwrap()
        .into();
    assert_eq!(get(&profile, "domain").as_string().as_deref(), Some("api"));

    let error =
        wasm::parse_profile(JsValue::from_str("uptime: 200\n"), JsValue::UNDEFINED).unwrap_err();
    let message = error_message(error);
    assert!(message.starts_with("parseProfile: "), "{message}");
    assert!(message.contains("uptime"), "{message}");
    let error = wasm::parse_profile(JsValue::from_str("a: [\n"), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&error, "line").as_f64(), Some(2.0));
    assert!(error_message(error).contains("invalid YAML at "));
    let wrong = "domain: api\ndeployments: [saas]\n";
    let error = wasm::parse_profile(JsValue::from_str(wrong), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&error, "line").as_f64(), Some(2.0));
    assert_eq!(get(&error, "column").as_f64(), Some(15.0));
    assert_eq!(
        error_message(error),
        "parseProfile: invalid profile at 2:15 (deployments[0]): invalid type: string \"saas\", \
         expected an object with the keys segment, models"
    );
    let error =
        wasm::parse_profile(JsValue::from_str("{}"), JsValue::from_str("toml")).unwrap_err();
    assert!(error_message(error).contains("unknown format \"toml\""));
    let error = wasm::parse_profile(JsValue::from_f64(1.0), JsValue::UNDEFINED).unwrap_err();
    assert!(error_message(error).contains("text must be a string, got a number"));
}

#[wasm_bindgen_test]
fn interpolate_substitutes_and_throws_with_the_position_of_the_dollar() {
    let env = js(r#"{"FOO":"first","BAR":""}"#);
    assert_eq!(
        wasm::interpolate(
            JsValue::from_str("a ${FOO} ${BAR:-b} $$c ${MISSING-d}"),
            env.clone()
        )
        .unwrap(),
        "a first b $c d"
    );

    let error = wasm::interpolate(JsValue::from_str("ok ${"), env.clone()).unwrap_err();
    assert_eq!(get(&error, "column").as_f64(), Some(4.0));
    assert_eq!(error_message(error), "Invalid template: \"ok ${\"");

    let error = wasm::interpolate(JsValue::from_str("x\n  ${NEED:?set it}"), env).unwrap_err();
    assert_eq!(get(&error, "line").as_f64(), Some(2.0));
    assert_eq!(get(&error, "column").as_f64(), Some(3.0));
    assert_eq!(
        error_message(error),
        "required variable NEED is missing a value: set it"
    );

    let error = wasm::interpolate(JsValue::from_str("x"), js("[1]")).unwrap_err();
    assert!(error_message(error).starts_with("interpolate: invalid environment"));
}

#[wasm_bindgen_test]
fn parse_env_file_returns_a_record_and_throws_with_a_line() {
    let parsed = wasm::parse_env_file(
        JsValue::from_str("A=1\nexport B=\"${A}2\"\n# c\nC='x y' # note\n"),
        JsValue::UNDEFINED,
    )
    .unwrap();
    assert_eq!(
        String::from(JSON::stringify(&parsed).unwrap()),
        r#"{"A":"1","B":"12","C":"x y"}"#
    );

    let error =
        wasm::parse_env_file(JsValue::from_str("A=1\nB=\"open\n"), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(get(&error, "line").as_f64(), Some(2.0));
    assert!(error_message(error).contains("unterminated quoted value"));
}

#[wasm_bindgen_test]
fn config_prints_the_canonical_project_and_throws_with_a_position() {
    let input = js(
        r#"{"files":[{"path":"compose.yaml","text":"services:\n  web:\n    image: nginx:${TAG:-1}\n    ports: ['80']\n"}]}"#,
    );
    let yaml = wasm::config(
        Ts::new_unchecked(input.clone()),
        Ts::new_unchecked(js(r#"{"format":"yaml"}"#)),
    )
    .unwrap();
    assert!(yaml.contains("image: nginx:1\n"), "{yaml}");
    assert!(yaml.contains("target: 80"), "{yaml}");
    let json = wasm::config(
        Ts::new_unchecked(input),
        Ts::new_unchecked(js(r#"{"format":"json"}"#)),
    )
    .unwrap();
    assert!(JSON::parse(&json).is_ok());

    let bad = js(
        r#"{"files":[{"path":"c.yaml","text":"services:\n  web:\n    image: a:1\n    depends_on: [ghost]\n"}]}"#,
    );
    let error = wasm::config(
        Ts::new_unchecked(bad),
        Ts::new_unchecked(js(r#"{"format":"yaml"}"#)),
    )
    .unwrap_err();
    assert_eq!(get(&error, "line").as_f64(), Some(4.0));
    assert_eq!(get(&error, "file").as_string().as_deref(), Some("c.yaml"));
    assert!(error_message(error).contains("undefined service ghost"));

    let error = wasm::config(
        Ts::new_unchecked(js(r#"{"files":[]}"#)),
        Ts::new_unchecked(js(r#"{"format":"toml"}"#)),
    )
    .unwrap_err();
    assert!(error_message(error).contains("unknown variant `toml`"));
}

#[wasm_bindgen_test]
fn input_errors_name_the_field_and_the_kind() {
    let cases = [
        (
            "null",
            "analyze: invalid input: expected an object, got null",
        ),
        (
            "[]",
            "analyze: invalid input: expected an object, got an array",
        ),
        (r#"{"files":null}"#, "analyze: invalid input at files:"),
        (
            r#"{"files":[{"path":"a","text":5}]}"#,
            "analyze: invalid input at files[0].text:",
        ),
        (
            r#"{"files":[],"profiles":"debug"}"#,
            "analyze: invalid input at profiles:",
        ),
        (r#"{"files":[],"extra":1}"#, "unknown field `extra`"),
    ];
    for (input, expected) in cases {
        let Err(error) = wasm::analyze(Ts::new_unchecked(js(input))) else {
            panic!("{input}: accepted");
        };
        let message = error_message(error);
        assert!(message.contains(expected), "{input}: {message}");
    }

    let error = wasm::recommend(Ts::new_unchecked(js("[]"))).unwrap_err();
    assert!(error_message(error).contains("expected an object, got an array"));
    let error = wasm::recommend(Ts::new_unchecked(js(r#"{"uptime":200}"#))).unwrap_err();
    assert!(error_message(error).contains("uptime is a percentage"));
}

#[wasm_bindgen_test]
fn rules_lists_every_rule_with_its_documentation() {
    let rules = wasm::rules().unwrap();
    assert!(rules.len() >= 30, "{}", rules.len());
    let ids: Vec<String> = rules
        .iter()
        .map(|r| get(&r.js_value(), "id").as_string().unwrap())
        .collect();
    assert!(ids.contains(&"build-context".to_string()));
    assert!(ids.contains(&"yaml-syntax".to_string()));
    let build = rules
        .iter()
        .find(|r| get(&r.js_value(), "id").as_string().as_deref() == Some("build-context"))
        .unwrap()
        .js_value();
    assert_eq!(get(&build, "blocking").as_bool(), Some(true));
    assert!(get(&build, "bad").as_string().unwrap().contains("build:"));
}

#[wasm_bindgen_test]
fn questions_list_the_discovery_catalogue() {
    let questions = wasm::questions().unwrap();
    assert!(questions.len() >= 16, "{}", questions.len());
    let first = questions[0].js_value();
    for field in ["id", "text"] {
        assert!(get(&first, field).is_string(), "{field}");
    }
}

#[wasm_bindgen_test]
fn deep_or_cyclic_input_and_wrong_argument_types_are_errors_and_leave_the_module_working() {
    let cyclic = js(r#"{"files":[]}"#);
    Reflect::set(&cyclic, &JsValue::from_str("self"), &cyclic).unwrap();
    let message = error_message(wasm::analyze(Ts::new_unchecked(cyclic)).unwrap_err());
    assert!(message.contains("nested deeper"), "{message}");

    let deep = js(&format!(
        r#"{{"files":[],"x":{}1{}}}"#,
        "{\"a\":".repeat(6000),
        "}".repeat(6000)
    ));
    let message = error_message(wasm::analyze(Ts::new_unchecked(deep)).unwrap_err());
    assert!(message.contains("nested deeper"), "{message}");

    let message =
        error_message(wasm::interpolate(JsValue::from_f64(5.0), JsValue::UNDEFINED).unwrap_err());
    assert_eq!(
        message,
        "interpolate: template must be a string, got a number"
    );
    let message =
        error_message(wasm::parse_env_file(JsValue::NULL, JsValue::UNDEFINED).unwrap_err());
    assert_eq!(message, "parseEnvFile: text must be a string, got null");

    // still working
    assert!(wasm::rules().unwrap().len() > 30);
}

#[wasm_bindgen_test]
fn diagram_returns_three_forms_and_throws_only_when_nothing_loads() {
    let input = js(r#"{
        "files": [{"path": "compose.yaml", "text": "services:\n  web:\n    image: nginx:1.27\n    ports: ['8080:80']\n    depends_on:\n      db: {condition: service_healthy}\n    environment:\n      API_KEY: k-93817\n  db:\n    image: postgres:16\n  debug:\n    image: busybox\n    profiles: [debug]\n"}]
    }"#);
    let diagram: JsValue = wasm::diagram(Ts::new_unchecked(input)).unwrap().into();

    let svg = get(&diagram, "svg").as_string().unwrap();
    let mermaid = get(&diagram, "mermaid").as_string().unwrap();
    let text = get(&diagram, "text").as_string().unwrap();
    assert!(
        svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox="),
        "{svg}"
    );
    assert!(
        svg.contains("<title>web depends on db (service_healthy)</title>"),
        "{svg}"
    );
    assert!(mermaid.starts_with("flowchart TB\n"), "{mermaid}");
    assert!(mermaid.contains("  s0 ==>|\"healthy\"| s1\n"), "{mermaid}");
    assert!(
        text.contains("\nweb [proxy]\n  nginx:1.27\n  ports: 8080:80\n"),
        "{text}"
    );
    for form in [&svg, &mermaid, &text] {
        assert!(!form.contains("debug"), "a disabled service: {form}");
        assert!(!form.contains("k-93817"), "an environment value: {form}");
    }

    // a problem in one service leaves the others drawn
    let partial = js(
        r#"{"files":[{"path":"c.yaml","text":"services:\n  web:\n    image: a:1\n    depends_on: [ghost]\n"}]}"#,
    );
    let diagram: JsValue = wasm::diagram(Ts::new_unchecked(partial)).unwrap().into();
    let text = get(&diagram, "text").as_string().unwrap();
    assert!(text.contains("\nweb [app]\n  a:1\n"), "{text}");

    // nothing loads: the error says where
    let broken = js(r#"{"files":[{"path":"c.yaml","text":"services:\n  web: [unclosed\n"}]}"#);
    let error = wasm::diagram(Ts::new_unchecked(broken)).unwrap_err();
    assert_eq!(get(&error, "file").as_string().as_deref(), Some("c.yaml"));
    assert!(get(&error, "line").as_f64().is_some());
    assert!(error_message(error).starts_with("c.yaml:"));

    let error = wasm::diagram(Ts::new_unchecked(js(r#"{"files":[],"extra":1}"#))).unwrap_err();
    assert!(error_message(error).starts_with("diagram: invalid input"));
}

#[wasm_bindgen_test]
fn fix_returns_new_files_a_diff_and_what_was_applied_and_skipped() {
    let input = js(
        r#"{"files":[{"path":"compose.yaml","text":"services:\n  api:\n    build: ./api # sources\n  proxy:\n    image: traefik\n"}]}"#,
    );
    let options = js(
        r#"{"rules":["build-context","unpinned-image"],"answers":{"registry":"ghcr.io/acme","tag":"1.0.0"}}"#,
    );
    let original = JSON::stringify(&input).unwrap();
    let fixed: JsValue = wasm::fix(
        Ts::new_unchecked(input.clone()),
        Some(Ts::new_unchecked(options)),
    )
    .unwrap()
    .into();

    // the input object is left as it was
    assert_eq!(JSON::stringify(&input).unwrap(), original);
    let files: js_sys::Array = get(&fixed, "files").dyn_into().unwrap();
    assert_eq!(files.length(), 1);
    assert_eq!(
        get(&files.get(0), "text").as_string().as_deref(),
        Some(
            "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    # sources\n  proxy:\n    image: traefik\n"
        )
    );
    assert_eq!(get(&files.get(0), "changed").as_bool(), Some(true));
    let diff = get(&fixed, "diff").as_string().unwrap();
    assert!(
        diff.starts_with("--- a/compose.yaml\n+++ b/compose.yaml\n@@ -1,5 +1,6 @@\n"),
        "{diff}"
    );

    let applied: js_sys::Array = get(&fixed, "applied").dyn_into().unwrap();
    assert_eq!(applied.length(), 1);
    let build = applied.get(0);
    assert_eq!(
        get(&build, "rule").as_string().as_deref(),
        Some("build-context")
    );
    assert_eq!(get(&build, "line").as_f64(), Some(3.0));
    assert_eq!(get(&build, "column").as_f64(), Some(5.0));
    assert!(get(&build, "usedDefault").is_undefined());
    let commands: js_sys::Array = get(&build, "commands").dyn_into().unwrap();
    assert_eq!(
        commands.get(1).as_string().as_deref(),
        Some("docker push ghcr.io/acme/api:1.0.0")
    );
    let skipped: js_sys::Array = get(&fixed, "skipped").dyn_into().unwrap();
    assert_eq!(skipped.length(), 1);
    assert!(
        get(&skipped.get(0), "reason")
            .as_string()
            .unwrap()
            .contains("answer tags.proxy")
    );
}

#[wasm_bindgen_test]
fn fix_refuses_unknown_rules_and_answers_by_name() {
    let input = || js(r#"{"files":[{"path":"compose.yaml","text":"services: {}\n"}]}"#);

    let error = wasm::fix(
        Ts::new_unchecked(input()),
        Some(Ts::new_unchecked(js(r#"{"rules":["nope"]}"#))),
    )
    .unwrap_err();
    assert!(error_message(error).contains("fix: no fix for rule \"nope\""));

    let error = wasm::fix(
        Ts::new_unchecked(input()),
        Some(Ts::new_unchecked(js(r#"{"answers":{"regsitry":"x"}}"#))),
    )
    .unwrap_err();
    let message = error_message(error);
    assert!(
        message.contains("answers") && message.contains("regsitry"),
        "{message}"
    );

    let fixed: JsValue = wasm::fix(Ts::new_unchecked(input()), None).unwrap().into();
    assert_eq!(get(&fixed, "diff").as_string().as_deref(), Some(""));
}

#[wasm_bindgen_test]
fn the_files_fix_returns_are_analyzed_and_fixed_again_as_they_are() {
    let input = js(
        r#"{"files":[{"path":"compose.yaml","text":"services:\n  db:\n    image: postgres:17\n    environment:\n      POSTGRES_PASSWORD: ${PG_PASSWORD}\n"},{"path":"settings","text":"PG_PASSWORD=s3cret-Value\n","kind":"env"}]}"#,
    );
    let fixed: JsValue = wasm::fix(Ts::new_unchecked(input), None).unwrap().into();
    let files: js_sys::Array = get(&fixed, "files").dyn_into().unwrap();
    assert_eq!(
        get(&files.get(1), "kind").as_string().as_deref(),
        Some("env")
    );

    // the returned files, `changed` and all, are an input like any other
    let again = js_sys::Object::new();
    js_sys::Reflect::set(&again, &"files".into(), &files).unwrap();
    let report: JsValue = wasm::analyze(Ts::new_unchecked(again.clone().into()))
        .unwrap()
        .into();
    let findings: js_sys::Array = get(&report, "findings").dyn_into().unwrap();
    // the env file is still read as one: the variable is set, so nothing says it is not
    assert!(
        !findings
            .iter()
            .any(|f| get(&f, "rule").as_string().as_deref() == Some("unset-variable")),
        "{:?}",
        JSON::stringify(&findings).unwrap()
    );
    let refixed: JsValue = wasm::fix(Ts::new_unchecked(again.into()), None)
        .unwrap()
        .into();
    assert_eq!(get(&refixed, "diff").as_string().as_deref(), Some(""));
}
