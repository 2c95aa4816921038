//! `dependency-without-healthy-condition`: a service waits only for a dependency to start,
//! though that dependency has a health check that says when it is ready.

use std::collections::HashSet;

use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::{Dependency, HealthTest, Service};
use crate::report::{Category, Severity};
use crate::yaml::Node;

pub const RULE: Rule = Rule {
    id: "dependency-without-healthy-condition",
    category: Category::Readiness,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service depends on a service that has a health check, but waits only for it to start.",
        why: "A started container is not a ready one: a database takes seconds to accept \
              connections after its process starts. The platform creates every tenant's \
              deployment from scratch, so a service that starts before its dependency is \
              ready fails or restarts on each new deployment. The dependency's health check \
              already says when it is ready; `condition: service_healthy` makes the service \
              wait for it.",
        bad: "services:\n  app:\n    image: acme/app:1.4.2\n    depends_on:\n      - db\n  db:\n    image: postgres:16\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U postgres\"]\n",
        good: "services:\n  app:\n    image: acme/app:1.4.2\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:16\n    healthcheck:\n      test: [\"CMD-SHELL\", \"pg_isready -U postgres\"]\n",
        fix: "Write the dependency in the long form with `condition: service_healthy`; every \
              entry of that `depends_on` moves to the long form, the others keeping \
              `condition: service_started`.",
        limitations: "Only a health check written in the file counts: one that comes from \
                      the image's Dockerfile, or a `healthcheck:` that only tunes timings, \
                      cannot be seen. A one-shot job waited on with \
                      `condition: service_completed_successfully` is not reported, nor is a \
                      dependency on a service that another service waits on that way.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    // services others wait for to finish: jobs, whatever else their dependants say
    let jobs: HashSet<&str> = context
        .project
        .enabled_services()
        .flat_map(|s| s.depends_on.iter())
        .filter(|d| d.condition == "service_completed_successfully")
        .map(|d| d.service.as_str())
        .collect();

    for service in context.project.enabled_services() {
        for dependency in &service.depends_on {
            if dependency.condition != "service_started"
                || dependency.service == service.name
                || jobs.contains(dependency.service.as_str())
            {
                continue;
            }
            let Some(target) = context.project.service(&dependency.service) else {
                continue;
            };
            if !target.enabled || !has_health_test(target) {
                continue;
            }

            let short = service
                .node
                .get("depends_on")
                .and_then(Node::as_seq)
                .is_some();
            let how = match (short, dependency.explicit_condition) {
                (true, _) => "in the short form",
                (false, true) => "with condition service_started",
                (false, false) => "with no condition, which means service_started",
            };
            sink.report(
                dependency.span,
                format!(
                    "service {} depends on {} {how}, so it starts before {} passes its health check",
                    service.name, dependency.service, dependency.service
                ),
                Some(help(service, dependency)),
            );
        }
    }
}

/// Whether the service's own health check runs a test (not one inherited from the image,
/// and not disabled).
fn has_health_test(service: &Service) -> bool {
    service
        .healthcheck
        .as_ref()
        .is_some_and(|h| matches!(h.test, Some(HealthTest::Exec(_) | HealthTest::Shell(_))))
}

fn help(service: &Service, dependency: &Dependency) -> String {
    // the short form is a list; the long form cannot be mixed into it
    let short_list = service
        .node
        .get("depends_on")
        .and_then(Node::as_seq)
        .is_some_and(|items| items.len() > 1);
    let rest = if short_list {
        "; the other entries of the list move to the long form with condition: service_started"
    } else {
        ""
    };
    format!(
        "wait for it to be healthy with the long form: depends_on: {{{}: {{condition: service_healthy}}}}{rest}",
        dependency.service
    )
}
