//! The requirements profile: what a team knows about its product, every field optional,
//! read from and written to JSON (and YAML) with camelCase names.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// What the product does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum Domain {
    Api,
    WebApp,
    Saas,
    DataPipeline,
    AiMl,
    Analytics,
    DatabaseService,
    Healthcare,
    Fintech,
    Other,
}

/// A language the team works in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    Javascript,
    Typescript,
    Python,
    Go,
    Java,
    Kotlin,
    Csharp,
    Rust,
}

/// The shape of the product's main data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum DataModel {
    Relational,
    Document,
    TimeSeries,
    Graph,
    KeyValue,
}

/// A compliance framework the product must meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum Compliance {
    Soc2,
    Hipaa,
    Gdpr,
    PciDss,
    Iso27001,
}

/// Who buys the product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum CustomerSegment {
    Startups,
    MidMarket,
    Enterprise,
    Developers,
    Government,
}

/// How the product is priced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum Pricing {
    Freemium,
    UsageBased,
    Tiered,
}

/// Where an instance of the product runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum DeploymentModel {
    /// In the provider's own cloud accounts (SaaS).
    ProviderAccount,
    /// In the customer's cloud account, managed by the provider.
    Byoc,
    /// In the customer's environment, offline; the provider connects on demand.
    ByocCopilot,
    /// In the customer's own data centre, managed by the customer.
    OnPremises,
}

/// The deployment models one customer segment wants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SegmentDeployment {
    pub segment: CustomerSegment,
    pub models: Vec<DeploymentModel>,
}

/// How the data is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum QueryPattern {
    ComplexJoins,
    KeyValue,
    TimeRange,
    Aggregations,
    Traversals,
    FullText,
}

/// The consistency the product's data needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum Consistency {
    Strong,
    Eventual,
}

/// How far customers' data must be kept apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum Isolation {
    /// Logical isolation (a tenant id) is enough.
    Logical,
    /// Each customer's data in its own database.
    DedicatedData,
    /// Each customer on its own infrastructure.
    DedicatedInfrastructure,
}

impl Profile {
    /// What in the profile cannot be right, in words a user can act on.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if let Some(uptime) = self.uptime {
            if !(uptime > 0.0 && uptime < 100.0) {
                problems.push(format!(
                    "uptime is a percentage below 100, such as 99.95; got {uptime}"
                ));
            }
        }
        if self.latency_ms == Some(0) {
            problems.push("latencyMs must be at least 1".to_string());
        }
        for segment in self.deployments.iter().flatten() {
            if segment.models.is_empty() {
                problems.push(format!(
                    "deployments: segment {} lists no deployment model",
                    serde_json::to_string(&segment.segment).unwrap_or_default()
                ));
            }
        }
        problems
    }
}

/// What a team knows about its product. Every field may be missing; the recommender
/// says which missing answers matter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    /// The product's name, used in generated files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub domain: Option<Domain>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub team_languages: Option<Vec<Language>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub data_model: Option<DataModel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub write_heavy: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub requests_per_second: Option<u32>,
    /// The latency target at the 99th percentile, in milliseconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub latency_ms: Option<u32>,
    /// The uptime target in percent, e.g. 99.95.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub uptime: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub compliance: Option<Vec<Compliance>>,
    /// Who buys the product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub customers: Option<Vec<CustomerSegment>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub pricing: Option<Pricing>,
    /// The deployment models each customer segment wants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub deployments: Option<Vec<SegmentDeployment>>,
    /// Active users expected at peak.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub users: Option<u64>,
    /// The data kept, in gigabytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub data_volume_gb: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub query_patterns: Option<Vec<QueryPattern>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub consistency: Option<Consistency>,
    /// Technologies already in use, by catalogue id (`postgresql`, `kafka`) or name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub existing_stack: Option<Vec<String>>,
    /// Where data must stay, as region names (`eu`, `us`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub data_residency: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub isolation: Option<Isolation>,
    /// Whether planned maintenance windows are acceptable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub maintenance_windows: Option<bool>,
    /// Regions besides the primary for disaster recovery; 0 says the product stays in
    /// one region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub dr_regions: Option<u32>,
    /// The recovery time objective, in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub rto_minutes: Option<u32>,
    /// The recovery point objective (data that may be lost), in minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub rpo_minutes: Option<u32>,
}
