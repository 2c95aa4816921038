//! The renderers, on one small analysis of two files: the text form's snippets and
//! carets (non-ASCII and a tab before a column, a last line without a newline), the
//! JSON, SARIF, Markdown and GitHub forms, their escaping, and that no form shows a
//! hard-coded secret.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use compose_architect::analyze::rules;
use compose_architect::report::{
    ChecklistItem, ChecklistStatus, Finding, Format, Report, render, summarize,
};
use compose_architect::yaml::Position;
use compose_architect::{Input, SourceFile, analyze};

/// The base file: a tab and non-ASCII characters before the secret's column, and
/// non-ASCII before an invalid label's.
const BASE: &str = "services:\n  web:\n    image: nginx\n    environment: {NOTE:\t\"é😀\", DB_PASSWORD: pw-a1b2c3}\n    labels: {note: \"é😀\", x: [a, b]}\n";

/// The override: a secret in list form, one in a block scalar, and a finding on the last
/// line, which has no newline.
const OVERRIDE: &str = "services:\n  web:\n    environment:\n      - API_TOKEN=tok-7f9e\n  worker:\n    image: busybox:1.36\n    environment:\n      SECRET_KEY: >-\n        block-scalar-secret-9\n    privileged: true";

const SECRETS: &[&str] = &["pw-a1b2c3", "tok-7f9e", "block-scalar-secret-9"];

/// The rules this test keeps: others come and go as the analyzer grows.
const UNDER_TEST: &[&str] = &[
    "hardcoded-secret",
    "unpinned-image",
    "privileged-container",
    "schema-violation",
];

fn files() -> Vec<SourceFile> {
    vec![
        SourceFile::new("compose.yaml", BASE),
        SourceFile::new("compose.override.yaml", OVERRIDE),
    ]
}

/// The analysis of the two files, with the findings of the rules under test and a fixed
/// checklist.
fn report() -> Report {
    let mut report = analyze(&Input {
        files: files(),
        ..Input::default()
    });
    report
        .findings
        .retain(|f| UNDER_TEST.contains(&f.rule.as_str()));
    let blocking = report
        .findings
        .iter()
        .filter(|f| f.rule == "hardcoded-secret" || f.rule == "privileged-container")
        .count();
    report.summary = summarize(&report.findings, 2, blocking);
    report.checklist = vec![
        item("health-checks", "Health checks pass", ChecklistStatus::Pass),
        item("images", "Images | tags `pinned`", ChecklistStatus::Fail),
        item(
            "sla",
            "SLA requirements *documented*",
            ChecklistStatus::NeedsAnswer,
        ),
    ];
    report
}

fn item(id: &str, text: &str, status: ChecklistStatus) -> ChecklistItem {
    ChecklistItem {
        id: id.to_string(),
        text: text.to_string(),
        status,
        evidence: vec![
            format!("evidence for {id}"),
            "a <b>second</b> line".to_string(),
        ],
        rules: vec!["unpinned-image".to_string()],
    }
}

fn finding(rule: &str, file: &str, start: (u32, u32), end: (u32, u32)) -> Finding {
    Finding {
        rule: rule.to_string(),
        category: compose_architect::report::Category::Readiness,
        severity: compose_architect::report::Severity::Warning,
        message: "a message".to_string(),
        help: None,
        file: file.to_string(),
        start: Position {
            line: start.0,
            column: start.1,
        },
        end: Position {
            line: end.0,
            column: end.1,
        },
    }
}

#[test]
fn text_shows_each_finding_on_its_line_with_a_caret() {
    // the tab is kept in the caret line, and é and 😀 take one place each (😀 is two
    // UTF-16 units); the last line of the override has no newline
    let expected = TEXT;
    assert_eq!(
        render(&report(), &files(), Format::Text, &rules()),
        expected
    );
}

const TEXT: &str = "\
warning[unpinned-image]: image nginx has no tag, so it means nginx:latest
 --> compose.yaml:3:12
  |
3 |     image: nginx
  |            ^^^^^
  = help: pin a version tag or a digest

error[hardcoded-secret]: service web sets DB_PASSWORD to a hard-coded secret
 --> compose.yaml:4:45
  |
4 |     environment: {NOTE:\t\"é😀\", DB_PASSWORD: ********
  |                        \t                    ^^^^^^^^
  = help: use a required variable, DB_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD}, and list DB_PASSWORD in .env.example

error[schema-violation]: services.web.labels.x must be a string, a number, a boolean or null
 --> compose.yaml:5:30
  |
5 |     labels: {note: \"é😀\", x: [a, b]}
  |                              ^^^^^^

error[hardcoded-secret]: service web sets API_TOKEN to a hard-coded secret
 --> compose.override.yaml:4:9
  |
4 |       - API_TOKEN=********
  |         ^^^^^^^^^^^^^^^^^^
  = help: use a required variable, API_TOKEN: ${API_TOKEN:?set API_TOKEN}, and list API_TOKEN in .env.example

error[hardcoded-secret]: service worker sets SECRET_KEY to a hard-coded secret
 --> compose.override.yaml:8:7
  |
8 |       SECRET_KEY: ********
  |       ^^^^^^^^^^
  = help: use a required variable, SECRET_KEY: ${SECRET_KEY:?set SECRET_KEY}, and list SECRET_KEY in .env.example

error[privileged-container]: service worker runs privileged
  --> compose.override.yaml:10:17
   |
10 |     privileged: true
   |                 ^^^^
   = help: remove `privileged: true` and add only the capabilities (cap_add) or devices (devices) the service needs

5 errors, 1 warning, 0 infos in 2 services; not ready for onboarding: 4 findings block onboarding
";

#[test]
fn text_without_the_files_has_no_snippets() {
    let mut report = report();
    report.findings.truncate(2);
    let expected = "\
warning[unpinned-image]: image nginx has no tag, so it means nginx:latest
 --> compose.yaml:3:12
  = help: pin a version tag or a digest

error[hardcoded-secret]: service web sets DB_PASSWORD to a hard-coded secret
 --> compose.yaml:4:45
  = help: use a required variable, DB_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD}, and list DB_PASSWORD in .env.example

5 errors, 1 warning, 0 infos in 2 services; not ready for onboarding: 4 findings block onboarding
";
    assert_eq!(render(&report, &[], Format::Text, &rules()), expected);
}

#[test]
fn markdown_has_the_summary_findings_by_file_images_and_checklist() {
    let expected = MARKDOWN;
    assert_eq!(
        render(&report(), &files(), Format::Markdown, &rules()),
        expected
    );
}

const MARKDOWN: &str = "\
## compose-architect report

**Not ready for onboarding:** 4 findings block onboarding.

| errors | warnings | infos | services | blocking | suppressed |
|---:|---:|---:|---:|---:|---:|
| 5 | 1 | 0 | 2 | 4 | 0 |

### Findings

#### compose.yaml (3 findings)

| severity | rule | location | message | help |
|---|---|---|---|---|
| warning | `unpinned-image` | compose.yaml:3 | image nginx has no tag, so it means nginx:latest | pin a version tag or a digest |
| error | `hardcoded-secret` | compose.yaml:4 | service web sets DB\\_PASSWORD to a hard-coded secret | use a required variable, DB\\_PASSWORD: \\${DB\\_PASSWORD:?set DB\\_PASSWORD}, and list DB\\_PASSWORD in .env.example |
| error | `schema-violation` | compose.yaml:5 | services.web.labels.x must be a string, a number, a boolean or null |  |

#### compose.override.yaml (3 findings)

| severity | rule | location | message | help |
|---|---|---|---|---|
| error | `hardcoded-secret` | compose.override.yaml:4 | service web sets API\\_TOKEN to a hard-coded secret | use a required variable, API\\_TOKEN: \\${API\\_TOKEN:?set API\\_TOKEN}, and list API\\_TOKEN in .env.example |
| error | `hardcoded-secret` | compose.override.yaml:8 | service worker sets SECRET\\_KEY to a hard-coded secret | use a required variable, SECRET\\_KEY: \\${SECRET\\_KEY:?set SECRET\\_KEY}, and list SECRET\\_KEY in .env.example |
| error | `privileged-container` | compose.override.yaml:10 | service worker runs privileged | remove \\`privileged: true\\` and add only the capabilities (cap\\_add) or devices (devices) the service needs |

### Images

| service | image | registry | tag | digest | notes |
|---|---|---|---|---|---|
| web | `nginx` | docker.io |  |  |  |
| worker | `busybox:1.36` | docker.io | 1.36 |  |  |

### Pre-handoff checklist

| status | item | evidence | rules |
|---|---|---|---|
| ✅ pass | Health checks pass | evidence for health-checks<br>a &lt;b&gt;second&lt;/b&gt; line | `unpinned-image` |
| ❌ fail | Images \\| tags \\`pinned\\` | evidence for images<br>a &lt;b&gt;second&lt;/b&gt; line | `unpinned-image` |
| ❓ needs answer | SLA requirements \\*documented\\* | evidence for sla<br>a &lt;b&gt;second&lt;/b&gt; line | `unpinned-image` |

";

#[test]
fn github_writes_one_command_per_finding() {
    let expected = GITHUB;
    assert_eq!(
        render(&report(), &files(), Format::Github, &rules()),
        expected
    );
}

const GITHUB: &str = "\
::warning file=compose.yaml,line=3,col=12,endLine=3,endColumn=17,title=unpinned-image::image nginx has no tag, so it means nginx:latest%0Ahelp: pin a version tag or a digest
::error file=compose.yaml,line=4,col=45,endLine=4,endColumn=54,title=hardcoded-secret::service web sets DB_PASSWORD to a hard-coded secret%0Ahelp: use a required variable, DB_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD}, and list DB_PASSWORD in .env.example
::error file=compose.yaml,line=5,col=30,endLine=5,endColumn=36,title=schema-violation::services.web.labels.x must be a string, a number, a boolean or null
::error file=compose.override.yaml,line=4,col=9,endLine=4,endColumn=27,title=hardcoded-secret::service web sets API_TOKEN to a hard-coded secret%0Ahelp: use a required variable, API_TOKEN: ${API_TOKEN:?set API_TOKEN}, and list API_TOKEN in .env.example
::error file=compose.override.yaml,line=8,col=7,endLine=8,endColumn=17,title=hardcoded-secret::service worker sets SECRET_KEY to a hard-coded secret%0Ahelp: use a required variable, SECRET_KEY: ${SECRET_KEY:?set SECRET_KEY}, and list SECRET_KEY in .env.example
::error file=compose.override.yaml,line=10,col=17,endLine=10,endColumn=21,title=privileged-container::service worker runs privileged%0Ahelp: remove `privileged: true` and add only the capabilities (cap_add) or devices (devices) the service needs
";

/// The source text under a caret line, as a terminal lines them up: 😀 takes two
/// columns, every other character of these files one, a tab stays a tab.
fn under_carets(source: &str, carets: &str) -> String {
    let columns = |c: char| if c == '😀' { 2 } else { 1 };
    let lead = carets.chars().take_while(|&c| c != '^').count();
    let width = carets.chars().filter(|&c| c == '^').count();
    let mut at = 0;
    let mut under = String::new();
    for c in source.chars() {
        if at >= lead && at < lead + width {
            under.push(c);
        }
        at += columns(c);
    }
    under
}

#[test]
fn carets_line_up_by_columns_after_non_ascii_and_a_tab() {
    let text = render(&report(), &files(), Format::Text, &rules());
    let lines: Vec<&str> = text.lines().collect();

    // the invalid label `[a, b]` on line 5, after "é😀"
    let at = lines.iter().position(|l| l.starts_with("5 | ")).unwrap();
    let source = lines[at].strip_prefix("5 | ").unwrap();
    let carets = lines[at + 1].strip_prefix("  | ").unwrap();
    assert_eq!(under_carets(source, carets), "[a, b]");

    // the secret on line 4, after a tab, é and 😀: the tab stays a tab in the lead
    let at = lines
        .iter()
        .position(|l| l.starts_with("4 |     environment"))
        .unwrap();
    let carets = lines[at + 1].strip_prefix("  | ").unwrap();
    let lead: String = carets.chars().take_while(|&c| c != '^').collect();
    assert_eq!(lead.matches('\t').count(), 1);
    let source = lines[at].strip_prefix("4 | ").unwrap();
    let tab = source.chars().position(|c| c == '\t').unwrap();
    assert_eq!(lead.chars().position(|c| c == '\t'), Some(tab));
    assert_eq!(under_carets(source, carets), "********");
}

#[test]
fn no_form_shows_a_hard_coded_secret() {
    let mut report = report();
    // findings of other rules on the secrets' lines, and on the line of the block
    // scalar's value, which the secret's own finding does not reach
    for (line, column) in [(4, 5), (9, 9)] {
        report.findings.push(finding(
            "shell-variable-in-compose",
            "compose.override.yaml",
            (line, column),
            (line, column + 3),
        ));
    }
    report
        .findings
        .push(finding("unpinned-image", "compose.yaml", (4, 18), (4, 19)));

    for format in Format::ALL {
        let out = render(&report, &files(), format, &rules());
        for secret in SECRETS {
            assert!(
                !out.contains(secret),
                "{} shows {secret}:\n{out}",
                format.name()
            );
        }
    }

    let text = render(&report, &files(), Format::Text, &rules());
    assert!(text.contains("4 |       - API_TOKEN=********\n"), "{text}");
    assert!(text.contains("9 |         ********\n"), "{text}");
    assert!(text.contains("SECRET_KEY: ********\n"), "{text}");
}

#[test]
fn json_is_the_versioned_report_and_reads_back() {
    let report = report();
    let json = render(&report, &files(), Format::Json, &rules());

    assert_eq!(json, serde_json::to_string_pretty(&report).unwrap() + "\n");
    assert!(json.starts_with("{\n  \"version\": 1,\n  \"findings\": [\n"));
    let back: Report = serde_json::from_str(&json).unwrap();
    assert_eq!(back, report);
}

#[test]
fn sarif_has_one_run_with_rules_results_and_artifacts() {
    let report = report();
    let sarif: serde_json::Value =
        serde_json::from_str(&render(&report, &files(), Format::Sarif, &rules())).unwrap();

    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        sarif["$schema"]
            .as_str()
            .unwrap()
            .ends_with("sarif-2.1.0.json")
    );
    let runs = sarif["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "utf16CodeUnits");

    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "compose-architect");
    assert_eq!(driver["version"], compose_architect::version());
    assert!(driver.get("informationUri").is_none());

    // every rule that has a result, once, by id
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut expected: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
    expected.sort_unstable();
    expected.dedup();
    assert_eq!(ids, expected);
    let secret = &rules[ids.iter().position(|id| *id == "hardcoded-secret").unwrap()];
    assert_eq!(secret["name"], "HardcodedSecret");
    assert_eq!(secret["defaultConfiguration"]["level"], "error");
    assert_eq!(secret["properties"]["category"], "readiness");
    for key in ["shortDescription", "fullDescription"] {
        assert!(!secret[key]["text"].as_str().unwrap().is_empty(), "{key}");
    }
    assert!(
        secret["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("```yaml\n")
    );
    assert!(!secret["help"]["text"].as_str().unwrap().is_empty());

    let artifacts: Vec<&str> = run["artifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["location"]["uri"].as_str().unwrap())
        .collect();
    assert_eq!(artifacts, ["compose.yaml", "compose.override.yaml"]);

    // one result per finding, in order, at the finding's own positions
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), report.findings.len());
    for (result, finding) in results.iter().zip(&report.findings) {
        assert_eq!(result["ruleId"], finding.rule.as_str());
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], finding.rule.as_str());
        assert_eq!(result["message"]["text"], finding.message.as_str());
        let level = match finding.severity {
            compose_architect::report::Severity::Error => "error",
            compose_architect::report::Severity::Warning => "warning",
            compose_architect::report::Severity::Info => "note",
        };
        assert_eq!(result["level"], level);

        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], finding.file.as_str());
        let artifact = usize::try_from(location["artifactLocation"]["index"].as_u64().unwrap());
        assert_eq!(artifacts[artifact.unwrap()], finding.file);
        let region = &location["region"];
        assert_eq!(region["startLine"], finding.start.line);
        assert_eq!(region["startColumn"], finding.start.column);
        assert_eq!(region["endLine"], finding.end.line);
        assert_eq!(region["endColumn"], finding.end.column);
    }

    // the secret's result on line 4 of compose.yaml, after é and 😀: column 45 counts
    // 😀 as two units, as SARIF's utf16CodeUnits does
    let db = results
        .iter()
        .find(|r| {
            r["message"]["text"]
                .as_str()
                .unwrap()
                .contains("DB_PASSWORD")
        })
        .unwrap();
    assert_eq!(
        db["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 4, "startColumn": 45, "endLine": 4, "endColumn": 54})
    );
}

#[test]
fn sarif_describes_a_rule_it_has_no_documentation_for() {
    let mut report = report();
    report.findings = vec![
        finding("made-up-rule", "elsewhere.yaml", (1, 1), (1, 2)),
        finding("made-up-rule", "", (2, 1), (2, 2)),
    ];
    let sarif: serde_json::Value =
        serde_json::from_str(&render(&report, &[], Format::Sarif, &rules())).unwrap();
    let run = &sarif["runs"][0];

    let rule = &run["tool"]["driver"]["rules"][0];
    assert_eq!(rule["id"], "made-up-rule");
    assert_eq!(rule["name"], "MadeUpRule");
    assert_eq!(rule["defaultConfiguration"]["level"], "warning");
    assert!(
        !rule["shortDescription"]["text"]
            .as_str()
            .unwrap()
            .is_empty()
    );
    // a file only a finding names is an artifact too; a finding with no file has no
    // location
    assert_eq!(run["artifacts"][0]["location"]["uri"], "elsewhere.yaml");
    assert_eq!(run["artifacts"].as_array().unwrap().len(), 1);
    assert!(run["results"][1].get("locations").is_none());
}

#[test]
fn github_escapes_messages_and_properties() {
    let mut report = report();
    let mut odd = finding("rule,with:odd", "dir,a/b:c.yaml", (2, 3), (2, 9));
    odd.message = "100% sure\r\nsecond line: a, b".to_string();
    odd.severity = compose_architect::report::Severity::Info;
    let mut multi_line = finding("unpinned-image", "compose.yaml", (2, 3), (4, 1));
    multi_line.severity = compose_architect::report::Severity::Error;
    report.findings = vec![odd, multi_line];

    assert_eq!(
        render(&report, &[], Format::Github, &rules()),
        "::notice file=dir%2Ca/b%3Ac.yaml,line=2,col=3,endLine=2,endColumn=9,\
         title=rule%2Cwith%3Aodd::100%25 sure%0D%0Asecond line: a, b\n\
         ::error file=compose.yaml,line=2,endLine=4,title=unpinned-image::a message\n"
    );
}

#[test]
fn markdown_escapes_cells() {
    let mut report = report();
    let mut odd = finding("unpinned-image", "odd|name`.yaml", (7, 1), (7, 2));
    odd.message = "a | b `c` *d* _e_ [f](g) <img src=x> $x$".to_string();
    odd.help = Some("line one\nline two".to_string());
    report.findings = vec![odd];
    report.inventory.clear();
    report.checklist.clear();

    let markdown = render(&report, &[], Format::Markdown, &rules());
    assert!(
        markdown.contains(
            "#### odd\\|name\\`.yaml (1 finding)\n\n\
             | severity | rule | location | message | help |\n|---|---|---|---|---|\n\
             | warning | `unpinned-image` | odd\\|name\\`.yaml:7 \
             | a \\| b \\`c\\` \\*d\\* \\_e\\_ \\[f\\](g) &lt;img src=x&gt; \\$x\\$ \
             | line one<br>line two |\n"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains("### Images\n\nNo images.\n"),
        "{markdown}"
    );
    assert!(!markdown.contains("checklist"), "{markdown}");
    // every table row has as many unescaped pipes as its header
    for line in markdown.lines().filter(|l| l.starts_with("| warning")) {
        let pipes = line.matches('|').count() - line.matches("\\|").count();
        assert_eq!(pipes, 6, "{line}");
    }
}

#[test]
fn every_form_is_the_same_for_the_same_input() {
    for format in Format::ALL {
        let first = render(&report(), &files(), format, &rules());
        let second = render(&report(), &files(), format, &rules());
        assert_eq!(first, second, "{}", format.name());
    }
}

#[test]
fn odd_positions_render_without_panicking() {
    let mut report = report();
    report.findings = vec![
        finding("unpinned-image", "compose.yaml", (0, 0), (0, 0)),
        finding("unpinned-image", "compose.yaml", (3, 99), (3, 120)),
        finding("unpinned-image", "compose.yaml", (99, 1), (99, 2)),
        finding("unpinned-image", "compose.yaml", (4, 10), (2, 1)),
        finding(
            "hardcoded-secret",
            "compose.yaml",
            (u32::MAX, u32::MAX),
            (u32::MAX, u32::MAX),
        ),
        finding(
            "hardcoded-secret",
            "compose.override.yaml",
            (9, 9),
            (u32::MAX, 1),
        ),
        finding("unpinned-image", "", (1, 1), (1, 1)),
    ];

    for format in Format::ALL {
        let out = render(&report, &files(), format, &rules());
        assert!(!out.is_empty(), "{}", format.name());
    }
    let text = render(&report, &files(), Format::Text, &rules());
    // a column past the end of the line puts the caret after its last character
    assert!(
        text.contains("3 |     image: nginx\n  |                 ^\n"),
        "{text}"
    );
}

#[test]
fn formats_are_named() {
    for format in Format::ALL {
        assert_eq!(Format::parse(format.name()), Some(format));
    }
    assert_eq!(Format::parse("xml"), None);
    assert_eq!(Format::parse("SARIF"), None);
}

#[test]
fn carets_stand_under_wide_characters_as_a_terminal_draws_them() {
    let text = "services:\n  \"日本😀\":\n    image: nginx:1.27\n";
    let files = [SourceFile::new("compose.yaml", text)];
    let report = analyze(&Input {
        files: files.to_vec(),
        ..Input::default()
    });
    let rendered = render(&report, &files, Format::Text, &rules());
    // the key is 8 columns wide: a quote, three wide characters, a quote
    assert!(
        rendered.contains("2 |   \"日本😀\":\n  |   ^^^^^^^^\n"),
        "{rendered}"
    );
}
