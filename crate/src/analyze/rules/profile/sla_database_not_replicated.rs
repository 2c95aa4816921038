//! `sla-database-not-replicated`: a database with one instance and nothing that
//! replicates it, when the profile's uptime target is 99.99% or more.

use super::support::{
    Asks, downtime_budget, is_database, is_single_primary, percent, strings, technology, words,
};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::Service;
use crate::recommend::catalogue::Technology;
use crate::report::{Category, Severity};

/// An `uptime` of at least 99.99%, where the data tier must fail over to a replica.
pub const ASKS: Asks = Asks::Uptime(99.99);

/// From this target a single-primary database is `sla-single-region-five-nines`'s to
/// report: a replica in one region does not meet it either.
const FIVE_NINES: f64 = 99.999;

pub const RULE: Rule = Rule {
    id: "sla-database-not-replicated",
    category: Category::Sla,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A database runs as a single instance with no replica and no replication \
                  settings, and the profile's `uptime` is 99.99% or more.",
        why: "Runs only when the profile's `uptime` is at least 99.99. That target allows \
              52.6 minutes of downtime a year; a database that fails with no replica is down \
              until it is restored from a backup, which alone can take longer, and every \
              service that depends on it is down with it. The architecture needs a standby \
              that the platform can promote.",
        bad: "services:\n  db:\n    image: postgres:16\n",
        good: "services:\n  db:\n    image: bitnami/postgresql:16.4.0\n    environment:\n      POSTGRESQL_REPLICATION_MODE: master\n  db-replica:\n    image: bitnami/postgresql:16.4.0\n    environment:\n      POSTGRESQL_REPLICATION_MODE: slave\n      POSTGRESQL_MASTER_HOST: db\n",
        fix: "Add a replica that streams from the primary (a second service of the same \
              database with its replication settings, for example bitnami's \
              `POSTGRESQL_REPLICATION_MODE` or `MYSQL_REPLICATION_MODE`, or a MongoDB \
              `--replSet`), or move the data to a managed database with automated failover \
              and say so in the handoff.",
        limitations: "Replication is recognised by variables whose names mention it \
                      (`*_REPLICATION_*`, `*_REPLICA_SET_*`, `*_MASTER_HOST`, \
                      `*_PRIMARY_HOST`, `REPMGR_*`, `PATRONI_*`, `*_GALERA_*`, \
                      `CASSANDRA_SEEDS`), by `--replSet`, `--join` or `wsrep` in the \
                      command, or by another service of the same database whose name says \
                      replica, standby, secondary or follower; replication set up in a \
                      mounted file is not seen. `deploy.replicas` alone does not count: each \
                      copy of a database image keeps its own data. From 99.999% a \
                      single-primary database is reported by `sla-single-region-five-nines` \
                      instead. A database the platform provides outside the file is not \
                      seen.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(uptime) = ASKS.uptime(context.profile) else {
        return;
    };
    let databases: Vec<(&Service, &Technology)> = context
        .project
        .enabled_services()
        .filter_map(|s| Some((s, technology(s).filter(|t| is_database(t))?)))
        .collect();

    for &(service, database) in &databases {
        if uptime >= FIVE_NINES && is_single_primary(database) {
            continue;
        }
        // a primary and its replica: two services of the same database, one a replica
        let paired = databases.iter().any(|&(other, t)| {
            other.name != service.name
                && t.id == database.id
                && (is_replica(service) || is_replica(other))
        });
        let replicated = replicates(service) || paired;
        if replicated {
            continue;
        }
        let Some(image) = &service.image else {
            continue;
        };

        sink.report(
            image.span,
            format!(
                "database service {} ({}) runs a single instance with no replica, and {} \
                 uptime allows {} of downtime a year",
                service.name,
                database.name,
                percent(uptime),
                downtime_budget(uptime)
            ),
            Some(format!(
                "add a {} replica that streams from it, or use a managed database with \
                 automated failover and say so in the handoff",
                database.name
            )),
        );
    }
}

/// Words in a variable's name that set up replication.
const REPLICATION_WORDS: &[&str] = &[
    "REPLICATION",
    "REPLICA",
    "REPLICAS",
    "REPLICASET",
    "REPLSET",
    "REPMGR",
    "PATRONI",
    "GALERA",
    "STANDBY",
    "SEEDS",
];

/// Whether the service's settings or command set up replication.
fn replicates(service: &Service) -> bool {
    let by_variable = service.environment.iter().any(|var| {
        let words = words(&var.name);
        words
            .iter()
            .any(|w| REPLICATION_WORDS.contains(&w.as_str()))
            || words.windows(2).any(|pair| {
                matches!(pair, [role, last] if matches!(role.as_str(), "MASTER" | "PRIMARY")
                    && matches!(last.as_str(), "HOST" | "HOSTNAME" | "ADDRESS"))
            })
    });
    let by_command = strings(service.node.get("command")).iter().any(|argument| {
        let argument = argument.to_ascii_lowercase();
        ["--replset", "--join", "wsrep", "primary_conninfo"]
            .iter()
            .any(|flag| argument.contains(flag))
    });
    by_variable || by_command
}

/// Whether a service is a replica: it replicates, or its name says it is one.
fn is_replica(service: &Service) -> bool {
    let name = service.name.to_ascii_lowercase();
    replicates(service)
        || ["replica", "standby", "secondary", "follower", "slave"]
            .iter()
            .any(|word| name.contains(word))
}
