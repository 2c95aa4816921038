//! Prints the canonical resolved project of compose files, as `docker compose config` does.
//!
//!     cargo run --example config -- compose.yaml [override.yaml ...] [--json]

// A command-line example: printing is its output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use compose_architect::compose::{ConfigFormat, config};
use compose_architect::{Input, SourceFile};

fn main() -> std::process::ExitCode {
    let mut format = ConfigFormat::Yaml;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--json" {
            format = ConfigFormat::Json;
            continue;
        }
        match std::fs::read_to_string(&arg) {
            Ok(text) => files.push(SourceFile::new(arg, text)),
            Err(e) => {
                eprintln!("{arg}: {e}");
                return std::process::ExitCode::from(2);
            }
        }
    }

    let input = Input {
        files,
        env: std::env::vars().collect(),
        ..Input::default()
    };
    match config(&input, format) {
        Ok(text) => {
            print!("{text}");
            std::process::ExitCode::SUCCESS
        }
        Err(problem) => {
            let file = input.files.get(problem.span.file);
            let at = file.map(|f| f.position(problem.span.start));
            let path = file.map_or("", |f| f.path.as_str());
            match at {
                Some(p) => eprintln!("{path}:{}:{}: {}", p.line, p.column, problem.message),
                None => eprintln!("{}", problem.message),
            }
            std::process::ExitCode::FAILURE
        }
    }
}
