//! `missing-memory-limit`: a service whose memory use nothing bounds.

use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "missing-memory-limit",
    category: Category::Security,
    severity: Severity::Info,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service has no memory limit (`deploy.resources.limits.memory` or `mem_limit`).",
        why: "Without a limit one container can take all of the host's memory, through a \
              leak or on purpose, and the kernel then kills processes of other services, or \
              of other tenants on a shared host.",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n",
        fix: "Set `deploy.resources.limits.memory` (for example `512M`) to what the service \
              needs at peak, with some headroom.",
        limitations: "The platform may size instances and set limits itself; this rule reads \
                      only the file. A limit of `0` or `-1` means none and is reported. A \
                      limit that comes from an unset variable is not judged.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        match &service.resources.memory_limit {
            None => sink.report(
                service.span,
                format!("service {} has no memory limit", service.name),
                Some(
                    "set deploy.resources.limits.memory (for example 512M) to what the service \
                     needs at peak"
                        .to_string(),
                ),
            ),
            Some(limit) if matches!(limit.value.trim(), "0" | "-1") => sink.report(
                limit.span,
                format!(
                    "service {} sets its memory limit to {}, which means no limit",
                    service.name,
                    limit.value.trim()
                ),
                Some("set a real limit, for example 512M".to_string()),
            ),
            Some(_) => {}
        }
    }
}
