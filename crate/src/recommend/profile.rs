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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum DataModel {
    Relational,
    Document,
    TimeSeries,
    Graph,
    KeyValue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum Compliance {
    Soc2,
    Hipaa,
    Gdpr,
    PciDss,
    Iso27001,
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
}
