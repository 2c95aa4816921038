//! Load, analysis and fix time: every corpus file, generated projects of 10 to 5,000
//! services, and the shapes that once cost more than their size (a long `extends` chain,
//! a dense `depends_on` graph, a file near the 8 MiB limit), with the YAML parse alone on
//! the same input as the floor; and generation at every iteration of the ladder.
//! `pkg-scripts/bench` runs it and reads its medians.
//!
//!     cargo bench -p compose-architect --bench load

use std::fs;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use compose_architect::compose::{self, Input};
use compose_architect::fix::{self, FixOptions};
use compose_architect::generate::ITERATIONS;
use compose_architect::recommend::{Domain, Language, Profile};
use compose_architect::yaml::{self, Limits};
use compose_architect::{SourceFile, analyze, generate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn corpus() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/real");
    let mut files: Vec<(String, String)> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .filter_map(|p| {
                    let name = p.file_name()?.to_string_lossy().into_owned();
                    Some((name, fs::read_to_string(&p).ok()?))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The same text as `generated()` in bench/projects.mjs, which the Node side runs on.
/// A project of `services` services in the shape people write: an image, a build for
/// every fifth, environment, ports, a volume, depends_on and a health check.
pub fn generated(services: usize) -> String {
    let mut text = String::from("name: generated\nservices:\n");
    for n in 0..services {
        text.push_str(&format!(
            "  svc{n}:\n    image: registry.example.com/team/svc{n}:1.{n}\n    environment:\n      LOG_LEVEL: ${{LOG_LEVEL:-info}}\n      PEER_URL: http://svc{}:8080\n    ports:\n      - \"{}:8080\"\n    volumes:\n      - data{n}:/var/lib/data\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8080/health\"]\n      interval: 10s\n",
            (n + 1) % services,
            10000 + n
        ));
        if n % 5 == 0 {
            text.push_str(&format!("    build: ./svc{n}\n"));
        }
        if n > 0 {
            text.push_str(&format!(
                "    depends_on:\n      svc{}:\n        condition: service_healthy\n",
                n - 1
            ));
        }
    }
    text.push_str("volumes:\n");
    for n in 0..services {
        text.push_str(&format!("  data{n}:\n"));
    }
    text
}

/// A chain of `length` services, each extending the one before and overriding one value.
fn extends_chain(length: usize) -> String {
    let mut text = String::from("services:\n  s0:\n    image: acme/app:1.0\n");
    for n in 1..length {
        text.push_str(&format!(
            "  s{n}:\n    extends: s{}\n    environment:\n      LEVEL: \"{n}\"\n",
            n - 1
        ));
    }
    text
}

/// `services` services, each depending on every one before it.
fn dense_dependencies(services: usize) -> String {
    let mut text = String::from("services:\n");
    for n in 0..services {
        text.push_str(&format!("  s{n}:\n    image: acme/app:1.0\n"));
        if n > 0 {
            text.push_str("    depends_on:\n");
            for before in 0..n {
                text.push_str(&format!("      - s{before}\n"));
            }
        }
    }
    text
}

fn input(name: &str, text: &str) -> Input {
    Input {
        files: vec![SourceFile::new(name, text)],
        ..Input::default()
    }
}

fn corpus_files(c: &mut Criterion) {
    let mut group = c.benchmark_group("corpus");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(700));
    for (name, text) in corpus() {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse", &name), &text, |b, text| {
            b.iter(|| yaml::parse(black_box(text), 0, Limits::default()))
        });
        group.bench_with_input(BenchmarkId::new("load", &name), &text, |b, text| {
            let input = input(&name, text);
            b.iter(|| compose::load(black_box(&input)))
        });
        group.bench_with_input(BenchmarkId::new("analyze", &name), &text, |b, text| {
            let input = input(&name, text);
            b.iter(|| analyze(black_box(&input)))
        });
        group.bench_with_input(BenchmarkId::new("fix", &name), &text, |b, text| {
            let input = input(&name, text);
            b.iter(|| fix::fix(black_box(&input), &FixOptions::default()))
        });
    }
    group.finish();
}

fn generated_projects(c: &mut Criterion) {
    let mut group = c.benchmark_group("generated");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    for services in [10, 100, 1_000, 5_000] {
        let text = generated(services);
        group.throughput(Throughput::Elements(services as u64));
        group.bench_with_input(BenchmarkId::new("parse", services), &text, |b, text| {
            b.iter(|| yaml::parse(black_box(text), 0, Limits::default()))
        });
        group.bench_with_input(BenchmarkId::new("load", services), &text, |b, text| {
            let input = input("compose.yaml", text);
            b.iter(|| compose::load(black_box(&input)))
        });
        group.bench_with_input(BenchmarkId::new("analyze", services), &text, |b, text| {
            let input = input("compose.yaml", text);
            b.iter(|| analyze(black_box(&input)))
        });
        group.bench_with_input(BenchmarkId::new("fix", services), &text, |b, text| {
            let input = input("compose.yaml", text);
            b.iter(|| fix::fix(black_box(&input), &FixOptions::default()))
        });
    }
    group.finish();
}

fn costly_shapes(c: &mut Criterion) {
    let mut group = c.benchmark_group("shapes");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    let shapes = [
        ("extends-chain-500", extends_chain(500)),
        ("dense-depends-on-300", dense_dependencies(300)),
        // 20,000 services: 8.3 MB, just under the 8 MiB a file may have
        ("generated-20000", generated(20_000)),
    ];
    for (name, text) in &shapes {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse", name), text, |b, text| {
            b.iter(|| yaml::parse(black_box(text), 0, Limits::default()))
        });
        group.bench_with_input(BenchmarkId::new("analyze", name), text, |b, text| {
            let input = input("compose.yaml", text);
            b.iter(|| analyze(black_box(&input)))
        });
    }
    group.finish();
}

fn generation(c: &mut Criterion) {
    let mut group = c.benchmark_group("generate");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_millis(700));
    let profile = Profile {
        domain: Some(Domain::WebApp),
        team_languages: Some(vec![Language::Go]),
        ..Profile::default()
    };
    for iteration in ITERATIONS {
        group.bench_with_input(
            BenchmarkId::new("iteration", iteration),
            &iteration,
            |b, &iteration| b.iter(|| generate(black_box(&profile), iteration)),
        );
    }
    group.finish();
}

criterion_group!(
    benches,
    corpus_files,
    generated_projects,
    costly_shapes,
    generation
);
criterion_main!(benches);
