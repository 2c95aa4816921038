//! Prints, as one JSON object, every output of each compose file given alone: the report
//! in each render format and the diagram in each form. The package tests compare it,
//! byte for byte, with what the WebAssembly build gives for the same files.
//!
//!     cargo run --example outputs -- compose.yaml [other.yaml ...]

// A command-line example: printing is its output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;

use compose_architect::report::{Format, render};
use compose_architect::{Input, SourceFile, analyze, compose, diagram};

fn main() -> std::process::ExitCode {
    let rules = compose_architect::analyze::rules();
    let mut all: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();

    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{path}: {e}");
                return std::process::ExitCode::from(2);
            }
        };
        let name = path.rsplit('/').next().unwrap_or(&path).to_string();
        let input = Input {
            files: vec![SourceFile::new("compose.yaml", text)],
            ..Input::default()
        };

        let report = analyze(&input);
        let mut outputs: BTreeMap<String, String> = Format::ALL
            .iter()
            .map(|&f| {
                (
                    f.name().to_string(),
                    render(&report, &input.files, f, &rules),
                )
            })
            .collect();
        let drawing = diagram(&compose::load(&input).project);
        outputs.insert("diagram.svg".to_string(), drawing.svg);
        outputs.insert("diagram.mermaid".to_string(), drawing.mermaid);
        outputs.insert("diagram.text".to_string(), drawing.text);
        all.insert(name, outputs);
    }

    match serde_json::to_string(&all) {
        Ok(json) => {
            println!("{json}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}
