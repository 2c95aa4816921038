//! `missing-pids-limit`: a service whose number of processes nothing bounds.

use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "missing-pids-limit",
    category: Category::Security,
    severity: Severity::Info,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service has no process limit (`deploy.resources.limits.pids` or `pids_limit`).",
        why: "Without a limit a fork bomb, or a runaway worker pool, in one container uses up \
              the host's process table, and no other container (or tenant) on the host can \
              start a process.",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n    deploy:\n      resources:\n        limits:\n          pids: 200\n",
        fix: "Set `deploy.resources.limits.pids` (or `pids_limit`) to a bound well above what \
              the service uses, for example 200.",
        limitations: "The engine may set a default process limit for every container; that \
                      cannot be seen from the file. A limit of `0` or `-1` means none and is \
                      reported. A limit that comes from an unset variable is not judged.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        match &service.resources.pids_limit {
            None => sink.report(
                service.span,
                format!("service {} has no process limit", service.name),
                Some("set deploy.resources.limits.pids (for example 200)".to_string()),
            ),
            Some(limit) if matches!(limit.value.trim(), "0" | "-1") => sink.report(
                limit.span,
                format!(
                    "service {} sets its process limit to {}, which means no limit",
                    service.name,
                    limit.value.trim()
                ),
                Some("set a real limit, for example 200".to_string()),
            ),
            Some(_) => {}
        }
    }
}
