//! Diagram time: the largest real corpus project, the costliest graph the layered layout
//! still takes (a `depends_on` chain whose every service publishes a port), and 1,000
//! services drawn as a grid.
//!
//!     cargo bench -p compose-architect --bench diagram

use std::fs;
use std::hint::black_box;
use std::path::PathBuf;

use compose_architect::SourceFile;
use compose_architect::compose::{self, Input, Project};
use compose_architect::diagram::{LAYERED_MAX_COST, diagram, graph, layered_cost};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn project(text: &str) -> Project {
    compose::load(&Input {
        files: vec![SourceFile::new("compose.yaml", text)],
        ..Input::default()
    })
    .project
}

/// A chain of `length` services, each publishing a port and depending on the one before.
fn published_chain(length: usize) -> String {
    let mut text = String::from("services:\n");
    for n in 0..length {
        text.push_str(&format!(
            "  c{n}:\n    image: acme/c:1\n    ports: [\"{}:80\"]\n",
            20000 + n
        ));
        if n > 0 {
            text.push_str(&format!("    depends_on: [c{}]\n", n - 1));
        }
    }
    text
}

fn diagrams(c: &mut Criterion) {
    let mut group = c.benchmark_group("diagram");
    group.sample_size(10);

    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/real/temporal-docker-compose__docker-compose-multirole.yaml");
    if let Ok(text) = fs::read_to_string(corpus) {
        let project = project(&text);
        group.bench_function("temporal-multirole", |b| {
            b.iter(|| diagram(black_box(&project)))
        });
    }

    // the longest chain whose layered cost stays within the budget
    let length = (2..200)
        .take_while(|&n| layered_cost(&graph(&project(&published_chain(n)))) <= LAYERED_MAX_COST)
        .last()
        .unwrap_or(2);
    let chain = project(&published_chain(length));
    group.bench_with_input(
        BenchmarkId::new("published-chain", length),
        &chain,
        |b, p| b.iter(|| diagram(black_box(p))),
    );

    let grid = project(&published_chain(1_000));
    group.bench_with_input(BenchmarkId::new("grid", 1_000), &grid, |b, p| {
        b.iter(|| diagram(black_box(p)))
    });
    group.finish();
}

criterion_group!(benches, diagrams);
criterion_main!(benches);
