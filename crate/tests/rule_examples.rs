//! Every rule's documented examples: the bad one triggers the rule, the good one does not.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
use compose_architect::analyze::RULES;
use compose_architect::{Input, SourceFile, analyze};

fn rules_found(text: &str) -> Vec<String> {
    let report = analyze(&Input {
        files: vec![SourceFile::new("compose.yaml", text)],
        ..Input::default()
    });
    report.findings.into_iter().map(|f| f.rule).collect()
}

#[test]
fn every_bad_example_triggers_its_rule_and_every_good_one_does_not() {
    let mut failures = Vec::new();
    assert!(RULES.len() >= 4);

    for rule in RULES {
        if !rules_found(rule.doc.bad).iter().any(|r| r == rule.id) {
            failures.push(format!("{}: the bad example is not flagged", rule.id));
        }
        let good = rules_found(rule.doc.good);
        if good.iter().any(|r| r == rule.id) {
            failures.push(format!("{}: the good example is flagged", rule.id));
        }
        if good
            .iter()
            .any(|r| r == "yaml-syntax" || r == "invalid-structure")
        {
            failures.push(format!(
                "{}: the good example does not load: {good:?}",
                rule.id
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rule_ids_are_unique_kebab_case_and_documented() {
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "duplicate rule ids");

    for rule in RULES {
        assert!(
            rule.id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            rule.id
        );
        for (section, text) in [
            ("summary", rule.doc.summary),
            ("why", rule.doc.why),
            ("fix", rule.doc.fix),
            ("limitations", rule.doc.limitations),
        ] {
            assert!(
                text.len() > 20,
                "{}: the {section} section is empty",
                rule.id
            );
        }
    }
}
