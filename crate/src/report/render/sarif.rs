//! SARIF 2.1.0: one run of compose-architect, with the metadata of every rule that has a
//! result (taken from the rule's documentation), the files as artifacts, and one result
//! per finding. Our columns are SARIF's default unit, UTF-16 code units, 1-based with an
//! exclusive end, so positions are copied as they are.

use std::collections::BTreeMap;

use serde::Serialize;

// the rules' documentation lives with the rules: the one arrow from `report` back to
// `analyze`, for the metadata in `rules[]`
use crate::report::RuleInfo;
use crate::report::{Category, Finding, Report, Severity};
use crate::source::SourceFile;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub(super) fn render(report: &Report, files: &[SourceFile], documented: &[RuleInfo]) -> String {
    let rules = rules(&report.findings);
    let artifacts = artifacts(&report.findings, files);
    let results = report
        .findings
        .iter()
        .map(|finding| result(finding, &rules, &artifacts))
        .collect();

    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "compose-architect",
                    version: crate::version(),
                    semantic_version: crate::version(),
                    rules: rules
                        .iter()
                        .map(|(id, first)| descriptor(id, first, documented))
                        .collect(),
                },
            },
            artifacts: artifacts
                .iter()
                .map(|artifact| Artifact {
                    location: ArtifactUri {
                        uri: uri(artifact.path),
                    },
                    length: artifact.length,
                    roles: ["analysisTarget"],
                })
                .collect(),
            results,
            column_kind: "utf16CodeUnits",
        }],
    };

    // serializing these types cannot fail: every map key is a string
    let mut out = crate::json::pretty(&log);
    out.push('\n');
    out
}

/// Each rule with results, by id, with its first finding (for a rule without
/// documentation, its category and severity come from there).
fn rules(findings: &[Finding]) -> BTreeMap<&str, &Finding> {
    let mut rules = BTreeMap::new();
    for finding in findings {
        rules.entry(finding.rule.as_str()).or_insert(finding);
    }
    rules
}

fn descriptor(id: &str, first: &Finding, documented: &[RuleInfo]) -> Descriptor {
    let documented = documented.iter().find(|rule| rule.id == id);
    let (short, full, help, category, severity) = match documented {
        Some(rule) => (
            rule.summary.clone(),
            rule.why.clone(),
            documented_help(rule),
            rule.category,
            rule.severity,
        ),
        None => undocumented(id, first),
    };

    Descriptor {
        id: id.to_string(),
        name: pascal_case(id),
        short_description: Message { text: short },
        full_description: Message { text: full },
        help,
        default_configuration: Configuration {
            level: level(severity),
            enabled: documented.is_none_or(|rule| rule.enabled_by_default),
        },
        properties: RuleProperties {
            category: category.as_str(),
            tags: [category.as_str()],
        },
    }
}

/// The help of a documented rule: how to fix it, and in Markdown also a flagged and a
/// fixed example.
fn documented_help(rule: &RuleInfo) -> Help {
    let fix = rule.fix.trim();
    let limitations = rule.limitations.trim();
    let text = format!("{fix}\n\nKnown limitations: {limitations}");

    let mut markdown = format!("{fix}\n\n");
    if !rule.bad.trim().is_empty() {
        markdown.push_str(&format!("Flagged:\n\n{}\n\n", yaml_block(&rule.bad)));
    }
    if !rule.good.trim().is_empty() {
        markdown.push_str(&format!("Not flagged:\n\n{}\n\n", yaml_block(&rule.good)));
    }
    markdown.push_str(&format!("**Known limitations.** {limitations}"));
    Help { text, markdown }
}

/// The metadata of a rule that has no documentation (a report read back from JSON may
/// name any rule): its id, and the category and severity of its first finding.
fn undocumented(id: &str, first: &Finding) -> (String, String, Help, Category, Severity) {
    let category = first.category.as_str();
    let short = format!("A {category} problem: {}.", id.replace('-', " "));
    let full = format!(
        "Reported as {id} while the files were read and checked ({category}). The message \
         of each result says what was found."
    );
    let text = "Each result's message says what was found, and its properties.help what \
                to do, where there is a hint."
        .to_string();
    let help = Help {
        markdown: text.replace("properties.help", "`properties.help`"),
        text,
    };
    (short, full, help, first.category, first.severity)
}

/// A fenced YAML block that no backtick run inside the example can close.
fn yaml_block(example: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in example.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}yaml\n{}\n{fence}", example.trim_end_matches('\n'))
}

fn result<'r>(
    finding: &'r Finding,
    rules: &BTreeMap<&str, &Finding>,
    artifacts: &[ArtifactInfo<'_>],
) -> SarifResult<'r> {
    let rule_index = rules
        .keys()
        .position(|id| *id == finding.rule)
        .unwrap_or_default();
    let (start, end) = super::range(finding.start, finding.end);
    let index = artifacts.iter().position(|a| a.path == finding.file);

    let locations = match index {
        Some(index) if !finding.file.is_empty() => vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: ArtifactLocation {
                    uri: uri(&finding.file),
                    index,
                },
                region: Region {
                    start_line: start.line,
                    start_column: start.column,
                    end_line: end.line,
                    end_column: end.column,
                },
            },
        }],
        _ => Vec::new(),
    };

    SarifResult {
        rule_id: &finding.rule,
        rule_index,
        level: level(finding.severity),
        message: Message {
            text: finding.message.clone(),
        },
        locations,
        properties: ResultProperties {
            category: finding.category.as_str(),
            help: finding.help.as_deref(),
        },
    }
}

/// A file of the analysis.
#[derive(Debug)]
struct ArtifactInfo<'a> {
    path: &'a str,
    /// Its length in bytes, where its text was given.
    length: Option<usize>,
}

/// The files given, in their order, then any other file a finding names.
fn artifacts<'a>(findings: &'a [Finding], files: &'a [SourceFile]) -> Vec<ArtifactInfo<'a>> {
    let mut artifacts: Vec<ArtifactInfo<'a>> = Vec::new();
    let given = files.iter().map(|f| (f.path.as_str(), Some(f.text.len())));
    let named = findings.iter().map(|f| (f.file.as_str(), None));

    for (path, length) in given.chain(named) {
        if path.is_empty() || artifacts.iter().any(|a| a.path == path) {
            continue;
        }
        artifacts.push(ArtifactInfo { path, length });
    }
    artifacts
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// `hardcoded-secret` → `HardcodedSecret`: SARIF's `name` is a Pascal-case identifier.
fn pascal_case(id: &str) -> String {
    id.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// A path as a relative URI reference: `/` separates, and every byte that a URI path may
/// not hold as it is (a space, `%`, `#`, `?`, `:`, anything not ASCII) is percent-encoded.
/// A Windows path with a drive letter becomes a `file:` URI.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let drive = matches!(path.as_bytes(), [letter, b':', b'/', ..] if letter.is_ascii_alphabetic());

    let mut out = String::with_capacity(path.len());
    let mut rest = path.as_str();
    if let (true, Some(letter), Some(after)) = (drive, path.get(..2), path.get(2..)) {
        out.push_str("file:///");
        out.push_str(letter);
        rest = after;
    }
    for byte in rest.bytes() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'/' | b'-'
                    | b'.'
                    | b'_'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            );
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[derive(Debug, Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Debug, Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Descriptor>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: String,
    name: String,
    short_description: Message,
    full_description: Message,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Debug, Serialize)]
struct Message {
    text: String,
}

#[derive(Debug, Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Debug, Serialize)]
struct Configuration {
    level: &'static str,
    /// Written only for a rule that runs only when the configuration turns it on.
    #[serde(skip_serializing_if = "is_true")]
    enabled: bool,
}

/// For `skip_serializing_if`, which passes a reference.
fn is_true(value: &bool) -> bool {
    *value
}

#[derive(Debug, Serialize)]
struct RuleProperties {
    category: &'static str,
    tags: [&'static str; 1],
}

#[derive(Debug, Serialize)]
struct Artifact {
    location: ArtifactUri,
    #[serde(skip_serializing_if = "Option::is_none")]
    length: Option<usize>,
    roles: [&'static str; 1],
}

#[derive(Debug, Serialize)]
struct ArtifactUri {
    uri: String,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<Location>,
    properties: ResultProperties<'a>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Debug, Serialize)]
struct ArtifactLocation {
    uri: String,
    index: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Debug, Serialize)]
struct ResultProperties<'a> {
    category: &'static str,
    /// What to do about this finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_pascal_case() {
        assert_eq!(pascal_case("hardcoded-secret"), "HardcodedSecret");
        assert_eq!(
            pascal_case("yaml11-ambiguous-boolean"),
            "Yaml11AmbiguousBoolean"
        );
    }

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("compose.yaml"), "compose.yaml");
        assert_eq!(uri("deploy/my app/é.yml"), "deploy/my%20app/%C3%A9.yml");
        assert_eq!(uri("a:b#c?.yaml"), "a%3Ab%23c%3F.yaml");
        assert_eq!(uri(r"C:\work\compose.yaml"), "file:///C:/work/compose.yaml");
    }
}
