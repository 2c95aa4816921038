//! Fixing any files: no panic; every fixed file that parsed as YAML still parses; what
//! the fixer applied no longer reported at its place is not required (a fix may move
//! text), but fixing the fixed files again must not break them either.
#![no_main]

use compose_architect::fix::{FixOptions, fix};
use compose_architect::{Input, SourceFile, analyze};
use libfuzzer_sys::fuzz_target;

/// The files among `input`'s that have a YAML syntax finding.
fn broken(input: &Input) -> Vec<String> {
    let mut files: Vec<String> = analyze(input)
        .findings
        .into_iter()
        .filter(|f| f.rule == "yaml-syntax")
        .map(|f| f.file)
        .collect();
    files.sort();
    files.dedup();
    files
}

fuzz_target!(|data: &[u8]| {
    let input = fuzz_support::project(data);
    let before = broken(&input);

    let fixed = fix(&input, &FixOptions::default());
    let after_input = Input {
        files: fixed
            .files
            .iter()
            .map(|f| SourceFile::new(f.path.clone(), f.text.clone()))
            .collect(),
        ..Input::default()
    };
    let after = broken(&after_input);

    let newly: Vec<&String> = after.iter().filter(|f| !before.contains(f)).collect();
    assert!(
        newly.is_empty(),
        "a fix broke the YAML of {newly:?}:\n{}",
        fixed.diff
    );
    let _ = fix(&after_input, &FixOptions::default());
});
