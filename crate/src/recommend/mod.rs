//! The recommender: from a requirements profile, where every field may be missing, to
//! the decisions a solutions architect would defend, each with its reasons, the
//! alternatives and the open questions that could change it. Beside the core stack
//! (framework, database, cache, pattern) it decides further stores, the queue, object
//! storage, tenancy per layer, deployment models per segment, compliance controls, the
//! SLA design and the service plans, and names the requirements that conflict.

pub mod catalogue;
mod design;
mod io;
mod profile;
mod questions;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

pub use design::{
    Conflict, Control, DomainGuidance, ModelPlan, Plan, PlanLimits, SegmentPlan, SlaDesign,
    Tenancy, downtime_budget,
};
pub use io::ProfileError;
pub use profile::{
    Compliance, Consistency, CustomerSegment, DataModel, DeploymentModel, Domain, Isolation,
    Language, Pricing, Profile, QueryPattern, SegmentDeployment,
};
pub use questions::{Question, QuestionGroup, questions};

/// One decision: what was chosen, how strongly, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// The catalogue id (or pattern id) of the choice.
    pub choice: String,
    /// The choice's display name.
    pub name: String,
    /// How well the choice fits the profile, from 0 to 100.
    pub score: u32,
    pub reasons: Vec<String>,
    /// The profile fields that drove the choice.
    pub inputs: Vec<String>,
    pub alternatives: Vec<Alternative>,
    /// Questions whose answers could change this decision.
    pub open_questions: Vec<String>,
}

/// A choice that ranked below the decision, and what it would trade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Alternative {
    pub choice: String,
    pub name: String,
    pub score: u32,
    pub tradeoff: String,
}

/// The recommended architecture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Recommendation {
    pub framework: Decision,
    pub database: Decision,
    /// `none` when no cache is needed.
    pub cache: Decision,
    pub pattern: Decision,
    /// Further stores (relational, document, time series, graph) where they fit beside
    /// the database.
    pub stores: Vec<Decision>,
    /// `none` when no queue or stream is needed.
    pub queue: Decision,
    /// `none` when nothing needs object storage; file storage (NFS) is an alternative.
    pub object_storage: Decision,
    /// The seed's guidance for AI/ML, analytics, API platforms and databases as a service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub domain_guidance: Option<DomainGuidance>,
    pub tenancy: Tenancy,
    /// The deployment models of each customer segment.
    pub deployments: Vec<SegmentPlan>,
    /// The controls of each compliance framework, and of data residency.
    pub compliance: Vec<Control>,
    pub sla: SlaDesign,
    /// Free, pro and enterprise.
    pub plans: Vec<Plan>,
    /// Requirements that clash, each with the way out.
    pub conflicts: Vec<Conflict>,
    /// The ids of the discovery questions the profile leaves unanswered (see `questions`).
    pub open_questions: Vec<String>,
}

struct Candidate {
    id: &'static str,
    score: u32,
    reasons: Vec<String>,
    inputs: Vec<&'static str>,
    tradeoff: &'static str,
}

fn candidate(id: &'static str, score: u32, tradeoff: &'static str) -> Candidate {
    Candidate {
        id,
        score,
        reasons: Vec::new(),
        inputs: Vec::new(),
        tradeoff,
    }
}

impl Candidate {
    fn add(&mut self, points: u32, input: &'static str, reason: impl Into<String>) {
        self.score = self.score.saturating_add(points).min(100);
        self.inputs.push(input);
        self.reasons.push(reason.into());
    }
}

/// Ranks candidates (highest score first, ties by catalogue order) into a decision.
fn decide(mut candidates: Vec<Candidate>, open_questions: Vec<String>) -> Decision {
    crate::sort::sort_by_key(&mut candidates, |c| std::cmp::Reverse(c.score));
    let mut ranked = candidates.into_iter();
    let Some(best) = ranked.next() else {
        return Decision {
            choice: "none".to_string(),
            name: "None".to_string(),
            score: 0,
            reasons: Vec::new(),
            inputs: Vec::new(),
            alternatives: Vec::new(),
            open_questions,
        };
    };

    let mut inputs: Vec<String> = best.inputs.iter().map(|s| s.to_string()).collect();
    inputs.dedup();
    Decision {
        choice: best.id.to_string(),
        name: display_name(best.id),
        score: best.score,
        reasons: best.reasons,
        inputs,
        alternatives: ranked
            .map(|c| Alternative {
                choice: c.id.to_string(),
                name: display_name(c.id),
                score: c.score,
                tradeoff: c.tradeoff.to_string(),
            })
            .collect(),
        open_questions,
    }
}

fn display_name(id: &str) -> String {
    catalogue::get(id)
        .map(|t| t.name.to_string())
        .or_else(|| {
            PATTERNS
                .iter()
                .find(|(p, _)| *p == id)
                .map(|(_, n)| n.to_string())
        })
        .unwrap_or_else(|| match id {
            "none" => "None".to_string(),
            "shared" => "Shared tenancy".to_string(),
            "siloed" => "Siloed tenancy".to_string(),
            "hybrid" => "Hybrid tenancy".to_string(),
            "provider-account" => "SaaS in the provider's account".to_string(),
            "byoc" => "BYOC (bring your own cloud)".to_string(),
            "byoc-copilot" => "BYOC Copilot".to_string(),
            "on-premises" => "On premises".to_string(),
            other => other.to_string(),
        })
}

/// Recommends an architecture for a profile. The same profile always gives the same answer.
pub fn recommend(profile: &Profile) -> Recommendation {
    let mut conflicts = Vec::new();
    let database = database(profile);
    let pattern = pattern(profile);
    let tenancy = design::tenancy(profile, &mut conflicts);
    let deployments = design::deployments(profile);
    let sla = design::sla(profile, &database, &mut conflicts);
    design::stack_conflicts(profile, &database, &mut conflicts);
    let plans = design::plans(profile, &tenancy, &deployments, &sla);

    Recommendation {
        framework: framework(profile),
        stores: design::stores(profile, &database),
        queue: design::queue(profile, &pattern.choice),
        object_storage: design::object_storage(profile, &pattern.choice),
        domain_guidance: design::domain_guidance(profile),
        cache: cache(profile),
        compliance: design::controls(profile),
        open_questions: questions::unanswered(profile),
        database,
        pattern,
        tenancy,
        deployments,
        sla,
        plans,
        conflicts,
    }
}

fn framework(profile: &Profile) -> Decision {
    let mut node = candidate(
        "node-express",
        50,
        "fast I/O and the npm ecosystem; weaker for CPU-bound or ML work",
    );
    let mut python = candidate(
        "python-fastapi",
        48,
        "best for ML and data work; slower per request than Go or Java",
    );
    let mut go = candidate(
        "go",
        46,
        "high performance and small images; fewer batteries included",
    );
    let mut java = candidate(
        "java-spring",
        44,
        "enterprise features and mature libraries; heavier images and slower start-up",
    );
    let mut dotnet = candidate(
        "dotnet-aspnet",
        40,
        "fits a Microsoft stack; smaller open-source ecosystem for SaaS tooling",
    );

    node.reasons
        .push("a versatile default for API and web services".to_string());
    for language in profile.team_languages.iter().flatten() {
        let (target, reason) = match language {
            Language::Javascript | Language::Typescript => (
                &mut node,
                "the team knows JavaScript/TypeScript, so it iterates fastest",
            ),
            Language::Python => (&mut python, "the team knows Python, so it iterates fastest"),
            Language::Go => (&mut go, "the team knows Go, so it iterates fastest"),
            Language::Java | Language::Kotlin => {
                (&mut java, "the team knows the JVM, so it iterates fastest")
            }
            Language::Csharp => (&mut dotnet, "the team knows C#, so it iterates fastest"),
            Language::Rust => (
                &mut go,
                "the team knows Rust; Go is the catalogue's nearest fit for compiled, low-latency services",
            ),
        };
        target.add(30, "teamLanguages", reason);
    }
    match profile.domain {
        Some(Domain::AiMl) | Some(Domain::Analytics) | Some(Domain::DataPipeline) => python.add(
            20,
            "domain",
            "Python is where the ML and data libraries are",
        ),
        Some(Domain::Fintech) => java.add(
            15,
            "domain",
            "Java/Spring suits complex business logic in finance",
        ),
        _ => {}
    }
    if profile.latency_ms.is_some_and(|ms| ms <= 50) {
        go.add(
            15,
            "latencyMs",
            "a latency target of 50 ms or less favours a compiled, concurrent runtime",
        );
    }

    let mut open = Vec::new();
    if profile.team_languages.is_none() {
        open.push(questions::text("team-languages"));
    }
    decide(vec![node, python, go, java, dotnet], open)
}

fn database(profile: &Profile) -> Decision {
    let mut postgres = candidate(
        "postgresql",
        60,
        "general purpose and the most versatile; scaling writes past one node needs work",
    );
    let mut mysql = candidate(
        "mysql",
        40,
        "high read throughput and the PHP ecosystem; fewer extensions than PostgreSQL",
    );
    let mut mongo = candidate(
        "mongodb",
        35,
        "flexible documents; joins and multi-document transactions are weaker",
    );
    let mut timescale = candidate(
        "timescaledb",
        30,
        "time series with SQL; a PostgreSQL extension to operate",
    );
    let mut cassandra = candidate(
        "cassandra",
        25,
        "write-heavy and always on; limited queries and eventual consistency",
    );
    let mut cockroach = candidate(
        "cockroachdb",
        25,
        "distributed SQL across regions; more latency per write and more to operate",
    );
    let mut neo4j = candidate(
        "neo4j",
        20,
        "relationships and graph queries; not a general-purpose store",
    );

    postgres
        .reasons
        .push("PostgreSQL is general purpose, with JSON support and extensions".to_string());
    match profile.data_model {
        Some(DataModel::Document) => mongo.add(
            35,
            "dataModel",
            "the data is documents with a flexible schema",
        ),
        Some(DataModel::TimeSeries) => {
            timescale.add(
                40,
                "dataModel",
                "the data is time series: a time-series store fits",
            );
            if profile.write_heavy == Some(true) {
                timescale.add(
                    10,
                    "writeHeavy",
                    "high ingestion rates favour a store built for time series",
                );
            }
        }
        Some(DataModel::Graph) => {
            neo4j.add(65, "dataModel", "the data is a graph of relationships")
        }
        Some(DataModel::KeyValue) if profile.write_heavy == Some(true) => cassandra.add(
            40,
            "dataModel",
            "write-heavy key-value access fits a wide-column store",
        ),
        Some(DataModel::Relational) => postgres.add(10, "dataModel", "the data is relational"),
        _ => {}
    }
    if profile.uptime.is_some_and(|u| u >= 99.999) {
        cockroach.add(
            55,
            "uptime",
            "99.999% needs active-active regions, which needs a distributed database",
        );
    }
    if profile
        .compliance
        .iter()
        .flatten()
        .any(|c| *c == Compliance::Hipaa)
    {
        postgres.add(
            5,
            "compliance",
            "PostgreSQL supports encryption at rest and in transit for PHI",
        );
    }

    for pattern in profile.query_patterns.iter().flatten() {
        match pattern {
            QueryPattern::ComplexJoins => {
                postgres.add(10, "queryPatterns", "complex joins need SQL")
            }
            QueryPattern::Traversals if profile.data_model == Some(DataModel::Graph) => neo4j.add(
                10,
                "queryPatterns",
                "traversals are what a graph store answers fastest",
            ),
            QueryPattern::KeyValue if profile.write_heavy == Some(true) => cassandra.add(
                10,
                "queryPatterns",
                "key lookups at a high write rate suit a wide-column store",
            ),
            QueryPattern::TimeRange if profile.data_model == Some(DataModel::TimeSeries) => {
                timescale.add(5, "queryPatterns", "time-range queries run in SQL")
            }
            _ => {}
        }
    }
    match profile.consistency {
        Some(Consistency::Strong) => {
            postgres.add(
                5,
                "consistency",
                "ACID transactions give strong consistency",
            );
            cassandra.score = cassandra.score.saturating_sub(20);
            cassandra
                .reasons
                .push("eventual consistency does not meet the strong requirement".to_string());
            cassandra.inputs.push("consistency");
        }
        Some(Consistency::Eventual) if profile.write_heavy == Some(true) => cassandra.add(
            10,
            "consistency",
            "eventual consistency lets writes scale out across nodes",
        ),
        _ => {}
    }
    if profile.data_volume_gb.is_some_and(|gb| gb >= 10_000) {
        cockroach.add(
            15,
            "dataVolumeGb",
            "tens of terabytes outgrow one PostgreSQL node; distributed SQL scales out",
        );
        cassandra.add(10, "dataVolumeGb", "tens of terabytes spread across nodes");
    }
    if profile.domain == Some(Domain::DatabaseService) {
        postgres.add(
            10,
            "domain",
            "PostgreSQL is the database most often offered as a service",
        );
    }
    for c in [
        &mut postgres,
        &mut mysql,
        &mut mongo,
        &mut timescale,
        &mut cassandra,
        &mut cockroach,
        &mut neo4j,
    ] {
        if profile
            .existing_stack
            .iter()
            .flatten()
            .any(|s| s.trim().eq_ignore_ascii_case(c.id))
        {
            c.add(30, "existingStack", "the team already runs it");
        }
    }

    let mut open = Vec::new();
    if profile.data_model.is_none() {
        open.push(questions::text("data-model"));
    }
    if profile.write_heavy.is_none() {
        open.push(questions::text("write-heavy"));
    }
    if profile.consistency.is_none() {
        open.push(questions::text("consistency"));
    }
    decide(
        vec![
            postgres, mysql, mongo, timescale, cassandra, cockroach, neo4j,
        ],
        open,
    )
}

fn cache(profile: &Profile) -> Decision {
    let hipaa = profile
        .compliance
        .iter()
        .flatten()
        .any(|c| *c == Compliance::Hipaa);
    let mut redis = candidate(
        "redis",
        50,
        "versatile (sessions, rate limits, pub/sub); one more service to run",
    );
    let mut valkey = candidate(
        "valkey",
        42,
        "the open-source Redis fork; the same API, a younger project",
    );
    let mut memcached = candidate(
        "memcached",
        30,
        "simple key-value caching; no persistence or data structures",
    );
    let mut none = candidate(
        "none",
        35,
        "one service fewer; every read goes to the database",
    );

    redis
        .reasons
        .push("Redis covers sessions, query caching and rate limiting".to_string());
    if profile.requests_per_second.is_some_and(|rps| rps >= 500) {
        redis.add(
            20,
            "requestsPerSecond",
            "at this request rate, caching reads takes load off the database",
        );
    }
    if profile.users.is_some_and(|u| u >= 10_000) {
        redis.add(
            10,
            "users",
            "tens of thousands of users keep their sessions in a shared store, not in one replica",
        );
    }
    if profile.latency_ms.is_some_and(|ms| ms <= 100) {
        redis.add(
            10,
            "latencyMs",
            "an in-memory cache helps meet the latency target",
        );
    }
    if hipaa {
        for c in [&mut redis, &mut valkey, &mut memcached] {
            c.reasons.push(
                "HIPAA: no PHI in the cache; it holds sessions and rate limits only".to_string(),
            );
            c.inputs.push("compliance");
        }
    }
    for c in [&mut redis, &mut valkey, &mut memcached] {
        if profile
            .existing_stack
            .iter()
            .flatten()
            .any(|s| s.trim().eq_ignore_ascii_case(c.id))
        {
            c.add(30, "existingStack", "the team already runs it");
        }
    }
    if profile.requests_per_second.is_some_and(|rps| rps < 50) && profile.latency_ms.is_none() {
        none.add(
            30,
            "requestsPerSecond",
            "at under 50 requests per second the database alone keeps up",
        );
    }

    let mut open = Vec::new();
    if profile.requests_per_second.is_none() {
        open.push(questions::text("scale-requests"));
    }
    decide(vec![redis, valkey, memcached, none], open)
}

/// The five architecture patterns, by id.
pub const PATTERNS: &[(&str, &str)] = &[
    ("simple-api", "Simple API service"),
    ("three-tier", "Three-tier web application"),
    ("data-pipeline", "Data processing pipeline"),
    ("ai-ml", "AI/ML service"),
    ("real-time-analytics", "Real-time analytics"),
];

fn pattern(profile: &Profile) -> Decision {
    let mut api = candidate(
        "simple-api",
        50,
        "the fewest moving parts; no web tier for a browser front end",
    );
    let mut three = candidate(
        "three-tier",
        45,
        "a web tier, an app tier and a database; more to operate",
    );
    let mut pipeline = candidate(
        "data-pipeline",
        30,
        "queue-buffered workers; needs a queue and object storage",
    );
    let mut ai = candidate(
        "ai-ml",
        25,
        "GPU inference behind an API; GPU capacity and model storage to plan",
    );
    let mut analytics = candidate(
        "real-time-analytics",
        25,
        "a stream into a time-series store; the most infrastructure",
    );

    api.reasons
        .push("an API server with a database is the simplest design that works".to_string());
    match profile.domain {
        Some(Domain::Api) => api.add(30, "domain", "the product is an API"),
        Some(Domain::WebApp) | Some(Domain::Saas) => three.add(
            30,
            "domain",
            "a SaaS web application needs a web tier in front of its API",
        ),
        Some(Domain::DataPipeline) => pipeline.add(
            45,
            "domain",
            "the product ingests, transforms and stores data",
        ),
        Some(Domain::Healthcare) | Some(Domain::Fintech) => three.add(
            20,
            "domain",
            "a regulated SaaS application has a web tier, an app tier and a database",
        ),
        Some(Domain::DatabaseService) => api.add(
            10,
            "domain",
            "a database service is the database with a small control API in front",
        ),
        Some(Domain::AiMl) => ai.add(50, "domain", "the product serves models behind an API"),
        Some(Domain::Analytics) => analytics.add(
            50,
            "domain",
            "dashboards over events need a stream and a time-series store",
        ),
        _ => {}
    }
    if profile.data_model == Some(DataModel::TimeSeries) {
        analytics.add(
            15,
            "dataModel",
            "time-series data points to the real-time analytics pattern",
        );
        if profile.write_heavy == Some(true) {
            analytics.add(
                15,
                "writeHeavy",
                "a high rate of time-series writes is an event stream",
            );
        }
    }

    let mut open = Vec::new();
    if profile.domain.is_none() {
        open.push(questions::text("domain"));
    }
    decide(vec![api, three, pipeline, ai, analytics], open)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_profile_gets_a_default_design_and_open_questions() {
        let r = recommend(&Profile::default());
        assert_eq!(r.framework.choice, "node-express");
        assert_eq!(r.database.choice, "postgresql");
        assert_eq!(r.cache.choice, "redis");
        assert_eq!(r.pattern.choice, "simple-api");
        assert!(!r.framework.open_questions.is_empty());
        assert!(!r.pattern.open_questions.is_empty());
    }

    #[test]
    fn team_languages_and_domain_drive_the_framework() {
        let profile = Profile {
            domain: Some(Domain::AiMl),
            team_languages: Some(vec![Language::Python]),
            ..Profile::default()
        };
        let r = recommend(&profile);
        assert_eq!(r.framework.choice, "python-fastapi");
        assert!(r.framework.inputs.contains(&"teamLanguages".to_string()));
        assert_eq!(r.pattern.choice, "ai-ml");
    }

    #[test]
    fn time_series_writes_get_a_time_series_store() {
        let profile = Profile {
            data_model: Some(DataModel::TimeSeries),
            write_heavy: Some(true),
            ..Profile::default()
        };
        assert_eq!(recommend(&profile).database.choice, "timescaledb");
    }
}
