//! `replicas-without-load-balancing`: a service that asks for several replicas but
//! publishes one fixed host port, or gives a load balancer neither a port nor a health
//! check.

use std::collections::HashSet;

use super::support::unresolved_items;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::{HealthTest, Service};
use crate::report::{Category, Severity};
use crate::yaml::Span;

pub const RULE: Rule = Rule {
    id: "replicas-without-load-balancing",
    category: Category::Readiness,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service with several replicas publishes a fixed host port, or has neither a port nor a health check to balance on.",
        why: "Two replicas cannot bind one host port: with plain Compose the second fails \
              with \"port is already allocated\". Traffic to several replicas goes through a \
              load balancer, which needs the container port to send it to and a health check \
              to take a failing replica out of rotation; with neither, it has nothing to \
              send traffic to and no way to tell a healthy replica from a failed one.",
        bad: "services:\n  web:\n    image: acme/web:1.4.2\n    deploy:\n      replicas: 3\n    ports:\n      - \"8080:80\"\n",
        good: "services:\n  web:\n    image: acme/web:1.4.2\n    deploy:\n      replicas: 3\n    expose:\n      - \"80\"\n    healthcheck:\n      test: [\"CMD\", \"wget\", \"-q\", \"--spider\", \"http://localhost/\"]\n",
        fix: "Publish only the container port (`expose: [\"80\"]`, or `ports: [\"80\"]`) and let \
              a load balancer route to the replicas; locally, a host port range \
              (`\"8080-8082:80\"`) gives each replica its own. Give the service a health \
              check the load balancer can use.",
        limitations: "Replicas come from `deploy.replicas` or `scale`; `deploy.mode: global` \
                      and autoscaling set elsewhere are not seen. A host port range and \
                      port 0 (the engine picks one) are not reported. A replicated service \
                      with a port but no health check is left to `missing-healthcheck`; one \
                      with a health check but no port (a queue worker) takes no traffic and \
                      is not reported, nor is a one-shot job that others wait on with \
                      `service_completed_successfully`.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    // one-shot jobs, which others wait for to finish, take no traffic
    let jobs: HashSet<&str> = context
        .project
        .enabled_services()
        .flat_map(|s| s.depends_on.iter())
        .filter(|d| d.condition == "service_completed_successfully")
        .map(|d| d.service.as_str())
        .collect();

    for service in context.project.enabled_services() {
        let Some(replicas) = service.replicas.filter(|r| *r > 1) else {
            continue;
        };
        if jobs.contains(service.name.as_str()) {
            continue;
        }
        let placeholders = unresolved_items(service, "ports");

        let mut fixed = false;
        for port in &service.ports {
            if placeholders.contains(&port.span) {
                continue;
            }
            let published = port.mappings.iter().find(|m| {
                m.published
                    .as_deref()
                    .is_some_and(|p| !p.contains('-') && p != "0")
            });
            let Some((published, protocol)) =
                published.and_then(|m| Some((m.published.as_deref()?, m.protocol.as_str())))
            else {
                continue;
            };
            // tcp is the default and goes unsaid
            let published = if protocol == "tcp" {
                published.to_string()
            } else {
                format!("{published}/{protocol}")
            };
            fixed = true;
            sink.report(
                port.span,
                format!(
                    "service {} runs {replicas} replicas but publishes the fixed host port {published}, which only one of them can bind",
                    service.name
                ),
                Some(
                    "publish only the container port and let a load balancer route to the \
                     replicas; locally, a host port range (\"8080-8082:80\") gives each \
                     replica its own"
                        .to_string(),
                ),
            );
        }
        if fixed {
            continue;
        }

        let has_port = service.node.get("ports").is_some() || service.node.get("expose").is_some();
        if !has_port && !has_health_test(service) {
            sink.report(
                replicas_span(service).unwrap_or(service.span),
                format!(
                    "service {} runs {replicas} replicas but declares no port and no health check for a load balancer to use",
                    service.name
                ),
                Some(
                    "declare the container port it serves under expose, and a health check \
                     that proves a replica answers; a worker that takes no traffic needs only \
                     the health check"
                        .to_string(),
                ),
            );
        }
    }
}

fn has_health_test(service: &Service) -> bool {
    service
        .healthcheck
        .as_ref()
        .is_some_and(|h| h.test != Some(HealthTest::Disabled))
}

/// Where the replica count is written: `deploy.replicas`, else `scale`.
fn replicas_span(service: &Service) -> Option<Span> {
    service
        .node
        .get("deploy")
        .and_then(|d| d.get("replicas"))
        .or_else(|| service.node.get("scale"))
        .map(|n| n.span)
}
