//! Loads and analyzes one hostile input and prints how long it took and what the report
//! says; run it under `/usr/bin/time -v` for the peak memory. The numbers in
//! docs/limits.md come from here.
//!
//!     cargo run --profile bench --example limits -- CASE
//!
//! CASE is one of `alias-bomb` (nine levels of ten aliases: a billion nodes expanded),
//! `alias-budget` (nine levels of three aliases: within the budget, all of it analyzed),
//! `alias-bytes` (a 1 MiB scalar aliased 5,000 times), `deep-block` (block mappings
//! nested 1,000 deep), `deep-flow` (flow sequences nested 10,000 deep), `big-file`
//! (a compose file of 40,000 services, just under the 8 MiB limit), `too-big` (a 10 MB file), `many-files`
//! (1,000 files) and `doubling-env` (a `.env` value that doubles on every line).

// A command-line example: printing is its output.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::time::Instant;

use compose_architect::{Input, SourceFile, analyze};

fn alias_bomb() -> String {
    let mut text = String::from("x-a0: &a0 [lol]\n");
    for level in 1..10 {
        let list = vec![format!("*a{}", level - 1); 10].join(", ");
        text.push_str(&format!("x-a{level}: &a{level} [{list}]\n"));
    }
    text + "services:\n  web:\n    image: nginx:1\n    labels: *a9\n"
}

/// Nine levels of three aliases: 59,049 copies of a small mapping, within the budget, so
/// the whole expansion is loaded and analyzed.
fn alias_budget() -> String {
    let mut text = String::from("x-a0: &a0 {k: v}\n");
    for level in 1..10 {
        let list = vec![format!("*a{}", level - 1); 3].join(", ");
        text.push_str(&format!("x-a{level}: &a{level} [{list}]\n"));
    }
    text + "services:\n  web:\n    image: nginx:1\n"
}

fn alias_bytes() -> String {
    let list = vec!["*big"; 5000].join(", ");
    format!(
        "x-big: &big {}\nx-many: [{list}]\nservices:\n  web:\n    image: nginx:1\n",
        "x".repeat(1 << 20)
    )
}

fn deep_block() -> String {
    let mut text = String::from("services:\n  web:\n    image: nginx:1\n    labels:\n");
    for depth in 0..1000 {
        text.push_str(&" ".repeat(6 + depth));
        text.push_str("k:\n");
    }
    text
}

fn deep_flow() -> String {
    format!(
        "services:\n  web:\n    image: nginx:1\n    command: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    )
}

fn services(count: usize) -> String {
    let mut text = String::from("services:\n");
    for n in 0..count {
        text.push_str(&format!(
            "  svc{n}:\n    image: registry.example.com/team/svc{n}:1.0\n    environment:\n      LOG_LEVEL: info\n    ports: [\"{}:8080\"]\n    depends_on: [svc{}]\n    healthcheck:\n      test: [\"CMD\", \"true\"]\n",
            10_000 + n % 50_000,
            n.saturating_sub(1).max(if n == 0 { 1 } else { 0 })
        ));
    }
    text
}

fn big_file() -> String {
    let mut text = services(42_000);
    while text.len() > 8 * 1024 * 1024 - 1 {
        text.truncate(text.rfind("\n  svc").unwrap_or(0) + 1);
    }
    text
}

fn doubling_env() -> String {
    let mut text = String::from("A0=xxxxxxxxxxxxxxxx\n");
    for n in 1..40 {
        text.push_str(&format!("A{n}=${{A{}}}${{A{}}}\n", n - 1, n - 1));
    }
    text
}

fn main() -> std::process::ExitCode {
    let case = std::env::args().nth(1).unwrap_or_default();
    let compose = |text: String| vec![SourceFile::new("compose.yaml", text)];
    let files = match case.as_str() {
        "alias-bomb" => compose(alias_bomb()),
        "alias-budget" => compose(alias_budget()),
        "alias-bytes" => compose(alias_bytes()),
        "deep-block" => compose(deep_block()),
        "deep-flow" => compose(deep_flow()),
        "big-file" => compose(big_file()),
        "too-big" => compose(format!("services: {{}}\n#{}\n", "x".repeat(10_000_000))),
        "many-files" => (0..1000)
            .map(|n| SourceFile::new(format!("c{n}.yaml"), services(2)))
            .collect(),
        "doubling-env" => vec![
            SourceFile::new(".env", doubling_env()),
            SourceFile::new(
                "compose.yaml",
                "services:\n  web:\n    image: nginx:1\n    environment:\n      - X=${A39}\n",
            ),
        ],
        _ => {
            eprintln!(
                "usage: limits alias-bomb|alias-budget|alias-bytes|deep-block|deep-flow|big-file|too-big|many-files|doubling-env"
            );
            return std::process::ExitCode::from(2);
        }
    };
    let bytes: usize = files.iter().map(|f| f.text.len()).sum();
    let input = Input {
        files,
        ..Input::default()
    };

    let started = Instant::now();
    let report = analyze(&input);
    let elapsed = started.elapsed();

    // the limit's finding first, then a sample of the others
    let mut findings: Vec<_> = report.findings.iter().collect();
    findings.sort_by_key(|f| f.rule != "input-limit");
    let limits: Vec<String> = findings
        .iter()
        .map(|f| {
            let at = format!("{}:{}:{}", f.file, f.start.line, f.start.column);
            format!("{at}: {} ({})", f.message, f.rule)
        })
        .collect();
    println!(
        "{case}: {bytes} bytes in, {} findings, {:.1} ms",
        report.findings.len(),
        elapsed.as_secs_f64() * 1000.0
    );
    for limit in limits.iter().take(3) {
        println!("  {limit}");
    }
    std::process::ExitCode::SUCCESS
}
