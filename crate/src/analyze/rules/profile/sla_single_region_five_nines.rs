//! `sla-single-region-five-nines`: a single-primary database (PostgreSQL, MySQL, ...) when
//! the profile's uptime target is 99.999%, which needs active-active regions.

use super::support::{Asks, downtime_budget, is_single_primary, percent, technology};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

/// An `uptime` of at least 99.999%.
pub const ASKS: Asks = Asks::Uptime(99.999);

pub const RULE: Rule = Rule {
    id: "sla-single-region-five-nines",
    category: Category::Sla,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A single-primary database (PostgreSQL, MySQL, MariaDB, SQL Server, MongoDB, \
                  ...) holds the data, and the profile's `uptime` is 99.999% or more.",
        why: "Runs only when the profile's `uptime` is at least 99.999. That target allows \
              5.26 minutes of downtime a year: less than a regional outage, or than \
              promoting a replica in another region and repointing every client. It needs \
              active-active regions, and those need a database that accepts writes in \
              several regions at once (CockroachDB, Cassandra); a database with one \
              writable primary keeps one region in the path of every write.",
        bad: "services:\n  db:\n    image: postgres:16\n",
        good: "services:\n  db:\n    image: cockroachdb/cockroach:v24.2.4\n    command: start --join=db,db-2,db-3\n",
        fix: "Move the data to a distributed database (CockroachDB speaks PostgreSQL's wire \
              protocol; Cassandra suits wide-column data), or agree a lower target for the \
              data tier (99.99% with a replicated database) and say so in the handoff.",
        limitations: "Databases are recognised by their images through the catalogue; a \
                      distributed database it does not know (YugabyteDB, ScyllaDB, TiDB) is \
                      not reported, and neither is a database the platform provides outside \
                      the file. A single-primary database with replicas in several regions \
                      is still reported: its writes fail over, they are not active-active.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(uptime) = ASKS.uptime(context.profile) else {
        return;
    };

    for service in context.project.enabled_services() {
        let Some(database) = technology(service).filter(|t| is_single_primary(t)) else {
            continue;
        };
        let Some(image) = &service.image else {
            continue;
        };
        sink.report(
            image.span,
            format!(
                "database service {} runs {}, which has one writable primary, and {} uptime \
                 ({} of downtime a year) needs active-active regions",
                service.name,
                database.name,
                percent(uptime),
                downtime_budget(uptime)
            ),
            Some(
                "move the data to a distributed database such as CockroachDB (PostgreSQL \
                 wire protocol) or Cassandra, or agree a lower target for the data tier"
                    .to_string(),
            ),
        );
    }
}
