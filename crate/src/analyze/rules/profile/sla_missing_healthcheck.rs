//! `sla-missing-healthcheck`: a service without a working health check where the profile's
//! uptime target relies on automated failover (from 99.95%). The blocking form of
//! `missing-healthcheck`, at the same spans.

use super::support::{Asks, awaited, downtime_budget, is_one_shot, percent, technology};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::HealthTest;
use crate::report::{Category, Severity};
use crate::yaml::Node;

/// An `uptime` of at least 99.95%: from there the platform must fail over on its own,
/// and it acts on health checks. Below it, manual failover is acceptable and
/// `missing-healthcheck`'s warning is enough.
pub const ASKS: Asks = Asks::Uptime(99.95);

pub const RULE: Rule = Rule {
    id: "sla-missing-healthcheck",
    category: Category::Sla,
    severity: Severity::Error,
    blocking: true,
    check,
    doc: RuleDoc {
        summary: "A service has no health check, or disables it, and the profile's `uptime` \
                  (99.95% or more) needs automated failover.",
        why: "Runs only when the profile's `uptime` is at least 99.95. From that target the \
              platform has to take a failed replica out of the load balancer and replace it \
              without a person, inside a budget of 4.38 hours a year or less, and it can only \
              see a failure through the health check: a process that runs but does not answer \
              counts as healthy. At 99.9% manual failover is acceptable, so below 99.95% only \
              `missing-healthcheck` reports it, as a warning.",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://localhost:8080/health\"]\n      interval: 10s\n      timeout: 3s\n      retries: 3\n",
        fix: "Add a `healthcheck:` whose test proves the service answers (for well-known \
              images the finding suggests one), with an interval and retries short enough \
              for failover to fit the downtime budget.",
        limitations: "It reports the same services, at the same spans, as \
                      `missing-healthcheck`, which keeps its warning: this finding is the \
                      blocking form for the profile's target, so the two appear together. \
                      An image's own HEALTHCHECK cannot be seen from the file, and one-shot \
                      jobs are skipped. How fast the check detects a failure is not judged.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(uptime) = ASKS.uptime(context.profile) else {
        return;
    };
    let jobs = awaited(context.project);
    let why = format!(
        "{} uptime ({} of downtime a year) needs automated failover, which acts on it",
        percent(uptime),
        downtime_budget(uptime)
    );

    for service in context.project.enabled_services() {
        if is_one_shot(service, &jobs) {
            continue;
        }
        let example = technology(service).and_then(|t| t.healthcheck).map_or_else(
            || "a test that proves the service answers".to_string(),
            |test| format!("for example: test: {test}"),
        );
        let help = Some(format!(
            "add a health check, {example}; this is missing-healthcheck made blocking by the \
             profile's uptime target"
        ));

        match &service.healthcheck {
            None => sink.report(
                service.span,
                format!("service {} has no health check, and {why}", service.name),
                help,
            ),
            Some(healthcheck) if healthcheck.test == Some(HealthTest::Disabled) => sink.report(
                healthcheck.key_span,
                format!(
                    "service {} disables its health check, and {why}",
                    service.name
                ),
                help,
            ),
            Some(healthcheck) if is_empty(service.node.get("healthcheck")) => sink.report(
                healthcheck.key_span,
                format!(
                    "service {} has an empty health check, and {why}",
                    service.name
                ),
                help,
            ),
            Some(_) => {}
        }
    }
}

/// `healthcheck: {}` or an empty `healthcheck:`, which says nothing.
fn is_empty(node: Option<&Node>) -> bool {
    node.is_none_or(|n| n.is_null() || n.as_map().is_some_and(<[_]>::is_empty))
}
