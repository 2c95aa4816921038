//! The fixer: each fix's exact output, what it skips and why, and the real corpus fixed
//! with every fix: it loads cleanly, the fixed findings are gone, every comment stays,
//! the bytes outside the edits are the same, and a second fix changes nothing.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::BTreeMap;

use common::{corpus_names, project};
use compose_architect::fix::{self, Answers, FixOptions, Fixed, ResourceAnswer, edit};
use compose_architect::report::Category;
use compose_architect::yaml::{self, Limits};
use compose_architect::{Input, SourceFile, analyze};

fn input(files: &[(&str, &str)]) -> Input {
    Input {
        files: files
            .iter()
            .map(|(path, text)| SourceFile::new(*path, *text))
            .collect(),
        ..Input::default()
    }
}

/// Fixes one file with only the named rule's fix.
fn fix_with(text: &str, rule: &str, answers: Answers) -> Fixed {
    let options = FixOptions {
        rules: Some(vec![rule.to_string()]),
        answers,
        ..FixOptions::default()
    };
    fix::fix(&input(&[("compose.yaml", text)]), &options)
}

fn fix_only(text: &str, rule: &str) -> Fixed {
    fix_with(text, rule, Answers::default())
}

fn text_of<'f>(fixed: &'f Fixed, path: &str) -> &'f str {
    &fixed.files.iter().find(|f| f.path == path).unwrap().text
}

fn reasons(fixed: &Fixed) -> Vec<&str> {
    fixed.skipped.iter().map(|s| s.reason.as_str()).collect()
}

#[test]
fn a_yaml11_port_is_quoted_and_nothing_else_changes() {
    let text = "services:\n  sftp:\n    image: atmoz/sftp:alpine   # keep\n    ports:\n      - 2122:22 # ssh\n      - \"80:80\"\n";
    let fixed = fix_only(text, "yaml11-sexagesimal-port");

    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        "services:\n  sftp:\n    image: atmoz/sftp:alpine   # keep\n    ports:\n      - \"2122:22\" # ssh\n      - \"80:80\"\n"
    );
    assert_eq!(fixed.applied.len(), 1);
    assert_eq!((fixed.applied[0].line, fixed.applied[0].column), (5, 9));
    assert_eq!(
        fixed.diff,
        "--- a/compose.yaml\n+++ b/compose.yaml\n@@ -2,5 +2,5 @@\n   sftp:\n     image: atmoz/sftp:alpine   # keep\n     ports:\n-      - 2122:22 # ssh\n+      - \"2122:22\" # ssh\n       - \"80:80\"\n"
    );
}

#[test]
fn a_secret_becomes_a_required_variable_listed_in_env_example_and_is_masked_in_the_diff() {
    let text = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: hunter2\n      POSTGRES_USER: app\n  api:\n    image: acme/api:1.0.0\n    environment:\n      - 'API_TOKEN=tok-123'\n      - DEBUG=1\n";
    let fixed = fix_only(text, "hardcoded-secret");

    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}\n      POSTGRES_USER: app\n  api:\n    image: acme/api:1.0.0\n    environment:\n      - 'API_TOKEN=${API_TOKEN:?API_TOKEN must be set}'\n      - DEBUG=1\n"
    );
    assert_eq!(
        text_of(&fixed, ".env.example"),
        "API_TOKEN=\nPOSTGRES_PASSWORD=\n"
    );
    assert!(!fixed.diff.contains("hunter2"), "{}", fixed.diff);
    assert!(!fixed.diff.contains("tok-123"), "{}", fixed.diff);
    assert!(fixed.diff.contains("-      POSTGRES_PASSWORD: ********\n"));
    assert!(
        fixed
            .diff
            .contains("--- /dev/null\n+++ b/.env.example\n@@ -0,0 +1,2 @@\n")
    );
    assert_eq!(fixed.applied.len(), 2);
}

#[test]
fn a_secret_in_a_flow_mapping_is_quoted_and_a_given_env_example_is_extended() {
    let text =
        "services:\n  db:\n    image: postgres:16\n    environment: {POSTGRES_PASSWORD: hunter2}\n";
    let options = FixOptions::default();
    let fixed = fix::fix(
        &input(&[
            ("app/compose.yaml", text),
            ("app/.env.example", "# fill in\nPOSTGRES_USER=app"),
        ]),
        &options,
    );

    assert!(
        text_of(&fixed, "app/compose.yaml").contains(
            "environment: {POSTGRES_PASSWORD: \"${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}\"}\n"
        )
    );
    assert_eq!(
        text_of(&fixed, "app/.env.example"),
        "# fill in\nPOSTGRES_USER=app\nPOSTGRES_PASSWORD=\n"
    );
    assert_eq!(fixed.files.len(), 2);
}

#[test]
fn a_literal_default_secret_loses_its_default_and_a_url_password_is_skipped() {
    let text = "services:\n  api:\n    image: acme/api:1.0.0\n    environment:\n      DB_PASSWORD: \"${DB_PASSWORD:-changeme}\"\n      DATABASE_URL: postgres://app:pw@db/app\n";
    let fixed = fix_only(text, "hardcoded-secret");

    assert!(
        text_of(&fixed, "compose.yaml")
            .contains("      DB_PASSWORD: \"${DB_PASSWORD:?DB_PASSWORD must be set}\"\n")
    );
    assert!(!fixed.diff.contains("changeme"));
    assert_eq!(fixed.skipped.len(), 1);
    assert!(reasons(&fixed)[0].contains("inside a URL"));
}

#[test]
fn a_build_context_becomes_the_default_image_with_its_commands_and_keeps_its_comments() {
    let text = "name: shop\nservices:\n  api:\n    build:\n      context: ./api # sources\n      dockerfile: api.Dockerfile\n      target: prod\n    ports:\n      - \"8080:8080\"\n";
    let fixed = fix_only(text, "build-context");

    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        "name: shop\nservices:\n  api:\n    image: docker.io/shop/api:0.1.0\n    # sources\n    ports:\n      - \"8080:8080\"\n"
    );
    let applied = &fixed.applied[0];
    assert_eq!(
        applied.commands,
        [
            "docker build -t docker.io/shop/api:0.1.0 -f ./api/api.Dockerfile --target prod ./api",
            "docker push docker.io/shop/api:0.1.0"
        ]
    );
    let note = applied.used_default.as_deref().unwrap();
    assert!(
        note.contains("docker.io/shop/api:0.1.0") && note.contains("images.api"),
        "{note}"
    );
}

#[test]
fn a_build_context_takes_the_answered_image_or_registry_and_tag() {
    let text = "services:\n  api:\n    build: ./api\n  worker:\n    build: .\n";
    let answers = Answers {
        registry: Some("ghcr.io/acme/".to_string()),
        tag: Some("1.2.0".to_string()),
        images: BTreeMap::from([("api".to_string(), "ghcr.io/acme/backend:2.0.0".to_string())]),
        ..Answers::default()
    };
    let fixed = fix_with(text, "build-context", answers);

    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        "services:\n  api:\n    image: ghcr.io/acme/backend:2.0.0\n  worker:\n    image: ghcr.io/acme/worker:1.2.0\n"
    );
    assert!(fixed.applied.iter().all(|a| a.used_default.is_none()));
    assert_eq!(
        fixed.applied[1].commands[0],
        "docker build -t ghcr.io/acme/worker:1.2.0 ."
    );
}

#[test]
fn a_registry_or_tag_docker_refuses_is_skipped_with_its_reason() {
    let text = "services:\n  api:\n    build: ./api\n";
    for (registry, tag, reason) in [
        ("ghcr.io/ACME", "1.0.0", "\"ACME/api\" must be lowercase"),
        (
            "http://registry.example.com",
            "1.0.0",
            "is not an image reference",
        ),
        ("ghcr.io/acme", "1.0.0 beta", "is not an image reference"),
    ] {
        let answers = Answers {
            registry: Some(registry.to_string()),
            tag: Some(tag.to_string()),
            ..Answers::default()
        };
        let fixed = fix_with(text, "build-context", answers);
        assert_eq!(text_of(&fixed, "compose.yaml"), text, "{registry}");
        assert!(fixed.applied.is_empty(), "{registry}");
        let reasons = reasons(&fixed);
        assert_eq!(reasons.len(), 1, "{registry}: {reasons:?}");
        assert!(reasons[0].contains(reason), "{registry}: {reasons:?}");
    }
}

#[test]
fn a_pushable_image_beside_a_build_only_loses_the_build_and_a_local_name_is_replaced() {
    let text = "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    build: ./api\n  web:\n    image: web\n    build: ./web\n";
    let fixed = fix_only(text, "build-context");

    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n  web:\n    image: docker.io/project/web:0.1.0\n"
    );
    assert_eq!(
        fixed.applied[0].commands[1],
        "docker push ghcr.io/acme/api:1.0.0"
    );
}

#[test]
fn a_well_known_image_gets_its_health_check_at_the_files_indentation() {
    let text = "services:\n    db:\n        image: postgres:16\n        # data\n        volumes:\n            - data:/var/lib/postgresql/data\n    app:\n        image: acme/app:1.0.0\nvolumes:\n    data:\n";
    let fixed = fix_only(text, "missing-healthcheck");

    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        "services:\n    db:\n        image: postgres:16\n        # data\n        volumes:\n            - data:/var/lib/postgresql/data\n        healthcheck:\n            test: [\"CMD-SHELL\", \"pg_isready -U \\\"$${POSTGRES_USER:-postgres}\\\"\"]\n            interval: 10s\n            timeout: 5s\n            retries: 5\n    app:\n        image: acme/app:1.0.0\nvolumes:\n    data:\n"
    );
    assert_eq!(fixed.skipped.len(), 1);
    assert!(reasons(&fixed)[0].contains("no health check is known for the image acme/app:1.0.0"));
}

#[test]
fn a_short_depends_on_becomes_the_long_form_with_healthy_where_a_check_exists() {
    let text = "services:\n  app:\n    image: acme/app:1.0.0\n    depends_on:\n      - db # primary\n      - worker\n  worker:\n    image: acme/worker:1.0.0\n  db:\n    image: postgres:16\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready\"]\n";
    let fixed = fix_only(text, "dependency-without-healthy-condition");

    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        "services:\n  app:\n    image: acme/app:1.0.0\n    depends_on:\n      db:\n        condition: service_healthy # primary\n      worker:\n        condition: service_started\n  worker:\n    image: acme/worker:1.0.0\n  db:\n    image: postgres:16\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready\"]\n"
    );
}

#[test]
fn long_and_flow_depends_on_get_the_healthy_condition() {
    let db = "  db:\n    image: postgres:16\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready\"]\n";
    let long = format!(
        "services:\n  a:\n    image: acme/a:1.0.0\n    depends_on:\n      db:\n        required: true\n  b:\n    image: acme/b:1.0.0\n    depends_on:\n      db:\n        condition: service_started\n  c:\n    image: acme/c:1.0.0\n    depends_on:\n      db:\n  d:\n    image: acme/d:1.0.0\n    depends_on: [db]\n{db}"
    );
    let fixed = fix_only(&long, "dependency-without-healthy-condition");

    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        format!(
            "services:\n  a:\n    image: acme/a:1.0.0\n    depends_on:\n      db:\n        required: true\n        condition: service_healthy\n  b:\n    image: acme/b:1.0.0\n    depends_on:\n      db:\n        condition: service_healthy\n  c:\n    image: acme/c:1.0.0\n    depends_on:\n      db:\n        condition: service_healthy\n  d:\n    image: acme/d:1.0.0\n    depends_on: {{db: {{condition: service_healthy}}}}\n{db}"
        )
    );
    assert_eq!(fixed.applied.len(), 4);
}

#[test]
fn repeated_merge_keys_become_one_list() {
    let text = "x-a: &a\n  restart: always\nx-b: &b\n  init: true\nservices:\n  web:\n    image: nginx:1.27\n    <<: *a\n    <<: *b # logging\n";
    let fixed = fix_only(text, "duplicate-key");

    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        "x-a: &a\n  restart: always\nx-b: &b\n  init: true\nservices:\n  web:\n    image: nginx:1.27\n    <<: [*a, *b]\n    # logging\n"
    );

    let plain = fix_only("a: 1\na: 2\n", "duplicate-key");
    assert!(reasons(&plain)[0].contains("only the author knows"));
}

#[test]
fn resource_limits_are_added_at_the_level_that_is_missing() {
    let text = "services:\n  db:\n    image: postgres:16\n    deploy:\n      replicas: 1\n  api:\n    image: acme/api:1.0.0\n    mem_limit: 256m\n";
    let answers = Answers {
        resources: BTreeMap::from([(
            "api".to_string(),
            ResourceAnswer {
                cpus: Some("2".to_string()),
                memory: None,
            },
        )]),
        ..Answers::default()
    };
    let options = FixOptions {
        rules: Some(vec![
            "missing-memory-limit".to_string(),
            "missing-cpu-limit".to_string(),
        ]),
        answers,
        ..FixOptions::default()
    };
    let fixed = fix::fix(&input(&[("compose.yaml", text)]), &options);

    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        "services:\n  db:\n    image: postgres:16\n    deploy:\n      replicas: 1\n      resources:\n        limits:\n          cpus: \"1.0\"\n          memory: 1G\n  api:\n    image: acme/api:1.0.0\n    mem_limit: 256m\n    deploy:\n      resources:\n        limits:\n          cpus: \"2\"\n"
    );
    let db: Vec<_> = fixed.applied.iter().filter(|a| a.line == 2).collect();
    assert_eq!(db.len(), 2, "one edit fixes both of db's findings");
    assert!(
        db[0]
            .used_default
            .as_deref()
            .unwrap()
            .contains("a database")
    );
    let api = fixed.applied.iter().find(|a| a.line == 6).unwrap();
    assert_eq!(api.used_default, None);
}

#[test]
fn an_image_is_pinned_only_to_an_answered_tag() {
    let text = "services:\n  cache:\n    image: redis:latest\n  queue:\n    image: \"rabbitmq\"\n  proxy:\n    image: traefik\n";
    let answers = Answers {
        tags: BTreeMap::from([
            ("cache".to_string(), "7.4-alpine".to_string()),
            ("queue".to_string(), "3.13".to_string()),
        ]),
        ..Answers::default()
    };
    let fixed = fix_with(text, "unpinned-image", answers);

    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        "services:\n  cache:\n    image: redis:7.4-alpine\n  queue:\n    image: \"rabbitmq:3.13\"\n  proxy:\n    image: traefik\n"
    );
    assert_eq!(
        reasons(&fixed),
        ["no version is known for traefik; answer tags.proxy with the tag to pin"]
    );
}

#[test]
fn anchored_aliased_merged_and_extended_text_is_skipped_with_a_reason() {
    let text = "x-env: &env\n  POSTGRES_PASSWORD: hunter2\nx-base: &base\n  build: ./app\nservices:\n  one:\n    <<: *base\n  two:\n    image: postgres:16\n    environment: *env\n  three:\n    image: acme/three:1.0.0\n    ports: &ports\n      - 2122:22\n  four:\n    image: acme/four:1.0.0\n    ports: *ports\n  base:\n    build: ./base\n  child:\n    extends: base\n";
    let options = FixOptions {
        rules: Some(vec![
            "build-context".to_string(),
            "hardcoded-secret".to_string(),
            "yaml11-sexagesimal-port".to_string(),
        ]),
        ..FixOptions::default()
    };
    let fixed = fix::fix(&input(&[("compose.yaml", text)]), &options);

    assert_eq!(text_of(&fixed, "compose.yaml"), text, "{:?}", fixed.applied);
    assert!(fixed.applied.is_empty());
    let reasons = reasons(&fixed);
    assert!(reasons.len() >= 5, "{reasons:?}");
    assert!(
        reasons.iter().all(|r| r.contains("anchor")
            || r.contains("alias")
            || r.contains("merge key")
            || r.contains("extended")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("extended by another service"))
    );
}

#[test]
fn an_override_is_edited_where_the_finding_points_and_every_file_is_returned() {
    let base = "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"80:80\"\n";
    let extra = "services:\n  web:\n    ports:\n      - 1022:22\n";
    let fixed = fix::fix(
        &input(&[("compose.yaml", base), ("compose.override.yaml", extra)]),
        &FixOptions {
            rules: Some(vec!["yaml11-sexagesimal-port".to_string()]),
            ..FixOptions::default()
        },
    );

    assert_eq!(fixed.files.len(), 2);
    assert!(!fixed.files[0].changed);
    assert_eq!(fixed.files[0].text, base);
    assert_eq!(
        fixed.files[1].text,
        "services:\n  web:\n    ports:\n      - \"1022:22\"\n"
    );
    assert!(
        fixed
            .diff
            .starts_with("--- a/compose.override.yaml\n+++ b/compose.override.yaml\n")
    );
    assert_eq!(fixed.applied[0].file, "compose.override.yaml");
}

#[test]
fn a_health_check_added_in_one_pass_lets_the_next_fix_the_dependency() {
    let text = "services:\n  app:\n    image: acme/app:1.0.0\n    depends_on:\n      - cache\n  cache:\n    image: redis:7.4\n";
    let options = FixOptions {
        rules: Some(vec![
            "missing-healthcheck".to_string(),
            "dependency-without-healthy-condition".to_string(),
        ]),
        ..FixOptions::default()
    };
    let traced = fix::fix_traced(&input(&[("compose.yaml", text)]), &options);

    assert_eq!(traced.passes.len(), 2);
    let out = text_of(&traced.fixed, "compose.yaml");
    assert!(
        out.contains("      cache:\n        condition: service_healthy\n"),
        "{out}"
    );
    assert!(out.contains("    healthcheck:\n      test: [\"CMD\", \"redis-cli\", \"ping\"]\n"));
}

#[test]
fn an_unknown_rule_is_refused_by_name() {
    let error = fix::check_rules(&["no-such-rule".to_string()]).unwrap_err();
    assert!(
        error.contains("no fix for rule \"no-such-rule\""),
        "{error}"
    );
    assert!(error.contains("build-context"));
    assert!(fix::check_rules(&["hardcoded-secret".to_string()]).is_ok());
}

/// The comments of a text, in order.
fn comments(text: &str) -> Vec<String> {
    yaml::parse(text, 0, Limits::default())
        .comments
        .into_iter()
        .map(|c| c.text)
        .collect()
}

/// Fails unless every comment of `before` is in `after`, as often as it was.
fn assert_comments_kept(case: &str, before: &str, after: &str) {
    let mut kept = comments(after);
    for comment in comments(before) {
        let at = kept.iter().position(|c| *c == comment);
        assert!(at.is_some(), "{case}: comment {comment:?} was lost");
        kept.remove(at.unwrap());
    }
}

/// Fixes the output of a fix again.
fn fix_again(fixed: &Fixed) -> Fixed {
    let files = fixed
        .files
        .iter()
        .map(|f| SourceFile::new(f.path.clone(), f.text.clone()))
        .collect();
    fix::fix(
        &Input {
            files,
            ..Input::default()
        },
        &FixOptions::default(),
    )
}

/// Every real corpus file (an override with its base), fixed with every fix.
#[test]
fn every_corpus_file_fixed_loads_cleanly_keeps_its_comments_and_is_fixed_once() {
    let fixable: Vec<&str> = fix::fixes().iter().map(|f| f.rule).collect();
    let mut applied_total = 0;

    for name in corpus_names() {
        let files = project(&name);
        let before = Input {
            files: files.clone(),
            ..Input::default()
        };
        let traced = fix::fix_traced(&before, &FixOptions::default());
        let fixed = &traced.fixed;
        applied_total += fixed.applied.len();

        // the edits replayed pass by pass give the output: outside them, every byte is
        // the original's
        let mut texts: Vec<String> = files.iter().map(|f| f.text.clone()).collect();
        for pass in &traced.passes {
            for (file, text) in texts.iter_mut().enumerate() {
                let own: Vec<_> = pass
                    .edits
                    .iter()
                    .filter(|e| e.file == file)
                    .cloned()
                    .collect();
                let (out, rejected) = edit::apply(text, &own);
                assert!(
                    rejected.is_empty(),
                    "{name}: an edit was reported but not applied"
                );
                *text = out;
            }
        }
        for (file, text) in texts.iter().enumerate() {
            assert_eq!(
                &fixed.files[file].text, text,
                "{name}: output differs from its edits"
            );
            assert_eq!(fixed.files[file].changed, *text != files[file].text);
        }

        // every comment of the original is still there
        for (file, source) in files.iter().enumerate() {
            assert_comments_kept(&name, &source.text, &fixed.files[file].text);
        }

        // the fixed files load with no syntax, schema or reference finding
        let after_files: Vec<SourceFile> = fixed
            .files
            .iter()
            .filter(|f| !f.path.ends_with(".env.example"))
            .map(|f| SourceFile::new(f.path.clone(), f.text.clone()))
            .collect();
        let after = analyze(&Input {
            files: after_files,
            ..Input::default()
        });
        let broken: Vec<_> = after
            .findings
            .iter()
            .filter(|f| {
                matches!(
                    f.category,
                    Category::Syntax | Category::Schema | Category::Reference
                )
            })
            .collect();
        assert!(broken.is_empty(), "{name}: {broken:?}\n{}", fixed.diff);

        // what is left of the fixable findings is exactly what was skipped, with reasons,
        // each told where its finding stands in the file given
        let mut left: Vec<(String, String)> = after
            .findings
            .iter()
            .filter(|f| fixable.contains(&f.rule.as_str()))
            .map(|f| (f.rule.clone(), f.file.clone()))
            .collect();
        let mut skipped: Vec<(String, String)> = fixed
            .skipped
            .iter()
            .map(|s| (s.rule.clone(), s.file.clone()))
            .collect();
        left.sort();
        skipped.sort();
        assert_eq!(
            left, skipped,
            "{name}: fixable findings left that were not skipped"
        );
        assert!(fixed.skipped.iter().all(|s| !s.reason.is_empty()));
        let given = analyze(&before);
        for s in &fixed.skipped {
            assert!(
                given.findings.iter().any(|f| f.rule == s.rule
                    && f.file == s.file
                    && (f.start.line, f.start.column) == (s.line, s.column)),
                "{name}: {s:?} is not where a finding of the file given is"
            );
        }

        // a second fix changes nothing
        let again = fix_again(fixed);
        assert!(again.applied.is_empty(), "{name}: {:?}", again.applied);
        assert!(again.diff.is_empty(), "{name}: {}", again.diff);
        assert!(again.files.iter().all(|f| !f.changed));
    }

    assert!(
        applied_total > 100,
        "only {applied_total} fixes on the corpus"
    );
}

/// Odd and hostile inputs: Compose's own loader tests (350 YAML inputs, some broken on
/// purpose) and a few made here. Fixing never breaks a file that read, never loses a
/// comment, and a second fix changes nothing.
#[test]
fn odd_inputs_are_fixed_without_breaking_a_file_and_only_once() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/peer/compose-go-loader-snippets.jsonl"
    );
    let snippets = std::fs::read_to_string(path).unwrap();
    let mut cases: Vec<Vec<SourceFile>> = Vec::new();
    for line in snippets.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let files: Vec<SourceFile> = case["yaml_inputs"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter_map(|(at, text)| {
                Some(SourceFile::new(format!("compose{at}.yaml"), text.as_str()?))
            })
            .collect();
        cases.push(files);
    }
    for text in [
        "services:\n  a:\n    build: .\n    environment: [PASSWORD=x]\n    ports: [22:22]\n  b: {image: redis, depends_on: [a]}\n",
        "services:\n  ä:\n    image: \"postgres\"\n    environment:\n      DB_PASSWORD: 'é'\n    ports:\n      - 1022:22",
        "services:\r\n  a:\r\n    image: mysql:8\r\n    build:\r\n      context: .\r\n",
        "services:\n  a:\n    image: nginx\n    deploy:\n    depends_on:\n      b:\n  b:\n    image: postgres:16\n    healthcheck: {test: [\"CMD\", \"true\"]}\n",
        "x: &x\n  image: redis\nservices:\n  a: *x\n  b:\n    <<: *x\n    <<: *x\n",
    ] {
        cases.push(vec![SourceFile::new("compose.yaml", text)]);
    }

    let errors = |text: &str| yaml::parse(text, 0, Limits::default()).errors.len();
    let mut fixed_cases = 0;
    for files in cases.into_iter().filter(|f| !f.is_empty()) {
        let before = Input {
            files: files.clone(),
            ..Input::default()
        };
        let traced = fix::fix_traced(&before, &FixOptions::default());
        let fixed = &traced.fixed;
        if !fixed.applied.is_empty() {
            fixed_cases += 1;
        }

        for (file, source) in files.iter().enumerate() {
            let after = &fixed.files[file].text;
            assert!(
                errors(after) <= errors(&source.text),
                "{:?}\n{}",
                source.text,
                fixed.diff
            );
            assert_comments_kept(&source.text, &source.text, after);
        }

        let again = fix_again(fixed);
        assert!(
            again.diff.is_empty(),
            "{:?}\nfirst:\n{}\nsecond:\n{}",
            files[0].text,
            fixed.diff,
            again.diff
        );
    }
    assert!(fixed_cases > 100, "only {fixed_cases} inputs had a fix");
}

/// Many services, each with several fixes: every one is made, in one pass per kind of
/// dependency between fixes (the work per fix does not grow with the file).
#[test]
fn a_file_with_many_services_gets_every_fix() {
    let mut text = String::from("services:\n");
    for at in 0..600 {
        text.push_str(&format!(
            "  s{at}:\n    build: ./s{at}\n    environment:\n      API_TOKEN: t{at}\n    ports:\n      - 1{at:03}:22\n"
        ));
    }
    let fixed = fix::fix(&input(&[("compose.yaml", &text)]), &FixOptions::default());

    let count = |rule: &str| fixed.applied.iter().filter(|a| a.rule == rule).count();
    assert_eq!(count("build-context"), 600);
    assert_eq!(count("hardcoded-secret"), 600);
    assert_eq!(count("yaml11-sexagesimal-port"), 600);
    assert_eq!(count("missing-memory-limit"), 600);
    assert_eq!(text_of(&fixed, ".env.example"), "API_TOKEN=\n");
    assert!(text_of(&fixed, "compose.yaml").contains(
        "  s599:\n    image: docker.io/project/s599:0.1.0\n    environment:\n      API_TOKEN: ${API_TOKEN:?API_TOKEN must be set}\n    ports:\n      - \"1599:22\"\n"
    ));
}

#[test]
fn a_pull_policy_of_build_goes_with_the_build_section() {
    let text = "services:\n  api:\n    build: ./api\n    pull_policy: build\n    restart: always\n  web:\n    image: nginx:1.27\n    pull_policy: always\n";
    let fixed = fix_only(text, "build-context");

    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        "services:\n  api:\n    image: docker.io/project/api:0.1.0\n    restart: always\n  web:\n    image: nginx:1.27\n    pull_policy: always\n"
    );
}

#[test]
fn a_quoted_secret_keeps_the_comment_after_it() {
    let text = "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: \"hunter-two-9\"   # inline\n";
    let fixed = fix_only(text, "hardcoded-secret");

    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: \"${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}\"   # inline\n"
    );

    let list = "services:\n  db:\n    image: mysql:8.4\n    environment:\n      - 'MYSQL_PASSWORD=hunter-two-9' # c\n";
    let fixed = fix_only(list, "hardcoded-secret");
    assert_eq!(
        text_of(&fixed, "compose.yaml"),
        "services:\n  db:\n    image: mysql:8.4\n    environment:\n      - 'MYSQL_PASSWORD=${MYSQL_PASSWORD:?MYSQL_PASSWORD must be set}' # c\n"
    );
}

#[test]
fn a_fix_of_a_later_pass_is_told_at_its_line_in_the_file_given() {
    let text = "services:\n  db:\n    image: postgres:16\n  app:\n    image: acme/app:1.0.0\n    depends_on:\n      - db\n";
    let options = FixOptions {
        rules: Some(vec![
            "missing-healthcheck".to_string(),
            "dependency-without-healthy-condition".to_string(),
        ]),
        ..FixOptions::default()
    };
    let fixed = fix::fix(&input(&[("compose.yaml", text)]), &options);

    let places: Vec<(&str, u32, u32)> = fixed
        .applied
        .iter()
        .map(|a| (a.rule.as_str(), a.line, a.column))
        .collect();
    assert_eq!(
        places,
        [
            ("missing-healthcheck", 2, 3),
            ("dependency-without-healthy-condition", 7, 9)
        ]
    );
    assert!(text_of(&fixed, "compose.yaml").contains("condition: service_healthy"));
}

#[test]
fn a_skipped_fix_is_told_at_its_line_in_the_file_given() {
    let text = "services:\n  app:\n    image: acme/app:1.0\n    depends_on:\n      - db\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ROOT_PASSWORD: >-\n        s3cr3t-value\n";
    let fixed = fix::fix(&input(&[("compose.yaml", text)]), &FixOptions::default());

    // fixes above it add lines (health checks, limits), yet the skipped secret is told
    // where it is in the text given: line 9, at its key
    assert!(text_of(&fixed, "compose.yaml").lines().count() > text.lines().count());
    let secret: Vec<(u32, u32)> = fixed
        .skipped
        .iter()
        .filter(|s| s.rule == "hardcoded-secret")
        .map(|s| (s.line, s.column))
        .collect();
    assert_eq!(secret, [(9, 7)], "{:?}", fixed.skipped);
}

#[test]
fn a_password_inside_a_connection_string_is_skipped_with_its_own_reason() {
    let text = "services:\n  api:\n    image: acme/api:1.0\n    environment:\n      ConnectionStrings__Shop: \"Server=db;User Id=sa;Password=MsSqlPw9988;\"\n";
    let fixed = fix_only(text, "hardcoded-secret");
    assert_eq!(text_of(&fixed, "compose.yaml"), text);
    assert_eq!(
        reasons(&fixed),
        [
            "the password is inside a connection string; take it from a variable by hand: ...;Password=${DB_PASSWORD};..."
        ]
    );
}
