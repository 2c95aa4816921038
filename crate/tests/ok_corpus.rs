//! Files that are ready for a control plane must stay silent: every file in tests/ok/
//! gives no finding at all (given the values of its required parameters), a ready
//! summary and no failing checklist item.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::PathBuf;

use compose_architect::report::ChecklistStatus;
use compose_architect::{Input, SourceFile, analyze};

fn ok_files() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/ok");
    let mut files: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&p).unwrap())
        })
        .collect();
    files.sort();
    assert!(files.len() >= 3, "only {} clean files", files.len());
    files
}

#[test]
fn clean_files_give_no_finding() {
    for (name, text) in ok_files() {
        let report = analyze(&Input {
            files: vec![SourceFile::new(name.as_str(), text.as_str())],
            env: [("DB_PASSWORD", "p"), ("QUEUE_PASSWORD", "q")]
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .into(),
            ..Input::default()
        });

        assert!(report.findings.is_empty(), "{name}: {:#?}", report.findings);
        assert!(report.summary.ready, "{name}");
        let failing: Vec<_> = report
            .checklist
            .iter()
            .filter(|item| item.status == ChecklistStatus::Fail)
            .map(|item| &item.id)
            .collect();
        assert!(failing.is_empty(), "{name}: {failing:?}");
    }
}

#[test]
fn without_their_values_clean_files_only_name_their_parameters() {
    for (name, text) in ok_files() {
        let report = analyze(&Input {
            files: vec![SourceFile::new(name.as_str(), text.as_str())],
            ..Input::default()
        });
        let other: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule != "required-variable")
            .collect();
        assert!(other.is_empty(), "{name}: {other:#?}");
        assert!(report.summary.ready, "{name}");
    }
}
