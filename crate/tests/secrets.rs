//! No output shows a value the analyzer judged secret. For every project of the real
//! corpus (an override with its base), and for a hostile project of our own, the values
//! behind each `hardcoded-secret` finding are read from the loaded project, then every
//! output is searched for them: the report in each render format, the diagram in each of
//! its forms, every file generated from the project (`.env.example`, the handoff in
//! Markdown and JSON, the drawing), and the fixer's diff and messages.
//!
//! A value is searched for only when finding it proves a leak: it is at least
//! `MIN_SECRET_CHARS` long, and, when it is one word of letters, it is written in the
//! files no more often than as the secret itself (`gitea` as the password of the `gitea`
//! image is also the image's name, which every output may show). A value with digits or
//! punctuation is searched for wherever else it is written: a password repeated in a
//! health check command is still a password. What is left out is counted and the count is
//! checked, so the filter cannot quietly empty the search.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;

use compose_architect::compose::interpolate::variables;
use compose_architect::compose::{EnvVar, load};
use compose_architect::fix::{FixOptions, fix};
use compose_architect::generate::{Start, generate_from};
use compose_architect::report::{Format, Report, render};
use compose_architect::yaml::Position;
use compose_architect::{Input, SourceFile, analyze, diagram};

/// Shorter values (`pw`, `123`) match too much unrelated text to prove a leak.
const MIN_SECRET_CHARS: usize = 4;

/// The values the analyzer judged secret in one project, by the finding that judged them,
/// and the text of every judged value as written in its file.
fn judged_secrets(input: &Input, report: &Report) -> (Vec<String>, Vec<String>) {
    let loaded = load(input);
    let variables_of = |service: &compose_architect::compose::Service| -> Vec<EnvVar> {
        let args = service.build.iter().flat_map(|b| b.args.iter().cloned());
        service.environment.iter().cloned().chain(args).collect()
    };

    let mut secrets = Vec::new();
    let mut written_values = Vec::new();
    for finding in report
        .findings
        .iter()
        .filter(|f| f.rule == "hardcoded-secret")
    {
        let var = loaded
            .project
            .services
            .iter()
            .flat_map(variables_of)
            .find(|var| {
                let file = &input.files[var.span.file];
                file.path == finding.file && file.position(var.span.start) == finding.start
            });
        // a secret on a command line: the finding spans the value itself
        let Some(var) = var else {
            let file = input
                .files
                .iter()
                .find(|f| f.path == finding.file)
                .unwrap_or_else(|| panic!("no file for the finding {finding:?}"));
            assert!(
                ["in its command", "in its entrypoint", "in its health check"]
                    .iter()
                    .any(|place| finding.message.contains(place)),
                "no variable at the finding {finding:?}"
            );
            let value = text_between(file, finding.start, finding.end);
            written_values.push(value.clone());
            secrets.push(value);
            continue;
        };
        let value = var.value.as_ref().expect("a judged variable has a value");
        let written = value.as_written();
        let file = &input.files[value.span.file].text;
        written_values.push(file[value.span.start..value.span.end].to_string());

        if finding.message.contains("inside the URL") {
            secrets.push(url_password(written).expect("a URL with a password"));
        } else if finding.message.contains("as its default value") {
            secrets.extend(variables(written).into_iter().filter_map(|r| r.default));
        } else {
            secrets.push(value.value.clone());
            secrets.push(written.to_string());
        }
    }

    secrets.sort();
    secrets.dedup();
    (secrets, written_values)
}

/// The text of a file between two positions (1-based lines, UTF-16 columns).
fn text_between(file: &SourceFile, start: Position, end: Position) -> String {
    let offset = |at: Position| {
        let line_start: usize = file
            .text
            .split_inclusive('\n')
            .take(at.line as usize - 1)
            .map(str::len)
            .sum();
        let line = &file.text[line_start..];
        let mut units = 0;
        let within = line
            .char_indices()
            .find(|(_, c)| {
                let reached = units + 1 >= at.column as usize;
                units += c.len_utf16();
                reached
            })
            .map_or(line.len(), |(i, _)| i);
        line_start + within
    };
    file.text[offset(start)..offset(end)].to_string()
}

/// The password of `scheme://user:password@host/...`.
fn url_password(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let userinfo = authority.rsplit_once('@')?.0;
    Some(userinfo.split_once(':')?.1.to_string())
}

/// Every output of one project, named by where it came from.
fn outputs(input: &Input, report: &Report) -> Vec<(String, String)> {
    let rules = compose_architect::analyze::rules();
    let mut outputs: Vec<(String, String)> = Format::ALL
        .iter()
        .map(|&format| {
            (
                format!("render {}", format.name()),
                render(report, &input.files, format, &rules),
            )
        })
        .collect();

    let loaded = load(input);
    let drawing = diagram(&loaded.project);
    outputs.push(("diagram svg".to_string(), drawing.svg));
    outputs.push(("diagram mermaid".to_string(), drawing.mermaid));
    outputs.push(("diagram text".to_string(), drawing.text));

    let start = Start::Project {
        input,
        profile: None,
    };
    let generated = generate_from(start, 1).expect("generate from a project");
    for file in generated.files {
        outputs.push((format!("generate {}", file.path), file.text));
    }

    // the fixed files are the user's own text, secrets the fixer did not take out
    // included; what the fixer says about them is output
    let fixed = fix(input, &FixOptions::default());
    outputs.push(("fix diff".to_string(), fixed.diff));
    let applied = fixed.applied.iter().flat_map(|a| {
        let commands = a.commands.iter().map(String::as_str);
        [a.message.as_str()]
            .into_iter()
            .chain(a.used_default.as_deref())
            .chain(commands)
    });
    let skipped = fixed.skipped.iter().map(|s| s.reason.as_str());
    let said: Vec<&str> = applied.chain(skipped).collect();
    outputs.push(("fix messages".to_string(), said.join("\n")));
    outputs
}

/// What the search of one project found.
#[derive(Debug, Default)]
struct Search {
    searched: Vec<String>,
    /// Values too short or written elsewhere in the files, with the reason.
    left_out: BTreeMap<String, &'static str>,
    leaks: Vec<String>,
}

/// Whether a value is one word of letters, like an image or a service name.
fn is_word(value: &str) -> bool {
    value.chars().all(char::is_alphabetic)
}

/// Searches every output of a project for the values the analyzer judged secret in it.
fn search(input: &Input) -> Search {
    let report = analyze(input);
    let (secrets, written_values) = judged_secrets(input, &report);
    let sources: String = input.files.iter().map(|f| f.text.as_str()).collect();

    let mut search = Search::default();
    for secret in secrets {
        let as_secret: usize = written_values
            .iter()
            .map(|v| v.matches(secret.as_str()).count())
            .sum();
        if secret.chars().count() < MIN_SECRET_CHARS {
            search.left_out.insert(secret, "shorter than 4 characters");
        } else if is_word(&secret) && sources.matches(secret.as_str()).count() > as_secret {
            search
                .left_out
                .insert(secret, "a word also written where it is no secret");
        } else {
            search.searched.push(secret);
        }
    }

    for (name, text) in outputs(input, &report) {
        for secret in &search.searched {
            if text.contains(secret.as_str()) {
                search.leaks.push(format!("{name} shows {secret:?}"));
            }
        }
    }
    search
}

#[test]
fn no_output_of_any_corpus_project_shows_a_judged_secret() {
    let mut searched = 0;
    let mut left_out = std::collections::BTreeSet::new();
    let mut leaks = Vec::new();
    for name in common::corpus_names() {
        let input = Input {
            files: common::project(&name),
            ..Input::default()
        };
        let found = search(&input);
        searched += found.searched.len();
        left_out.extend(found.left_out.into_keys());
        leaks.extend(
            found
                .leaks
                .into_iter()
                .map(|leak| format!("{name}: {leak}")),
        );
    }

    assert!(leaks.is_empty(), "{}", leaks.join("\n"));
    // the corpus writes real secrets: the search must have had something to look for
    assert!(searched >= 4, "only {searched} secrets searched for");
    // what is left out is short or a word the files also use as a name
    assert_eq!(
        left_out.into_iter().collect::<Vec<_>>(),
        [
            "123",
            "admin",
            "elastic",
            "gitea",
            "grafana",
            "nextcloud",
            "temporal",
            "wordpress"
        ]
    );
}

/// A project of our own whose secrets sit everywhere a renderer might quote: beside
/// other findings' spans, in a URL, in a default, in a build argument, in a block
/// scalar, in an override, and under names that carry markup.
const HOSTILE_BASE: &str = "services:
  web:
    image: nginx:latest
    privileged: true
    environment:
      DB_PASSWORD: s3cr3t-web-pass
      DATABASE_URL: postgres://app:url-pass-77@db:5432/app
      API_TOKEN: ${API_TOKEN:-default-token-42}
      SECRET_KEY: >-
        block-secret-99
    ports: ['80:80']
    depends_on: [db]
  db:
    image: postgres
    build:
      context: ./db
      args:
        - BUILD_SECRET=arg-secret-31
  cache:
    image: redis:7.4.1
    command: redis-server --requirepass cmd-secret-12 --appendonly yes
    healthcheck:
      test: [\"CMD\", \"redis-cli\", \"-a\", \"probe-secret-64\", \"ping\"]
";

const HOSTILE_OVERRIDE: &str = "services:
  web:
    environment:
      - CLIENT_SECRET=override-secret-5
      - \"<script>X_TOKEN</script>=markup-secret-8\"
    network_mode: host
";

#[test]
fn no_output_of_a_hostile_project_shows_a_judged_secret() {
    let input = Input {
        files: vec![
            SourceFile::new("compose.yaml", HOSTILE_BASE),
            SourceFile::new("compose.override.yaml", HOSTILE_OVERRIDE),
        ],
        ..Input::default()
    };

    let found = search(&input);

    assert!(found.leaks.is_empty(), "{}", found.leaks.join("\n"));
    assert_eq!(
        found.searched,
        [
            "arg-secret-31",
            "block-secret-99",
            "cmd-secret-12",
            "default-token-42",
            "markup-secret-8",
            "override-secret-5",
            "probe-secret-64",
            "s3cr3t-web-pass",
            "url-pass-77",
        ]
    );
    assert!(found.left_out.is_empty(), "{:?}", found.left_out);
}

#[test]
fn the_search_finds_a_secret_that_is_shown() {
    // the search itself must be able to fail: a report that quotes a secret is caught
    let input = Input {
        files: vec![SourceFile::new("compose.yaml", HOSTILE_BASE)],
        ..Input::default()
    };
    let mut report = analyze(&input);
    report.findings[0].message = "the value is s3cr3t-web-pass".to_string();

    let shown: Vec<String> = outputs(&input, &report)
        .into_iter()
        .filter(|(_, text)| text.contains("s3cr3t-web-pass"))
        .map(|(name, _)| name)
        .collect();

    assert!(shown.contains(&"render json".to_string()), "{shown:?}");
    assert!(shown.contains(&"render markdown".to_string()), "{shown:?}");
}
