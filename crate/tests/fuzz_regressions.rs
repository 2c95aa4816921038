//! Inputs the fuzz targets (fuzz/, run by pkg-scripts/fuzz) flagged, kept as tests of what
//! the library must do with them. Each says what the fuzzer saw.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use compose_architect::report::{Format, render};
use compose_architect::{Input, SourceFile, analyze};

/// `load_analyze` ran past its 10 s timeout (sanitized build, shared machine) on a base
/// and an override that are each an alias bomb: three and nine aliases a level, ten
/// levels. Each file must stop at the expansion budget with a finding at the alias that
/// crossed it, and the rest of the report must still be made.
#[test]
fn an_alias_bomb_in_a_base_and_in_its_override_stops_at_the_budget_in_each() {
    let bomb = |width: usize| {
        let mut text = String::from("name: test\nx-a: &a {k: v}\n");
        let levels = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"];
        for pair in levels.windows(2).take(if width == 3 { 10 } else { 9 }) {
            let list = vec![format!("*{}", pair[0]); width].join(", ");
            text.push_str(&format!("x-{0}: &{0} [{list}]\n", pair[1]));
        }
        text + "services:\n  svc:\n    image: alpine\n"
    };
    let input = Input {
        files: vec![
            SourceFile::new("compose.yaml", bomb(3)),
            SourceFile::new("compose.override.yaml", bomb(9)),
        ],
        ..Input::default()
    };

    let report = analyze(&input);

    let limits: Vec<(&str, u32)> = report
        .findings
        .iter()
        .filter(|f| f.rule == "input-limit")
        .map(|f| (f.file.as_str(), f.start.line))
        .collect();
    assert_eq!(
        limits,
        [("compose.yaml", 12), ("compose.override.yaml", 7)],
        "{:#?}",
        report.findings
    );
    let rules = compose_architect::analyze::rules();
    let text = render(&report, &input.files, Format::Text, &rules);
    assert!(text.contains("alias expansion exceeds the limit of 200000 nodes"));
}
