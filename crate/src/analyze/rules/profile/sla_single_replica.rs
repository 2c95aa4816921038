//! `sla-single-replica`: an application service with fewer replicas than the profile's
//! uptime target needs (two from 99.95%, three from 99.99%).

use super::support::{
    Asks, awaited, downtime_budget, is_one_shot, is_stateful, percent, technology,
};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::rules::support::is_unresolved;
use crate::analyze::{Context, Sink};
use crate::compose::Service;
use crate::report::{Category, Severity};
use crate::yaml::Node;

/// An `uptime` of at least 99.95%, where a service must survive losing a replica.
pub const ASKS: Asks = Asks::Uptime(99.95);

/// From this target a service must keep two replicas through the loss of one: three.
const THREE_REPLICAS_FROM: f64 = 99.99;

pub const RULE: Rule = Rule {
    id: "sla-single-replica",
    category: Category::Sla,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "An application service runs fewer replicas than the profile's `uptime` \
                  needs: two from 99.95%, three from 99.99%.",
        why: "Runs only when the profile's `uptime` is at least 99.95. That target allows \
              4.38 hours of downtime a year (99.99%: 52.6 minutes), and a single replica is \
              down for every deploy, crash and host or zone failure. Two replicas behind the \
              platform's load balancer survive losing one; from 99.99% a third keeps \
              capacity while one is being replaced.",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    deploy:\n      replicas: 2\n",
        fix: "Set `deploy.replicas` (2 from 99.95%, 3 from 99.99%; a variable such as \
              `${API_REPLICAS:-3}` lets each plan choose), keep the service stateless so the \
              replicas can spread across zones, and drop `container_name`, which allows only \
              one container.",
        limitations: "Databases, caches, queues, object stores and Prometheus, recognised by \
                      their images, are skipped: they scale by replication (see \
                      `sla-database-not-replicated`), not by more copies of one definition. \
                      One-shot jobs (awaited with `service_completed_successfully`, or never \
                      restarted) are skipped too; a stateful service under an image the \
                      catalogue does not know is reported. A replica count taken from an \
                      unset variable is not judged. Whether the platform scales the service \
                      itself cannot be seen.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    let Some(uptime) = ASKS.uptime(context.profile) else {
        return;
    };
    let needed: i64 = if uptime >= THREE_REPLICAS_FROM { 3 } else { 2 };
    let jobs = awaited(context.project);

    for service in context.project.enabled_services() {
        if is_one_shot(service, &jobs) || technology(service).is_some_and(is_stateful) {
            continue;
        }
        let written = replicas_node(service);
        if written.is_some_and(is_unresolved) {
            continue;
        }
        let replicas = service.replicas.unwrap_or(1);
        // zero replicas turns the service off
        if replicas == 0 || replicas >= needed {
            continue;
        }

        let runs = if replicas == 1 {
            "a single replica".to_string()
        } else {
            format!("{replicas} replicas")
        };
        sink.report(
            written.map_or(service.span, |node| node.span),
            format!(
                "service {} runs {runs}, and {} uptime needs at least {needed} (it allows {} \
                 of downtime a year)",
                service.name,
                percent(uptime),
                downtime_budget(uptime)
            ),
            Some(format!(
                "set deploy.replicas: {needed}, keep the service stateless and reach it \
                 through a load balancer, not a fixed host port{}",
                if service.node.get("container_name").is_some() {
                    "; remove container_name, which allows only one container"
                } else {
                    ""
                }
            )),
        );
    }
}

/// Where the replica count is written: `deploy.replicas`, or the legacy `scale`.
fn replicas_node(service: &Service) -> Option<&Node> {
    service
        .node
        .get("deploy")
        .and_then(|d| d.get("replicas"))
        .or_else(|| service.node.get("scale"))
}
