//! What the profile rules share: the profile answer that turns each rule on, the downtime
//! an uptime target allows, what a service is by its image, and how variables are read.

use std::collections::HashSet;

use crate::analyze::parse_image;
use crate::compose::{Project, Service};
use crate::recommend::catalogue::{self, Kind, Technology};
use crate::recommend::{Compliance, Profile};
use crate::yaml::{Node, Value};

/// The profile answer that turns a rule on; without it the rule stays silent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Asks {
    /// Any of these frameworks in the profile's `compliance` list.
    Compliance(&'static [Compliance]),
    /// An `uptime` target of at least this many percent.
    Uptime(f64),
}

impl Asks {
    /// The frameworks this rule asks about that the profile lists, in the profile's
    /// order; empty when the rule is not about compliance or the profile lists none.
    pub fn frameworks(self, profile: Option<&Profile>) -> Vec<Compliance> {
        match self {
            Self::Compliance(asked) => frameworks(profile, asked),
            Self::Uptime(_) => Vec::new(),
        }
    }

    /// The profile's uptime target, when this rule is about uptime and the target is at
    /// least its threshold.
    pub fn uptime(self, profile: Option<&Profile>) -> Option<f64> {
        match self {
            Self::Uptime(threshold) => uptime_at_least(profile, threshold),
            Self::Compliance(_) => None,
        }
    }

    /// The smallest profile that turns the rule on, for its documented examples.
    pub fn example(self) -> Profile {
        match self {
            Self::Compliance(frameworks) => Profile {
                compliance: Some(frameworks.iter().take(1).copied().collect()),
                ..Profile::default()
            },
            Self::Uptime(target) => Profile {
                uptime: Some(target),
                ..Profile::default()
            },
        }
    }
}

/// The frameworks of `asked` that the profile lists, in the profile's order; empty when
/// there is no profile or it lists none of them.
pub fn frameworks(profile: Option<&Profile>, asked: &[Compliance]) -> Vec<Compliance> {
    let listed = profile
        .and_then(|p| p.compliance.as_deref())
        .unwrap_or_default();
    let mut found: Vec<Compliance> = Vec::new();
    for framework in listed {
        if asked.contains(framework) && !found.contains(framework) {
            found.push(*framework);
        }
    }
    found
}

/// The profile's uptime target, when it is a valid percentage (above 0, below 100) of at
/// least `threshold`; an invalid target is the profile's problem to report, not a rule's.
pub fn uptime_at_least(profile: Option<&Profile>, threshold: f64) -> Option<f64> {
    profile
        .and_then(|p| p.uptime)
        .filter(|&uptime| uptime > 0.0 && uptime < 100.0 && uptime >= threshold)
}

/// The downtime a year that an uptime target allows, to three significant figures in the
/// largest unit that is at least one: 99.95 gives "4.38 hours", 99.99 "52.6 minutes".
pub fn downtime_budget(uptime: f64) -> String {
    let hours = (100.0 - uptime) / 100.0 * 24.0 * 365.0;
    let (amount, unit) = if hours >= 1.0 {
        (hours, "hours")
    } else if hours * 60.0 >= 1.0 {
        (hours * 60.0, "minutes")
    } else {
        (hours * 3600.0, "seconds")
    };
    let decimals = if amount >= 100.0 {
        0
    } else if amount >= 10.0 {
        1
    } else {
        2
    };
    format!("{amount:.decimals$} {unit}")
}

/// An uptime target as users write it: 99.95 gives "99.95%".
pub fn percent(uptime: f64) -> String {
    format!("{uptime}%")
}

/// A framework's name as auditors write it.
pub fn framework_name(framework: Compliance) -> &'static str {
    match framework {
        Compliance::Soc2 => "SOC 2",
        Compliance::Hipaa => "HIPAA",
        Compliance::Gdpr => "GDPR",
        Compliance::PciDss => "PCI DSS",
        Compliance::Iso27001 => "ISO 27001",
    }
}

/// Frameworks for a message: "HIPAA", "HIPAA and SOC 2", "HIPAA, SOC 2 and PCI DSS".
pub fn framework_names(frameworks: &[Compliance]) -> String {
    let names: Vec<&str> = frameworks.iter().map(|&f| framework_name(f)).collect();
    and_list(&names)
}

/// Names for a message: "db", "db and cache", "db, cache and queue".
pub fn and_list(names: &[&str]) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The catalogue's technology for the service's image, when it recognises it.
pub fn technology(service: &Service) -> Option<&'static Technology> {
    let image = service.image.as_ref()?;
    let repository = parse_image(&image.value).repository;
    catalogue::for_image(&repository)
}

/// A store of product data: a relational, document, time-series or graph database.
/// Prometheus is catalogued as a time-series store but holds the platform's metrics.
pub fn is_database(technology: &Technology) -> bool {
    matches!(
        technology.kind,
        Kind::Relational | Kind::Document | Kind::TimeSeries | Kind::Graph
    ) && technology.id != "prometheus"
}

/// A service that keeps or passes on product data: a database, a cache, a queue or object
/// storage.
pub fn is_data_service(technology: &Technology) -> bool {
    is_database(technology)
        || matches!(
            technology.kind,
            Kind::Cache | Kind::Queue | Kind::ObjectStorage
        )
}

/// A service that keeps state of its own (a store of any kind, Prometheus included), which
/// scales by replication rather than by more replicas of one definition.
pub fn is_stateful(technology: &Technology) -> bool {
    !matches!(technology.kind, Kind::Framework | Kind::Proxy)
}

/// A database with one writable primary at a time, which cannot run active-active across
/// regions: PostgreSQL and its extensions, MySQL, MariaDB, SQL Server, MongoDB, InfluxDB
/// and Neo4j (CockroachDB, Cassandra and ArangoDB's cluster mode are distributed).
pub fn is_single_primary(technology: &Technology) -> bool {
    matches!(
        technology.id,
        "postgresql"
            | "mysql"
            | "mariadb"
            | "sqlserver"
            | "mongodb"
            | "timescaledb"
            | "influxdb"
            | "neo4j"
    )
}

/// The services that others wait for to finish (`service_completed_successfully`).
pub fn awaited(project: &Project) -> HashSet<&str> {
    project
        .enabled_services()
        .flat_map(|s| s.depends_on.iter())
        .filter(|d| d.condition == "service_completed_successfully")
        .map(|d| d.service.as_str())
        .collect()
}

/// A job that runs once: others wait for it to finish, or it is never restarted.
pub fn is_one_shot(service: &Service, awaited: &HashSet<&str>) -> bool {
    let never_restarted = service
        .node
        .get("deploy")
        .and_then(|d| d.get("restart_policy"))
        .and_then(|p| p.get("condition"))
        .and_then(Node::as_str)
        == Some("none");
    never_restarted || awaited.contains(service.name.as_str())
}

/// The words of a variable name, in upper case: `db_postgresdb-ssl` gives DB, POSTGRESDB,
/// SSL.
pub fn words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_uppercase)
        .collect()
}

/// Whether a setting's value turns something off: `false`, `0`, `no`, `off`, `disable`,
/// `disabled` or `none`, in any case.
pub fn is_off(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "false" | "0" | "no" | "n" | "off" | "disable" | "disabled" | "none"
    )
}

/// Whether a setting's value turns something on: `true`, `1`, `yes`, `on`, `enable`,
/// `enabled`, `require` or `required`, in any case.
pub fn is_on(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "true" | "1" | "yes" | "y" | "on" | "enable" | "enabled" | "require" | "required"
    )
}

/// The strings of a key that takes a string or a list of strings (`command`).
pub fn strings(node: Option<&Node>) -> Vec<&str> {
    match node.map(|n| &n.value) {
        Some(Value::Scalar(_)) => node.and_then(Node::as_str).into_iter().collect(),
        Some(Value::Seq(items)) => items.iter().filter_map(Node::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Every scalar under a node, with its text as written (before interpolation).
pub fn written_scalars(node: &Node, out: &mut Vec<String>) {
    match &node.value {
        Value::Scalar(scalar) => {
            out.push(
                scalar
                    .original
                    .clone()
                    .unwrap_or_else(|| scalar.text.clone()),
            );
        }
        Value::Seq(items) => items.iter().for_each(|item| written_scalars(item, out)),
        Value::Map(entries) => entries.iter().for_each(|entry| {
            written_scalars(&entry.key, out);
            written_scalars(&entry.value, out);
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downtime_budgets_match_the_usual_tiers() {
        assert_eq!(downtime_budget(99.9), "8.76 hours");
        assert_eq!(downtime_budget(99.95), "4.38 hours");
        assert_eq!(downtime_budget(99.99), "52.6 minutes");
        assert_eq!(downtime_budget(99.999), "5.26 minutes");
        assert_eq!(downtime_budget(99.0), "87.6 hours");
        assert_eq!(downtime_budget(99.9999), "31.5 seconds");
    }

    #[test]
    fn uptime_targets_outside_the_range_ask_for_nothing() {
        let at = |uptime: f64| Profile {
            uptime: Some(uptime),
            ..Profile::default()
        };
        assert_eq!(uptime_at_least(Some(&at(99.95)), 99.95), Some(99.95));
        assert_eq!(uptime_at_least(Some(&at(99.9)), 99.95), None);
        assert_eq!(uptime_at_least(Some(&at(100.0)), 99.9), None);
        assert_eq!(uptime_at_least(Some(&at(f64::NAN)), 99.9), None);
        assert_eq!(uptime_at_least(None, 99.9), None);
    }

    #[test]
    fn framework_lists_read_as_prose() {
        use Compliance::*;
        assert_eq!(framework_names(&[Hipaa]), "HIPAA");
        assert_eq!(framework_names(&[Hipaa, Soc2]), "HIPAA and SOC 2");
        assert_eq!(
            framework_names(&[Hipaa, Soc2, PciDss]),
            "HIPAA, SOC 2 and PCI DSS"
        );
        let profile = Profile {
            compliance: Some(vec![Gdpr, Soc2, Hipaa, Soc2]),
            ..Profile::default()
        };
        assert_eq!(frameworks(Some(&profile), &[Hipaa, Soc2]), [Soc2, Hipaa]);
        assert!(frameworks(Some(&profile), &[PciDss]).is_empty());
    }

    #[test]
    fn variable_names_split_into_words() {
        assert_eq!(
            words("DB_POSTGRESDB_SSL_ENABLED"),
            ["DB", "POSTGRESDB", "SSL", "ENABLED"]
        );
        assert_eq!(
            words("spring.datasource-url"),
            ["SPRING", "DATASOURCE", "URL"]
        );
    }
}
