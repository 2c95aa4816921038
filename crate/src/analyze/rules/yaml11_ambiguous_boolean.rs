//! `yaml11-ambiguous-boolean`: an unquoted `yes`, `no`, `on`, `off`, `y` or `n` where
//! Compose expects a string, which YAML 1.1 tools read as a boolean.

use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};
use crate::yaml::{Node, Style};

pub const RULE: Rule = Rule {
    id: "yaml11-ambiguous-boolean",
    category: Category::Correctness,
    severity: Severity::Info,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "An unquoted `yes`/`no`/`on`/`off`/`y`/`n` is a string to Compose but a boolean to YAML 1.1 tools.",
        why: "Compose v2 reads YAML 1.2, where `FEATURE: on` is the string \"on\". YAML 1.1 \
              tools (docker-compose v1, podman-compose, PyYAML scripts) read it as the \
              boolean true: they refuse the file (\"contains true, which is an invalid \
              type\"), or pass \"True\" instead of \"on\". `restart: no` is the classic case.",
        bad: "services:\n  web:\n    image: nginx:1.27\n    environment:\n      FEATURE_FLAG: on\n",
        good: "services:\n  web:\n    image: nginx:1.27\n    environment:\n      FEATURE_FLAG: \"on\"\n",
        fix: "Quote the value (`\"on\"`), so every tool reads the same string.",
        limitations: "Read where Compose expects a string: the values of `environment`, \
                      `labels`, `annotations`, `build.args`, `build.labels`, `deploy.labels` \
                      in map form, and `restart`. The words are YAML 1.1's own, in the three \
                      spellings it accepts (`yes`, `Yes`, `YES`); `yEs` is a string \
                      everywhere. Boolean fields (`privileged: yes`) mean the same in both \
                      and are not reported. Keys are not read.",
    },
};

/// YAML 1.1's boolean words other than true and false, and what they mean there.
const WORDS: &[(&str, bool)] = &[
    ("y", true),
    ("Y", true),
    ("yes", true),
    ("Yes", true),
    ("YES", true),
    ("on", true),
    ("On", true),
    ("ON", true),
    ("n", false),
    ("N", false),
    ("no", false),
    ("No", false),
    ("NO", false),
    ("off", false),
    ("Off", false),
    ("OFF", false),
];

/// Mappings whose values Compose reads as strings, by their path in the service.
const STRING_MAPS: &[&[&str]] = &[
    &["environment"],
    &["labels"],
    &["annotations"],
    &["build", "args"],
    &["build", "labels"],
    &["deploy", "labels"],
];

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        for path in STRING_MAPS {
            let mut node = Some(&service.node);
            for key in *path {
                node = node.and_then(|n| n.get(key));
            }
            let Some(entries) = node.and_then(Node::as_map) else {
                continue;
            };
            for entry in entries {
                let Some((word, meaning)) = ambiguous(&entry.value) else {
                    continue;
                };
                let name = entry.key.as_str().unwrap_or("");
                sink.report(
                    entry.value.span,
                    format!(
                        "{} value {word} of {name} is unquoted, and YAML 1.1 tools read it as \
                         the boolean {meaning}",
                        path.join(".")
                    ),
                    Some(format!("quote it: \"{word}\"")),
                );
            }
        }

        if let Some(restart) = service.node.get("restart") {
            if let Some((word, meaning)) = ambiguous(restart) {
                sink.report(
                    restart.span,
                    format!(
                        "restart: {word} is unquoted, and YAML 1.1 tools read it as the boolean \
                         {meaning}, which is no restart policy"
                    ),
                    Some(format!("quote it: restart: \"{word}\"")),
                );
            }
        }
    }
}

/// The word and its YAML 1.1 meaning, for a plain, untagged scalar that is one.
fn ambiguous(node: &Node) -> Option<(&'static str, bool)> {
    let scalar = node.as_scalar()?;
    if scalar.style != Style::Plain || node.tag.is_some() || scalar.original.is_some() {
        return None;
    }
    WORDS
        .iter()
        .find(|(word, _)| *word == scalar.text)
        .map(|(word, meaning)| (*word, *meaning))
}
