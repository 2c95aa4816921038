//! `environment-becomes-parameter`: the environment variables of a service that the
//! platform turns into customer-facing parameters, since the service declares none itself.

use std::collections::HashSet;

use super::hardcoded_secret::is_secret_name;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "environment-becomes-parameter",
    category: Category::Readiness,
    severity: Severity::Info,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service's environment variables will each become a customer-facing parameter, since it declares no parameters of its own.",
        why: "When a service has no `x-omnistrate-api-params`, the platform turns every one of \
              its environment variables into an API parameter that customers see and can set \
              when they create a deployment. Internal wiring (a database host, a queue name) \
              and values the team must own end up in the customer's form, and secrets in it \
              must become password parameters.",
        bad: "services:\n  api:\n    image: acme/api:1.4.2\n    environment:\n      LOG_LEVEL: info\n      DB_HOST: db\n",
        good: "services:\n  api:\n    image: acme/api:1.4.2\n    environment:\n      LOG_LEVEL: info\n      DB_HOST: db\n    x-omnistrate-api-params:\n      - key: logLevel\n        name: Log level\n        type: String\n        defaultValue: \"info\"\n",
        fix: "Decide for each variable whether customers set it, the team fixes it, or the \
              platform supplies it, and declare the customer-facing ones as parameters when \
              the file is onboarded; variables only the team sets can move into the image.",
        limitations: "Variables from `env_file` are not listed: the files are not read. The \
                      list is of names only, never values; at most the first 20 names are \
                      shown, with the count of the rest.",
    },
};

/// The most names a message lists.
const SHOWN: usize = 20;

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        if service.environment.is_empty() || service.node.get("x-omnistrate-api-params").is_some() {
            continue;
        }
        let Some(key) = service.node.entry("environment") else {
            continue;
        };

        let mut seen = HashSet::new();
        let names: Vec<&str> = service
            .environment
            .iter()
            .map(|var| var.name.as_str())
            .filter(|name| seen.insert(*name))
            .collect();
        let count = names.len();
        let shown = names
            .iter()
            .take(SHOWN)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let more = match count.saturating_sub(SHOWN) {
            0 => String::new(),
            rest => format!(" and {rest} more"),
        };
        let noun = if count == 1 {
            "variable becomes a customer-facing parameter"
        } else {
            "variables become customer-facing parameters"
        };
        let secrets: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| is_secret_name(n))
            .collect();
        let secret_help = if secrets.is_empty() {
            String::new()
        } else {
            format!(
                "; {} must be password parameters or platform secrets",
                secrets.join(", ")
            )
        };

        sink.report(
            key.key.span,
            format!(
                "service {} has no parameters of its own, so its {count} environment {noun} on the platform: {shown}{more}",
                service.name
            ),
            Some(format!(
                "sort them into what customers set, what the team fixes and what the platform \
                 supplies, and declare only the first as parameters when onboarding{secret_help}"
            )),
        );
    }
}
