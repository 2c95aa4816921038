//! The same input gives byte-identical output every time: every corpus project, analyzed,
//! rendered in each format, drawn, printed as `config`, its handoff generated, and every
//! iteration of a few profiles generated, twice over. Each run builds its own hash maps with their own
//! random seeds, so an output that depended on a map's order would differ between runs.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use compose_architect::compose::{ConfigFormat, config, load};
use compose_architect::generate::{ITERATIONS, Start, generate_from};
use compose_architect::recommend::Profile;
use compose_architect::report::{Format, render};
use compose_architect::{Input, analyze, diagram, generate};

/// Every output of one project, in a fixed order.
fn outputs(input: &Input) -> Vec<String> {
    let rules = compose_architect::analyze::rules();
    let report = analyze(input);
    let mut outputs: Vec<String> = Format::ALL
        .iter()
        .map(|&format| render(&report, &input.files, format, &rules))
        .collect();

    let drawing = diagram(&load(input).project);
    outputs.extend([drawing.svg, drawing.mermaid, drawing.text]);
    for format in [ConfigFormat::Yaml, ConfigFormat::Json] {
        outputs.push(config(input, format).unwrap_or_else(|p| p.message));
    }
    let start = Start::Project {
        input,
        profile: None,
    };
    let generated = generate_from(start, 1).unwrap();
    outputs.extend(generated.files.into_iter().map(|f| f.text));
    outputs
}

#[test]
fn every_output_of_every_corpus_project_is_the_same_twice() {
    for name in common::corpus_names() {
        let input = Input {
            files: common::project(&name),
            ..Input::default()
        };

        let first = outputs(&input);
        let second = outputs(&input);

        // five renderings, three drawings, two configs, four generated files
        assert_eq!(first.len(), 14, "{name}");
        for (a, b) in first.iter().zip(&second) {
            assert!(a == b, "{name}: two runs differ");
        }
    }
}

#[test]
fn generated_files_are_the_same_twice() {
    let profiles = [
        "{}",
        "domain: ai-ml\nteamLanguages: [python]\n",
        "name: Clinic Cloud\ndomain: healthcare\ncustomers: [mid-market, enterprise]\n\
         pricing: tiered\nteamLanguages: [typescript]\ndataModel: relational\n\
         requestsPerSecond: 800\nlatencyMs: 200\ncompliance: [hipaa, soc2]\nuptime: 99.95\n",
    ];
    for text in profiles {
        let profile = Profile::from_yaml(text).unwrap();
        for iteration in ITERATIONS {
            let first = generate(&profile, iteration).unwrap();
            let second = generate(&Profile::from_yaml(text).unwrap(), iteration).unwrap();
            assert_eq!(first, second, "{text}: iteration {iteration}");
            assert!(first.files.iter().all(|f| !f.text.is_empty()));
        }
    }
}
