//! The canonical resolved project: it loads again to itself, its YAML and JSON forms say
//! the same thing, and short syntax comes out in its long form.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{corpus_names, project};

use compose_architect::compose::{ConfigFormat, ProblemKind, config};
use compose_architect::{Input, SourceFile};

fn input(files: Vec<SourceFile>) -> Input {
    Input {
        files,
        ..Input::default()
    }
}

fn corpus_inputs() -> Vec<(String, Vec<SourceFile>)> {
    corpus_names()
        .into_iter()
        .map(|name| {
            let files = project(&name);
            (name, files)
        })
        .collect()
}

#[test]
fn the_canonical_project_loads_again_to_itself() {
    let mut checked = 0;
    let mut refused = 0;
    let mut failures = Vec::new();

    for (name, files) in corpus_inputs() {
        let first = match config(&input(files), ConfigFormat::Yaml) {
            Ok(text) => text,
            Err(problem) => {
                // without its .env a project may not load, in Compose too: a required
                // variable with no value, or a value an unset variable left incomplete
                let missing_env = matches!(
                    problem.kind,
                    ProblemKind::RequiredVariable | ProblemKind::PlaceholderValue
                );
                assert!(missing_env, "{name}: {}", problem.message);
                refused += 1;
                continue;
            }
        };
        let second = config(
            &input(vec![SourceFile::new("config.yaml", first.clone())]),
            ConfigFormat::Yaml,
        )
        .unwrap_or_else(|p| {
            panic!(
                "{name}: the canonical form does not load: {}\n{first}",
                p.message
            )
        });
        if first != second {
            failures.push(name.clone());
        }

        let json = config(
            &input(vec![SourceFile::new("config.yaml", first.clone())]),
            ConfigFormat::Json,
        )
        .unwrap();
        let from_yaml: serde_json::Value = serde_yaml::from_str(&first).unwrap();
        let from_json: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(from_yaml, from_json, "{name}: YAML and JSON differ");
        checked += 1;
    }
    assert!(
        checked >= 30,
        "only {checked} corpus projects had a canonical form ({refused} refused)"
    );
    assert!(failures.is_empty(), "not idempotent: {failures:?}");
}

#[test]
fn short_syntax_comes_out_long_and_disabled_services_are_left_out() {
    let text = "name: Shop App
services:
  web:
    image: nginx:${TAG:-1.27}
    ports: ['8080:80', '[::1]:9000-9001:90-91/udp']
    depends_on: [api]
    environment: [A=1, B]
    command: nginx -g 'daemon off;'
    healthcheck:
      test: curl -f http://localhost/
  api:
    build: ./api
    deploy:
      replicas: ${REPLICAS:-2}
  debug:
    image: busybox
    profiles: [debug]
";
    let out = config(
        &input(vec![SourceFile::new("compose.yaml", text)]),
        ConfigFormat::Json,
    )
    .unwrap();
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();

    assert_eq!(value["name"], "shopapp");
    assert!(value["services"].get("debug").is_none());
    let web = &value["services"]["web"];
    assert_eq!(web["image"], "nginx:1.27");
    assert_eq!(
        web["ports"][0],
        serde_json::json!({"mode": "ingress", "target": 80, "published": "8080", "protocol": "tcp"})
    );
    assert_eq!(
        web["ports"][2],
        serde_json::json!({"mode": "ingress", "host_ip": "::1", "target": 91, "published": "9001", "protocol": "udp"})
    );
    assert_eq!(
        web["depends_on"]["api"],
        serde_json::json!({"condition": "service_started", "required": true})
    );
    assert_eq!(web["environment"], serde_json::json!({"A": "1", "B": null}));
    assert_eq!(
        web["command"],
        serde_json::json!(["nginx", "-g", "daemon off;"])
    );
    assert_eq!(
        web["healthcheck"]["test"],
        serde_json::json!(["CMD-SHELL", "curl -f http://localhost/"])
    );
    assert_eq!(web["networks"], serde_json::json!({"default": null}));
    let api = &value["services"]["api"];
    assert_eq!(
        api["build"],
        serde_json::json!({"context": "./api", "dockerfile": "Dockerfile"})
    );
    assert_eq!(api["deploy"]["replicas"], 2);
    assert_eq!(value["networks"]["default"]["name"], "shopapp_default");
}

#[test]
fn a_project_compose_would_refuse_is_an_error_at_its_position() {
    let text = "services:\n  web:\n    image: nginx\n    depends_on: [ghost]\n";
    let problem = config(
        &input(vec![SourceFile::new("compose.yaml", text)]),
        ConfigFormat::Yaml,
    )
    .unwrap_err();
    assert!(problem.message.contains("undefined service ghost"));
    assert_eq!(problem.span.start, text.find("ghost").unwrap());

    let problem = config(
        &input(vec![SourceFile::new("c.yaml", "a: [\n")]),
        ConfigFormat::Yaml,
    )
    .unwrap_err();
    assert!(!problem.message.is_empty());
}
