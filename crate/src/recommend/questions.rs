//! The discovery catalogue: the questions a solutions architect asks before choosing
//! anything, in the seed's four groups, each tied to the profile field it fills and the
//! decisions its answer moves.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::Profile;

/// The four groups of discovery questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionGroup {
    Business,
    Technical,
    Compliance,
    Sla,
}

/// One discovery question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Question {
    /// Stable id, also used in a recommendation's open questions.
    pub id: String,
    pub group: QuestionGroup,
    pub text: String,
    /// The profile field (camelCase) the answer goes into.
    pub field: String,
    /// Typical answers; empty when the answer is a number or free text.
    pub options: Vec<String>,
    pub why: String,
    /// The recommendation's decisions the answer can change.
    pub moves: Vec<String>,
}

struct Entry {
    id: &'static str,
    group: QuestionGroup,
    field: &'static str,
    text: &'static str,
    options: &'static [&'static str],
    why: &'static str,
    moves: &'static [&'static str],
}

use QuestionGroup::{Business, Compliance, Sla, Technical};

const CATALOGUE: &[Entry] = &[
    Entry {
        id: "domain",
        group: Business,
        field: "domain",
        text: "What problem does your SaaS solve (API, web app, data pipeline, AI/ML, analytics)?",
        options: &[
            "api",
            "web-app",
            "saas",
            "data-pipeline",
            "ai-ml",
            "analytics",
            "database-service",
            "healthcare",
            "fintech",
        ],
        why: "the domain picks the architecture pattern and its domain guidance",
        moves: &["pattern", "framework", "database", "queue", "objectStorage"],
    },
    Entry {
        id: "customers",
        group: Business,
        field: "customers",
        text: "Who are your target customers?",
        options: &[
            "startups",
            "mid-market",
            "enterprise",
            "developers",
            "government",
        ],
        why: "enterprise and government buyers expect isolation and their own cloud; startups expect a free plan",
        moves: &["tenancy", "deployments", "plans"],
    },
    Entry {
        id: "pricing",
        group: Business,
        field: "pricing",
        text: "What is your pricing model?",
        options: &["freemium", "usage-based", "tiered"],
        why: "a free tier needs shared tenancy to be affordable; usage-based pricing needs metering",
        moves: &["tenancy", "plans"],
    },
    Entry {
        id: "deployments",
        group: Business,
        field: "deployments",
        text: "Which customer segments need which deployment models?",
        options: &["provider-account", "byoc", "byoc-copilot", "on-premises"],
        why: "BYOC and on-premises instances cannot lean on the provider's managed cloud services",
        moves: &["deployments", "queue", "objectStorage", "database", "plans"],
    },
    Entry {
        id: "scale-users",
        group: Technical,
        field: "users",
        text: "How many active users do you expect at peak?",
        options: &[],
        why: "sizes the app tier and the plans' limits",
        moves: &["plans", "sla"],
    },
    Entry {
        id: "scale-requests",
        group: Technical,
        field: "requestsPerSecond",
        text: "How many requests per second do you expect at peak?",
        options: &[],
        why: "a high request rate calls for a cache and horizontal scaling",
        moves: &["cache", "framework", "queue"],
    },
    Entry {
        id: "scale-data",
        group: Technical,
        field: "dataVolumeGb",
        text: "How much data will you keep (GB, TB, PB)?",
        options: &[],
        why: "terabytes move raw data to object storage and may call for a distributed store",
        moves: &["database", "objectStorage", "plans"],
    },
    Entry {
        id: "latency",
        group: Technical,
        field: "latencyMs",
        text: "What latency do you need at the 99th percentile, in milliseconds?",
        options: &[],
        why: "tight latency favours a compiled runtime and an in-memory cache",
        moves: &["framework", "cache"],
    },
    Entry {
        id: "data-model",
        group: Technical,
        field: "dataModel",
        text: "Is your data relational, documents, time series, a graph or key-value?",
        options: &[
            "relational",
            "document",
            "time-series",
            "graph",
            "key-value",
        ],
        why: "the data model is the first criterion for the database",
        moves: &["database", "stores", "pattern"],
    },
    Entry {
        id: "write-heavy",
        group: Technical,
        field: "writeHeavy",
        text: "Is the workload read-heavy or write-heavy?",
        options: &["read-heavy", "write-heavy"],
        why: "high ingestion favours stores built for writes, and a queue in front of them",
        moves: &["database", "queue"],
    },
    Entry {
        id: "query-patterns",
        group: Technical,
        field: "queryPatterns",
        text: "How is the data queried?",
        options: &[
            "complex-joins",
            "key-value",
            "time-range",
            "aggregations",
            "traversals",
            "full-text",
        ],
        why: "complex joins need SQL; key-value lookups and traversals point elsewhere",
        moves: &["database", "stores", "cache"],
    },
    Entry {
        id: "consistency",
        group: Technical,
        field: "consistency",
        text: "Do you need strong (ACID) consistency, or is eventual consistency enough?",
        options: &["strong", "eventual"],
        why: "strong consistency rules out eventually consistent stores for the system of record",
        moves: &["database"],
    },
    Entry {
        id: "existing-stack",
        group: Technical,
        field: "existingStack",
        text: "Do you have existing infrastructure or codebases to integrate?",
        options: &[],
        why: "what the team already runs is cheaper to keep than to replace",
        moves: &["database", "cache", "queue", "framework"],
    },
    Entry {
        id: "team-languages",
        group: Technical,
        field: "teamLanguages",
        text: "Which programming languages does your team know best?",
        options: &[
            "javascript",
            "typescript",
            "python",
            "go",
            "java",
            "kotlin",
            "csharp",
            "rust",
        ],
        why: "a familiar stack iterates fastest",
        moves: &["framework"],
    },
    Entry {
        id: "compliance",
        group: Compliance,
        field: "compliance",
        text: "Which compliance certifications do you need?",
        options: &["soc2", "hipaa", "gdpr", "pci-dss", "iso27001"],
        why: "each framework forces controls into the compose file and may force siloed tenancy",
        moves: &["compliance", "tenancy", "cache", "database", "deployments"],
    },
    Entry {
        id: "data-residency",
        group: Compliance,
        field: "dataResidency",
        text: "Must any data stay in a region (EU data in the EU)?",
        options: &["eu", "us", "uk", "apac"],
        why: "residency pins instances to regions and shapes the multi-region design",
        moves: &["compliance", "sla", "deployments"],
    },
    Entry {
        id: "isolation",
        group: Compliance,
        field: "isolation",
        text: "Do customers need their data isolated (a dedicated database or infrastructure)?",
        options: &["logical", "dedicated-data", "dedicated-infrastructure"],
        why: "isolation decides the tenancy of the data tier and the app tier",
        moves: &["tenancy", "plans"],
    },
    Entry {
        id: "uptime",
        group: Sla,
        field: "uptime",
        text: "What uptime do you promise?",
        options: &["99.9", "99.95", "99.99", "99.999"],
        why: "the target sets the downtime budget, zones, regions, replicas and failover",
        moves: &["sla", "database", "plans"],
    },
    Entry {
        id: "maintenance-windows",
        group: Sla,
        field: "maintenanceWindows",
        text: "Is planned maintenance downtime acceptable?",
        options: &["yes", "no"],
        why: "without maintenance windows, upgrades must be rolling, which needs replicas",
        moves: &["sla"],
    },
    Entry {
        id: "dr-regions",
        group: Sla,
        field: "drRegions",
        text: "Do you need other regions for disaster recovery, and how many?",
        options: &[],
        why: "a second region changes the database replication and the failover",
        moves: &["sla", "database"],
    },
    Entry {
        id: "rto",
        group: Sla,
        field: "rtoMinutes",
        text: "What is your recovery time objective (RTO), in minutes?",
        options: &[],
        why: "a short RTO needs automated failover to a warm standby",
        moves: &["sla"],
    },
    Entry {
        id: "rpo",
        group: Sla,
        field: "rpoMinutes",
        text: "What is your recovery point objective (RPO), in minutes?",
        options: &[],
        why: "an RPO near zero needs synchronous replication; hours allow daily backups",
        moves: &["sla", "database"],
    },
];

/// Every discovery question, in the seed's order: business, technical, compliance, SLA.
pub fn questions() -> Vec<Question> {
    CATALOGUE
        .iter()
        .map(|e| Question {
            id: e.id.to_string(),
            group: e.group,
            text: e.text.to_string(),
            field: e.field.to_string(),
            options: e.options.iter().map(|o| o.to_string()).collect(),
            why: e.why.to_string(),
            moves: e.moves.iter().map(|m| m.to_string()).collect(),
        })
        .collect()
}

/// The ids of the questions the profile leaves unanswered, in catalogue order.
pub fn unanswered(profile: &Profile) -> Vec<String> {
    let value = crate::json::to_value(profile);
    CATALOGUE
        .iter()
        .filter(|e| value.get(e.field).is_none())
        .map(|e| e.id.to_string())
        .collect()
}

/// The text of a question by id, for a decision's open questions.
pub fn text(id: &str) -> String {
    CATALOGUE
        .iter()
        .find(|e| e.id == id)
        .map_or_else(|| id.to_string(), |e| e.text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_fills_a_profile_field() {
        let fields = [
            "domain",
            "customers",
            "pricing",
            "deployments",
            "users",
            "requestsPerSecond",
            "dataVolumeGb",
            "latencyMs",
            "dataModel",
            "writeHeavy",
            "queryPatterns",
            "consistency",
            "existingStack",
            "teamLanguages",
            "compliance",
            "dataResidency",
            "isolation",
            "uptime",
            "maintenanceWindows",
            "drRegions",
            "rtoMinutes",
            "rpoMinutes",
        ];
        let all = questions();
        assert_eq!(all.len(), fields.len());
        for (question, field) in all.iter().zip(fields) {
            assert_eq!(question.field, field);
            assert!(!question.moves.is_empty() && !question.why.is_empty());
        }
        assert_eq!(unanswered(&Profile::default()).len(), all.len());
    }
}
