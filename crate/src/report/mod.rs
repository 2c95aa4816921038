//! The one finding type and the versioned report that carries it to every output.
//! Spans become positions here and nowhere else.

mod render;
pub mod secret;

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::source::SourceFile;
use crate::yaml::{Position, Span};

pub use render::{Format, render};
pub(crate) use render::{is_reference_only, secret_assignment};

/// How much a finding matters.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Tsify,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// What kind of problem a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Tsify,
)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Syntax,
    Schema,
    Reference,
    Interpolation,
    Readiness,
    Security,
    Correctness,
    Compliance,
    Sla,
    Style,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Syntax => "syntax",
            Self::Schema => "schema",
            Self::Reference => "reference",
            Self::Interpolation => "interpolation",
            Self::Readiness => "readiness",
            Self::Security => "security",
            Self::Correctness => "correctness",
            Self::Compliance => "compliance",
            Self::Sla => "sla",
            Self::Style => "style",
        }
    }
}

/// A finding as the analyzer makes it: a rule, a message, and the span it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// A lowercase fact naming the value; never a secret's value.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    pub span: Span,
}

/// A finding as users see it: the file's path and 1-based positions, columns in UTF-16
/// code units; `end` is exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub help: Option<String>,
    pub file: String,
    pub start: Position,
    pub end: Position,
}

/// Where an image comes from: Docker Hub (implied when no host is named), GHCR, ECR,
/// Artifact Registry, ACR, or another host.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum RegistryKind {
    DockerHub,
    Ghcr,
    Ecr,
    ArtifactRegistry,
    Acr,
    Quay,
    Other,
}

/// One service's image, as the platform will need to pull it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ImageRef {
    pub service: String,
    /// The image reference after interpolation (as written, where an unset variable
    /// is in it); for a service that only builds, a suggested name for the push.
    pub image: String,
    /// The name is a suggestion: the service only builds and names no image.
    pub suggested: bool,
    /// The registry host, `docker.io` when none is named.
    pub registry: String,
    pub registry_kind: RegistryKind,
    /// The repository path without host and tag, e.g. `library/postgres`.
    pub repository: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub tag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub digest: Option<String>,
    /// The team's own image: built here, or not from a publisher known to publish public
    /// images; whether a registry serves it without credentials only the team can say.
    pub custom: bool,
    /// The service has a `build:` section, so the image must be built and pushed first.
    pub needs_push: bool,
}

/// Counts over the report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub errors: u32,
    pub warnings: u32,
    pub infos: u32,
    pub services: u32,
    /// Findings that block onboarding onto a platform that runs plain compose.
    pub blocking: u32,
    /// Whether every service has a pullable image and nothing blocks onboarding.
    pub ready: bool,
    /// Findings left out by `# compose-architect: ignore[...]` comments.
    pub suppressed_inline: u32,
    /// Findings left out because the rules configuration turns their rule off.
    pub suppressed_by_configuration: u32,
}

/// One rule and its documentation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    pub id: String,
    pub category: Category,
    /// The severity it reports at unless configured otherwise.
    pub severity: Severity,
    /// Whether an error from it blocks onboarding.
    pub blocking: bool,
    /// Whether it runs unless the configuration turns it off (else it must be turned on).
    pub enabled_by_default: bool,
    /// One line: what it flags.
    pub summary: String,
    pub why: String,
    /// A compose file it flags (empty where the rule needs more than one file).
    pub bad: String,
    /// The same file, fixed.
    pub good: String,
    pub fix: String,
    pub limitations: String,
}

/// Where an item of the pre-handoff checklist stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "kebab-case")]
pub enum ChecklistStatus {
    Pass,
    Fail,
    /// Only a person can confirm it (for example that the images were pushed).
    NeedsAnswer,
}

/// One item of the seed's pre-handoff checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistItem {
    /// Stable kebab-case id, e.g. `image-references`.
    pub id: String,
    /// The item as the checklist says it.
    pub text: String,
    pub status: ChecklistStatus,
    /// Why it stands where it stands: the facts found, or the question to ask.
    pub evidence: Vec<String>,
    /// The rule ids whose findings decided it.
    pub rules: Vec<String>,
}

/// The versioned result of an analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    #[tsify(type = "1")]
    pub version: u32,
    pub findings: Vec<Finding>,
    pub inventory: Vec<ImageRef>,
    /// The pre-handoff checklist, item by item.
    pub checklist: Vec<ChecklistItem>,
    pub summary: Summary,
}

/// The diagnostics sorted by file, position, rule and message, each once: services that
/// share a value through an alias give the same finding several times.
pub fn distinct(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    crate::sort::sort_by(&mut sorted, |a, b| {
        (a.span.file, a.span.start, a.span.end, a.rule, &a.message).cmp(&(
            b.span.file,
            b.span.start,
            b.span.end,
            b.rule,
            &b.message,
        ))
    });
    sorted.dedup();
    sorted
}

/// Turns diagnostics into findings with positions, sorted by file, position and rule.
pub fn findings(files: &[SourceFile], diagnostics: &[Diagnostic]) -> Vec<Finding> {
    distinct(diagnostics)
        .into_iter()
        .map(|d| {
            let file = files.get(d.span.file);
            let position =
                |offset| file.map_or(Position { line: 1, column: 1 }, |f| f.position(offset));
            Finding {
                rule: d.rule.to_string(),
                category: d.category,
                severity: d.severity,
                message: d.message.clone(),
                help: d.help.clone(),
                file: file.map(|f| f.path.clone()).unwrap_or_default(),
                start: position(d.span.start),
                end: position(d.span.end),
            }
        })
        .collect()
}

/// Counts findings by severity.
pub fn summarize(findings: &[Finding], services: usize, blocking: usize) -> Summary {
    let count = |severity| {
        let n = findings.iter().filter(|f| f.severity == severity).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    let errors = count(Severity::Error);
    Summary {
        errors,
        warnings: count(Severity::Warning),
        infos: count(Severity::Info),
        services: u32::try_from(services).unwrap_or(u32::MAX),
        blocking: u32::try_from(blocking).unwrap_or(u32::MAX),
        ready: blocking == 0 && errors == 0 && services > 0,
        suppressed_inline: 0,
        suppressed_by_configuration: 0,
    }
}
