//! `missing-healthcheck`: a service with no health check, or one that turns it off.

use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink, parse_image};
use std::collections::HashSet;

use super::profile::sla_missing_healthcheck;

use crate::compose::{HealthTest, Service};
use crate::recommend::catalogue;
use crate::report::{Category, Severity};
use crate::yaml::Node;

pub const RULE: Rule = Rule {
    id: "missing-healthcheck",
    category: Category::Readiness,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service has no health check, or disables it.",
        why: "The platform decides that a replica is ready, restarts it, and fails over by \
              its health check. Without one, a container that runs but does not answer \
              counts as healthy, and `depends_on: service_healthy` cannot be used.",
        bad: "services:\n  db:\n    image: postgres:16\n",
        good: "services:\n  db:\n    image: postgres:16\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U postgres\"]\n      interval: 10s\n      timeout: 5s\n      retries: 5\n",
        fix: "Add a `healthcheck:` whose test proves the service answers (for well-known \
              images the finding suggests one).",
        limitations: "An image may define its own HEALTHCHECK in its Dockerfile; that cannot \
                      be seen from the compose file, so such services are reported too. A \
                      one-shot job (one that others wait for with \
                      `service_completed_successfully`, or whose restart policy is `none`) is \
                      not expected to have one. With a profile whose uptime needs automated \
                      failover, `sla-missing-healthcheck` reports these services instead.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    // where the profile's uptime needs automated failover, sla-missing-healthcheck
    // reports the same services as blocking errors
    if sla_missing_healthcheck::ASKS
        .uptime(context.profile)
        .is_some()
    {
        return;
    }

    // services others wait for to finish, found once
    let awaited: HashSet<&str> = context
        .project
        .enabled_services()
        .flat_map(|s| s.depends_on.iter())
        .filter(|d| d.condition == "service_completed_successfully")
        .map(|d| d.service.as_str())
        .collect();

    for service in context.project.enabled_services() {
        if awaited.contains(service.name.as_str()) || never_restarted(service) {
            continue;
        }
        let serves = service.node.get("ports").is_some() || service.node.get("expose").is_some();
        let suggestion = service
            .image
            .as_ref()
            .and_then(|image| catalogue::for_image(&parse_image(&image.value).repository))
            .and_then(|technology| technology.healthcheck)
            .map(|test| format!("add a health check, for example: test: {test}"))
            .or_else(|| {
                Some(if serves {
                    "add a health check whose test proves the service answers, \
                     e.g. test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8080/health\"]"
                        .to_string()
                } else {
                    "add a health check that proves the process does its work, e.g. a command \
                     that checks its queue connection or the age of a heartbeat file"
                        .to_string()
                })
            });

        match &service.healthcheck {
            None => sink.report(
                service.span,
                format!("service {} has no health check", service.name),
                suggestion,
            ),
            Some(healthcheck) if healthcheck.test == Some(HealthTest::Disabled) => sink.report(
                healthcheck.key_span,
                format!("service {} disables its health check", service.name),
                suggestion,
            ),
            // `healthcheck: {}` or an empty `healthcheck:` says nothing
            Some(healthcheck) if is_empty(service.node.get("healthcheck")) => sink.report(
                healthcheck.key_span,
                format!("service {} has an empty health check", service.name),
                suggestion,
            ),
            Some(_) => {}
        }
    }
}

/// A job that runs once because it is never restarted.
fn never_restarted(service: &Service) -> bool {
    service
        .node
        .get("deploy")
        .and_then(|d| d.get("restart_policy"))
        .and_then(|p| p.get("condition"))
        .and_then(Node::as_str)
        == Some("none")
}

fn is_empty(node: Option<&Node>) -> bool {
    node.is_none_or(|n| n.is_null() || n.as_map().is_some_and(<[_]>::is_empty))
}
