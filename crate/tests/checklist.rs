//! The pre-handoff checklist: every item in the seed's order, decided from the files where
//! they can decide it, with evidence a user can act on; the real corpus never breaks it.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use common::{base_of, corpus_dir, read};
use std::collections::BTreeMap;
use std::fs;

use compose_architect::report::{ChecklistItem, ChecklistStatus, Report};
use compose_architect::{Input, SourceFile, analyze};

use ChecklistStatus::{Fail, NeedsAnswer, Pass};

/// The items, in the seed's order.
const IDS: &[&str] = &[
    "compose-up",
    "start-order",
    "health-checks",
    "inter-service-communication",
    "database-migrations",
    "image-references",
    "images-pushed",
    "registry-information",
    "environment-parameterized",
    "resource-limits",
    "volumes-defined",
    "service-architecture",
    "tenancy-model",
    "deployment-model",
    "sla-requirements",
    "compliance-requirements",
];

fn run(text: &str, env: &[(&str, &str)]) -> Report {
    analyze(&Input {
        files: vec![SourceFile::new("compose.yaml", text)],
        env: env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>(),
        ..Input::default()
    })
}

fn item<'r>(report: &'r Report, id: &str) -> &'r ChecklistItem {
    report
        .checklist
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

/// Asserts an item's status, and that some evidence line contains each fragment.
fn check(report: &Report, id: &str, status: ChecklistStatus, fragments: &[&str]) {
    let item = item(report, id);
    assert_eq!(item.status, status, "{id}: {:#?}", item.evidence);
    for fragment in fragments {
        assert!(
            item.evidence.iter().any(|line| line.contains(fragment)),
            "{id}: no evidence mentions {fragment:?}: {:#?}",
            item.evidence
        );
    }
}

fn statuses(report: &Report) -> Vec<(&str, ChecklistStatus)> {
    report
        .checklist
        .iter()
        .map(|i| (i.id.as_str(), i.status))
        .collect()
}

const LAPTOP: &str = "services:
  api:
    build: ./api
    ports:
      - \"8080:8080\"
    environment:
      DATABASE_URL: postgresql://app:${DB_PASSWORD}@db:5432/app
      LOG_LEVEL: debug
    volumes:
      - ./api:/app
    depends_on:
      - db
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: hunter2-laptop
";

#[test]
fn a_laptop_file_fails_what_the_files_decide() {
    let report = run(LAPTOP, &[]);

    check(
        &report,
        "compose-up",
        NeedsAnswer,
        &["no syntax, schema", "DB_PASSWORD", "compose.yaml:7"],
    );
    check(
        &report,
        "start-order",
        NeedsAnswer,
        &["api waits only for db to start", "compose.yaml:12"],
    );
    check(
        &report,
        "health-checks",
        Fail,
        &[
            "2 services have no health check",
            "service api has no health check (compose.yaml:2)",
            "service db has no health check (compose.yaml:13)",
        ],
    );
    check(
        &report,
        "inter-service-communication",
        NeedsAnswer,
        &[
            "api reaches db (DATABASE_URL)",
            "published ports: api 8080:8080",
        ],
    );
    check(
        &report,
        "database-migrations",
        NeedsAnswer,
        &["databases: db (PostgreSQL)", "empty database"],
    );
    check(
        &report,
        "image-references",
        Fail,
        &["api builds from ./api (compose.yaml:3) and names no image"],
    );
    check(
        &report,
        "images-pushed",
        Fail,
        &[
            "api builds from source and names no image",
            "public images, nothing to push: postgres:16 (db)",
        ],
    );
    check(
        &report,
        "registry-information",
        Fail,
        &["api has no image yet", "registries: docker.io (1 image)"],
    );
    check(
        &report,
        "environment-parameterized",
        Fail,
        &[
            "1 secret is written into the files",
            "service db sets POSTGRES_PASSWORD to a hard-coded secret (compose.yaml:16)",
            "api writes 1 value literally: LOG_LEVEL (compose.yaml:8)",
        ],
    );
    check(
        &report,
        "resource-limits",
        Fail,
        &[
            "api sets no memory or cpus limit or reservation (compose.yaml:2)",
            "db sets no memory or cpus limit or reservation (compose.yaml:13)",
        ],
    );
    check(
        &report,
        "volumes-defined",
        Fail,
        &[
            "api bind-mounts its code ./api at /app (compose.yaml:10)",
            "db (PostgreSQL) keeps its data in no volume (compose.yaml:13)",
        ],
    );
    assert_eq!(
        item(&report, "health-checks").rules,
        ["missing-healthcheck"]
    );
    assert_eq!(
        item(&report, "environment-parameterized").rules,
        ["hardcoded-secret"]
    );

    let json = serde_json::to_string(&report.checklist).unwrap();
    assert!(!json.contains("hunter2-laptop"), "a secret in the evidence");
}

const READY: &str = "name: shop
services:
  migrate:
    image: ghcr.io/acme/shop-migrate:1.4.0
    command: [\"./migrate\", \"up\"]
    environment:
      DATABASE_URL: postgresql://shop:${DB_PASSWORD:?set DB_PASSWORD}@db:5432/shop
    depends_on:
      db:
        condition: service_healthy
    deploy:
      restart_policy:
        condition: none
      resources:
        limits:
          cpus: \"0.5\"
          memory: 256M
  api:
    image: ghcr.io/acme/shop-api:1.4.0
    ports:
      - \"8080:8080\"
    environment:
      DATABASE_URL: postgresql://shop:${DB_PASSWORD:?set DB_PASSWORD}@db:5432/shop
      LOG_LEVEL: ${LOG_LEVEL:-info}
    healthcheck:
      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8080/health\"]
      interval: 30s
      timeout: 10s
      retries: 3
    depends_on:
      db:
        condition: service_healthy
      migrate:
        condition: service_completed_successfully
    deploy:
      replicas: 2
      resources:
        limits:
          cpus: \"1\"
          memory: 512M
        reservations:
          cpus: \"0.5\"
          memory: 256M
  db:
    image: postgres:16.4
    environment:
      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD}
      POSTGRES_DB: ${DB_NAME:-shop}
    healthcheck:
      test: [\"CMD-SHELL\", \"pg_isready -U postgres\"]
      interval: 10s
      timeout: 5s
      retries: 5
    volumes:
      - db_data:/var/lib/postgresql/data
    deploy:
      resources:
        limits:
          cpus: \"2\"
          memory: 2G
volumes:
  db_data:
";

#[test]
fn a_ready_file_passes_what_the_files_decide_and_asks_the_rest() {
    let report = run(READY, &[("DB_PASSWORD", "s3cret-ready-Value")]);

    let expected = [
        ("compose-up", NeedsAnswer),
        ("start-order", Pass),
        ("health-checks", NeedsAnswer),
        ("inter-service-communication", NeedsAnswer),
        ("database-migrations", NeedsAnswer),
        ("image-references", Pass),
        ("images-pushed", NeedsAnswer),
        ("registry-information", Pass),
        ("environment-parameterized", Pass),
        ("resource-limits", Pass),
        ("volumes-defined", Pass),
        ("service-architecture", NeedsAnswer),
        ("tenancy-model", NeedsAnswer),
        ("deployment-model", NeedsAnswer),
        ("sla-requirements", NeedsAnswer),
        ("compliance-requirements", NeedsAnswer),
    ];
    assert_eq!(statuses(&report), expected);

    check(
        &report,
        "compose-up",
        NeedsAnswer,
        &["no syntax, schema, reference or interpolation error in compose.yaml"],
    );
    check(
        &report,
        "start-order",
        Pass,
        &[
            "api waits for db to be healthy",
            "api waits for migrate to complete",
            "migrate waits for db to be healthy",
        ],
    );
    check(
        &report,
        "health-checks",
        NeedsAnswer,
        &[
            "health checks defined for 2 of 3 services: api, db",
            "one-shot jobs, not expected to have one: migrate",
            "docker compose ps",
        ],
    );
    check(
        &report,
        "database-migrations",
        NeedsAnswer,
        &[
            "migrate looks like a migration job",
            "api waits for it to complete",
        ],
    );
    check(
        &report,
        "image-references",
        Pass,
        &["all 3 services name an image and none builds"],
    );
    check(
        &report,
        "images-pushed",
        NeedsAnswer,
        &[
            "confirm 2 custom images are pushed: ghcr.io/acme/shop-migrate:1.4.0 (migrate), ghcr.io/acme/shop-api:1.4.0 (api)",
            "public images, nothing to push: postgres:16.4 (db)",
        ],
    );
    check(
        &report,
        "registry-information",
        Pass,
        &[
            "registries: docker.io (1 image), ghcr.io (2 images)",
            "custom images: ghcr.io/acme/shop-migrate:1.4.0 (migrate; ghcr.io)",
            "public images: postgres:16.4 (db; docker.io)",
            "docker pull",
        ],
    );
    check(
        &report,
        "environment-parameterized",
        Pass,
        &["all 5 environment values come from variables"],
    );
    check(
        &report,
        "resource-limits",
        Pass,
        &["api (memory 512M, cpus 1)", "db (memory 2G, cpus 2)"],
    );
    check(
        &report,
        "volumes-defined",
        Pass,
        &["named volumes: db_data (db at /var/lib/postgresql/data)"],
    );
    check(
        &report,
        "sla-requirements",
        NeedsAnswer,
        &["services with more than one replica: api (2)", "99.95%"],
    );
    check(
        &report,
        "service-architecture",
        NeedsAnswer,
        &["the files define 3 enabled services: migrate, api, db"],
    );
    check(
        &report,
        "tenancy-model",
        NeedsAnswer,
        &["db (PostgreSQL)", "siloed"],
    );
    check(
        &report,
        "deployment-model",
        NeedsAnswer,
        &["images come from docker.io, ghcr.io", "BYOC"],
    );

    let json = serde_json::to_string(&report.checklist).unwrap();
    assert!(
        !json.contains("s3cret-ready-Value"),
        "a secret in the evidence"
    );
}

#[test]
fn without_the_deployers_variables_the_run_needs_them() {
    let report = run(READY, &[]);

    check(
        &report,
        "compose-up",
        NeedsAnswer,
        &[
            "set 1 variable before running it",
            "required variable DB_PASSWORD",
        ],
    );
    assert_eq!(item(&report, "compose-up").rules, ["required-variable"]);
}

#[test]
fn a_dependency_cycle_fails_the_run_and_the_start_order() {
    let report = run(
        "services:
  a:
    image: acme/a:1.0
    depends_on: [b]
  b:
    image: acme/b:1.0
    depends_on: [a]
",
        &[],
    );

    check(
        &report,
        "compose-up",
        Fail,
        &["1 problem would stop Compose", "dependency-cycle: "],
    );
    check(&report, "start-order", Fail, &["compose.yaml:4"]);
    assert_eq!(item(&report, "start-order").rules, ["dependency-cycle"]);
    assert_eq!(item(&report, "compose-up").rules, ["dependency-cycle"]);
}

#[test]
fn an_image_docker_refuses_fails_the_run_and_a_renamed_project_does_not() {
    let report = run(
        "name: Shop
services:
  web:
    image: Nginx:1.27
",
        &[],
    );
    check(
        &report,
        "compose-up",
        Fail,
        &["1 problem would stop Compose", "invalid-image-reference: "],
    );
    assert_eq!(
        item(&report, "compose-up").rules,
        ["invalid-image-reference"]
    );

    let report = run(
        "name: Shop\nservices:\n  web:\n    image: nginx:1.27\n",
        &[],
    );
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule == "invalid-project-name"),
        "{:?}",
        report.findings
    );
    assert_ne!(item(&report, "compose-up").status, Fail);
}

#[test]
fn dependency_conditions_that_do_not_wait_for_readiness() {
    let report = run(
        "services:
  web:
    image: acme/web:1.0
    depends_on:
      db:
        condition: service_started
      setup:
        condition: service_started
      cache:
        condition: service_healthy
  setup:
    image: acme/setup:1.0
    deploy:
      restart_policy:
        condition: none
  db:
    image: postgres:16
    healthcheck:
      test: pg_isready
  cache:
    image: redis:7
",
        &[],
    );

    check(
        &report,
        "start-order",
        Fail,
        &[
            "web waits only for db to start (compose.yaml:5), though db has a health check: use condition: service_healthy",
            "web waits only for setup to start, not to finish (compose.yaml:7)",
            "web waits for cache to be healthy (compose.yaml:9), but the file gives cache no health check",
        ],
    );
}

#[test]
fn services_on_separate_networks_cannot_reach_each_other() {
    let report = run(
        "services:
  api:
    image: acme/api:1.0
    environment:
      DB_HOST: db
      CACHE: cache:6379
    networks: [front]
  db:
    image: postgres:16
    networks: [back]
  cache:
    image: redis:7
    networks: [front, back]
networks:
  front:
  back:
",
        &[],
    );

    check(
        &report,
        "inter-service-communication",
        Fail,
        &[
            "api names db as a host (DB_HOST) but they share no network: api is on front, db on back",
        ],
    );
    let item = item(&report, "inter-service-communication");
    assert!(
        item.evidence
            .iter()
            .all(|l| !l.contains("names cache as a host")),
        "{:#?}",
        item.evidence
    );
    assert!(
        item.evidence
            .iter()
            .any(|l| l.contains("api reaches db (DB_HOST), cache (CACHE)")),
        "{:#?}",
        item.evidence
    );
}

#[test]
fn public_images_need_no_push_and_host_directories_are_questions() {
    let report = run(
        "services:
  web:
    image: nginx:1.27
    volumes:
      - ./nginx.conf:/etc/nginx/nginx.conf:ro
      - ./site-data:/data
  db:
    image: mysql:8.4
    volumes:
      - ./mysql:/var/lib/mysql
  cache:
    image: redis:7
    volumes:
      - cache:/data
",
        &[],
    );

    check(
        &report,
        "images-pushed",
        Pass,
        &["public images, nothing to push: nginx:1.27 (web), mysql:8.4 (db), redis:7 (cache)"],
    );
    check(
        &report,
        "volumes-defined",
        Fail,
        &[
            "cache mounts volume cache, which the top-level volumes do not declare (compose.yaml:14)",
            "db (MySQL) keeps its data in the host directory ./mysql (compose.yaml:10)",
            "web mounts the host directory ./site-data at /data (compose.yaml:6)",
            "web mounts ./nginx.conf at /etc/nginx/nginx.conf (compose.yaml:5)",
        ],
    );
}

#[test]
fn images_shared_by_services_are_listed_once_and_local_registries_fail() {
    let report = run(
        "services:
  web:
    image: ghcr.io/acme/shop:2.0
  worker:
    image: ghcr.io/acme/shop:2.0
    env_file: worker.env
  api:
    build: ./api
    image: acme/api:2.0
  cache:
    image: localhost:5000/acme/cache:1
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
",
        &[],
    );

    check(
        &report,
        "image-references",
        Fail,
        &[
            "api builds from ./api (compose.yaml:8); it also names image acme/api:2.0: push that and remove build:",
        ],
    );
    check(
        &report,
        "images-pushed",
        Fail,
        &[
            "cache pulls localhost:5000/acme/cache:1 from localhost:5000, which only this machine can reach",
            "confirm 2 custom images are pushed: ghcr.io/acme/shop:2.0 (web, worker), acme/api:2.0 (api)",
            "built here from source, so the image must be pushed again after each build: api",
        ],
    );
    check(
        &report,
        "registry-information",
        Pass,
        &[
            "registries: docker.io (1 image), ghcr.io (1 image), localhost:5000 (1 image)",
            "ghcr.io/acme/shop:2.0 (web, worker; ghcr.io)",
        ],
    );
    check(
        &report,
        "environment-parameterized",
        NeedsAnswer,
        &["worker reads env_file, whose values are not analyzed"],
    );
    check(
        &report,
        "volumes-defined",
        NeedsAnswer,
        &[
            "cache mounts the host path /var/run/docker.sock at /var/run/docker.sock (compose.yaml:13)",
        ],
    );
}

#[test]
fn a_project_whose_profiles_disable_every_service() {
    let report = run(
        "services:
  api:
    image: acme/api:1.0
    profiles: [dev]
",
        &[],
    );

    for id in ["start-order", "image-references", "resource-limits"] {
        check(
            &report,
            id,
            Fail,
            &["no enabled service: the active profiles disable api"],
        );
    }
}

#[test]
fn a_file_that_does_not_parse_fails_the_run_and_keeps_every_item() {
    let report = run("services:\n  api:\n    image: [unclosed\n", &[]);

    check(&report, "compose-up", Fail, &["yaml-syntax: "]);
    let ids: Vec<&str> = report.checklist.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, IDS);
}

/// Every real file gets every item, in order, with evidence; loading each file alone (an
/// override without its base too) never panics.
#[test]
fn every_real_file_gets_the_whole_checklist() {
    let mut names: Vec<String> = fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect();
    names.sort();
    assert!(names.len() >= 43, "only {} corpus files found", names.len());

    for name in &names {
        let mut inputs = vec![vec![read(name)]];
        if let Some(base) = base_of(name) {
            inputs.push(vec![read(base), read(name)]);
        }
        for files in inputs {
            let report = analyze(&Input {
                files,
                ..Input::default()
            });
            assert_complete(&report, name);
            // a file people wrote that loads is never failed for a loading problem
            if base_of(name).is_none() {
                assert_ne!(
                    item(&report, "compose-up").status,
                    Fail,
                    "{name}: {:#?}",
                    item(&report, "compose-up").evidence
                );
            }
        }
    }
}

/// Asserts that a report carries every item, in order, each with evidence.
fn assert_complete(report: &Report, what: &str) {
    let ids: Vec<&str> = report.checklist.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, IDS, "{what}");
    for item in &report.checklist {
        assert!(!item.text.is_empty(), "{what}: {}", item.id);
        assert!(
            !item.evidence.is_empty() && item.evidence.iter().all(|l| !l.is_empty()),
            "{what}: {} has empty evidence",
            item.id
        );
    }
}

/// compose-go's loader snippets, valid and broken alike, and odd shapes of our own: the
/// checklist is always whole and never panics.
#[test]
fn odd_and_broken_inputs_still_get_the_whole_checklist() {
    let odd = [
        "",
        "services:\n",
        "services: []\n",
        "services:\n  a: 1\n",
        "services:\n  a:\n    depends_on: {b: {condition: service_healthy}}\n",
        "services:\n  a:\n    image: \"\"\n    build: {}\n    volumes: [\":\", \"::\", \"a:b:c:d\"]\n",
        "services:\n  a:\n    image: ${IMAGE}\n    environment: [\"URL=://@:\", \"X=a://b@\", \"=\", \"H\"]\n",
        "services:\n  ä:\n    image: ghcr.io/ü/ö:1\n    networks: [n]\n    environment: {DB_HOST: ä}\n  b:\n    image: b:1\n    environment: {DB_HOST: ä}\n",
        "services:\n  a:\n    image: a:1\n    deploy: {resources: {limits: {memory: -1, cpus: 0}}}\n    healthcheck: {disable: true}\n",
    ];
    for text in odd {
        assert_complete(&run(text, &[]), text);
    }

    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/peer/compose-go-loader-snippets.jsonl"
    );
    let snippets = fs::read_to_string(path).unwrap();
    let mut count = 0;
    for line in snippets.lines().filter(|l| !l.trim().is_empty()) {
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let inputs = case["yaml_inputs"].as_array().cloned().unwrap_or_default();
        let files: Vec<SourceFile> = inputs
            .iter()
            .enumerate()
            .filter_map(|(at, text)| {
                Some(SourceFile::new(format!("compose{at}.yaml"), text.as_str()?))
            })
            .collect();
        if files.is_empty() {
            continue;
        }
        let report = analyze(&Input {
            files,
            ..Input::default()
        });
        assert_complete(&report, &case["test"].to_string());
        count += 1;
    }
    assert!(count > 300, "only {count} snippets ran");
}
