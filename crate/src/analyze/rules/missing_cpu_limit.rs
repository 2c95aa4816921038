//! `missing-cpu-limit`: a service whose CPU use nothing bounds.

use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "missing-cpu-limit",
    category: Category::Security,
    severity: Severity::Info,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service has no CPU limit (`deploy.resources.limits.cpus`, `cpus`, `cpu_quota` or `cpuset`).",
        why: "Without a limit one container can use every core of the host, through a busy \
              loop or on purpose, and slow down every other service, or every other tenant on \
              a shared host.",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    deploy:\n      resources:\n        limits:\n          cpus: \"1.5\"\n",
        fix: "Set `deploy.resources.limits.cpus` (for example `\"1.5\"`) to what the service \
              needs at peak.",
        limitations: "`cpu_shares` only weighs services against each other and is not a \
                      limit. The platform may size instances and set limits itself; this \
                      rule reads only the file. A limit of `0` means none and is reported. A \
                      limit that comes from an unset variable is not judged.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let other_bound = ["cpu_quota", "cpuset"]
            .iter()
            .any(|key| service.node.get(key).is_some_and(|v| !v.is_null()));

        match &service.resources.cpus_limit {
            None if other_bound => {}
            None => sink.report(
                service.span,
                format!("service {} has no CPU limit", service.name),
                Some(
                    "set deploy.resources.limits.cpus (for example \"1.5\") to what the service \
                     needs at peak"
                        .to_string(),
                ),
            ),
            Some(limit) if is_zero(&limit.value) && !other_bound => sink.report(
                limit.span,
                format!(
                    "service {} sets its CPU limit to {}, which means no limit",
                    service.name,
                    limit.value.trim()
                ),
                Some("set a real limit, for example \"1.5\"".to_string()),
            ),
            Some(_) => {}
        }
    }
}

fn is_zero(value: &str) -> bool {
    value.trim().parse::<f64>().is_ok_and(|cpus| cpus == 0.0)
}
