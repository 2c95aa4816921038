//! Values read from every corpus file agree with an independent YAML implementation
//! (serde_yaml), after both apply merge keys.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::PathBuf;

use compose_architect::yaml::{self, Limits, Node, Resolved, Value};
use serde_json::{Map, Value as Json};

fn ours(node: &Node) -> Json {
    match &node.value {
        Value::Scalar(s) => match s.resolved {
            Resolved::Null => Json::Null,
            Resolved::Bool(b) => Json::Bool(b),
            Resolved::Int(i) => Json::from(i),
            Resolved::Float(f) => serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number),
            Resolved::Str => Json::String(s.text.clone()),
        },
        Value::Seq(items) => Json::Array(items.iter().map(ours).collect()),
        Value::Map(entries) => {
            let mut map = Map::new();
            for entry in entries {
                map.insert(
                    entry.key.as_scalar().unwrap().text.clone(),
                    ours(&entry.value),
                );
            }
            Json::Object(map)
        }
    }
}

fn theirs(value: serde_yaml::Value) -> Json {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => Json::Null,
        Y::Bool(b) => Json::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Json::from(i)
            } else {
                serde_json::Number::from_f64(n.as_f64().unwrap()).map_or(Json::Null, Json::Number)
            }
        }
        Y::String(s) => Json::String(s),
        Y::Sequence(items) => Json::Array(items.into_iter().map(theirs).collect()),
        Y::Mapping(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                let key = match k {
                    Y::String(s) => s,
                    Y::Bool(b) => b.to_string(),
                    Y::Number(n) => n.to_string(),
                    other => format!("{other:?}"),
                };
                out.insert(key, theirs(v));
            }
            Json::Object(out)
        }
        // `!reset` and `!override`: the value itself
        Y::Tagged(tagged) => theirs(tagged.value),
    }
}

#[test]
fn every_corpus_file_reads_the_same_as_serde_yaml() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/real");
    let mut compared = 0;
    let mut failures = Vec::new();

    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();

        let parsed = yaml::parse(&text, 0, Limits::default());
        assert!(
            parsed.errors.is_empty(),
            "{}: {:?}",
            path.display(),
            parsed.errors
        );
        let ours: Vec<Json> = parsed.documents.iter().map(|d| ours(&d.root)).collect();

        let mut oracle = Vec::new();
        for document in serde_yaml::Deserializer::from_str(&text) {
            let mut value: serde_yaml::Value = serde::Deserialize::deserialize(document).unwrap();
            // serde_yaml does not merge keys that a merge itself brought in: repeat to a
            // fixed point
            loop {
                let before = value.clone();
                value.apply_merge().unwrap();
                if value == before {
                    break;
                }
            }
            oracle.push(theirs(value));
        }

        if ours != oracle {
            let a = serde_json::to_string_pretty(&ours).unwrap();
            let b = serde_json::to_string_pretty(&oracle).unwrap();
            let first = a
                .lines()
                .zip(b.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            let show = |t: &str| {
                t.lines()
                    .skip(first.saturating_sub(3))
                    .take(8)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            failures.push(format!(
                "{}\nours:\n{}\nserde_yaml:\n{}",
                path.display(),
                show(&a),
                show(&b)
            ));
        }
        compared += 1;
    }
    assert!(compared >= 43, "only {compared} files compared");
    assert!(
        failures.is_empty(),
        "differ from serde_yaml:\n{}",
        failures.join("\n\n")
    );
}
