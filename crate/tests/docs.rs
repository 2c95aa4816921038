//! The documentation speaks of rules that exist: every rule docs/peers.md names is in
//! the registry.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::PathBuf;

use compose_architect::analyze::rules;

#[test]
fn every_rule_the_peer_comparison_names_exists() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/peers.md");
    let text = fs::read_to_string(path).unwrap();
    let ids: Vec<String> = rules().into_iter().map(|r| r.id).collect();

    let linked: Vec<&str> = text
        .split("](rules.md#")
        .skip(1)
        .filter_map(|rest| rest.split(')').next())
        .collect();
    assert!(linked.len() > 30, "only {} links", linked.len());
    let missing: Vec<&&str> = linked
        .iter()
        .filter(|id| !ids.iter().any(|i| i == *id))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/peers.md links rules that do not exist: {missing:?}"
    );
}
