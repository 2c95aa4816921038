//! The handoff for the next onboarding step: one typed model with every part of the
//! seed's handoff documentation, serialized as `handoff.json` and rendered as
//! `handoff.md`.

use std::fmt::Write;

use serde::Serialize;
use tsify::Tsify;

use crate::compose::Project;
use crate::compose::interpolate::variables;
use crate::diagram::Diagram;
use crate::recommend::catalogue;
use crate::recommend::{
    Conflict, Control, DomainGuidance, Plan, Recommendation, SegmentPlan, SlaDesign,
};
use crate::report::{ChecklistItem, ChecklistStatus, ImageRef, RegistryKind, Report};

/// Everything the next onboarding step needs to know.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Handoff {
    /// The version of this shape.
    pub version: u32,
    pub project: String,
    /// What it was generated from: `profile`, `recommendation` or `project`.
    pub source: String,
    /// The iteration of the compose ladder it describes; missing for a user's project.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub iteration: Option<u32>,
    /// The seed's handoff message, one line per part.
    pub summary: Vec<String>,
    pub architecture: Architecture,
    /// Every service's image: custom or public, with its registry.
    pub images: Vec<ImageRef>,
    pub registries: Vec<RegistryHost>,
    /// The architecture diagram as text and Mermaid; its SVG is `architecture.svg`.
    pub diagram: DiagramPart,
    pub plans: Vec<Plan>,
    pub deployments: Vec<SegmentPlan>,
    /// The tenancy model (`shared`, `siloed`, `hybrid`) and its reasons.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub tenancy: Option<TenancyPart>,
    pub compliance: Vec<Control>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub sla: Option<SlaDesign>,
    pub scaling: Scaling,
    pub backups: Backups,
    pub observability: Observability,
    /// The seed's pre-handoff checklist, as the analyzer judged the compose file.
    pub checklist: Vec<ChecklistItem>,
    pub open_questions: Vec<String>,
}

/// The architecture diagram in the handoff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DiagramPart {
    pub text: String,
    pub mermaid: String,
    /// The file with the SVG form, beside the handoff.
    pub svg_file: String,
}

/// The services, the managed services beside them, and the design decisions.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Architecture {
    /// The pattern's name, when a design was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub pattern: Option<String>,
    pub services: Vec<ServicePart>,
    /// Managed services the design uses that are not in the compose file.
    pub external: Vec<ExternalPart>,
    pub decisions: Vec<DecisionPart>,
    pub conflicts: Vec<Conflict>,
    /// The seed's guidance for the product's domain (AI/ML, analytics, API platforms,
    /// databases as a service): the decisions still to make and the services it has.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub guidance: Option<DomainGuidance>,
}

/// One service of the compose file, as the handoff describes it.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ServicePart {
    pub name: String,
    /// The catalogue's name for what it runs; missing for the team's own image.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub technology: Option<String>,
    pub image: String,
    pub depends_on: Vec<String>,
    /// Named volumes it keeps data in.
    pub volumes: Vec<String>,
}

/// A managed service the design uses outside the compose file.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ExternalPart {
    pub technology: String,
    /// The variable that carries its address.
    pub parameter: String,
}

/// One design decision: the topic, the choice, its reasons and the runner-up.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct DecisionPart {
    pub topic: String,
    pub choice: String,
    pub reasons: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub alternative: Option<String>,
}

/// A registry the images are pulled from, with the images it serves.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct RegistryHost {
    pub host: String,
    pub kind: RegistryKind,
    pub images: Vec<String>,
    /// Whether any of its images is the team's own (credentials may be needed).
    pub custom: bool,
}

/// The tenancy model, per tier, with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct TenancyPart {
    pub model: String,
    pub app_tier: String,
    pub data_tier: String,
    pub reasons: Vec<String>,
}

/// How the services scale: replicas and the plans that autoscale.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Scaling {
    /// Replicas of each stateless service, from the SLA design.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub replicas: Option<u32>,
    /// Each service with its replicas as the compose file sets them.
    pub services: Vec<String>,
    /// The plans that autoscale.
    pub autoscaling_plans: Vec<String>,
}

/// What holds data and must be backed up, and the recovery objectives.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Backups {
    /// `service: volume at path`, for every named volume with data.
    pub volumes: Vec<String>,
    /// Each plan's backup policy.
    pub plans: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub rpo_minutes: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[tsify(optional)]
    pub rto_minutes: Option<u32>,
}

/// What the compose file sets for metrics and logs, and what to add.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Observability {
    /// What the compose file sets for metrics and logs, as `service: NAME`.
    pub settings: Vec<String>,
    pub notes: Vec<String>,
}

/// What the handoff is built from.
#[derive(Debug)]
pub struct Sources<'a> {
    pub project_name: &'a str,
    pub source: &'a str,
    pub iteration: Option<u32>,
    /// The loaded compose project the handoff describes.
    pub project: &'a Project,
    pub report: &'a Report,
    pub recommendation: Option<&'a Recommendation>,
    /// Managed services outside the compose file.
    pub external: Vec<ExternalPart>,
    pub rpo_minutes: Option<u32>,
    pub rto_minutes: Option<u32>,
    pub diagram: &'a Diagram,
}

/// The file the diagram's SVG form is written to.
pub const DIAGRAM_FILE: &str = "architecture.svg";

pub fn handoff(sources: &Sources<'_>) -> Handoff {
    let recommendation = sources.recommendation;
    let services = services(sources.project);
    let registries = registries(&sources.report.inventory);
    let diagram = DiagramPart {
        text: sources.diagram.text.clone(),
        mermaid: sources.diagram.mermaid.clone(),
        svg_file: DIAGRAM_FILE.to_string(),
    };

    let architecture = Architecture {
        pattern: recommendation.map(|r| r.pattern.name.clone()),
        services,
        external: sources.external.clone(),
        decisions: recommendation.map(decisions).unwrap_or_default(),
        conflicts: recommendation
            .map(|r| r.conflicts.clone())
            .unwrap_or_default(),
        guidance: recommendation.and_then(|r| r.domain_guidance.clone()),
    };
    let plans = recommendation.map(|r| r.plans.clone()).unwrap_or_default();
    let scaling = Scaling {
        replicas: recommendation.map(|r| r.sla.replicas),
        services: sources
            .project
            .enabled_services()
            .map(|s| format!("{}: {}", s.name, replica_text(s)))
            .collect(),
        autoscaling_plans: plans
            .iter()
            .filter(|p| p.limits.autoscaling)
            .map(|p| p.name.clone())
            .collect(),
    };
    let backups = Backups {
        volumes: data_volumes(sources.project),
        plans: plans
            .iter()
            .map(|p| format!("{}: {}", p.name, p.limits.backups))
            .collect(),
        rpo_minutes: sources.rpo_minutes,
        rto_minutes: sources.rto_minutes,
    };
    let observability = observability(sources.project);
    let mut checklist = sources.report.checklist.clone();
    if let Some(r) = recommendation {
        answer_from_design(&mut checklist, r, sources.iteration.is_some());
    }

    let mut handoff = Handoff {
        version: 1,
        project: sources.project_name.to_string(),
        source: sources.source.to_string(),
        iteration: sources.iteration,
        summary: Vec::new(),
        architecture,
        images: sources.report.inventory.clone(),
        registries,
        diagram,
        deployments: recommendation
            .map(|r| r.deployments.clone())
            .unwrap_or_default(),
        tenancy: recommendation.map(|r| TenancyPart {
            model: r.tenancy.model.choice.clone(),
            app_tier: r.tenancy.app_tier.choice.clone(),
            data_tier: r.tenancy.data_tier.choice.clone(),
            reasons: r.tenancy.model.reasons.clone(),
        }),
        compliance: recommendation
            .map(|r| r.compliance.clone())
            .unwrap_or_default(),
        sla: recommendation.map(|r| r.sla.clone()),
        plans,
        scaling,
        backups,
        observability,
        open_questions: open_questions(recommendation, &checklist),
        checklist,
    };
    handoff.summary = summary(&handoff);
    handoff
}

/// The checklist items only a person could answer from the files, answered by the
/// design where it decides them: the handoff documents the tenancy and deployment
/// models, and the SLA and compliance once the profile states them. `generated` says
/// the files are the design's own, so its pattern settles the service architecture.
fn answer_from_design(checklist: &mut [ChecklistItem], r: &Recommendation, generated: bool) {
    let stated = |question: &str| !r.open_questions.iter().any(|q| q == question);
    for item in checklist.iter_mut() {
        if item.status != ChecklistStatus::NeedsAnswer {
            continue;
        }
        let decided = match item.id.as_str() {
            "service-architecture" if generated => {
                Some(format!("decided: {} (see Architecture)", r.pattern.name))
            }
            "tenancy-model" => Some(format!(
                "documented: {} tenancy (app tier {}, data tier {})",
                r.tenancy.model.choice, r.tenancy.app_tier.choice, r.tenancy.data_tier.choice
            )),
            "deployment-model" if !r.deployments.is_empty() => {
                let models: Vec<String> = r
                    .deployments
                    .iter()
                    .map(|d| format!("{}: {}", d.segment, d.decision.name))
                    .collect();
                Some(format!("documented: {}", models.join("; ")))
            }
            "sla-requirements" if stated("uptime") => Some(format!(
                "documented: {}% uptime, {}",
                r.sla.uptime, r.sla.topology.name
            )),
            "compliance-requirements" if stated("compliance") => {
                let names: Vec<&str> = r.compliance.iter().map(|c| c.name.as_str()).collect();
                Some(format!(
                    "documented: {}",
                    if names.is_empty() {
                        "no compliance framework applies".to_string()
                    } else {
                        names.join(", ")
                    }
                ))
            }
            _ => None,
        };
        if let Some(evidence) = decided {
            item.status = ChecklistStatus::Pass;
            item.evidence.push(evidence);
        }
    }
}

/// A service's replicas as the compose file sets them, naming the parameter that
/// sets them, if one does.
fn replica_text(service: &crate::compose::Service) -> String {
    let count = service.replicas.unwrap_or(1);
    let written = service
        .node
        .get("deploy")
        .and_then(|d| d.get("replicas"))
        .and_then(|n| n.as_scalar())
        .and_then(|s| s.original.as_deref());
    let parameter = written
        .and_then(|w| variables(w).into_iter().next())
        .map(|reference| format!(" ({} sets it)", reference.name))
        .unwrap_or_default();
    format!("{count} replica(s){parameter}")
}

fn services(project: &Project) -> Vec<ServicePart> {
    project
        .enabled_services()
        .map(|service| {
            let image = service
                .image
                .as_ref()
                .map(|i| i.value.clone())
                .unwrap_or_else(|| "(built from source)".to_string());
            let repository = crate::analyze::parse_image(&image).repository;
            ServicePart {
                name: service.name.clone(),
                technology: catalogue::for_image(&repository).map(|t| t.name.to_string()),
                image,
                depends_on: service
                    .depends_on
                    .iter()
                    .map(|d| d.service.clone())
                    .collect(),
                volumes: named_volumes(service),
            }
        })
        .collect()
}

fn named_volumes(service: &crate::compose::Service) -> Vec<String> {
    service
        .volumes
        .iter()
        .filter(|m| m.kind == crate::compose::normalize::MountKind::Volume)
        .filter_map(|m| m.source.clone())
        .collect()
}

fn data_volumes(project: &Project) -> Vec<String> {
    let mut out = Vec::new();
    for service in project.enabled_services() {
        for mount in &service.volumes {
            if mount.kind != crate::compose::normalize::MountKind::Volume {
                continue;
            }
            if let Some(source) = &mount.source {
                out.push(format!(
                    "{}: volume {source} at {}",
                    service.name, mount.target
                ));
            }
        }
    }
    out
}

fn observability(project: &Project) -> Observability {
    let mut settings = Vec::new();
    for service in project.enabled_services() {
        for var in &service.environment {
            let upper = var.name.to_ascii_uppercase();
            if upper.contains("METRICS") || upper.starts_with("LOG_") || upper.contains("OTEL") {
                settings.push(format!("{}: {}", service.name, var.name));
            }
        }
    }
    let mut notes = vec![
        "Which observability stack should instances report to (the platform's own, Datadog, New Relic)?"
            .to_string(),
    ];
    if settings.is_empty() {
        notes.push(
            "No service sets a metrics port or a log format yet: expose a metrics endpoint and log JSON."
                .to_string(),
        );
    }
    Observability { settings, notes }
}

fn registries(inventory: &[ImageRef]) -> Vec<RegistryHost> {
    let mut hosts: Vec<RegistryHost> = Vec::new();
    for image in inventory {
        match hosts.iter_mut().find(|h| h.host == image.registry) {
            Some(host) => {
                host.images.push(image.image.clone());
                host.custom |= image.custom;
            }
            None => hosts.push(RegistryHost {
                host: image.registry.clone(),
                kind: image.registry_kind,
                images: vec![image.image.clone()],
                custom: image.custom,
            }),
        }
    }
    crate::sort::sort_by(&mut hosts, |a, b| a.host.cmp(&b.host));
    hosts
}

fn decisions(r: &Recommendation) -> Vec<DecisionPart> {
    let mut topics = vec![
        ("Framework", &r.framework),
        ("Database", &r.database),
        ("Cache", &r.cache),
        ("Pattern", &r.pattern),
        ("Queue", &r.queue),
        ("Object storage", &r.object_storage),
    ];
    for store in &r.stores {
        topics.push(("Further store", store));
    }
    topics
        .into_iter()
        .map(|(topic, d)| DecisionPart {
            topic: topic.to_string(),
            choice: d.name.clone(),
            reasons: d.reasons.clone(),
            alternative: d
                .alternatives
                .first()
                .map(|a| format!("{}: {}", a.name, a.tradeoff)),
        })
        .collect()
}

fn open_questions(r: Option<&Recommendation>, checklist: &[ChecklistItem]) -> Vec<String> {
    let all = crate::recommend::questions();
    let mut out: Vec<String> = match r {
        Some(r) => r
            .open_questions
            .iter()
            .filter_map(|id| all.iter().find(|q| &q.id == id))
            .map(|q| q.text.clone())
            .collect(),
        None => all.iter().map(|q| q.text.clone()).collect(),
    };
    if let Some(r) = r {
        for conflict in &r.conflicts {
            out.push(format!("{} ({})", conflict.problem, conflict.resolution));
        }
    }
    for item in checklist {
        if item.status == ChecklistStatus::NeedsAnswer {
            out.push(format!("Checklist: {}", item.text));
        }
    }
    out.dedup();
    out
}

fn summary(h: &Handoff) -> Vec<String> {
    let mut lines = Vec::new();
    let services: Vec<String> = h
        .architecture
        .services
        .iter()
        .map(|s| match &s.technology {
            Some(t) => format!("{} ({t})", s.name),
            None => s.name.clone(),
        })
        .collect();
    lines.push(format!(
        "Architecture: {}{}",
        h.architecture
            .pattern
            .as_deref()
            .map(|p| format!("{p}: "))
            .unwrap_or_default(),
        services.join(", ")
    ));
    if let Some(tenancy) = &h.tenancy {
        lines.push(format!(
            "Tenancy: {} (app tier {}, data tier {})",
            tenancy.model, tenancy.app_tier, tenancy.data_tier
        ));
    }
    if !h.deployments.is_empty() {
        let models: Vec<String> = h
            .deployments
            .iter()
            .map(|d| format!("{}: {}", d.segment, d.decision.name))
            .collect();
        lines.push(format!("Deployment models: {}", models.join("; ")));
    }
    let compliance: Vec<&str> = h.compliance.iter().map(|c| c.name.as_str()).collect();
    lines.push(format!(
        "Compliance: {}",
        if compliance.is_empty() {
            "none named".to_string()
        } else {
            compliance.join(", ")
        }
    ));
    if let Some(sla) = &h.sla {
        lines.push(format!("SLA: {}% ({})", sla.uptime, sla.topology.name));
    }
    let custom: Vec<&str> = h
        .images
        .iter()
        .filter(|i| i.custom)
        .map(|i| i.image.as_str())
        .collect();
    let public: Vec<&str> = h
        .images
        .iter()
        .filter(|i| !i.custom)
        .map(|i| i.image.as_str())
        .collect();
    lines.push(format!("Custom images: {}", list_or_none(&custom)));
    lines.push(format!("Public images: {}", list_or_none(&public)));
    let hosts: Vec<&str> = h.registries.iter().map(|r| r.host.as_str()).collect();
    lines.push(format!("Registries: {}", list_or_none(&hosts)));
    if !h.plans.is_empty() {
        let plans: Vec<String> = h.plans.iter().map(plan_line).collect();
        lines.push(format!("Service plans: {}", plans.join("; ")));
    }
    lines
}

fn list_or_none(items: &[&str]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

fn plan_line(plan: &Plan) -> String {
    let limits = &plan.limits;
    let mut parts = vec![format!("{} replica(s)", limits.replicas)];
    parts.push(match limits.storage_gb {
        Some(gb) => format!("{gb} GB storage"),
        None => "storage sized per customer".to_string(),
    });
    if let Some(rps) = limits.requests_per_second {
        parts.push(format!("{rps} requests/s"));
    }
    parts.push(format!("backups: {}", limits.backups));
    if limits.autoscaling {
        parts.push("autoscaling".to_string());
    }
    if let Some(uptime) = limits.uptime {
        parts.push(format!("{uptime}% uptime"));
    }
    format!("{} ({})", plan.name, parts.join(", "))
}

/// `handoff.md`: the same model, as a document.
pub fn markdown(h: &Handoff) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Handoff: {}\n", h.project);
    let failing: Vec<&str> = h
        .checklist
        .iter()
        .filter(|item| item.status == ChecklistStatus::Fail)
        .map(|item| item.text.as_str())
        .collect();
    let readiness = match failing.as_slice() {
        [] => "Ready for onboarding".to_string(),
        [one] => format!("Not ready for onboarding yet: the checklist fails at \"{one}\""),
        many => format!(
            "Not ready for onboarding yet: {} checklist items fail (see the checklist below)",
            many.len()
        ),
    };
    match h.iteration {
        Some(iteration) => {
            let _ = writeln!(
                out,
                "{readiness}; the compose spec is at iteration {iteration} of 7.\n"
            );
        }
        None => {
            let _ = writeln!(
                out,
                "{readiness}; written from the project's own compose files.\n"
            );
        }
    }
    for line in &h.summary {
        let _ = writeln!(out, "- {line}");
    }

    let _ = writeln!(out, "\n## Architecture\n");
    if let Some(pattern) = &h.architecture.pattern {
        let _ = writeln!(out, "Pattern: {pattern}.\n");
    }
    let _ = writeln!(out, "| service | runs | image | depends on | volumes |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for s in &h.architecture.services {
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} | {} |",
            s.name,
            s.technology.as_deref().unwrap_or("the team's own image"),
            s.image,
            dash(&s.depends_on.join(", ")),
            dash(&s.volumes.join(", "))
        );
    }
    for external in &h.architecture.external {
        let _ = writeln!(
            out,
            "\nExternal: {} is a managed service outside the compose file; `{}` carries its address.",
            external.technology, external.parameter
        );
    }
    for d in &h.architecture.decisions {
        let _ = writeln!(out, "\n### {}: {}\n", d.topic, d.choice);
        for reason in &d.reasons {
            let _ = writeln!(out, "- {reason}");
        }
        if let Some(alternative) = &d.alternative {
            let _ = writeln!(out, "- Alternative: {alternative}");
        }
    }
    for c in &h.architecture.conflicts {
        let _ = writeln!(out, "\nConflict: {} Way out: {}", c.problem, c.resolution);
    }
    if let Some(guidance) = &h.architecture.guidance {
        let _ = writeln!(out, "\n### Domain guidance: {}\n", guidance.domain);
        for decision in &guidance.key_decisions {
            let _ = writeln!(out, "- To decide: {decision}");
        }
        let _ = writeln!(
            out,
            "- The domain's services: {}",
            guidance.services.join(", ")
        );
    }

    let _ = writeln!(out, "\n## Container images\n");
    let _ = writeln!(out, "| service | image | registry | kind |");
    let _ = writeln!(out, "|---|---|---|---|");
    for image in &h.images {
        let kind = if image.needs_push {
            "custom: build and push it first"
        } else if image.custom {
            "custom: push it before onboarding; public or private?"
        } else {
            "public"
        };
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {kind} |",
            image.service, image.image, image.registry
        );
    }

    let _ = writeln!(out, "\n## Registry hosts\n");
    for r in &h.registries {
        let access = if r.custom {
            "holds the team's images: credentials may be needed"
        } else {
            "public images only"
        };
        let _ = writeln!(out, "- {} ({access}): {}", r.host, r.images.join(", "));
    }
    if h.registries.is_empty() {
        let _ = writeln!(out, "None: no service names an image.");
    }

    let _ = writeln!(out, "\n## Diagram\n");
    let _ = writeln!(
        out,
        "The drawing is in `{}`; the same graph in Mermaid and as text:\n",
        h.diagram.svg_file
    );
    let _ = writeln!(out, "```mermaid\n{}\n```\n", h.diagram.mermaid.trim_end());
    let _ = writeln!(out, "```text\n{}\n```", h.diagram.text.trim_end());
    for external in &h.architecture.external {
        let _ = writeln!(
            out,
            "\nOutside the drawing: {}, a managed service (`{}`).",
            external.technology, external.parameter
        );
    }

    let _ = writeln!(out, "\n## Service plans\n");
    for plan in &h.plans {
        let _ = writeln!(
            out,
            "- {}, {} tenancy: {}",
            plan_line(plan),
            plan.tenancy,
            plan.notes.join(" ")
        );
    }
    if h.plans.is_empty() {
        let _ = writeln!(
            out,
            "Not decided: which plans (free, pro, enterprise) with what limits?"
        );
    }

    let _ = writeln!(out, "\n## Deployment models\n");
    for d in &h.deployments {
        let models: Vec<String> = d
            .models
            .iter()
            .map(|m| {
                crate::json::to_value(&m.model)
                    .as_str()
                    .map(str::to_string)
                    .unwrap_or_default()
            })
            .collect();
        let _ = writeln!(
            out,
            "- {}: {} (offered: {})",
            d.segment,
            d.decision.name,
            models.join(", ")
        );
    }
    if h.deployments.is_empty() {
        let _ = writeln!(out, "Not decided: SaaS only, or BYOC for some customers?");
    }
    if let Some(t) = &h.tenancy {
        let _ = writeln!(
            out,
            "\nTenancy: {} (app tier {}, data tier {}).",
            t.model, t.app_tier, t.data_tier
        );
        for reason in &t.reasons {
            let _ = writeln!(out, "- {reason}");
        }
    }

    let _ = writeln!(out, "\n## Compliance\n");
    for c in &h.compliance {
        let _ = writeln!(out, "### {}\n", c.name);
        for r in &c.requirements {
            let _ = writeln!(out, "- {r}");
        }
        for r in &c.compose {
            let _ = writeln!(out, "- In the compose spec: {r}");
        }
        out.push('\n');
    }
    if h.compliance.is_empty() {
        let _ = writeln!(out, "None named.");
    }

    let _ = writeln!(out, "\n## SLA\n");
    match &h.sla {
        Some(sla) => {
            let _ = writeln!(
                out,
                "{}% uptime: {:.0} minutes of downtime a year ({:.1} a month). {}: {} zone(s), {} region(s); database: {}; failover: {}.",
                sla.uptime,
                sla.downtime_minutes_per_year,
                sla.downtime_minutes_per_month,
                sla.topology.name,
                sla.zones,
                sla.regions,
                sla.database_replication,
                sla.failover
            );
        }
        None => {
            let _ = writeln!(
                out,
                "Not decided: what uptime is promised (99.9%, 99.95%, 99.99%)?"
            );
        }
    }

    let _ = writeln!(out, "\n## Scaling\n");
    if let Some(replicas) = h.scaling.replicas {
        let _ = writeln!(out, "Stateless services run {replicas} replica(s).");
    }
    for s in &h.scaling.services {
        let _ = writeln!(out, "- {s}");
    }
    if !h.scaling.autoscaling_plans.is_empty() {
        let _ = writeln!(
            out,
            "\nAutoscaling on: {}.",
            h.scaling.autoscaling_plans.join(", ")
        );
    }

    let _ = writeln!(out, "\n## Backups\n");
    for v in &h.backups.volumes {
        let _ = writeln!(out, "- {v}");
    }
    for p in &h.backups.plans {
        let _ = writeln!(out, "- {p}");
    }
    if let Some(rpo) = h.backups.rpo_minutes {
        let _ = writeln!(out, "- Recovery point objective: {rpo} minutes");
    }
    if let Some(rto) = h.backups.rto_minutes {
        let _ = writeln!(out, "- Recovery time objective: {rto} minutes");
    }
    if h.backups.volumes.is_empty() && h.backups.plans.is_empty() {
        let _ = writeln!(out, "No data volume and no plan: nothing is backed up yet.");
    }

    let _ = writeln!(out, "\n## Observability\n");
    for s in &h.observability.settings {
        let _ = writeln!(out, "- {s}");
    }
    for n in &h.observability.notes {
        let _ = writeln!(out, "- {n}");
    }

    let _ = writeln!(out, "\n## Checklist\n");
    for item in &h.checklist {
        let mark = match item.status {
            ChecklistStatus::Pass => "[x]",
            ChecklistStatus::Fail => "[ ] fails:",
            ChecklistStatus::NeedsAnswer => "[ ] to confirm:",
        };
        let _ = writeln!(out, "- {mark} {}", item.text);
        for evidence in &item.evidence {
            let _ = writeln!(out, "  - {evidence}");
        }
    }

    let _ = writeln!(out, "\n## Open questions\n");
    for q in &h.open_questions {
        let _ = writeln!(out, "- {q}");
    }
    if h.open_questions.is_empty() {
        let _ = writeln!(out, "None.");
    }
    inert(&out)
}

/// The document with every `<`, `>` and `&` outside code written as an entity, so that a
/// value from the files (a service named `<img onerror=...>`) never becomes markup where
/// Markdown is shown as HTML. Code spans and fenced blocks already show their text as is.
fn inert(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut fenced = false;

    for line in markdown.split_inclusive('\n') {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        if fenced || line.starts_with("```") {
            out.push_str(line);
            continue;
        }
        let mut in_code = false;
        for c in line.chars() {
            match c {
                '`' => {
                    in_code = !in_code;
                    out.push(c);
                }
                '<' if !in_code => out.push_str("&lt;"),
                '>' if !in_code => out.push_str("&gt;"),
                '&' if !in_code => out.push_str("&amp;"),
                _ => out.push(c),
            }
        }
    }
    out
}

fn dash(text: &str) -> &str {
    if text.is_empty() { "—" } else { text }
}
