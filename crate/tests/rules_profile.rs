//! The profile rules: each finding at its exact line and column when the profile asks for
//! it, silence without a profile or with one that does not ask, and the look-alikes that
//! must stay silent. The real corpus runs through all of them under a demanding profile.

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

use compose_architect::analyze::rules::profile::support::Asks;
use compose_architect::analyze::rules::profile::{PROFILE_RULES, asks};
use compose_architect::analyze::{Options, analyze_with, rules};
use compose_architect::recommend::{Compliance, Profile};
use compose_architect::report::{Finding, Report, Severity};
use compose_architect::{Input, SourceFile};

use Compliance::{Gdpr, Hipaa, Iso27001, PciDss, Soc2};

const EVERY_FRAMEWORK: &[Compliance] = &[Soc2, Hipaa, Gdpr, PciDss, Iso27001];

fn compliance(frameworks: &[Compliance]) -> Option<Profile> {
    Some(Profile {
        compliance: Some(frameworks.to_vec()),
        ..Profile::default()
    })
}

fn uptime(target: f64) -> Option<Profile> {
    Some(Profile {
        uptime: Some(target),
        ..Profile::default()
    })
}

fn report(text: &str, profile: Option<Profile>) -> Report {
    let options = Options {
        profile,
        ..Options::default()
    };
    analyze_with(
        &Input {
            files: vec![SourceFile::new("compose.yaml", text)],
            ..Input::default()
        },
        &options,
    )
}

/// One rule's findings: line, column, severity and message.
fn findings_of(
    text: &str,
    profile: Option<Profile>,
    rule: &str,
) -> Vec<(u32, u32, Severity, String)> {
    report(text, profile)
        .findings
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| (f.start.line, f.start.column, f.severity, f.message))
        .collect()
}

fn at(text: &str, profile: Option<Profile>, rule: &str) -> Vec<(u32, u32)> {
    findings_of(text, profile, rule)
        .into_iter()
        .map(|(line, column, _, _)| (line, column))
        .collect()
}

fn messages(text: &str, profile: Option<Profile>, rule: &str) -> Vec<String> {
    findings_of(text, profile, rule)
        .into_iter()
        .map(|(_, _, _, message)| message)
        .collect()
}

/// A profile that asks for everything except what this rule needs: the other frameworks
/// and an uptime target just below the rule's threshold.
fn everything_but(asked: Asks) -> Option<Profile> {
    match asked {
        Asks::Compliance(needed) => Some(Profile {
            compliance: Some(
                EVERY_FRAMEWORK
                    .iter()
                    .filter(|f| !needed.contains(f))
                    .copied()
                    .collect(),
            ),
            uptime: Some(99.999),
            ..Profile::default()
        }),
        Asks::Uptime(threshold) => Some(Profile {
            compliance: Some(EVERY_FRAMEWORK.to_vec()),
            uptime: Some(threshold - 0.001),
            ..Profile::default()
        }),
    }
}

// Every profile rule

#[test]
fn every_profile_rule_is_silent_unless_the_profile_asks_for_it() {
    let documented = rules();
    for rule in PROFILE_RULES {
        let doc = documented.iter().find(|r| r.id == rule.id).unwrap();
        let asked = asks(rule.id).unwrap();
        let needed = match asked {
            Asks::Compliance(frameworks) => compliance(frameworks),
            Asks::Uptime(threshold) => uptime(threshold),
        };
        assert!(
            !at(&doc.bad, needed, rule.id).is_empty(),
            "{}: silent with the profile it needs",
            rule.id
        );
        assert!(
            at(&doc.bad, None, rule.id).is_empty(),
            "{}: reports without a profile",
            rule.id
        );
        assert!(
            at(&doc.bad, Some(Profile::default()), rule.id).is_empty(),
            "{}: reports with an empty profile",
            rule.id
        );
        assert!(
            at(&doc.bad, everything_but(asked), rule.id).is_empty(),
            "{}: reports with a profile that does not ask for it",
            rule.id
        );
    }
}

#[test]
fn every_profile_rule_names_the_profile_field_that_drives_it() {
    let documented = rules();
    for rule in PROFILE_RULES {
        let doc = documented.iter().find(|r| r.id == rule.id).unwrap();
        let field = match asks(rule.id).unwrap() {
            Asks::Compliance(_) => "`compliance`",
            Asks::Uptime(_) => "`uptime`",
        };
        assert!(
            doc.summary.contains(field) && doc.why.starts_with("Runs only when the profile's"),
            "{}: the docs do not say that {field} drives it",
            rule.id
        );
    }
}

#[test]
fn an_invalid_uptime_target_asks_for_nothing() {
    let text = "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n";
    for target in [100.0, 150.0, -1.0, f64::NAN] {
        assert!(at(text, uptime(target), "sla-single-replica").is_empty());
        assert!(at(text, uptime(target), "sla-missing-healthcheck").is_empty());
    }
}

// Compliance

#[test]
fn caches_are_reported_at_their_image_under_hipaa() {
    let text = "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n  cache:\n    image: redis:7.4-alpine\n  sessions:\n    image: valkey/valkey:8.0\n  mc:\n    image: memcached:1.6\n  db:\n    image: postgres:16\n  debug-cache:\n    image: redis:7.4\n    profiles: [debug]\n";
    let found = findings_of(text, compliance(&[Hipaa]), "hipaa-phi-in-cache");
    let positions: Vec<(u32, u32)> = found.iter().map(|f| (f.0, f.1)).collect();
    assert_eq!(positions, [(5, 12), (7, 12), (9, 12)]);
    assert_eq!(found[0].2, Severity::Warning);
    assert_eq!(
        found[0].3,
        "service cache runs Redis, a cache, in a project that must meet HIPAA; PHI must not \
         be cached"
    );

    // a cache in a project whose profile does not list HIPAA
    assert!(
        at(
            text,
            compliance(&[Soc2, Gdpr, PciDss]),
            "hipaa-phi-in-cache"
        )
        .is_empty()
    );
    assert!(at(text, uptime(99.99), "hipaa-phi-in-cache").is_empty());
    assert!(at(text, None, "hipaa-phi-in-cache").is_empty());
}

#[test]
fn database_connections_without_tls_are_reported_at_the_variable() {
    let text = "services:
  api:
    image: ghcr.io/acme/api:1.4.2
    environment:
      DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/app
      REPLICA_URL: postgres://app@db-ro:5432/app?sslmode=disable
      MONGO_URL: mongodb://mongo:27017/app
      SECURE_URL: postgres://app@db:5432/app?sslmode=verify-full
      LOCAL_URL: postgres://app@localhost/app
      CACHE_URL: redis://cache:6379
      OPTIONS_URL: postgres://app@db:5432/app?${DB_OPTIONS}
      WHOLE_URL: ${WHOLE_URL}
      DB_SSL: \"false\"
  worker:
    image: ghcr.io/acme/worker:1.4.2
    environment:
      - PGSSLMODE=require
      - DATABASE_URL=postgres://app@db:5432/app
  billing:
    image: ghcr.io/acme/billing:3.1.0
    environment:
      - SPRING_DATASOURCE_URL=jdbc:mysql://mysql:3306/billing?useSSL=false
      - LEGACY_DSN=host=db dbname=billing sslmode=prefer
";
    let found = findings_of(text, compliance(&[Soc2]), "unencrypted-database-connection");
    let got: Vec<(u32, u32, &str)> = found.iter().map(|f| (f.0, f.1, f.3.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                5,
                7,
                "service api connects to PostgreSQL at db in DATABASE_URL without requiring TLS"
            ),
            (
                6,
                7,
                "service api connects to PostgreSQL with sslmode=disable in REPLICA_URL"
            ),
            (
                7,
                7,
                "service api connects to MongoDB at mongo in MONGO_URL without requiring TLS"
            ),
            (
                13,
                7,
                "service api turns TLS off for its database connection: DB_SSL=false"
            ),
            (
                22,
                9,
                "service billing connects to MySQL with useSSL=false in SPRING_DATASOURCE_URL"
            ),
            (
                23,
                9,
                "service billing connects to its database with sslmode=prefer in LEGACY_DSN, \
                 which falls back to plaintext"
            ),
        ]
    );
    assert!(found.iter().all(|f| f.2 == Severity::Warning));
    // the password is never repeated
    assert!(found.iter().all(|f| !f.3.contains("DB_PASSWORD")));

    for asked in [Hipaa, PciDss] {
        assert_eq!(
            at(
                text,
                compliance(&[asked]),
                "unencrypted-database-connection"
            )
            .len(),
            6
        );
    }
    assert!(
        at(
            text,
            compliance(&[Gdpr, Iso27001]),
            "unencrypted-database-connection"
        )
        .is_empty()
    );
    assert!(at(text, None, "unencrypted-database-connection").is_empty());
}

#[test]
fn mysql_servers_that_accept_plaintext_are_reported_at_their_image() {
    let text = "services:
  mysql:
    image: mysql:8.4
  secure:
    image: mysql:8.4
    command: --require-secure-transport=ON
  maria:
    image: mariadb:11.4
    command: [\"--require_secure_transport=OFF\"]
  configured:
    image: mariadb:11.4
    volumes:
      - ./tls.cnf:/etc/mysql/conf.d/tls.cnf:ro
  pg:
    image: postgres:16
";
    let found = findings_of(
        text,
        compliance(&[Hipaa]),
        "unencrypted-database-connection",
    );
    let got: Vec<(u32, u32, &str)> = found.iter().map(|f| (f.0, f.1, f.3.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                3,
                12,
                "service mysql runs MySQL without require_secure_transport, so clients may \
                 connect without TLS"
            ),
            (
                9,
                14,
                "service maria runs MariaDB without require_secure_transport, so clients may \
                 connect without TLS"
            ),
        ]
    );
}

#[test]
fn discarded_logs_and_logging_turned_off_are_reported() {
    let text = "services:
  api:
    image: ghcr.io/acme/api:1.4.2
    logging:
      driver: none
  worker:
    image: ghcr.io/acme/worker:1.4.2
    environment:
      AUDIT_LOG_ENABLED: \"false\"
      LOG_LEVEL: silent
  web:
    image: ghcr.io/acme/web:2.0.1
    logging:
      driver: json-file
      options:
        max-size: 10m
    environment:
      LOG_LEVEL: info
      AUDIT_LOG_MAX_SIZE: 0
  shipper:
    image: ghcr.io/acme/shipper:1.0.0
    logging:
      driver: ${LOG_DRIVER}
";
    let found = findings_of(text, compliance(&[PciDss]), "missing-audit-logging");
    let got: Vec<(u32, u32, &str)> = found.iter().map(|f| (f.0, f.1, f.3.as_str())).collect();
    assert_eq!(
        got,
        [
            (5, 15, "service api discards its logs (logging driver none)"),
            (
                9,
                7,
                "service worker turns audit logging off: AUDIT_LOG_ENABLED=false"
            ),
            (
                10,
                7,
                "service worker turns its logging off: LOG_LEVEL=silent"
            ),
        ]
    );
    for asked in [Soc2, Hipaa, Iso27001] {
        assert_eq!(
            at(text, compliance(&[asked]), "missing-audit-logging").len(),
            3
        );
    }
    assert!(at(text, compliance(&[Gdpr]), "missing-audit-logging").is_empty());
}

#[test]
fn plain_http_ports_are_reported_when_nothing_terminates_tls() {
    let text = "services:
  web:
    image: ghcr.io/acme/web:2.0.1
    ports:
      - \"80:8080\"
      - \"127.0.0.1:3000:3000\"
      - \"9229:9229\"
  api:
    image: ghcr.io/acme/api:1.4.2
    ports:
      - target: 3000
        published: 3000
  host:
    image: ghcr.io/acme/agent:1.0.0
    network_mode: host
    ports:
      - \"8080:8080\"
";
    let found = findings_of(text, compliance(&[PciDss]), "plaintext-service-port");
    let got: Vec<(u32, u32, &str)> = found.iter().map(|f| (f.0, f.1, f.3.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                5,
                9,
                "service web publishes container port 8080, a plain-HTTP port, and nothing in \
                 the project terminates TLS"
            ),
            (
                11,
                9,
                "service api publishes container port 3000, a plain-HTTP port, and nothing in \
                 the project terminates TLS"
            ),
        ]
    );

    // a TLS-terminating entry point answers for the project
    let proxied = format!(
        "{text}  proxy:\n    image: traefik:v3.1\n    ports:\n      - \"80:80\"\n      - \"443:443\"\n"
    );
    assert!(at(&proxied, compliance(&[PciDss]), "plaintext-service-port").is_empty());
    assert!(
        at(
            text,
            compliance(&[Gdpr, Iso27001]),
            "plaintext-service-port"
        )
        .is_empty()
    );
}

#[test]
fn unstated_residency_is_reported_once_at_the_first_data_service() {
    // temporalio/server is not SQL Server, whose image ends in the same name
    let text = "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n  db:\n    image: postgres:16\n  cache:\n    image: redis:7.4\n  temporal:\n    image: temporalio/server:1.25.2\n";
    let found = findings_of(text, compliance(&[Gdpr]), "data-residency-unstated");
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].0, found[0].1, found[0].2), (4, 3, Severity::Info));
    assert_eq!(
        found[0].3,
        "services db and cache keep data, and no variable names the region where it is kept"
    );

    // a region variable, set or only used, anywhere in the project
    let set = text.replace(
        "api:1.4.2\n",
        "api:1.4.2\n    environment:\n      - AWS_REGION\n",
    );
    assert!(at(&set, compliance(&[Gdpr]), "data-residency-unstated").is_empty());
    let used = text.replace(
        "api:1.4.2\n",
        "api:1.4.2\n    command: [\"serve\", \"--region\", \"${DATA_REGION:-eu-central-1}\"]\n",
    );
    assert!(at(&used, compliance(&[Gdpr]), "data-residency-unstated").is_empty());
    // no data service: nothing to place
    let stateless = "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n";
    assert!(at(stateless, compliance(&[Gdpr]), "data-residency-unstated").is_empty());
    assert!(at(text, compliance(&[Hipaa, Soc2]), "data-residency-unstated").is_empty());
}

#[test]
fn tenant_routing_under_hipaa_is_reported_once() {
    let text = "services:
  api:
    image: ghcr.io/acme/api:1.4.2
    environment:
      TENANT_HEADER: X-Tenant-ID
      AZURE_TENANT_ID: 00000000-0000-0000-0000-000000000000
  worker:
    image: ghcr.io/acme/worker:1.4.2
    environment:
      - DEFAULT_TENANT=public
  db:
    image: postgres:16
";
    let found = findings_of(
        text,
        compliance(&[Hipaa]),
        "shared-tenancy-for-regulated-data",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].0, found[0].1, found[0].2),
        (5, 7, Severity::Warning)
    );
    assert_eq!(
        found[0].3,
        "services api and worker route requests by tenant (TENANT_HEADER), and every \
         tenant's data goes to the one database, db; HIPAA expects dedicated infrastructure \
         for PHI"
    );

    // the project says it is siloed
    let siloed = text.replace("public\n", "public\n      - MULTI_TENANT=false\n");
    assert!(
        at(
            &siloed,
            compliance(&[Hipaa]),
            "shared-tenancy-for-regulated-data"
        )
        .is_empty()
    );
    // a siloed instance told its own tenant, and an identity provider's tenant
    let own = "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    environment:\n      TENANT_ID: ${TENANT_ID:?set TENANT_ID}\n      AZURE_TENANT_ID: ${AZURE_TENANT_ID}\n  db:\n    image: postgres:16\n";
    assert!(
        at(
            own,
            compliance(&[Hipaa]),
            "shared-tenancy-for-regulated-data"
        )
        .is_empty()
    );
    // shared tenancy is allowed when the profile does not list HIPAA
    assert!(
        at(
            text,
            compliance(&[Soc2, Gdpr]),
            "shared-tenancy-for-regulated-data"
        )
        .is_empty()
    );

    // several databases: the message does not claim a single one
    let two = format!("{text}  reports:\n    image: mysql:8.4\n");
    assert_eq!(
        messages(
            &two,
            compliance(&[Hipaa]),
            "shared-tenancy-for-regulated-data"
        ),
        [
            "services api and worker route requests by tenant (TENANT_HEADER), so tenants share \
          one deployment; HIPAA expects dedicated infrastructure for PHI"
        ]
    );
}

// SLA

const REPLICAS: &str = "services:
  api:
    image: ghcr.io/acme/api:1.4.2
  web:
    image: ghcr.io/acme/web:2.0.1
    deploy:
      replicas: 2
  worker:
    image: ghcr.io/acme/worker:1.4.2
    deploy:
      replicas: 3
  migrate:
    image: ghcr.io/acme/api:1.4.2
    deploy:
      restart_policy:
        condition: none
  db:
    image: postgres:16
  legacy:
    image: ghcr.io/acme/legacy:0.9.0
    scale: 1
  sized:
    image: ghcr.io/acme/sized:1.0.0
    deploy:
      replicas: ${SIZED_REPLICAS}
";

#[test]
fn services_with_too_few_replicas_for_the_target_are_reported() {
    let found = findings_of(REPLICAS, uptime(99.95), "sla-single-replica");
    let got: Vec<(u32, u32, &str)> = found.iter().map(|f| (f.0, f.1, f.3.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                2,
                3,
                "service api runs a single replica, and 99.95% uptime needs at least 2 (it \
                 allows 4.38 hours of downtime a year)"
            ),
            (
                21,
                12,
                "service legacy runs a single replica, and 99.95% uptime needs at least 2 (it \
                 allows 4.38 hours of downtime a year)"
            ),
        ]
    );
    assert!(found.iter().all(|f| f.2 == Severity::Warning));

    // from 99.99% two replicas are not enough; three are
    assert_eq!(
        at(REPLICAS, uptime(99.99), "sla-single-replica"),
        [(2, 3), (7, 17), (21, 12)]
    );
    assert_eq!(
        messages(REPLICAS, uptime(99.99), "sla-single-replica")[1],
        "service web runs 2 replicas, and 99.99% uptime needs at least 3 (it allows 52.6 \
         minutes of downtime a year)"
    );
    assert!(at(REPLICAS, uptime(99.9), "sla-single-replica").is_empty());
    assert!(at(REPLICAS, compliance(EVERY_FRAMEWORK), "sla-single-replica").is_empty());
}

#[test]
fn missing_health_checks_block_where_the_target_needs_failover() {
    let text = "services:
  api:
    image: ghcr.io/acme/api:1.4.2
  db:
    image: postgres:16
    healthcheck:
      disable: true
  web:
    image: ghcr.io/acme/web:2.0.1
    healthcheck:
      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost/\"]
  migrate:
    image: ghcr.io/acme/api:1.4.2
    deploy:
      restart_policy:
        condition: none
";
    let found = findings_of(text, uptime(99.95), "sla-missing-healthcheck");
    let got: Vec<(u32, u32, Severity, &str)> = found
        .iter()
        .map(|f| (f.0, f.1, f.2, f.3.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                2,
                3,
                Severity::Error,
                "service api has no health check, and 99.95% uptime (4.38 hours of downtime a \
                 year) needs automated failover, which acts on it"
            ),
            (
                6,
                5,
                Severity::Error,
                "service db disables its health check, and 99.95% uptime (4.38 hours of \
                 downtime a year) needs automated failover, which acts on it"
            ),
        ]
    );
    // it replaces missing-healthcheck, at the spans that rule reports without a target
    assert!(at(text, uptime(99.95), "missing-healthcheck").is_empty());
    assert_eq!(at(text, None, "missing-healthcheck"), [(2, 3), (6, 5)]);
    // and it blocks onboarding
    let blocked = report(text, uptime(99.95)).summary.blocking;
    let unblocked = report(text, None).summary.blocking;
    assert_eq!(blocked, unblocked + 2);

    // at 99.9% manual failover is acceptable: only the warning remains
    assert!(at(text, uptime(99.9), "sla-missing-healthcheck").is_empty());
    assert_eq!(at(text, uptime(99.9), "missing-healthcheck").len(), 2);
}

#[test]
fn single_databases_are_reported_from_four_nines() {
    let text = "services:
  db:
    image: postgres:16
    deploy:
      replicas: 3
  mongo:
    image: mongo:7.0
    command: [\"--replSet\", \"rs0\"]
  primary:
    image: bitnami/mysql:8.4
    environment:
      MYSQL_REPLICATION_MODE: master
  orders:
    image: mariadb:11.4
  orders-replica:
    image: mariadb:11.4
  cache:
    image: redis:7.4
  crdb:
    image: cockroachdb/cockroach:v24.2.4
    command: start-single-node --insecure
";
    let found = findings_of(text, uptime(99.99), "sla-database-not-replicated");
    let got: Vec<(u32, u32, &str)> = found.iter().map(|f| (f.0, f.1, f.3.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                3,
                12,
                "database service db (PostgreSQL) runs a single instance with no replica, and \
                 99.99% uptime allows 52.6 minutes of downtime a year"
            ),
            (
                20,
                12,
                "database service crdb (CockroachDB) runs a single instance with no replica, \
                 and 99.99% uptime allows 52.6 minutes of downtime a year"
            ),
        ]
    );
    // from 99.999% the single-primary database is the five-nines rule's to report
    assert_eq!(
        at(text, uptime(99.999), "sla-database-not-replicated"),
        [(20, 12)]
    );
    assert!(at(text, uptime(99.95), "sla-database-not-replicated").is_empty());
}

#[test]
fn single_primary_databases_are_reported_at_five_nines() {
    let text = "services:
  db:
    image: postgres:16
  events:
    image: cassandra:5.0
  crdb:
    image: cockroachdb/cockroach:v24.2.4
  docs:
    image: mongo:7.0
  sql:
    image: mcr.microsoft.com/mssql/server:2022-latest
  temporal:
    image: temporalio/server:1.25.2
";
    let found = findings_of(text, uptime(99.999), "sla-single-region-five-nines");
    let got: Vec<(u32, u32, &str)> = found.iter().map(|f| (f.0, f.1, f.3.as_str())).collect();
    assert_eq!(
        got,
        [
            (
                3,
                12,
                "database service db runs PostgreSQL, which has one writable primary, and \
                 99.999% uptime (5.26 minutes of downtime a year) needs active-active regions"
            ),
            (
                9,
                12,
                "database service docs runs MongoDB, which has one writable primary, and \
                 99.999% uptime (5.26 minutes of downtime a year) needs active-active regions"
            ),
            (
                11,
                12,
                "database service sql runs SQL Server, which has one writable primary, and \
                 99.999% uptime (5.26 minutes of downtime a year) needs active-active regions"
            ),
        ]
    );
    assert!(at(text, uptime(99.99), "sla-single-region-five-nines").is_empty());
}

// The real corpus

/// Every real file runs through every profile rule under a HIPAA, SOC 2 and GDPR profile
/// with a 99.99% target, alone and on its base; the findings are printed (`--nocapture`)
/// for review.
#[test]
fn the_real_corpus_runs_through_every_profile_rule() {
    let dir = corpus_dir();
    let read = |name: &str| SourceFile::new(name, fs::read_to_string(dir.join(name)).unwrap());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect();
    names.sort();
    assert!(names.len() >= 43, "only {} corpus files found", names.len());

    let profile = Profile {
        compliance: Some(vec![Hipaa, Soc2, Gdpr]),
        uptime: Some(99.99),
        ..Profile::default()
    };
    let options = Options {
        profile: Some(profile),
        ..Options::default()
    };
    let is_profile_rule = |f: &Finding| PROFILE_RULES.iter().any(|r| r.id == f.rule);

    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for name in &names {
        let alone = analyze_with(
            &Input {
                files: vec![read(name)],
                ..Input::default()
            },
            &options,
        );
        let files = project(name);
        let without_profile = analyze_with(
            &Input {
                files: files.clone(),
                ..Input::default()
            },
            &Options::default(),
        );
        let report = analyze_with(
            &Input {
                files,
                ..Input::default()
            },
            &options,
        );
        assert!(alone.version == 1 && report.version == 1);
        // the blocking form of missing-healthcheck stands exactly where that rule stands
        // without a target, and replaces it
        let spans_of =
            |report: &compose_architect::report::Report, rule: &str| -> Vec<(String, u32, u32)> {
                report
                    .findings
                    .iter()
                    .filter(|f| f.rule == rule)
                    .map(|f| (f.file.clone(), f.start.line, f.start.column))
                    .collect()
            };
        assert_eq!(
            spans_of(&report, "sla-missing-healthcheck"),
            spans_of(&without_profile, "missing-healthcheck"),
            "{name}"
        );
        assert!(
            spans_of(&report, "missing-healthcheck").is_empty(),
            "{name}"
        );

        for f in report
            .findings
            .iter()
            .filter(|f| f.file == *name && is_profile_rule(f))
        {
            *counts.entry(f.rule.clone()).or_default() += 1;
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
}

#[test]
fn a_connection_string_with_an_unset_variable_names_the_host_as_written() {
    let text = "\
services:
  api:
    image: acme/api:1.0.0
    environment:
      DATABASE_URL: \"postgresql://${DB_USER:-postgres}:${DB_PASSWORD:?x}@database:5432/app\"
      REPLICA_URL: \"postgresql://app@${REPLICA_HOST}:5432/app\"
";
    assert_eq!(
        messages(
            text,
            compliance(&[Hipaa]),
            "unencrypted-database-connection"
        ),
        [
            "service api connects to PostgreSQL at database in DATABASE_URL without requiring TLS",
            "service api connects to PostgreSQL at $REPLICA_HOST in REPLICA_URL without requiring TLS",
        ]
    );
}
