//! The real corpus: files people wrote load without a false error, and findings land
//! on the lines where their cause is written.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{corpus_dir, project, read};
use std::fs;

use compose_architect::report::{Category, Report, Severity};
use compose_architect::{Input, SourceFile, analyze};

fn analyze_files(files: Vec<SourceFile>) -> Report {
    analyze(&Input {
        files,
        ..Input::default()
    })
}

#[test]
fn build_contexts_are_reported_at_their_build_keys() {
    let report = analyze_files(vec![read(
        "awesome-compose__react-express-mongodb_compose.yaml",
    )]);

    let builds: Vec<(u32, u32, &str)> = report
        .findings
        .iter()
        .filter(|f| f.rule == "build-context")
        .map(|f| (f.start.line, f.start.column, f.message.as_str()))
        .collect();
    assert_eq!(builds.len(), 2, "{builds:?}");
    assert_eq!(builds[0].0, 3);
    assert_eq!(builds[0].1, 5);
    assert!(builds[0].2.contains("frontend"));
    assert_eq!(builds[1].0, 20);
    assert_eq!(builds[1].1, 5);
    assert!(builds[1].2.contains("backend"));
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.rule != "build-context" || f.severity == Severity::Error)
    );

    let mongo = report
        .inventory
        .iter()
        .find(|i| i.service == "mongo")
        .unwrap();
    assert_eq!(mongo.registry, "docker.io");
    assert_eq!(mongo.repository, "library/mongo");
    assert_eq!(mongo.tag.as_deref(), Some("4.2.0"));
    assert!(!mongo.custom);
    let frontend = report
        .inventory
        .iter()
        .find(|i| i.service == "frontend")
        .unwrap();
    assert!(frontend.custom && frontend.needs_push);
    assert!(!report.summary.ready);
}

/// Every file people wrote loads without a syntax, schema or reference error, or an image
/// reference Docker refuses (override files are loaded after their base).
#[test]
fn every_real_file_loads_without_a_false_error() {
    let mut names: Vec<String> = fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect();
    names.sort();
    assert!(names.len() >= 43, "only {} corpus files found", names.len());

    let mut failures = Vec::new();
    for name in &names {
        let files = project(name);
        let report = analyze_files(files);
        for f in &report.findings {
            let false_error = matches!(
                f.category,
                Category::Syntax | Category::Schema | Category::Reference
            ) || f.rule == "invalid-image-reference";
            if false_error {
                failures.push(format!(
                    "{name}: {}:{} {} {}",
                    f.start.line, f.start.column, f.rule, f.message
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn findings_never_repeat_a_hard_coded_secret() {
    let text = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: s3cr3t-Value\n  app:\n    image: acme/app:1\n    environment:\n      - DATABASE_URL=postgresql://u:an0ther-Value@db/app\n";
    let report = analyze_files(vec![SourceFile::new("compose.yaml", text)]);

    let secrets: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "hardcoded-secret")
        .collect();
    assert_eq!(secrets.len(), 2, "{:?}", report.findings);
    assert_eq!((secrets[0].start.line, secrets[0].start.column), (5, 7));
    assert_eq!((secrets[1].start.line, secrets[1].start.column), (9, 9));
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("s3cr3t-Value") && !json.contains("an0ther-Value"));
}

#[test]
fn readiness_rules_on_the_cases_users_reported() {
    let report = analyze_files(vec![SourceFile::new(
        "compose.yaml",
        "services:
  job:
    image: acme/migrate:1.0
  app:
    image: acme/app:1.0
    depends_on:
      job:
        condition: service_completed_successfully
    healthcheck: {}
  web:
    image: nginx:${TAG}
  cache:
    image: redis:alpine
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: ${DB_PASSWORD:-hunter2}
  api:
    build:
      context: ./api
      dockerfile: api.Dockerfile
      target: prod
      args:
        NPM_TOKEN: abc123secret
    image: nginx:1.25
",
    )]);
    let by_rule = |rule: &str| -> Vec<(u32, String)> {
        report
            .findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| (f.start.line, f.message.clone()))
            .collect()
    };

    let healthchecks: Vec<u32> = by_rule("missing-healthcheck").iter().map(|f| f.0).collect();
    assert_eq!(
        healthchecks,
        [9, 10, 12, 14, 18],
        "the one-shot job is not asked for one"
    );
    assert!(
        by_rule("missing-healthcheck")[0]
            .1
            .contains("empty health check")
    );

    let unpinned = by_rule("unpinned-image");
    assert_eq!(unpinned.len(), 1, "{unpinned:?}");
    assert_eq!(unpinned[0].0, 13);
    assert!(unpinned[0].1.contains("tag alpine"));

    let secrets = by_rule("hardcoded-secret");
    assert_eq!(secrets.len(), 2, "{secrets:?}");
    assert!(secrets[0].1.contains("default value"));
    assert!(secrets[1].1.contains("build argument NPM_TOKEN"));

    let build = report
        .findings
        .iter()
        .find(|f| f.rule == "build-context")
        .unwrap();
    assert_eq!(
        build.severity,
        Severity::Error,
        "nginx is Docker Hub's official namespace"
    );
    let help = build.help.as_deref().unwrap();
    assert!(
        help.contains("-f ./api/api.Dockerfile --target prod --build-arg NPM_TOKEN ./api"),
        "{help}"
    );

    let web = report
        .inventory
        .iter()
        .find(|i| i.service == "web")
        .unwrap();
    assert_eq!(web.image, "nginx:${TAG}");
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("hunter2") && !json.contains("abc123secret"));
}
