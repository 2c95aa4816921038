//! Loading and analysis of any files: no panic, every output rendered, the diagram drawn,
//! `config` printed and the handoff generated from the project, and the same report twice.
#![no_main]

use compose_architect::generate::{Start, generate_from};
use compose_architect::report::{Format, render};
use compose_architect::{analyze, compose, diagram};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = fuzz_support::project(data);

    let report = analyze(&input);
    assert_eq!(report, analyze(&input), "the same input gave two reports");

    let rules = compose_architect::analyze::rules();
    for format in Format::ALL {
        let _ = render(&report, &input.files, format, &rules);
    }
    let loaded = compose::load(&input);
    let _ = diagram(&loaded.project);
    let _ = compose::config(&input, compose::ConfigFormat::Yaml);
    let start = Start::Project {
        input: &input,
        profile: None,
    };
    let _ = generate_from(start, 1);
});
