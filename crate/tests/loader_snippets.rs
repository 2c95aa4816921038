//! compose-go's loader tests that expect an error outside the schema (YAML, loading and
//! cross-field validation): each is run through the analyzer, and the error must come
//! back with the same meaning at a position. The table is written to
//! docs/loader-snippets-loading.md (run with UPDATE_SNIPPET_TABLE=1 to rewrite it).

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::PathBuf;

use compose_architect::{Input, SourceFile, analyze};

/// (test, compose-go's text, the words our finding must contain, or why it is left out)
const EXPECTED: &[(&str, &str, Result<&str, &str>)] = &[
    (
        "TestNonStringKeys",
        "non-string key at top level: 123",
        Err(
            "the snippets hold no YAML for this case (compose-go builds it as a Go map); `top_level_non_string_keys` checks it",
        ),
    ),
    (
        "TestNonStringKeys",
        "non-string key in services: 123",
        Ok("non-string key in services: 123"),
    ),
    (
        "TestNonStringKeys",
        "non-string key in networks.default.ipam.config[0]: 123",
        Ok("non-string key in networks.default.ipam.config[0]: 123"),
    ),
    (
        "TestNonStringKeys",
        "non-string key in services.dict-env.environment: 1",
        Ok("non-string key in services.dict-env.environment: 1"),
    ),
    (
        "TestInvalidExternalAndDriverCombination",
        "volumes.external_volume: conflicting parameters \"external\" and \"driver\" specified",
        Ok("volumes.external_volume: conflicting parameters \"external\" and \"driver\" specified"),
    ),
    (
        "TestInvalidExternalAndDirverOptsCombination",
        "volumes.external_volume: conflicting parameters \"external\" and \"driver_opts\" specified",
        Ok("conflicting parameters \"external\" and \"driver_opts\" specified"),
    ),
    (
        "TestInvalidExternalAndLabelsCombination",
        "volumes.external_volume: conflicting parameters \"external\" and \"labels\" specified",
        Ok("conflicting parameters \"external\" and \"labels\" specified"),
    ),
    (
        "TestLoadVolumeInvalidExternalNameAndNameCombination",
        "volumes.external_volume: name and external.name conflict; only use name",
        Ok("volumes.external_volume: name and external.name conflict; only use name"),
    ),
    (
        "TestLoadBindMountSourceMustNotBeEmpty",
        "invalid mount config for type \"bind\": field Source must not be empty",
        Ok("field Source must not be empty"),
    ),
    (
        "TestLoadSecretInvalidExternalNameAndNameCombination",
        "secrets.external_secret: name and external.name conflict; only use name",
        Ok("secrets.external_secret: name and external.name conflict; only use name"),
    ),
    (
        "TestLoadNetworkInvalidExternalNameAndNameCombination",
        "networks.foo: name and external.name conflict; only use name",
        Ok("networks.foo: name and external.name conflict; only use name"),
    ),
    (
        "TestServiceDeviceRequestCountAndDeviceIdsExclusive",
        "\"count\" and \"device_ids\" attributes are exclusive",
        Ok("\"count\" and \"device_ids\" attributes are exclusive"),
    ),
    (
        "TestLoadWithResourcesCycle",
        "Circular reference",
        Err(
            "a remote resource (remote:cycle/compose.yaml): nothing is fetched, so it is reported as a file not given",
        ),
    ),
    (
        "TestBadServiceConfig",
        "service redis declares mutually exclusive `network_mode` and `networks`",
        Ok("service redis declares mutually exclusive `network_mode`"),
    ),
    (
        "TestLoadEmptyContent_MissingProject",
        "project name must not be empty",
        Err("by design: a project without a name is named after its directory, or `project`"),
    ),
    (
        "TestWithSelectedServicesOption_SkipsMissingEnvFile",
        "this-file-does-not-exist.env",
        Ok("env file this-file-does-not-exist.env was not given"),
    ),
    (
        "Test_DuplicateReset",
        "line 6: mapping key \"command\" already defined at line 5",
        Ok("mapping key \"command\" already defined at line 5"),
    ),
    (
        "TestAliasBombPrevented",
        "excessive aliasing",
        Ok("excessive aliasing"),
    ),
    (
        "TestAliasNodePreservation",
        "excessive aliasing",
        Ok("excessive aliasing"),
    ),
    (
        "TestMergeKeyAliasToScalarRejected",
        "map merge requires map",
        Ok("a merge key needs a mapping or a list of mappings"),
    ),
];

#[derive(serde::Deserialize)]
struct Snippet {
    test: String,
    yaml_inputs: Vec<String>,
}

fn snippets() -> Vec<Snippet> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/peer/compose-go-loader-snippets.jsonl");
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn loading_errors_of_compose_gos_tests_are_reproduced_at_a_position() {
    let snippets = snippets();
    let mut rows = Vec::new();
    let mut reproduced = 0;

    for (test, expected, ours) in EXPECTED {
        let snippet = snippets
            .iter()
            .find(|s| s.test == *test)
            .unwrap_or_else(|| panic!("{test} is not in the snippets"));
        let findings: Vec<_> = snippet
            .yaml_inputs
            .iter()
            .flat_map(|yaml| {
                analyze(&Input {
                    files: vec![SourceFile::new("compose.yaml", yaml.as_str())],
                    ..Input::default()
                })
                .findings
            })
            .collect();

        let (cell, result) = match ours {
            Ok(words) => match findings.iter().find(|f| f.message.contains(words)) {
                Some(f) => {
                    reproduced += 1;
                    (
                        format!("{} (`{}`)", f.message, f.rule),
                        format!("yes, at {}:{}", f.start.line, f.start.column),
                    )
                }
                None => panic!("{test}: no finding says {words:?}; found {findings:#?}"),
            },
            Err(why) => (String::from("—"), format!("no: {why}")),
        };
        rows.push(format!(
            "| {test} | {} | {} | {result} |",
            expected.replace('|', "\\|"),
            cell.replace('|', "\\|")
        ));
    }

    let doc = format!(
        "# compose-go loader tests: the loading errors we reproduce\n\n\
         Generated by `cargo test --test loader_snippets` from\n\
         `shared/corpus/peer/compose-go-loader-snippets.jsonl` (run it with\n\
         `UPDATE_SNIPPET_TABLE=1` to rewrite this file; the test fails while it is stale).\n\
         These are the expected errors outside the schema; the schema errors are in\n\
         `loader-snippets-schema.md`. A row counts as reproduced when the analyzer reports a\n\
         finding of the same meaning, at a position.\n\n\
         Reproduced: **{reproduced} of {}**.\n\n\
         | test | compose-go expects | ours | reproduced |\n|---|---|---|---|\n{}\n",
        EXPECTED.len(),
        rows.join("\n")
    );
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/loader-snippets-loading.md");
    if std::env::var_os("UPDATE_SNIPPET_TABLE").is_some() {
        fs::write(&path, &doc).unwrap();
    }
    assert_eq!(
        fs::read_to_string(&path).unwrap_or_default(),
        doc,
        "{} is stale",
        path.display()
    );
    assert!(reproduced >= 17, "reproduced {reproduced}");
}

#[test]
fn top_level_non_string_keys() {
    let report = analyze(&Input {
        files: vec![SourceFile::new(
            "compose.yaml",
            "services:\n  a:\n    image: x\n123: oh\n",
        )],
        ..Input::default()
    });
    let found = report
        .findings
        .iter()
        .find(|f| f.message == "non-string key at top level: 123")
        .unwrap();
    assert_eq!((found.start.line, found.start.column), (4, 1));
}
