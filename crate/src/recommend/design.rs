//! The decisions beyond the core stack: further stores, queue, storage, tenancy per
//! layer, deployment models per segment, compliance controls, the SLA design, service
//! plans, and the conflicts between requirements with the way out of each.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use super::catalogue::{self, Kind};
use super::questions::text as question;
use super::{
    Compliance, Consistency, CustomerSegment, DataModel, Decision, DeploymentModel, Domain,
    Isolation, Pricing, Profile, QueryPattern, candidate, decide,
};

/// The tenancy of each layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Tenancy {
    /// The overall model: `shared`, `siloed` or `hybrid`.
    pub model: Decision,
    /// `shared` or `siloed`.
    pub app_tier: Decision,
    /// `shared` or `siloed`.
    pub data_tier: Decision,
}

/// What running in one deployment model implies for the design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ModelPlan {
    pub model: DeploymentModel,
    pub implies: Vec<String>,
    pub best_for: String,
}

/// The deployment models of one customer segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SegmentPlan {
    /// The segment (`startups`, `enterprise`, ...), or `all` when none was named.
    pub segment: String,
    /// The primary model, ranked against the others.
    pub decision: Decision,
    /// Every model offered to the segment, the primary first.
    pub models: Vec<ModelPlan>,
}

/// One compliance framework (or residency), what it requires and what it forces into
/// the compose file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Control {
    /// `soc2`, `hipaa`, `gdpr`, `pci-dss`, `iso27001` or `data-residency`.
    pub id: String,
    pub name: String,
    pub requirements: Vec<String>,
    pub compose: Vec<String>,
}

/// The availability design for the uptime target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct SlaDesign {
    /// The target in percent; 99.9 when the profile gives none.
    pub uptime: f64,
    /// The downtime the target allows in a 365-day year, in minutes.
    pub downtime_minutes_per_year: f64,
    /// The same budget per 30-day month, in minutes.
    pub downtime_minutes_per_month: f64,
    /// `single-zone`, `multi-zone`, `active-passive` or `active-active`.
    pub topology: Decision,
    pub zones: u32,
    pub regions: u32,
    /// Replicas of each stateless service.
    pub replicas: u32,
    pub database_replication: String,
    pub failover: String,
    /// What the design asks of the compose file.
    pub compose: Vec<String>,
}

/// The limits of one service plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct PlanLimits {
    pub replicas: u32,
    /// Database storage in GB; missing means sized per customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub storage_gb: Option<u32>,
    /// Requests per second per tenant; missing means no fixed limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub requests_per_second: Option<u32>,
    pub backups: String,
    pub autoscaling: bool,
    /// The uptime promised on the plan; missing means best effort.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub uptime: Option<f64>,
}

/// A service plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// `free`, `pro` or `enterprise`.
    pub id: String,
    pub name: String,
    /// `shared` or `siloed`, for the plan's data.
    pub tenancy: String,
    pub deployment_models: Vec<DeploymentModel>,
    pub limits: PlanLimits,
    pub notes: Vec<String>,
}

/// Two requirements that cannot both hold as stated, and the way out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// A kebab-case id naming the clash.
    pub id: String,
    /// The profile fields in conflict.
    pub inputs: Vec<String>,
    pub problem: String,
    pub resolution: String,
}

/// The seed's guidance for one domain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DomainGuidance {
    /// `ai-ml`, `analytics`, `api-platform` or `database-service`.
    pub domain: String,
    pub key_decisions: Vec<String>,
    /// The compose services the domain's architecture has.
    pub services: Vec<String>,
}

pub(super) fn has(profile: &Profile, framework: Compliance) -> bool {
    profile.compliance.iter().flatten().any(|c| *c == framework)
}

fn in_stack(profile: &Profile, id: &str) -> bool {
    profile
        .existing_stack
        .iter()
        .flatten()
        .any(|s| s.trim().eq_ignore_ascii_case(id))
}

fn wants_pattern(profile: &Profile, pattern: QueryPattern) -> bool {
    profile
        .query_patterns
        .iter()
        .flatten()
        .any(|p| *p == pattern)
}

/// Every deployment model the profile asks for, in catalogue order.
fn wanted_models(profile: &Profile) -> Vec<DeploymentModel> {
    let mut models: Vec<DeploymentModel> = profile
        .deployments
        .iter()
        .flatten()
        .flat_map(|s| s.models.iter().copied())
        .collect();
    crate::sort::sort(&mut models);
    models.dedup();
    models
}

/// Whether some instances must run without the provider's cloud services.
fn self_contained(profile: &Profile) -> bool {
    wanted_models(profile).iter().any(|m| {
        matches!(
            m,
            DeploymentModel::ByocCopilot | DeploymentModel::OnPremises
        )
    })
}

// ---------------------------------------------------------------- stores

/// Further stores where the data or queries fit them, beside the primary database.
pub(super) fn stores(profile: &Profile, database: &Decision) -> Vec<Decision> {
    let primary = catalogue::get(&database.choice).map(|t| t.kind);
    let mut out = Vec::new();

    if matches!(
        primary,
        Some(Kind::Document | Kind::TimeSeries | Kind::Graph)
    ) {
        let mut postgres = candidate(
            "postgresql",
            60,
            "accounts, tenants and metadata with ACID transactions",
        );
        postgres.add(
            20,
            "dataModel",
            format!(
                "{} holds the main data; accounts, tenants and metadata stay relational",
                database.name
            ),
        );
        let mysql = candidate(
            "mysql",
            40,
            "also relational; fewer extensions than PostgreSQL",
        );
        out.push(decide(vec![postgres, mysql], Vec::new()));
    }

    let time_series_fits = profile.domain == Some(Domain::Analytics)
        || wants_pattern(profile, QueryPattern::TimeRange);
    if time_series_fits && primary != Some(Kind::TimeSeries) {
        let mut timescale = candidate(
            "timescaledb",
            55,
            "SQL over time series; a PostgreSQL extension to operate",
        );
        let mut influx = candidate(
            "influxdb",
            50,
            "purpose-built for high ingestion; its own query language",
        );
        let prometheus = candidate(
            "prometheus",
            35,
            "metrics and monitoring data; not a store for customer data",
        );
        timescale.add(
            15,
            "queryPatterns",
            "time-range queries and aggregations fit a time-series store beside the database",
        );
        if profile.write_heavy == Some(true) {
            influx.add(
                25,
                "writeHeavy",
                "high ingestion rates favour a purpose-built time-series store",
            );
        }
        out.push(decide(vec![timescale, influx, prometheus], Vec::new()));
    }

    if wants_pattern(profile, QueryPattern::Traversals) && primary != Some(Kind::Graph) {
        let mut neo4j = candidate(
            "neo4j",
            60,
            "relationship queries; one more store to keep in step",
        );
        let arango = candidate(
            "arangodb",
            50,
            "multi-model graph and documents; a smaller ecosystem",
        );
        neo4j.add(
            15,
            "queryPatterns",
            "traversals over relationships (recommendations, networks) fit a graph store",
        );
        out.push(decide(vec![neo4j, arango], Vec::new()));
    }

    if profile.data_model == Some(DataModel::Document) && primary != Some(Kind::Document) {
        let mut mongo = candidate(
            "mongodb",
            55,
            "flexible documents beside the system of record; two stores to keep in step",
        );
        mongo.add(
            10,
            "dataModel",
            "documents with a flexible schema fit a document store",
        );
        out.push(decide(vec![mongo], Vec::new()));
    }
    out
}

// ---------------------------------------------------------------- queue

pub(super) fn queue(profile: &Profile, pattern: &str) -> Decision {
    let mut none = candidate(
        "none",
        45,
        "one service fewer; slow work runs inside requests",
    );
    let mut rabbitmq = candidate(
        "rabbitmq",
        40,
        "reliable work queues over AMQP; not built for replaying event streams",
    );
    let mut kafka = candidate(
        "kafka",
        35,
        "high-throughput event streams and replay; the heaviest to operate",
    );
    let mut nats = candidate(
        "nats",
        35,
        "light and low-latency; fewer delivery guarantees without JetStream",
    );
    let mut sqs = candidate(
        "sqs",
        20,
        "serverless and AWS-native; does not run in a compose file or outside AWS",
    );

    none.add(
        0,
        "domain",
        "the simplest design has no queue until work needs to leave the request",
    );
    match pattern {
        "data-pipeline" => {
            kafka.add(
                40,
                "domain",
                "a pipeline buffers ingestion in a queue between the API and the workers",
            );
            rabbitmq.add(30, "domain", "a pipeline's workers take jobs from a queue");
        }
        "real-time-analytics" => {
            kafka.add(45, "domain", "events flow through a stream into the store");
            nats.add(25, "domain", "a light stream with tenant tagging also fits");
        }
        "ai-ml" => rabbitmq.add(
            30,
            "domain",
            "a shared inference tier queues requests for the GPUs",
        ),
        "three-tier" => rabbitmq.add(
            10,
            "domain",
            "a web application sends email and reports to a worker",
        ),
        _ => {}
    }
    if profile.write_heavy == Some(true) {
        kafka.add(
            15,
            "writeHeavy",
            "write-heavy ingestion is absorbed by a log before the database",
        );
    }
    if profile.requests_per_second.is_some_and(|rps| rps >= 5000) {
        kafka.add(
            10,
            "requestsPerSecond",
            "thousands of events per second favour a partitioned log",
        );
    }
    if profile.latency_ms.is_some_and(|ms| ms <= 10) {
        nats.add(
            15,
            "latencyMs",
            "a latency target of 10 ms or less favours NATS",
        );
    }
    for c in [&mut rabbitmq, &mut kafka, &mut nats, &mut sqs] {
        if in_stack(profile, c.id) {
            c.add(30, "existingStack", "the team already runs it");
        }
    }
    if self_contained(profile) {
        sqs.score = 0;
        sqs.reasons
            .push("SQS cannot run in BYOC Copilot or on-premises instances".into());
        sqs.inputs.push("deployments");
    }

    let mut open = Vec::new();
    if profile.write_heavy.is_none() {
        open.push(question("write-heavy"));
    }
    if profile.deployments.is_none() {
        open.push(question("deployments"));
    }
    decide(vec![none, rabbitmq, kafka, nats, sqs], open)
}

// ---------------------------------------------------------------- storage

pub(super) fn object_storage(profile: &Profile, pattern: &str) -> Decision {
    let mut s3 = candidate(
        "s3",
        30,
        "managed and durable; outside the compose file, and not there in air-gapped sites",
    );
    let mut minio = candidate(
        "minio",
        30,
        "S3-compatible and self-hosted in the compose file; its disks and backups are yours",
    );
    let mut none = candidate(
        "none",
        45,
        "one dependency fewer; uploads and backups have nowhere durable to go",
    );
    none.add(
        0,
        "domain",
        "nothing in the profile keeps raw data, model weights, archives or large files",
    );
    let nfs = candidate(
        "nfs",
        20,
        "a shared filesystem for software that needs POSIX files; ties replicas to one mount",
    );

    let why = match pattern {
        "data-pipeline" => Some("a pipeline keeps raw data in object storage"),
        "ai-ml" => Some("model weights live in object storage"),
        "real-time-analytics" => Some("old events are archived to object storage"),
        _ => None,
    };
    if let Some(why) = why {
        s3.add(40, "domain", why);
        minio.add(40, "domain", why);
    }
    if profile.data_volume_gb.is_some_and(|gb| gb >= 1000) {
        s3.add(
            15,
            "dataVolumeGb",
            "a terabyte or more belongs in object storage, not on database volumes",
        );
        minio.add(
            15,
            "dataVolumeGb",
            "a terabyte or more belongs in object storage, not on database volumes",
        );
    }
    if has(profile, Compliance::Soc2) {
        s3.add(
            10,
            "compliance",
            "SOC 2 wants daily backups kept off the host",
        );
        minio.add(
            10,
            "compliance",
            "SOC 2 wants daily backups kept off the host",
        );
    }
    if self_contained(profile) {
        minio.add(
            20,
            "deployments",
            "BYOC Copilot and on-premises instances need storage that runs with them",
        );
    } else if wanted_models(profile) == [DeploymentModel::ProviderAccount] {
        s3.add(
            5,
            "deployments",
            "in the provider's account the managed service is there",
        );
    }
    for c in [&mut s3, &mut minio] {
        if in_stack(profile, c.id) {
            c.add(20, "existingStack", "the team already uses it");
        }
    }

    let mut open = Vec::new();
    if profile.data_volume_gb.is_none() {
        open.push(question("scale-data"));
    }
    decide(vec![s3, minio, none, nfs], open)
}

// ---------------------------------------------------------------- tenancy

pub(super) fn tenancy(profile: &Profile, conflicts: &mut Vec<Conflict>) -> Tenancy {
    let hipaa = has(profile, Compliance::Hipaa);
    let mut shared = candidate(
        "shared",
        50,
        "cheapest and simplest; noisy neighbours and one shared security boundary",
    );
    let mut siloed = candidate(
        "siloed",
        30,
        "complete isolation per tenant; the highest cost and the most deployments",
    );
    let mut hybrid = candidate(
        "hybrid",
        40,
        "shared compute, dedicated data; connection routing and pooling to build",
    );

    shared
        .reasons
        .push("one deployment with a tenant_id column is the cost-effective default".into());
    if hipaa {
        siloed.add(
            45,
            "compliance",
            "HIPAA: no shared tenancy for PHI; healthcare customers get dedicated infrastructure",
        );
    }
    if has(profile, Compliance::PciDss) {
        hybrid.add(
            15,
            "compliance",
            "PCI DSS: isolate card data and the payment services from the rest",
        );
    }
    match profile.isolation {
        Some(Isolation::DedicatedInfrastructure) => {
            siloed.add(40, "isolation", "customers want dedicated infrastructure")
        }
        Some(Isolation::DedicatedData) => hybrid.add(
            40,
            "isolation",
            "customers want their data in its own database",
        ),
        Some(Isolation::Logical) => shared.add(
            20,
            "isolation",
            "logical isolation by tenant id is enough for these customers",
        ),
        None => {}
    }
    // the segments named anywhere: as customers or with their deployment models
    let customers: Vec<CustomerSegment> = profile
        .customers
        .iter()
        .flatten()
        .copied()
        .chain(profile.deployments.iter().flatten().map(|d| d.segment))
        .collect();
    let large = customers
        .iter()
        .any(|c| matches!(c, CustomerSegment::Enterprise | CustomerSegment::Government));
    let small = customers.iter().any(|c| {
        matches!(
            c,
            CustomerSegment::Startups | CustomerSegment::MidMarket | CustomerSegment::Developers
        )
    });
    if large && small {
        hybrid.add(
            25,
            "customers",
            "a mixed customer base (SMB and enterprise) shares compute and isolates data",
        );
    } else if large {
        siloed.add(
            20,
            "customers",
            "enterprise and government customers expect dedicated instances",
        );
    } else if small {
        shared.add(
            15,
            "customers",
            "small customers need the cost of a shared deployment",
        );
    }
    let models = wanted_models(profile);
    let dedicated = models
        .iter()
        .filter(|m| **m != DeploymentModel::ProviderAccount)
        .count();
    if dedicated > 0 && dedicated == models.len() {
        siloed.add(
            20,
            "deployments",
            "every instance runs in a customer's own account or site, so each is siloed",
        );
    } else if dedicated > 0 {
        hybrid.add(
            10,
            "deployments",
            "BYOC and on-premises customers get their own instance; the rest share one",
        );
    }
    if profile.pricing == Some(Pricing::Freemium) {
        shared.add(
            20,
            "pricing",
            "a free tier is only affordable on shared infrastructure",
        );
    }
    if profile.domain == Some(Domain::Healthcare) && !hipaa {
        siloed.add(
            15,
            "domain",
            "healthcare customers usually expect their data kept apart",
        );
    }

    let mut open = Vec::new();
    if profile.customers.is_none() {
        open.push(question("customers"));
    }
    if profile.isolation.is_none() {
        open.push(question("isolation"));
    }
    if profile.compliance.is_none() {
        open.push(question("compliance"));
    }
    let mut model = decide(vec![shared, siloed, hybrid], open);

    if hipaa && model.choice == "shared" {
        conflicts.push(Conflict {
            id: "hipaa-shared-tenancy".into(),
            inputs: vec!["compliance".into(), "isolation".into(), "pricing".into()],
            problem: "HIPAA forbids shared tenancy for PHI, but the rest of the profile \
                      asks for shared tenancy"
                .into(),
            resolution: "hybrid tenancy: keep the shared app tier (and the free plan, \
                         without PHI), and give every customer with PHI a siloed, \
                         encrypted database"
                .into(),
        });
        model.choice = "hybrid".into();
        model.name = super::display_name("hybrid");
        model
            .reasons
            .push("HIPAA overrides shared tenancy: PHI goes to a siloed data tier".into());
        model.inputs.push("compliance".into());
    }

    let (app, data) = match model.choice.as_str() {
        "siloed" => ("siloed", "siloed"),
        "hybrid" => ("shared", "siloed"),
        _ => ("shared", "shared"),
    };
    Tenancy {
        app_tier: tier(
            app,
            "app tier",
            if app == "siloed" {
                "a full stack per tenant instance, each an isolated deployment"
            } else {
                "one app service scaling horizontally, routing tenants by header or subdomain"
            },
            &model,
        ),
        data_tier: tier(
            data,
            "data tier",
            match (data, hipaa) {
                ("siloed", true) => {
                    "a dedicated, encrypted database per tenant: PHI is never shared"
                }
                ("siloed", false) => "a dedicated database per tenant, with connection routing",
                _ => {
                    "one database with a tenant_id column on every table, and key prefixes in the cache"
                }
            },
            &model,
        ),
        model,
    }
}

fn tier(choice: &str, layer: &str, reason: &str, model: &Decision) -> Decision {
    let other = if choice == "shared" {
        "siloed"
    } else {
        "shared"
    };
    Decision {
        choice: choice.to_string(),
        name: super::display_name(choice),
        score: model.score,
        reasons: vec![
            format!("the {layer} follows {} tenancy", model.choice),
            reason.to_string(),
        ],
        inputs: model.inputs.clone(),
        alternatives: vec![super::Alternative {
            choice: other.to_string(),
            name: super::display_name(other),
            score: model
                .alternatives
                .iter()
                .find(|a| a.choice == other)
                .map_or(0, |a| a.score),
            tradeoff: if other == "shared" {
                "cheaper and simpler; a shared security boundary".to_string()
            } else {
                "complete isolation; a deployment per tenant to run".to_string()
            },
        }],
        open_questions: model.open_questions.clone(),
    }
}

// ---------------------------------------------------------------- deployments

const MODELS: [DeploymentModel; 4] = [
    DeploymentModel::ProviderAccount,
    DeploymentModel::Byoc,
    DeploymentModel::ByocCopilot,
    DeploymentModel::OnPremises,
];

fn model_id(model: DeploymentModel) -> &'static str {
    match model {
        DeploymentModel::ProviderAccount => "provider-account",
        DeploymentModel::Byoc => "byoc",
        DeploymentModel::ByocCopilot => "byoc-copilot",
        DeploymentModel::OnPremises => "on-premises",
    }
}

fn segment_id(segment: CustomerSegment) -> &'static str {
    match segment {
        CustomerSegment::Startups => "startups",
        CustomerSegment::MidMarket => "mid-market",
        CustomerSegment::Enterprise => "enterprise",
        CustomerSegment::Developers => "developers",
        CustomerSegment::Government => "government",
    }
}

fn model_plan(model: DeploymentModel) -> ModelPlan {
    let (implies, best_for): (&[&str], &str) = match model {
        DeploymentModel::ProviderAccount => (
            &[
                "all infrastructure in the provider's cloud accounts, managed by the provider",
                "shared databases with tenant_id isolation where tenancy allows",
                "load balancers for multi-tenant access; customer networks (a VPC per customer) for more security",
            ],
            "startups, mid-market and most B2B SaaS",
        ),
        DeploymentModel::Byoc => (
            &[
                "instances run in the customer's cloud account; the data stays there",
                "minimise cross-account dependencies and use the customer's IAM roles",
                "plan network connectivity (VPC peering, private links)",
                "automate the customer account's setup (Terraform or CloudFormation)",
            ],
            "enterprise customers, data sovereignty, regulated industries",
        ),
        DeploymentModel::ByocCopilot => (
            &[
                "runs offline in the customer's environment; the provider connects on demand",
                "fully self-contained: no managed cloud services, images in a reachable registry",
                "local licence management, remote-support tooling and offline runbooks",
            ],
            "government, defence and ultra-secure environments",
        ),
        DeploymentModel::OnPremises => (
            &[
                "the customer's own hardware, managed by the customer",
                "fewer moving parts, clear hardware requirements and extensive documentation",
                "an update and patch mechanism, and images mirrored for air-gapped sites",
            ],
            "legacy enterprises and air-gapped environments",
        ),
    };
    ModelPlan {
        model,
        implies: implies.iter().map(|s| s.to_string()).collect(),
        best_for: best_for.to_string(),
    }
}

pub(super) fn deployments(profile: &Profile) -> Vec<SegmentPlan> {
    // the segments: as stated, else one per customer segment, else one for everyone
    let mut segments: Vec<(String, Option<CustomerSegment>, Vec<DeploymentModel>)> = Vec::new();
    if let Some(stated) = &profile.deployments {
        for s in stated {
            segments.push((
                segment_id(s.segment).into(),
                Some(s.segment),
                s.models.clone(),
            ));
        }
    } else if let Some(customers) = &profile.customers {
        let mut customers = customers.clone();
        crate::sort::sort(&mut customers);
        customers.dedup();
        for c in customers {
            segments.push((segment_id(c).into(), Some(c), Vec::new()));
        }
    }
    if segments.is_empty() {
        segments.push(("all".into(), None, Vec::new()));
    }

    let regulated = has(profile, Compliance::Hipaa)
        || has(profile, Compliance::PciDss)
        || profile.data_residency.is_some();
    segments
        .into_iter()
        .map(|(segment, customer, wanted)| {
            let tradeoffs = [
                "the provider runs everything; the data leaves the customer's account",
                "the data stays with the customer; cross-account setup and networking to plan",
                "maximum security; no managed services and support only on demand",
                "the customer runs it; every release must install on unknown hardware",
            ];
            let scores = [60, 30, 15, 10];
            let mut candidates: Vec<_> = MODELS
                .iter()
                .zip(tradeoffs)
                .zip(scores)
                .map(|((m, t), s)| candidate(model_id(*m), s, t))
                .collect();
            for (rank, model) in wanted.iter().enumerate() {
                if let Some(c) = candidates.iter_mut().find(|c| c.id == model_id(*model)) {
                    // the first model listed is the segment's primary
                    c.score = 0;
                    let points = 95u32.saturating_sub(5 * rank as u32);
                    c.add(points, "deployments", "the segment asks for this model");
                }
            }
            if wanted.is_empty() {
                let add =
                    |candidates: &mut Vec<super::Candidate>, id: &str, points, input, why: &str| {
                        if let Some(c) = candidates.iter_mut().find(|c| c.id == id) {
                            c.add(points, input, why);
                        }
                    };
                match customer {
                    Some(CustomerSegment::Government) => add(
                        &mut candidates,
                        "byoc-copilot",
                        60,
                        "customers",
                        "government customers need the most secure, offline model",
                    ),
                    Some(CustomerSegment::Enterprise) if regulated => add(
                        &mut candidates,
                        "byoc",
                        40,
                        "compliance",
                        "regulated enterprise data stays in the customer's own cloud",
                    ),
                    _ => add(
                        &mut candidates,
                        "provider-account",
                        10,
                        "customers",
                        "the provider's account is the most common and simplest model",
                    ),
                }
            }
            let mut open = Vec::new();
            if profile.deployments.is_none() {
                open.push(question("deployments"));
            }
            let mut decision = decide(candidates, open);
            if wanted.len() > 1 {
                decision.reasons.push(
                    "one compose spec serves every model: configuration from the environment, \
                     no cloud-specific code, images in a registry every site can reach"
                        .into(),
                );
            }

            // offered: the stated models, else the primary alone
            let mut offered: Vec<DeploymentModel> = Vec::new();
            if let Some(primary) = MODELS.iter().find(|m| model_id(**m) == decision.choice) {
                offered.push(*primary);
            }
            for model in &wanted {
                if !offered.contains(model) {
                    offered.push(*model);
                }
            }
            SegmentPlan {
                segment,
                decision,
                models: offered.into_iter().map(model_plan).collect(),
            }
        })
        .collect()
}

// ---------------------------------------------------------------- compliance

pub(super) fn controls(profile: &Profile) -> Vec<Control> {
    let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let mut frameworks: Vec<Compliance> = profile.compliance.clone().unwrap_or_default();
    frameworks.dedup();
    let mut seen: Vec<Compliance> = Vec::new();
    let mut out = Vec::new();
    for framework in frameworks {
        if seen.contains(&framework) {
            continue;
        }
        seen.push(framework);
        let (id, name, requirements, compose): (&str, &str, &[&str], &[&str]) = match framework {
            Compliance::Soc2 => (
                "soc2",
                "SOC 2",
                &[
                    "encryption at rest and in transit",
                    "access logging and audit trails",
                    "multi-factor authentication",
                    "regular backups",
                    "incident response procedures",
                ],
                &[
                    "TLS for every service",
                    "database encryption enabled",
                    "every API request logged",
                    "volumes backed up daily",
                ],
            ),
            Compliance::Hipaa => (
                "hipaa",
                "HIPAA",
                &[
                    "PHI encrypted at rest and in transit",
                    "access controls and audit logs",
                    "business associate agreements (BAA)",
                    "dedicated infrastructure: no shared tenancy for PHI",
                ],
                &[
                    "siloed tenancy for healthcare customers",
                    "an encrypted PostgreSQL database",
                    "no PHI in the cache: sessions and rate limits only",
                    "detailed access logging",
                ],
            ),
            Compliance::Gdpr => (
                "gdpr",
                "GDPR",
                &[
                    "data residency: EU data in EU regions",
                    "right to deletion (data purging)",
                    "data portability",
                    "consent management",
                ],
                &[
                    "instances per region (EU, US)",
                    "clear data retention policies",
                    "data export APIs",
                    "customer data deletion workflows",
                ],
            ),
            Compliance::PciDss => (
                "pci-dss",
                "PCI DSS",
                &[
                    "no storage of CVV or full PAN",
                    "card data encrypted",
                    "network segmentation",
                    "regular security scans",
                ],
                &[
                    "a payment gateway (such as Stripe) instead of storing cards",
                    "payment processing isolated in its own service and network",
                    "TLS everywhere",
                ],
            ),
            Compliance::Iso27001 => (
                "iso27001",
                "ISO 27001",
                &[
                    "an information security management system with risk assessment",
                    "access control and logging",
                    "backups and business continuity",
                    "an inventory of assets and changes",
                ],
                &[
                    "images pinned by version, listed in the handoff",
                    "secrets from the environment, never in the file",
                    "logs shipped off the host",
                    "volumes backed up on a schedule",
                ],
            ),
        };
        out.push(Control {
            id: id.into(),
            name: name.into(),
            requirements: strings(requirements),
            compose: strings(compose),
        });
    }

    if let Some(regions) = &profile.data_residency {
        out.push(Control {
            id: "data-residency".into(),
            name: "Data residency".into(),
            requirements: vec![format!(
                "data stays in {}",
                if regions.is_empty() {
                    "the regions the customer names".to_string()
                } else {
                    regions.join(", ")
                }
            )],
            compose: strings(&[
                "one instance per residency region, never a database shared across regions",
                "backups and object storage in the same region as the instance",
            ]),
        });
    }
    out
}

// ---------------------------------------------------------------- SLA

/// The downtime a target allows per year and per month, in minutes, to two decimals.
pub fn downtime_budget(uptime: f64) -> (f64, f64) {
    let round = |x: f64| (x * 100.0).round() / 100.0;
    let share = ((100.0 - uptime) / 100.0).max(0.0);
    (
        round(share * 365.0 * 24.0 * 60.0),
        round(share * 30.0 * 24.0 * 60.0),
    )
}

pub(super) fn sla(
    profile: &Profile,
    database: &Decision,
    conflicts: &mut Vec<Conflict>,
) -> SlaDesign {
    let uptime = profile.uptime.unwrap_or(99.9);
    let (per_year, per_month) = downtime_budget(uptime);

    let topology_id = if uptime >= 99.999 {
        "active-active"
    } else if uptime >= 99.99 {
        "active-passive"
    } else if uptime >= 99.95 {
        "multi-zone"
    } else {
        "single-zone"
    };
    let (zones, mut regions, mut replicas, mut replication, mut failover, compose): (
        u32,
        u32,
        u32,
        String,
        String,
        &[&str],
    ) = match topology_id {
        "active-active" => (
            3,
            3,
            3,
            "a distributed database replicated across regions (CockroachDB, Cassandra)".into(),
            "none needed: global load balancing sends traffic to every region".into(),
            &[
                "highly replicated services in every region",
                "a distributed database",
                "multiple cloud providers where possible",
            ],
        ),
        "active-passive" => (
            2,
            2,
            3,
            "streaming replication to a standby in a second region".into(),
            "automated, driven by health checks".into(),
            &[
                "3 or more replicas per service",
                "database replication ready",
                "health checks with quick failover",
            ],
        ),
        "multi-zone" => (
            2,
            1,
            2,
            "replicated volumes across zones (plan for it)".into(),
            "automated: the load balancer drops unhealthy replicas".into(),
            &[
                "2-3 replicas per service",
                "load balancer configuration ready",
                "multi-zone volume replication planned",
            ],
        ),
        _ => (
            1,
            1,
            1,
            "none: one database on a persistent volume, backed up daily".into(),
            "manual".into(),
            &[
                "a single replica per service",
                "the database on a persistent volume",
                "basic health endpoints",
            ],
        ),
    };
    let mut compose: Vec<String> = compose.iter().map(|s| s.to_string()).collect();
    let mut reasons = vec![format!(
        "{uptime}% allows {per_year} minutes of downtime a year ({per_month} a month)"
    )];
    let mut inputs = vec!["uptime".to_string()];

    if let Some(dr) = profile.dr_regions {
        if dr > 0 && regions < dr + 1 {
            regions = dr + 1;
            reasons.push(format!(
                "{dr} disaster-recovery region(s) besides the primary"
            ));
            inputs.push("drRegions".into());
            if topology_id == "single-zone" || topology_id == "multi-zone" {
                replication = "backups (or a replica) shipped to the recovery region".into();
            }
        }
        if dr == 0 && regions > 1 {
            conflicts.push(Conflict {
                id: "availability-in-one-region".into(),
                inputs: vec!["uptime".into(), "drRegions".into()],
                problem: format!(
                    "{uptime}% needs more than one region ({topology_id}), but the product \
                     is to stay in one region"
                ),
                resolution: "either run the extra regions inside the same jurisdiction \
                             (two EU regions satisfy EU residency), or promise 99.95% with \
                             a multi-zone design in the one region"
                    .into(),
            });
        }
    }
    if uptime >= 99.999 {
        let single_site = profile.deployments.as_ref().is_some_and(|d| {
            d.iter().flat_map(|s| s.models.iter()).all(|m| {
                matches!(
                    m,
                    DeploymentModel::OnPremises | DeploymentModel::ByocCopilot
                )
            })
        });
        if single_site {
            conflicts.push(Conflict {
                id: "availability-in-one-site".into(),
                inputs: vec!["uptime".into(), "deployments".into()],
                problem: "99.999% needs active-active regions, but every instance runs in \
                          one customer site"
                    .into(),
                resolution: "promise 99.999% only on provider-account or BYOC instances \
                             that span regions; offer the customer's own site 99.9–99.95%"
                    .into(),
            });
        }
        let distributed = matches!(database.choice.as_str(), "cockroachdb" | "cassandra");
        if !distributed {
            conflicts.push(Conflict {
                id: "availability-needs-distributed-database".into(),
                inputs: vec!["uptime".into(), "dataModel".into()],
                problem: format!(
                    "99.999% needs a distributed database, but {} fits the data better",
                    database.name
                ),
                resolution: "run the system of record on CockroachDB (PostgreSQL-compatible) \
                             and keep the other store for what only it does, or lower the \
                             target to 99.99% active-passive"
                    .into(),
            });
        }
    }
    if profile.rpo_minutes == Some(0) {
        replication = format!("{replication}; synchronous, so no acknowledged write is lost");
        reasons.push("an RPO of zero needs synchronous replication".into());
        inputs.push("rpoMinutes".into());
    } else if profile.rpo_minutes.is_some_and(|m| m < 60) && topology_id == "single-zone" {
        replication = "a streaming replica or WAL archiving every few minutes".into();
        reasons.push("an RPO under an hour is more than daily backups give".into());
        inputs.push("rpoMinutes".into());
    }
    if profile.rto_minutes.is_some_and(|m| m < 60) && failover == "manual" {
        failover = "automated: a health-checked standby takes over".into();
        replicas = replicas.max(2);
        reasons.push("an RTO under an hour rules out manual failover".into());
        inputs.push("rtoMinutes".into());
    }
    if profile.users.is_some_and(|u| u >= 100_000) && replicas < 3 {
        replicas = 3;
        compose.push("autoscaling of the stateless app tier from 3 replicas".into());
        reasons.push("a hundred thousand users or more need a horizontally scaled app tier".into());
        inputs.push("users".into());
    }
    if profile.maintenance_windows == Some(false) && replicas < 2 {
        replicas = 2;
        compose.push("rolling upgrades: at least 2 replicas of each service".into());
        reasons.push("without maintenance windows, upgrades roll through replicas".into());
        inputs.push("maintenanceWindows".into());
    }
    if profile.data_residency.is_some() && regions > 1 {
        reasons.push("every region of the design stays inside the residency regions".into());
        inputs.push("dataResidency".into());
    }

    let mut open = Vec::new();
    for (id, missing) in [
        ("uptime", profile.uptime.is_none()),
        ("scale-users", profile.users.is_none()),
        ("rto", profile.rto_minutes.is_none()),
        ("rpo", profile.rpo_minutes.is_none()),
        ("dr-regions", profile.dr_regions.is_none()),
        ("maintenance-windows", profile.maintenance_windows.is_none()),
    ] {
        if missing {
            open.push(question(id));
        }
    }
    let tiers = [
        (
            "single-zone",
            99.9,
            "one zone, manual failover; the cheapest",
        ),
        (
            "multi-zone",
            99.95,
            "zones behind a load balancer; replicated volumes",
        ),
        (
            "active-passive",
            99.99,
            "a standby region; replication and automated failover",
        ),
        (
            "active-active",
            99.999,
            "every region live; a distributed database and global load balancing",
        ),
    ];
    // the further a tier is from the target, the lower it ranks
    let chosen = tiers
        .iter()
        .position(|(id, _, _)| *id == topology_id)
        .unwrap_or(0);
    let alternatives = tiers
        .iter()
        .enumerate()
        .filter(|(_, (id, _, _))| *id != topology_id)
        .map(|(i, (id, target, tradeoff))| super::Alternative {
            choice: id.to_string(),
            name: format!("{id} ({target}%)"),
            score: 90u32.saturating_sub(25 * i.abs_diff(chosen) as u32),
            tradeoff: if i < chosen {
                format!("{tradeoff}; cannot meet {uptime}%")
            } else {
                format!("{tradeoff}; more than {uptime}% needs")
            },
        })
        .collect();
    let name = tiers
        .iter()
        .find(|(id, _, _)| *id == topology_id)
        .map_or_else(
            || topology_id.to_string(),
            |(id, t, _)| format!("{id} ({t}%)"),
        );
    SlaDesign {
        uptime,
        downtime_minutes_per_year: per_year,
        downtime_minutes_per_month: per_month,
        topology: Decision {
            choice: topology_id.into(),
            name,
            score: if profile.uptime.is_some() { 90 } else { 50 },
            reasons,
            inputs,
            alternatives,
            open_questions: open,
        },
        zones,
        regions,
        replicas,
        database_replication: replication,
        failover,
        compose,
    }
}

// ---------------------------------------------------------------- plans

pub(super) fn plans(
    profile: &Profile,
    tenancy: &Tenancy,
    deployments: &[SegmentPlan],
    sla: &SlaDesign,
) -> Vec<Plan> {
    let hipaa = has(profile, Compliance::Hipaa);
    let enterprise_models: Vec<DeploymentModel> = {
        let mut models: Vec<DeploymentModel> = deployments
            .iter()
            .filter(|s| matches!(s.segment.as_str(), "enterprise" | "government" | "all"))
            .flat_map(|s| s.models.iter().map(|m| m.model))
            .collect();
        // a dedicated instance in the provider's account is always on offer
        models.push(DeploymentModel::ProviderAccount);
        if !models.contains(&DeploymentModel::Byoc) && !self_contained(profile) {
            models.push(DeploymentModel::Byoc);
        }
        crate::sort::sort(&mut models);
        models.dedup();
        models
    };
    let rps = profile.requests_per_second;

    let mut free_notes = vec!["one replica, no backups: for trying the product".to_string()];
    if hipaa {
        free_notes.push("no PHI on the free plan: it runs on shared tenancy".into());
    }
    let pro_tenancy = if tenancy.data_tier.choice == "siloed" && tenancy.model.choice == "siloed" {
        "siloed"
    } else {
        "shared"
    };
    let mut pro_notes = vec!["daily backups and autoscaling of the app tier".to_string()];
    if hipaa {
        pro_notes.push("PHI customers move to a siloed database even on this plan".into());
    }
    vec![
        Plan {
            id: "free".into(),
            name: "Free".into(),
            tenancy: "shared".into(),
            deployment_models: vec![DeploymentModel::ProviderAccount],
            limits: PlanLimits {
                replicas: 1,
                storage_gb: Some(5),
                requests_per_second: Some(10),
                backups: "none".into(),
                autoscaling: false,
                uptime: None,
            },
            notes: free_notes,
        },
        Plan {
            id: "pro".into(),
            name: "Pro".into(),
            tenancy: if hipaa {
                "siloed".into()
            } else {
                pro_tenancy.into()
            },
            deployment_models: vec![DeploymentModel::ProviderAccount],
            limits: PlanLimits {
                replicas: sla.replicas.clamp(2, 3),
                storage_gb: Some(100),
                requests_per_second: Some(rps.map_or(100, |r| (r / 10).max(100))),
                backups: "daily".into(),
                autoscaling: true,
                uptime: Some(if sla.uptime >= 99.95 {
                    99.95
                } else {
                    sla.uptime
                }),
            },
            notes: pro_notes,
        },
        Plan {
            id: "enterprise".into(),
            name: "Enterprise".into(),
            tenancy: "siloed".into(),
            deployment_models: enterprise_models,
            limits: PlanLimits {
                replicas: sla.replicas.max(3),
                storage_gb: None,
                requests_per_second: None,
                backups: "daily, with point-in-time recovery".into(),
                autoscaling: true,
                uptime: Some(sla.uptime),
            },
            notes: vec![
                "custom sizing, a dedicated instance and the SLA's full design".into(),
                format!("{} region(s), {} zone(s)", sla.regions, sla.zones),
            ],
        },
    ]
}

// ---------------------------------------------------------------- conflicts

/// Conflicts found across decisions (the tenancy and SLA ones are found where decided).
pub(super) fn stack_conflicts(
    profile: &Profile,
    database: &Decision,
    conflicts: &mut Vec<Conflict>,
) {
    if self_contained(profile) {
        for (id, instead) in [
            ("sqs", "RabbitMQ or NATS"),
            ("dynamodb", "PostgreSQL or MongoDB"),
            ("s3", "MinIO"),
        ] {
            if in_stack(profile, id) {
                let name = catalogue::get(id).map_or(id, |t| t.name);
                conflicts.push(Conflict {
                    id: format!("self-contained-needs-{id}"),
                    inputs: vec!["deployments".into(), "existingStack".into()],
                    problem: format!(
                        "BYOC Copilot and on-premises instances run without the provider's \
                         cloud, but the stack depends on {name}, a cloud-only managed service"
                    ),
                    resolution: format!(
                        "run {instead} in the compose file for those instances, behind the \
                         same interface, and keep {name} for provider-account instances only"
                    ),
                });
            }
        }
    }
    if profile.consistency == Some(Consistency::Strong) && database.choice == "cassandra" {
        conflicts.push(Conflict {
            id: "strong-consistency-on-eventual-store".into(),
            inputs: vec![
                "consistency".into(),
                "writeHeavy".into(),
                "dataModel".into(),
            ],
            problem: "the writes fit Cassandra, which is eventually consistent, but the \
                      profile needs strong consistency"
                .into(),
            resolution: "keep the system of record on PostgreSQL or CockroachDB, and the \
                         high-volume writes that tolerate eventual consistency in Cassandra"
                .into(),
        });
    }
    if has(profile, Compliance::Gdpr) && profile.data_residency.is_none() {
        conflicts.push(Conflict {
            id: "gdpr-without-residency".into(),
            inputs: vec!["compliance".into(), "dataResidency".into()],
            problem: "GDPR is required, but no residency region is named".into(),
            resolution: "name the regions (for example eu) so EU customers' instances and \
                         backups stay in the EU"
                .into(),
        });
    }
}

// ---------------------------------------------------------------- domain guidance

pub(super) fn domain_guidance(profile: &Profile) -> Option<DomainGuidance> {
    let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let (domain, decisions, services): (&str, &[&str], &[&str]) = match profile.domain? {
        Domain::AiMl => (
            "ai-ml",
            &[
                "GPU requirements (inference: T4, training: A100)",
                "model storage (S3 or GCS for weights)",
                "batch or real-time inference",
                "a model versioning strategy",
            ],
            &[
                "api (FastAPI)",
                "inference (GPU image)",
                "model storage (external bucket)",
            ],
        ),
        Domain::Analytics | Domain::DataPipeline => (
            "analytics",
            &[
                "the query engine (Presto, Spark, custom)",
                "the data lake (object storage and metadata)",
                "streaming or batch processing",
                "column storage (Parquet, ORC)",
            ],
            &["query-api", "workers (Spark)", "metadata-db (PostgreSQL)"],
        ),
        Domain::Api => (
            "api-platform",
            &[
                "the gateway pattern (Kong, Envoy, custom)",
                "a rate-limiting strategy",
                "API versioning",
                "documentation (OpenAPI)",
            ],
            &["gateway (Kong)", "api-v1", "api-v2"],
        ),
        Domain::DatabaseService => (
            "database-service",
            &[
                "which database to offer (PostgreSQL, MySQL, MongoDB)",
                "the backup and restore strategy",
                "the replication topology (primary-replica, multi-primary)",
                "connection pooling (PgBouncer)",
            ],
            &[
                "primary (postgres)",
                "replica (postgres)",
                "pooler (pgbouncer)",
            ],
        ),
        _ => return None,
    };
    Some(DomainGuidance {
        domain: domain.into(),
        key_decisions: strings(decisions),
        services: strings(services),
    })
}
