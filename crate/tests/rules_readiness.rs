//! The readiness rules for a control plane that runs plain Compose: each finding at its
//! exact line and column, the cases that must stay silent (one-shot jobs, databases'
//! volumes, read-only configuration, tags already parameterized, public images), and the
//! real corpus run through all of them.

// Test code: a failed unwrap or index is a failed test, with its message; the corpus test
// prints its findings for review.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stdout
)]

mod common;

use common::{corpus_dir, project};
use std::collections::BTreeMap;
use std::fs;

use compose_architect::analyze::{OFF_BY_DEFAULT, Options, RuleSetting, enabled_by_default};
use compose_architect::report::{Category, Finding, Severity};
use compose_architect::{Input, SourceFile, analyze};

/// The rules these tests are about.
const RULES: &[&str] = &[
    "dependency-without-healthy-condition",
    "unparameterized-configuration",
    "platform-ignored-key",
    "stateful-app-tier",
    "environment-becomes-parameter",
    "replicas-without-load-balancing",
];

/// Every rule on, those off by default included.
fn all_on() -> Options {
    Options {
        rules: OFF_BY_DEFAULT
            .iter()
            .map(|id| (id.to_string(), RuleSetting::On))
            .collect(),
        ..Options::default()
    }
}

fn analyze_files(files: Vec<SourceFile>) -> Vec<Finding> {
    analyze::analyze_with(
        &Input {
            files,
            ..Input::default()
        },
        &all_on(),
    )
    .findings
}

fn of(text: &str, rule: &str) -> Vec<Finding> {
    analyze_files(vec![SourceFile::new("compose.yaml", text)])
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

/// Line and column (1-based) of each finding of a rule.
fn at(text: &str, rule: &str) -> Vec<(u32, u32)> {
    of(text, rule)
        .iter()
        .map(|f| (f.start.line, f.start.column))
        .collect()
}

fn messages(text: &str, rule: &str) -> Vec<String> {
    of(text, rule).into_iter().map(|f| f.message).collect()
}

#[test]
fn every_rule_is_readiness_with_its_severity_and_default() {
    let info = compose_architect::analyze::rules();
    let expected = [
        (
            "dependency-without-healthy-condition",
            Severity::Warning,
            true,
        ),
        ("unparameterized-configuration", Severity::Info, true),
        ("platform-ignored-key", Severity::Info, true),
        ("stateful-app-tier", Severity::Warning, true),
        ("environment-becomes-parameter", Severity::Info, false),
        ("replicas-without-load-balancing", Severity::Warning, true),
    ];
    for (id, severity, on) in expected {
        let rule = info.iter().find(|r| r.id == id).unwrap();
        assert_eq!(rule.category, Category::Readiness, "{id}");
        assert_eq!(rule.severity, severity, "{id}");
        assert!(!rule.blocking, "{id}");
        assert_eq!(enabled_by_default(id), on, "{id}");
    }
}

// dependency-without-healthy-condition

const HEALTHY_DB: &str = "  db:
    image: postgres:16
    healthcheck:
      test: [\"CMD-SHELL\", \"pg_isready -U postgres\"]
";

#[test]
fn a_short_dependency_on_a_checked_service_is_reported_at_the_entry() {
    let text = format!(
        "services:
  app:
    image: acme/app:1.0.0
    depends_on:
      - db
      - cache
  cache:
    image: redis:7.4-alpine
{HEALTHY_DB}"
    );
    let found = of(&text, "dependency-without-healthy-condition");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].start.line, found[0].start.column), (5, 9));
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(
        found[0].message,
        "service app depends on db in the short form, so it starts before db passes its health check"
    );
    let help = found[0].help.as_deref().unwrap();
    assert!(
        help.contains("depends_on: {db: {condition: service_healthy}}"),
        "{help}"
    );
    assert!(
        help.contains("other entries of the list move to the long form"),
        "{help}"
    );
}

#[test]
fn an_explicit_service_started_is_reported_at_the_key() {
    let text = format!(
        "services:
  app:
    image: acme/app:1.0.0
    depends_on:
      db:
        condition: service_started
{HEALTHY_DB}"
    );
    assert_eq!(at(&text, "dependency-without-healthy-condition"), [(5, 7)]);
    assert!(
        messages(&text, "dependency-without-healthy-condition")[0]
            .contains("with condition service_started")
    );
    let help = of(&text, "dependency-without-healthy-condition")[0]
        .help
        .clone()
        .unwrap();
    assert!(!help.contains("other entries"), "{help}");
}

#[test]
fn a_long_form_entry_without_a_condition_is_named_as_such() {
    let text = format!(
        "services:
  app:
    image: acme/app:1.0.0
    depends_on:
      db:
        restart: true
{HEALTHY_DB}"
    );
    assert_eq!(
        messages(&text, "dependency-without-healthy-condition"),
        [
            "service app depends on db with no condition, which means service_started, so it starts before db passes its health check"
        ]
    );
}

#[test]
fn healthy_conditions_jobs_and_unchecked_services_are_not_reported() {
    let text = format!(
        "services:
  app:
    image: acme/app:1.0.0
    depends_on:
      db:
        condition: service_healthy
      migrate:
        condition: service_completed_successfully
      cache:
        condition: service_started
      tuned:
        condition: service_started
      off:
        condition: service_started
  worker:
    image: acme/worker:1.0.0
    depends_on:
      - migrate
  migrate:
    image: acme/migrate:1.0.0
    healthcheck:
      test: [\"CMD\", \"true\"]
  cache:
    image: redis:7.4-alpine
  tuned:
    image: acme/tuned:1.0.0
    healthcheck:
      interval: 5s
  off:
    image: acme/off:1.0.0
    healthcheck:
      disable: true
{HEALTHY_DB}"
    );
    assert!(
        at(&text, "dependency-without-healthy-condition").is_empty(),
        "{:?}",
        messages(&text, "dependency-without-healthy-condition")
    );
}

// unparameterized-configuration

#[test]
fn a_literal_tag_of_the_teams_image_is_reported_with_a_variable() {
    let text = "services:
  api:
    image: mycompany/api:1.2.3
  worker:
    image: ${REGISTRY:-ghcr.io/acme}/order-worker:v2.0.1
";
    let found = of(text, "unparameterized-configuration");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].start.line, found[0].start.column), (3, 12));
    assert_eq!(found[0].severity, Severity::Info);
    assert_eq!(
        found[0].message,
        "service api runs image mycompany/api:1.2.3 with its tag 1.2.3 written in the file, so every deployment runs that version"
    );
    assert_eq!(
        found[0].help.as_deref(),
        Some(
            "make the tag a variable with today's tag as its default: mycompany/api:${API_VERSION:-1.2.3}"
        )
    );
    assert_eq!((found[1].start.line, found[1].start.column), (5, 12));
    assert!(
        found[1]
            .help
            .as_deref()
            .unwrap()
            .ends_with("${REGISTRY:-ghcr.io/acme}/order-worker:${ORDER_WORKER_VERSION:-v2.0.1}"),
        "{:?}",
        found[1].help
    );
}

#[test]
fn parameterized_floating_digest_and_public_tags_are_not_reported() {
    let text = "services:
  a:
    image: mycompany/api:${TAG:-1.0}
  b:
    image: ${API_IMAGE:-mycompany/api:1.0}
  c:
    image: mycompany/api:$TAG
  d:
    image: mycompany/api:latest
  e:
    image: mycompany/api
  f:
    image: mycompany/api:1.0@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
  g:
    image: postgres:16.4
  h:
    image: bitnami/redis:7.4
  i:
    image: docker.elastic.co/elasticsearch/elasticsearch:8.15.0
  j:
    image: jaegertracing/all-in-one:1.37
  k:
    image: otel/opentelemetry-collector:0.47.0
  l:
    image: docker.redpanda.com/vectorized/redpanda:v22.2.2
  m:
    image: mycompany/api:stable
";
    assert!(
        at(text, "unparameterized-configuration").is_empty(),
        "{:?}",
        messages(text, "unparameterized-configuration")
    );
}

#[test]
fn a_built_image_counts_as_the_teams_own() {
    // postgres is a public name, but this one is built from the team's Dockerfile
    let text = "services:
  db:
    build: ./db
    image: acme-db:2.1
";
    assert_eq!(at(text, "unparameterized-configuration"), [(4, 12)]);
}

#[test]
fn a_built_image_named_as_a_publishers_keeps_the_upstream_tag() {
    // the corpus's temporal multirole file builds grafana with its provisioning baked in
    let text = "services:
  grafana:
    image: grafana/grafana:7.5.16
    build: ./deployment/grafana
  tracing:
    image: jaegertracing/all-in-one:1.37
    build: ./tracing
";
    assert!(
        at(text, "unparameterized-configuration").is_empty(),
        "{:?}",
        messages(text, "unparameterized-configuration")
    );
}

#[test]
fn external_hosts_in_the_environment_are_reported_by_name_never_by_url() {
    let text = "services:
  api:
    image: acme/api:${API_VERSION:-1.0}
    environment:
      SMTP_HOST: smtp.example.com
      PAYMENTS_URL: https://api.payments.example/v1?token=abc123
      DB_HOST: db
      CACHE_URL: redis://cache:6379/0
      SEARCH_URL: http://search.internal.acme:9200
      BIND_ADDRESS: 0.0.0.0
      ORIGINS: http://localhost:3000
      LOG_LEVEL: info
      POOL_SIZE: 20
      MIRROR_HOST: ${MIRROR_HOST:-mirror.example.com}
      DATABASE_URL: postgres://app:pw@db.example.com/app
  db:
    image: postgres:16
  cache:
    image: redis:7.4-alpine
    networks:
      default:
        aliases: [search.internal.acme]
";
    let found = of(text, "unparameterized-configuration");
    let where_: Vec<(u32, u32)> = found
        .iter()
        .map(|f| (f.start.line, f.start.column))
        .collect();
    assert_eq!(where_, [(5, 7), (6, 7)], "{found:?}");
    assert_eq!(
        found[0].message,
        "service api sets SMTP_HOST to the host smtp.example.com, which is outside the project and the same for every deployment"
    );
    assert_eq!(
        found[0].help.as_deref(),
        Some(
            "make it a variable each deployment can set, with today's value as its default: SMTP_HOST: ${SMTP_HOST:-smtp.example.com}"
        )
    );
    assert!(
        found[1]
            .message
            .contains("a URL on the host api.payments.example")
    );
    for f in &found {
        let text = format!("{} {}", f.message, f.help.as_deref().unwrap_or_default());
        assert!(!text.contains("abc123") && !text.contains("/v1"), "{text}");
    }
}

#[test]
fn hosts_in_the_list_form_and_in_urls_of_any_name() {
    let text = "services:
  worker:
    image: acme/worker:${TAG:-1}
    environment:
      - ELASTICSEARCH_HOSTS=http://es:9200,http://es2.example.org:9200
      - UPSTREAM=10.0.0.8
      - UPSTREAM_SERVER=10.0.0.8:8080
      - FALLBACK_SERVER=backup
  es:
    image: elasticsearch:8.15.0
";
    let found = of(text, "unparameterized-configuration");
    assert_eq!(
        found
            .iter()
            .map(|f| (f.start.line, f.start.column))
            .collect::<Vec<_>>(),
        [(5, 9), (7, 9)],
        "{found:?}"
    );
    assert!(found[0].message.contains("es2.example.org"));
    assert!(found[1].message.contains("the host 10.0.0.8"));
}

// platform-ignored-key

#[test]
fn each_ignored_key_is_reported_once_at_the_key() {
    let text = "services:
  web:
    image: nginx:1.27
    container_name: web
    hostname: web.local
    networks: [front, back]
    ports:
      - \"8080:80\"
      - \"127.0.0.1:8443:443\"
      - \"9000\"
    tmpfs: /tmp
    logging:
      driver: json-file
    init: true
    user: \"1000:1000\"
    volumes:
      - static:/usr/share/nginx/html:ro
      - ./nginx.conf:/etc/nginx/nginx.conf:ro
networks:
  front:
  back:
volumes:
  static:
";
    let found = of(text, "platform-ignored-key");
    let where_: Vec<(u32, u32)> = found
        .iter()
        .map(|f| (f.start.line, f.start.column))
        .collect();
    assert_eq!(
        where_,
        [
            (4, 5),
            (5, 5),
            (6, 5),
            (7, 5),
            (11, 5),
            (12, 5),
            (14, 5),
            (15, 5),
            (16, 5)
        ],
        "{found:?}"
    );
    assert!(found.iter().all(|f| f.severity == Severity::Info));
    let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(
        messages[0],
        "service web sets container_name, which the platform ignores"
    );
    assert_eq!(
        messages[2],
        "service web joins the networks front, back, which the platform ignores"
    );
    assert_eq!(
        messages[3],
        "service web publishes the host ports 8080, 8443, which the platform ignores"
    );
    assert!(
        found[3]
            .help
            .as_deref()
            .unwrap()
            .ends_with("keeps only the container ports 80, 443"),
        "{:?}",
        found[3].help
    );
    assert_eq!(
        messages[8],
        "service web mounts the volume static read-only, a flag the platform ignores"
    );
    assert!(
        found[7]
            .help
            .as_deref()
            .unwrap()
            .contains("SECURITY_CONTEXT_USER_ID")
    );
}

#[test]
fn keys_the_platform_keeps_are_not_reported() {
    let text = "services:
  web:
    image: nginx:1.27
    networks: [default]
    ports:
      - \"80\"
      - target: 443
    init: false
    user: \"1000\"
    environment:
      SECURITY_CONTEXT_USER_ID: \"1000\"
    hostname:
    volumes:
      - ./site:/usr/share/nginx/html:ro
      - data:/data
    restart: unless-stopped
    links: [api]
    extra_hosts: [\"host.docker.internal:host-gateway\"]
    dns: 1.1.1.1
  api:
    image: acme/api:${TAG:-1}
volumes:
  data:
";
    assert!(
        at(text, "platform-ignored-key").is_empty(),
        "{:?}",
        messages(text, "platform-ignored-key")
    );
}

#[test]
fn mounts_and_ports_left_empty_by_unset_variables_are_not_judged() {
    // the corpus's mattermost nginx file takes its host paths and ports from .env
    let text = "services:
  nginx:
    image: nginx:1.27
    volumes:
      - ${NGINX_CONFIG_PATH}:/etc/nginx/conf.d:ro
      - ${CERT_PATH}:/cert.pem:ro
    ports:
      - ${HOST_IP}:8080:80
";
    assert!(
        at(text, "platform-ignored-key").is_empty(),
        "{:?}",
        messages(text, "platform-ignored-key")
    );
}

#[test]
fn a_long_port_range_is_listed_briefly() {
    let text = "services:
  media:
    image: acme/media:${TAG:-1}
    ports:
      - \"10000-10999:10000-10999/udp\"
";
    let found = messages(text, "platform-ignored-key");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].ends_with("10007 and 992 more, which the platform ignores"),
        "{}",
        found[0]
    );
}

// stateful-app-tier

#[test]
fn a_replicated_service_writing_to_a_volume_is_reported_at_the_mount() {
    let text = "services:
  api:
    image: acme/api:${TAG:-1}
    deploy:
      replicas: 3
    volumes:
      - uploads:/app/uploads
      - /app/node_modules
      - ./config:/app/config:ro
      - type: volume
        source: media
        target: /app/media
      - modules:/app/node_modules
      - cache:/app/cache
      - logs:/var/log/app/logs
volumes:
  uploads:
  media:
  modules:
  cache:
  logs:
";
    let found = of(text, "stateful-app-tier");
    let where_: Vec<(u32, u32)> = found
        .iter()
        .map(|f| (f.start.line, f.start.column))
        .collect();
    assert_eq!(where_, [(7, 9), (10, 9)], "{found:?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(
        found[0].message,
        "service api runs 3 replicas that write to the volume uploads at /app/uploads"
    );
}

#[test]
fn an_app_service_binding_a_data_directory_is_reported() {
    let text = "services:
  web:
    image: acme/web:${TAG:-1}
    volumes:
      - ./data:/srv/app
      - ./src:/usr/src/app
      - ./nginx.conf:/etc/nginx/conf.d/app.conf
      - sessions:/var/lib/php/sessions
  worker:
    build: ./worker
    scale: 2
    volumes:
      - ./storage:/app/storage
  tool:
    image: acme/tool:${TAG:-1}
    volumes:
      - ./data:/data
volumes:
  sessions:
";
    let found = of(text, "stateful-app-tier");
    let where_: Vec<(u32, u32)> = found
        .iter()
        .map(|f| (f.start.line, f.start.column))
        .collect();
    assert_eq!(where_, [(5, 9), (13, 9)], "{found:?}");
    assert_eq!(
        found[0].message,
        "service web keeps state in the host directory ./data at /srv/app"
    );
    assert_eq!(
        found[1].message,
        "service worker keeps state in the host directory ./storage at /app/storage, which its 2 replicas cannot share across hosts"
    );
}

#[test]
fn stores_built_here_and_scaled_jobs_are_not_reported() {
    // the corpus's docker-elk builds elasticsearch from a local Dockerfile, with no image;
    // frappe's configurator is a job the other services wait on
    let text = "services:
  elasticsearch:
    build:
      context: elasticsearch/
    scale: 3
    volumes:
      - elasticsearch:/usr/share/elasticsearch/data
  configurator:
    image: frappe/erpnext:v16.32.3
    scale: 3
    volumes:
      - sites:/home/frappe/frappe-bench/sites
  backend:
    image: frappe/erpnext:v16.32.3
    depends_on:
      configurator:
        condition: service_completed_successfully
    expose: [\"8000\"]
volumes:
  elasticsearch:
  sites:
";
    assert!(
        at(text, "stateful-app-tier").is_empty(),
        "{:?}",
        messages(text, "stateful-app-tier")
    );
    // the job is not asked for a port; elasticsearch is, having neither port nor check
    let replicas = messages(text, "replicas-without-load-balancing");
    assert_eq!(replicas.len(), 1, "{replicas:?}");
    assert!(replicas[0].starts_with("service elasticsearch "));
}

#[test]
fn databases_caches_and_queues_keep_their_state() {
    let text = "services:
  db:
    image: postgres:16
    deploy:
      replicas: 2
    volumes:
      - db_data:/var/lib/postgresql/data
  app-db:
    image: mariadb:11.4
    volumes:
      - ./data/mysql:/var/lib/mysql
  api-cache:
    image: bitnami/redis:7.4
    scale: 3
    volumes:
      - redis:/data
  search-api:
    image: elasticsearch:8.15.0
    volumes:
      - ./esdata:/usr/share/elasticsearch/data
volumes:
  db_data:
  redis:
";
    assert!(
        at(text, "stateful-app-tier").is_empty(),
        "{:?}",
        messages(text, "stateful-app-tier")
    );
}

// environment-becomes-parameter

#[test]
fn one_finding_per_service_lists_names_only() {
    let text = "services:
  api:
    image: acme/api:${TAG:-1}
    environment:
      LOG_LEVEL: info
      DB_HOST: db
      DB_PASSWORD: ${DB_PASSWORD:?set it}
      LOG_LEVEL: debug
  db:
    image: postgres:16
    environment:
      - POSTGRES_DB=app
  quiet:
    image: acme/quiet:${TAG:-1}
    environment:
      MODE: x
    x-omnistrate-api-params:
      - key: mode
        name: Mode
        type: String
";
    let found = of(text, "environment-becomes-parameter");
    let where_: Vec<(u32, u32)> = found
        .iter()
        .map(|f| (f.start.line, f.start.column))
        .collect();
    assert_eq!(where_, [(4, 5), (11, 5)], "{found:?}");
    assert_eq!(found[0].severity, Severity::Info);
    assert_eq!(
        found[0].message,
        "service api has no parameters of its own, so its 3 environment variables become customer-facing parameters on the platform: LOG_LEVEL, DB_HOST, DB_PASSWORD"
    );
    assert!(
        found[0]
            .help
            .as_deref()
            .unwrap()
            .ends_with("DB_PASSWORD must be password parameters or platform secrets")
    );
    assert_eq!(
        found[1].message,
        "service db has no parameters of its own, so its 1 environment variable becomes a customer-facing parameter on the platform: POSTGRES_DB"
    );
    assert!(!found[0].message.contains("info") && !found[1].message.contains("=app"));
}

#[test]
fn a_long_environment_is_counted_not_listed_in_full() {
    let names: String = (0..25).map(|n| format!("      V{n}: x\n")).collect();
    let text =
        format!("services:\n  api:\n    image: acme/api:${{TAG:-1}}\n    environment:\n{names}");
    let found = messages(&text, "environment-becomes-parameter");
    assert_eq!(found.len(), 1);
    assert!(found[0].contains("its 25 environment variables"));
    assert!(found[0].ends_with("V18, V19 and 5 more"), "{}", found[0]);
}

#[test]
fn off_by_default() {
    let text = "services:\n  api:\n    image: acme/api:${TAG:-1}\n    environment:\n      A: b\n";
    let report = analyze(&Input {
        files: vec![SourceFile::new("compose.yaml", text)],
        ..Input::default()
    });
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.rule != "environment-becomes-parameter")
    );
}

// replicas-without-load-balancing

#[test]
fn a_fixed_host_port_on_replicas_is_reported_at_the_port() {
    let text = "services:
  web:
    image: acme/web:${TAG:-1}
    deploy:
      replicas: 3
    ports:
      - \"8080:80\"
      - \"9000-9002:9000\"
      - \"81\"
      - target: 443
        published: 8443
      - \"5000:5000/udp\"
    healthcheck:
      test: [\"CMD\", \"true\"]
";
    let found = of(text, "replicas-without-load-balancing");
    let where_: Vec<(u32, u32)> = found
        .iter()
        .map(|f| (f.start.line, f.start.column))
        .collect();
    assert_eq!(where_, [(7, 9), (10, 9), (12, 9)], "{found:?}");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(
        found[0].message,
        "service web runs 3 replicas but publishes the fixed host port 8080, which only one of them can bind"
    );
    assert!(
        found[2].message.contains("host port 5000/udp"),
        "{}",
        found[2].message
    );
}

#[test]
fn replicas_with_nothing_to_balance_on_are_reported_at_the_count() {
    let text = "services:
  worker:
    image: acme/worker:${TAG:-1}
    scale: 2
  checked:
    image: acme/worker:${TAG:-1}
    deploy:
      replicas: 2
    healthcheck:
      test: [\"CMD\", \"true\"]
  served:
    image: acme/web:${TAG:-1}
    deploy:
      replicas: ${WEB_REPLICAS:-2}
    expose: [\"80\"]
  single:
    image: acme/web:${TAG:-1}
    deploy:
      replicas: 1
    ports: [\"8080:80\"]
";
    let found = of(text, "replicas-without-load-balancing");
    assert_eq!(
        found
            .iter()
            .map(|f| (f.start.line, f.start.column))
            .collect::<Vec<_>>(),
        [(4, 12)],
        "{found:?}"
    );
    assert_eq!(
        found[0].message,
        "service worker runs 2 replicas but declares no port and no health check for a load balancer to use"
    );
}

#[test]
fn odd_shapes_never_panic() {
    for body in [
        "    depends_on: {a: 1}\n",
        "    depends_on: [[1]]\n",
        "    depends_on: [app]\n",
        "    environment: [\"=\", \"A=://\", \"B_HOST=[\", \"C_HOST=[::\", \"D=x://@\", \"E_HOST=.\"]\n",
        "    environment:\n      A_HOST: \"é.例え\"\n      B: \"ß://ü.example/\"\n",
        "    networks: {a: {aliases: 1}}\n    links: {a: b}\n    extra_hosts: {a: 1}\n",
        "    image: \"${\"\n",
        "    image: \":\"\n",
        "    image: \"a:${B:-}\"\n",
        "    deploy: {replicas: -3}\n    ports: [\"0:80\"]\n",
        "    deploy: {replicas: 99999999999999999999}\n",
        "    scale: x\n    volumes: [\"data:/é\", \"./é:/x\", \":\"]\n",
        "    user: [1]\n    init: [1]\n    logging: ~\n    tmpfs: []\n",
    ] {
        let text = format!("services:\n  app:\n    image: acme/app:1.0\n{body}");
        let _ = analyze_files(vec![SourceFile::new("compose.yaml", text)]);
    }
}

// The real corpus

/// Every real file runs through these rules, on its base when it is an override; the
/// findings are printed (`--nocapture`) for review. The reviewed counts of the precise
/// rules are kept, so a change that adds or drops one is seen: the five dependencies are
/// real (logstash and kibana on elasticsearch, netbox on postgres and its two valkeys), and
/// no file has replicas, a literal tag of the team's own image, or an external host.
#[test]
fn the_real_corpus_runs_through_the_readiness_rules() {
    let dir = corpus_dir();
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect();
    names.sort();
    assert!(names.len() >= 43, "only {} corpus files found", names.len());

    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in &names {
        let files = project(name);
        for f in analyze_files(files).iter().filter(|f| f.file == *name) {
            let Some(rule) = RULES.iter().find(|r| **r == f.rule) else {
                continue;
            };
            *counts.entry(rule).or_default() += 1;
            println!(
                "{name}:{}:{} {} {} {}",
                f.start.line,
                f.start.column,
                f.severity.as_str(),
                f.rule,
                f.message
            );
        }
    }
    for (rule, count) in &counts {
        println!("{rule}: {count}");
    }
    let count = |rule: &str| counts.get(rule).copied().unwrap_or(0);
    assert_eq!(count("dependency-without-healthy-condition"), 5);
    assert_eq!(count("unparameterized-configuration"), 0);
    assert_eq!(count("stateful-app-tier"), 0);
    assert_eq!(count("replicas-without-load-balancing"), 0);
}

/// The corpus has no replicated service, so each file runs again with an override that
/// scales every service to three replicas: the two rules about replicas then meet real
/// services' ports, mounts and health checks, and their findings are printed for review.
#[test]
fn the_real_corpus_scaled_to_three_replicas() {
    let dir = corpus_dir();
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect();
    names.sort();

    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in &names {
        let mut files = project(name);
        let services: Vec<String> = analyze::analyze_with(
            &Input {
                files: files.clone(),
                ..Input::default()
            },
            &all_on(),
        )
        .inventory
        .into_iter()
        .map(|i| i.service)
        .collect();
        let scaled: String = services
            .iter()
            .map(|s| format!("  {s}:\n    scale: 3\n"))
            .collect();
        files.push(SourceFile::new(
            "scaled.yaml",
            format!("services:\n{scaled}"),
        ));

        // a finding at the replica count is in the override
        let ours = |f: &&Finding| f.file == *name || f.file == "scaled.yaml";
        for f in analyze_files(files).iter().filter(ours) {
            let rule = match f.rule.as_str() {
                "stateful-app-tier" => "stateful-app-tier",
                "replicas-without-load-balancing" => "replicas-without-load-balancing",
                _ => continue,
            };
            *counts.entry(rule).or_default() += 1;
            println!(
                "{name}:{}:{}:{} {} {}",
                f.file, f.start.line, f.start.column, f.rule, f.message
            );
        }
    }
    for (rule, count) in &counts {
        println!("{rule}: {count}");
    }
}

#[test]
fn a_yes_or_no_setting_about_a_secret_is_not_a_secret() {
    let text = "\
services:
  db:
    image: mysql:8.4
    environment:
      MYSQL_RANDOM_ROOT_PASSWORD: \"yes\"
      MYSQL_ALLOW_EMPTY_PASSWORD: \"no\"
      REQUIRE_PASSWORD: \"true\"
      MYSQL_PASSWORD: s3cr3t-value
";
    assert_eq!(at(text, "hardcoded-secret"), [(8, 7)]);
}

#[test]
fn a_secret_given_on_a_command_line_is_found_at_its_value() {
    let text = "\
services:
  cache:
    image: redis:7.4.1
    command: redis-server --requirepass cachepw1 --appendonly yes
    healthcheck:
      test: [\"CMD\", \"redis-cli\", \"-a\", \"cachepw1\", \"ping\"]
  db:
    image: mcr.microsoft.com/mssql/server:2022-latest
    healthcheck:
      test: [\"CMD-SHELL\", \"/opt/mssql-tools/bin/sqlcmd -S localhost -U sa -P example_123 -Q 'SELECT 1'\"]
  worker:
    image: acme/worker:1.0
    entrypoint:
      - sh
      - -c
      - PGPASSWORD=pgpass1 psql -h db -c 'select 1'
  safe:
    image: mysql:8.4
    command: --default-authentication-plugin=mysql_native_password
    healthcheck:
      test: ['CMD-SHELL', 'mysqladmin ping --password=\"$$(cat /run/secrets/db)\" --silent']
  fine:
    image: redis:7.4.1
    command: redis-server --requirepass ${REDIS_PASSWORD:?set REDIS_PASSWORD}
";
    assert_eq!(
        at(text, "hardcoded-secret"),
        [(4, 41), (6, 41), (10, 78), (16, 20)]
    );
    let messages = messages(text, "hardcoded-secret");
    assert_eq!(
        messages[0],
        "service cache gives --requirepass a hard-coded secret in its command"
    );
    assert_eq!(
        messages[1],
        "service cache gives -a a hard-coded secret in its health check"
    );
    assert_eq!(
        messages[3],
        "service worker gives PGPASSWORD a hard-coded secret in its entrypoint"
    );
    for message in &messages {
        assert!(!message.contains("cachepw1") && !message.contains("example_123"));
    }

    // the finding spans the value alone, so that every output masks from there
    let findings = of(text, "hardcoded-secret");
    assert_eq!(findings[0].end.column - findings[0].start.column, 8);
    let help = findings[0].help.as_deref().unwrap_or_default();
    assert!(
        help.contains("${CACHE_REQUIREPASS:?set CACHE_REQUIREPASS}"),
        "{help}"
    );
}

#[test]
fn an_image_reference_docker_refuses_is_not_also_called_unpinned() {
    let files = vec![
        SourceFile::new(
            "compose.yaml",
            "services:\n  web:\n    image: nginx:${TAG}\n",
        ),
        SourceFile::new(".env", "TAG=${TAG:-${TAG}}\n"),
    ];
    let findings = analyze_files(files);
    let rules: Vec<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    assert!(rules.contains(&"invalid-image-reference"), "{rules:?}");
    assert!(!rules.contains(&"unpinned-image"), "{rules:?}");

    assert_eq!(
        messages(
            "services:\n  web:\n    image: Nginx:1.27\n",
            "unpinned-image"
        ),
        Vec::<String>::new()
    );
    assert_eq!(
        messages("services:\n  web:\n    image: nginx\n", "unpinned-image"),
        ["image nginx has no tag, so it means nginx:latest"]
    );
}

#[test]
fn a_password_inside_a_connection_string_is_a_hard_coded_secret_never_shown() {
    let text = "services:\n  api:\n    image: acme/api:1.0\n    environment:\n      ConnectionStrings__Shop: \"Server=db;Database=shop;User Id=sa;Password=MsSqlPw9988;\"\n      ConnectionStrings__Logs: \"Server=db;Database=logs;Password=${LOGS_PASSWORD};\"\n";
    assert_eq!(
        messages(text, "hardcoded-secret"),
        [
            "service api has a password written inside the connection string in ConnectionStrings__Shop"
        ]
    );

    let report = analyze::analyze_with(
        &Input {
            files: vec![SourceFile::new("compose.yaml", text)],
            ..Input::default()
        },
        &all_on(),
    );
    let files = [SourceFile::new("compose.yaml", text)];
    let rules = compose_architect::analyze::rules();
    for format in [
        compose_architect::report::Format::Text,
        compose_architect::report::Format::Json,
        compose_architect::report::Format::Markdown,
        compose_architect::report::Format::Sarif,
        compose_architect::report::Format::Github,
    ] {
        let rendered = compose_architect::report::render(&report, &files, format, &rules);
        assert!(!rendered.contains("MsSqlPw9988"), "{format:?}: {rendered}");
    }
}
