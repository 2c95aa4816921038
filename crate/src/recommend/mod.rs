//! The recommender: from a requirements profile, where every field may be missing, to
//! the decisions a solutions architect would defend, each with its reasons, the
//! alternatives and the open questions that could change it.

pub mod catalogue;
mod profile;

use serde::Serialize;
use tsify::Tsify;

pub use profile::{Compliance, DataModel, Domain, Language, Profile};

/// One decision: what was chosen, how strongly, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Alternative {
    pub choice: String,
    pub name: String,
    pub score: u32,
    pub tradeoff: String,
}

/// The recommended architecture.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Recommendation {
    pub framework: Decision,
    pub database: Decision,
    /// `none` when no cache is needed.
    pub cache: Decision,
    pub pattern: Decision,
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
    candidates.sort_by_key(|c| std::cmp::Reverse(c.score));
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
            other => other.to_string(),
        })
}

/// Recommends an architecture for a profile. The same profile always gives the same answer.
pub fn recommend(profile: &Profile) -> Recommendation {
    Recommendation {
        framework: framework(profile),
        database: database(profile),
        cache: cache(profile),
        pattern: pattern(profile),
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
        open.push("Which programming languages does your team know best?".to_string());
    }
    decide(vec![node, python, go, java, dotnet], open)
}

fn database(profile: &Profile) -> Decision {
    let mut postgres = candidate(
        "postgresql",
        60,
        "general purpose and the most versatile; scaling writes past one node needs work",
    );
    let mysql = candidate(
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
            neo4j.add(50, "dataModel", "the data is a graph of relationships")
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
            45,
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

    let mut open = Vec::new();
    if profile.data_model.is_none() {
        open.push("Is your data relational, documents, time series or a graph?".to_string());
    }
    if profile.write_heavy.is_none() {
        open.push("Is the workload read-heavy or write-heavy?".to_string());
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
    let valkey = candidate(
        "valkey",
        42,
        "the open-source Redis fork; the same API, a younger project",
    );
    let memcached = candidate(
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
    if profile.latency_ms.is_some_and(|ms| ms <= 100) {
        redis.add(
            10,
            "latencyMs",
            "an in-memory cache helps meet the latency target",
        );
    }
    if hipaa {
        redis
            .reasons
            .push("HIPAA: keep PHI out of the cache (sessions and rate limits only)".to_string());
        redis.inputs.push("compliance");
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
        open.push("How many requests per second do you expect at peak?".to_string());
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
    }

    let mut open = Vec::new();
    if profile.domain.is_none() {
        open.push(
            "What problem does your SaaS solve (API, web app, data pipeline, AI/ML, analytics)?"
                .to_string(),
        );
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
