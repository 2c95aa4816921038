//! Every rule's documented examples: the bad one triggers the rule, the good one does
//! not; and docs/rules.md is the registry's own documentation, up to date.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::PathBuf;

use compose_architect::analyze::rules::profile::example_profile;
use compose_architect::analyze::{
    Options, RULES, RuleSetting, analyze_with, rules, rules_markdown,
};
use compose_architect::compose::{ConfigFormat, ProblemKind, config};
use compose_architect::{Input, SourceFile};

fn input(text: &str) -> Input {
    Input {
        files: vec![SourceFile::new("compose.yaml", text)],
        ..Input::default()
    }
}

/// The rules that flag a text, with `rule` turned on (some are off by default) and, for a
/// profile rule, the profile it needs.
fn rules_found(text: &str, rule: &str) -> Vec<String> {
    let mut options = Options {
        rules: [(rule.to_string(), RuleSetting::On)].into(),
        ..Options::default()
    };
    options.profile = example_profile(rule);
    analyze_with(&input(text), &options)
        .findings
        .into_iter()
        .map(|f| f.rule)
        .collect()
}

/// Rules whose bad example only `config` shows (analyze leaves it to another finding).
const CONFIG_ONLY: &[&str] = &["incomplete-value"];

#[test]
fn every_bad_example_triggers_its_rule_and_every_good_one_does_not() {
    let all = rules();
    assert!(all.len() >= RULES.len() + 20, "{} rules", all.len());
    let mut failures = Vec::new();
    let mut run = 0;

    for rule in &all {
        if rule.bad.is_empty() {
            // a rule that needs several files says so in its limitations
            assert!(
                rule.limitations.contains("files"),
                "{}: no example and no reason",
                rule.id
            );
            continue;
        }
        run += 1;

        if CONFIG_ONLY.contains(&rule.id.as_str()) {
            let problem = config(&input(&rule.bad), ConfigFormat::Yaml).unwrap_err();
            if problem.kind != ProblemKind::PlaceholderValue {
                failures.push(format!(
                    "{}: config does not stop at the bad example",
                    rule.id
                ));
            }
            if config(&input(&rule.good), ConfigFormat::Yaml).is_err() {
                failures.push(format!("{}: config stops at the good example", rule.id));
            }
            continue;
        }

        if !rules_found(&rule.bad, &rule.id).contains(&rule.id) {
            failures.push(format!("{}: the bad example is not flagged", rule.id));
        }
        let good = rules_found(&rule.good, &rule.id);
        if good.contains(&rule.id) {
            failures.push(format!("{}: the good example is flagged", rule.id));
        }
        let broken = [
            "yaml-syntax",
            "invalid-structure",
            "schema-violation",
            "empty-project",
        ];
        if good.iter().any(|r| broken.contains(&r.as_str())) {
            failures.push(format!(
                "{}: the good example does not load: {good:?}",
                rule.id
            ));
        }
    }
    assert!(run >= all.len() - 4, "only {run} examples ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rule_ids_are_unique_kebab_case_and_documented() {
    let all = rules();
    let mut ids: Vec<&str> = all.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "duplicate rule ids");

    for rule in &all {
        assert!(
            rule.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            rule.id
        );
        for (section, text) in [
            ("summary", &rule.summary),
            ("why", &rule.why),
            ("fix", &rule.fix),
            ("limitations", &rule.limitations),
        ] {
            assert!(
                text.len() > 8,
                "{}: the {section} section is empty",
                rule.id
            );
        }
    }
}

#[test]
fn the_rule_documentation_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/rules.md");
    let generated = rules_markdown();
    if std::env::var_os("UPDATE_RULE_DOCS").is_some() {
        fs::write(&path, &generated).unwrap();
    }
    let written = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == generated,
        "{} is stale: run with UPDATE_RULE_DOCS=1",
        path.display()
    );
    for rule in rules() {
        assert!(
            written.contains(&format!("\n## {}\n", rule.id)),
            "{} has no section",
            rule.id
        );
    }
}
