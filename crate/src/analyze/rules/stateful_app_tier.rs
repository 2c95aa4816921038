//! `stateful-app-tier`: a service of the tier meant to scale (several replicas, or an
//! app, web, API or worker service) that keeps its state on local storage.

use std::collections::HashSet;

use super::support::unresolved_items;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink, parse_image};
use crate::compose::normalize::MountKind;
use crate::compose::{Mount, Service};
use crate::recommend::catalogue::{self, Kind};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "stateful-app-tier",
    category: Category::Readiness,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service meant to scale (several replicas, or an app, web, API or worker service) writes its state to a local data directory or, with several replicas, to a named volume.",
        why: "The platform scales the app tier by adding replicas, spreads them across \
              zones, and replaces them when a node fails. State on a bind mount lives on one \
              host; a volume written by several replicas is either one disk they fight over \
              or one disk each, so uploads and sessions seen by one replica are missing on \
              the next. Autoscaling and multi-zone availability need a stateless app tier, \
              with the state in a database, cache or object store.",
        bad: "services:\n  api:\n    image: acme/api:1.4.2\n    deploy:\n      replicas: 3\n    volumes:\n      - uploads:/app/uploads\nvolumes:\n  uploads:\n",
        good: "services:\n  api:\n    image: acme/api:1.4.2\n    deploy:\n      replicas: 3\n    environment:\n      UPLOADS_BUCKET: s3://acme-uploads\n",
        fix: "Keep the app tier stateless: put files in object storage (S3, MinIO) and \
              sessions in Redis or the database; or move the state into a service of its \
              own that runs one replica.",
        limitations: "A service is taken to be meant to scale when it asks for more than one \
                      replica (`deploy.replicas` or `scale`), or when a word of its name is \
                      app, web, api, worker, backend or frontend. Databases, caches, queues \
                      and object stores the technology catalogue knows, and search and \
                      coordination stores (Elasticsearch, OpenSearch, ZooKeeper, etcd, ...), \
                      are never reported, recognised by their image or by a word of the service's name \
                      (db, postgres, redis, kafka, ...); nor are one-shot jobs that others \
                      wait on with `service_completed_successfully`. Mounts at dependency, \
                      build, cache, log and scratch directories (`node_modules`, `target`, \
                      `cache`, `logs`, `tmp`, ...) hold nothing that is lost. A bind mount counts as state when a word of its \
                      path is data, uploads, media, storage, files, sessions, state, db, \
                      ..., or it is under `/var/lib/`; a mount of a single file (a name with \
                      an extension) and a read-only mount are taken as configuration. With \
                      one replica, named volumes are not reported: one writer on one disk is \
                      what the platform's storage gives a service.",
    },
};

/// Words of a service's name that say it belongs to the tier that scales.
const TIER_WORDS: &[&str] = &[
    "app", "webapp", "web", "api", "worker", "workers", "backend", "frontend",
];

/// Words of a host path that say it holds data the service writes.
const DATA_WORDS: &[&str] = &[
    "data",
    "userdata",
    "uploads",
    "upload",
    "media",
    "storage",
    "files",
    "attachments",
    "sessions",
    "session",
    "state",
    "db",
    "database",
    "persist",
    "persistent",
];

/// Stateful software the catalogue does not list, by the last part of the image name.
const OTHER_STORES: &[&str] = &[
    "elasticsearch",
    "opensearch",
    "zookeeper",
    "etcd",
    "clickhouse",
    "clickhouse-server",
    "solr",
    "couchdb",
    "meilisearch",
];

/// The last part of a target path that holds what can be rebuilt or thrown away:
/// dependencies, build output, caches, logs and scratch space.
const SCRATCH: &[&str] = &[
    "node_modules",
    "vendor",
    ".venv",
    "venv",
    "__pycache__",
    ".gradle",
    ".m2",
    ".npm",
    ".yarn",
    "target",
    "build",
    "dist",
    "cache",
    ".cache",
    "tmp",
    "temp",
    "log",
    "logs",
];

/// Words of a service's name that say it is a store, whatever image it is built from.
const STORE_WORDS: &[&str] = &[
    "db",
    "database",
    "postgres",
    "postgresql",
    "mysql",
    "mariadb",
    "mongo",
    "mongodb",
    "redis",
    "valkey",
    "memcached",
    "rabbitmq",
    "kafka",
    "nats",
    "minio",
    "elasticsearch",
    "opensearch",
    "zookeeper",
    "etcd",
    "cassandra",
    "influxdb",
    "clickhouse",
];

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    // one-shot jobs, which others wait for to finish, do not scale
    let jobs: HashSet<&str> = context
        .project
        .enabled_services()
        .flat_map(|s| s.depends_on.iter())
        .filter(|d| d.condition == "service_completed_successfully")
        .map(|d| d.service.as_str())
        .collect();

    for service in context.project.enabled_services() {
        if is_store(service) || jobs.contains(service.name.as_str()) {
            continue;
        }
        let replicas = service.replicas.unwrap_or(1);
        if replicas <= 1 && !is_tier_name(&service.name) {
            continue;
        }
        let placeholders = unresolved_items(service, "volumes");

        for mount in &service.volumes {
            if mount.read_only || placeholders.contains(&mount.span) || is_scratch(&mount.target) {
                continue;
            }
            match mount.kind {
                MountKind::Bind if is_data_path(mount) => {
                    report_bind(sink, service, mount, replicas);
                }
                MountKind::Volume if replicas > 1 => {
                    // an anonymous volume is each container's own scratch space
                    let Some(volume) = &mount.source else {
                        continue;
                    };
                    sink.report(
                        mount.span,
                        format!(
                            "service {} runs {replicas} replicas that write to the volume {volume} at {}",
                            service.name, mount.target
                        ),
                        Some(
                            "keep the app tier stateless: put files in object storage (S3, MinIO) \
                             and sessions in Redis or the database, or move the state into a \
                             service of its own with one replica"
                                .to_string(),
                        ),
                    );
                }
                _ => {}
            }
        }
    }
}

fn report_bind(sink: &mut Sink<'_>, service: &Service, mount: &Mount, replicas: i64) {
    let source = mount.source.as_deref().unwrap_or_default();
    let scaled = if replicas > 1 {
        format!(", which its {replicas} replicas cannot share across hosts")
    } else {
        String::new()
    };
    sink.report(
        mount.span,
        format!(
            "service {} keeps state in the host directory {source} at {}{scaled}",
            service.name, mount.target
        ),
        Some(
            "keep the app tier stateless: put files in object storage (S3, MinIO) and sessions \
             in Redis or the database; if the service only reads these files, mount them \
             read-only (:ro)"
                .to_string(),
        ),
    );
}

/// A database, cache, queue, object store or search store, by its image or its name (a
/// store built from a local Dockerfile has no image to tell).
fn is_store(service: &Service) -> bool {
    let by_name = words(&service.name).any(|word| STORE_WORDS.contains(&word.as_str()));
    let by_image = service.image.as_ref().is_some_and(|image| {
        let name = parse_image(&image.value);
        let known = catalogue::for_image(&name.repository)
            .is_some_and(|t| !matches!(t.kind, Kind::Framework | Kind::Proxy));
        let last = name.repository.rsplit('/').next().unwrap_or_default();
        known || OTHER_STORES.contains(&last)
    });
    by_name || by_image
}

/// Whether a target holds what can be rebuilt or thrown away.
fn is_scratch(target: &str) -> bool {
    let last = target
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default();
    SCRATCH.contains(&last.to_ascii_lowercase().as_str())
}

/// The lowercase words of a name or path.
fn words(text: &str) -> impl Iterator<Item = String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
}

fn is_tier_name(name: &str) -> bool {
    words(name).any(|word| TIER_WORDS.contains(&word.as_str()))
}

/// Whether a bind mount's host path or target names a data directory (not a single file).
fn is_data_path(mount: &Mount) -> bool {
    let source = mount.source.as_deref().unwrap_or_default();
    let file = |path: &str| {
        path.trim_end_matches('/')
            .rsplit('/')
            .next()
            .is_some_and(|last| last.get(1..).is_some_and(|rest| rest.contains('.')))
    };
    if file(&mount.target) {
        return false;
    }
    let data_words = |path: &str| words(path).any(|word| DATA_WORDS.contains(&word.as_str()));
    mount.target.starts_with("/var/lib/") || data_words(&mount.target) || data_words(source)
}
