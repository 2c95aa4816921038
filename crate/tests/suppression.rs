//! Suppression: inline comments for a line or a file, and the rules configuration, with
//! the counts of what was left out in the summary.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use compose_architect::analyze::{Options, RuleSetting, analyze_with};
use compose_architect::report::{Report, Severity};
use compose_architect::{Input, SourceFile};

fn run(text: &str, options: &Options) -> Report {
    analyze_with(
        &Input {
            files: vec![SourceFile::new("compose.yaml", text)],
            ..Input::default()
        },
        options,
    )
}

/// The findings of the rules these tests suppress, by rule and line.
fn rules_at(report: &Report) -> Vec<(String, u32)> {
    const UNDER_TEST: &[&str] = &[
        "hardcoded-secret",
        "unpinned-image",
        "missing-healthcheck",
        "build-context",
    ];
    report
        .findings
        .iter()
        .filter(|f| UNDER_TEST.contains(&f.rule.as_str()))
        .map(|f| (f.rule.clone(), f.start.line))
        .collect()
}

const FILE: &str = "services:
  web:
    image: nginx  # compose-architect: ignore[unpinned-image]
    healthcheck:
      test: [\"CMD\", \"true\"]
  db:
    image: postgres:16
    healthcheck:
      test: [\"CMD\", \"true\"]
    environment:
      # compose-architect: ignore[hardcoded-secret]

      POSTGRES_PASSWORD: local-only
      OTHER_PASSWORD: not-ignored
";

#[test]
fn inline_comments_cover_their_line_or_the_next_line_with_code() {
    let report = run(FILE, &Options::default());

    assert_eq!(rules_at(&report), [("hardcoded-secret".to_string(), 14)]);
    assert_eq!(report.summary.suppressed_inline, 2);
    assert_eq!(report.summary.suppressed_by_configuration, 0);
}

#[test]
fn a_file_directive_covers_the_whole_file() {
    let text = format!("# compose-architect: ignore-file[hardcoded-secret]\n{FILE}");
    let report = run(&text, &Options::default());
    assert!(rules_at(&report).is_empty(), "{:?}", report.findings);
    assert_eq!(report.summary.suppressed_inline, 3);
}

#[test]
fn the_configuration_turns_rules_off_or_changes_their_severity() {
    let options = Options {
        rules: [
            ("hardcoded-secret".to_string(), RuleSetting::Off),
            ("missing-healthcheck".to_string(), RuleSetting::Error),
        ]
        .into(),
        ..Options::default()
    };
    let report = run(
        "services:\n  web:\n    image: acme/web:1\n    environment:\n      API_TOKEN: abc\n",
        &options,
    );

    assert_eq!(rules_at(&report), [("missing-healthcheck".to_string(), 2)]);
    let healthcheck = report
        .findings
        .iter()
        .find(|f| f.rule == "missing-healthcheck")
        .unwrap();
    assert_eq!(healthcheck.severity, Severity::Error);
    assert_eq!(report.summary.suppressed_by_configuration, 1);
    assert_eq!(report.summary.errors, 1);
}

#[test]
fn a_suppressed_blocking_finding_no_longer_blocks() {
    let text = "services:\n  api:\n    build: ./api  # compose-architect: ignore[build-context]\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n";
    let report = run(text, &Options::default());
    assert_eq!(report.summary.blocking, 0);
    // still not ready: a service that builds has no image to pull
    assert!(!report.summary.ready);

    let pushed = "services:\n  api:\n    image: acme/api:1  # compose-architect: ignore[unpinned-image]\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n";
    let report = run(pushed, &Options::default());
    assert!(report.summary.ready, "{:?}", report.findings);
}

#[test]
fn a_directive_naming_no_rule_is_a_finding() {
    let text =
        "services:\n  web:\n    image: nginx:1  # compose-architect: ignore[unpined-image]\n";
    let report = run(text, &Options::default());
    let unknown: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.rule == "unknown-rule-in-suppression")
        .collect();
    assert_eq!(unknown.len(), 1);
    assert_eq!((unknown[0].start.line, unknown[0].start.column), (3, 21));
    assert!(unknown[0].message.contains("unpined-image"));
}

#[test]
fn a_hash_inside_a_value_is_not_a_directive() {
    let text = "services:\n  web:\n    image: nginx\n    command: \"echo '# compose-architect: ignore[unpinned-image]'\"\n";
    let report = run(text, &Options::default());
    assert!(rules_at(&report).iter().any(|(r, _)| r == "unpinned-image"));
}
