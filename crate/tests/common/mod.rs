//! What the tests share: the real corpus and how its override files pair with their bases.

// each test crate uses a part of this module
#![allow(dead_code)]
// Test code: a failed unwrap is a failed test, with its message.
#![allow(clippy::unwrap_used)]

pub mod scenarios;

use std::fs;
use std::path::PathBuf;

use compose_architect::SourceFile;

/// `shared/corpus/real`, beside the checkout.
pub fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/real"
    ))
}

/// A corpus file, named by its file name.
pub fn read(name: &str) -> SourceFile {
    SourceFile::new(name, fs::read_to_string(corpus_dir().join(name)).unwrap())
}

/// The names of the corpus's compose files, sorted.
pub fn corpus_names() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect();
    names.sort();
    assert!(names.len() >= 43, "only {} corpus files found", names.len());
    names
}

/// The base file an override file is loaded onto.
pub fn base_of(name: &str) -> Option<&'static str> {
    if name.starts_with("frappe_docker__overrides_") {
        Some("frappe_docker__compose.yaml")
    } else if name.starts_with("docker-elk__extensions_") {
        Some("docker-elk__docker-compose.yaml")
    } else if name == "mattermost-docker__docker-compose.nginx.yaml" {
        Some("mattermost-docker__docker-compose.yaml")
    } else if name == "netbox-docker__docker-compose.test.yaml" {
        Some("netbox-docker__docker-compose.yaml")
    } else {
        None
    }
}

/// A corpus file with its base before it, when it is an override.
pub fn project(name: &str) -> Vec<SourceFile> {
    let mut files: Vec<SourceFile> = base_of(name).into_iter().map(read).collect();
    files.push(read(name));
    files
}
