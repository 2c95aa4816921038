//! `hipaa-phi-in-cache`: a cache service runs in a project whose profile lists HIPAA.

use super::support::{Asks, framework_names, technology};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::recommend::Compliance;
use crate::recommend::catalogue::Kind;
use crate::report::{Category, Severity};

/// HIPAA in the profile's `compliance`.
pub const ASKS: Asks = Asks::Compliance(&[Compliance::Hipaa]);

pub const RULE: Rule = Rule {
    id: "hipaa-phi-in-cache",
    category: Category::Compliance,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A cache (Redis, Valkey, Memcached) runs in a project whose profile's \
                  `compliance` lists `hipaa`.",
        why: "Runs only when the profile's `compliance` lists `hipaa`. HIPAA architectures keep \
              protected health information (PHI) out of caches: a cache copies records \
              outside the encrypted, access-logged database, usually without encryption at \
              rest, authentication or an audit trail, and its copies outlive the deletion of \
              the record they came from.",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n  cache:\n    image: redis:7.4-alpine\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n",
        fix: "Keep only data that is not PHI in the cache (sessions by opaque id, rate \
              limits, feature flags), or encrypt values before caching them and turn on \
              the cache's TLS and authentication; write down what it holds for the HIPAA \
              risk assessment, then suppress the finding for that service.",
        limitations: "The rule cannot know what is cached: every cache the catalogue \
                      recognises by its image is reported, including one used only as a \
                      job queue or a session store. A cache under an image the catalogue \
                      does not know is not seen.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    let asked = ASKS.frameworks(context.profile);
    if asked.is_empty() {
        return;
    }

    for service in context.project.enabled_services() {
        let Some(cache) = technology(service).filter(|t| t.kind == Kind::Cache) else {
            continue;
        };
        let Some(image) = &service.image else {
            continue;
        };
        sink.report(
            image.span,
            format!(
                "service {} runs {}, a cache, in a project that must meet {}; PHI must not \
                 be cached",
                service.name,
                cache.name,
                framework_names(&asked)
            ),
            Some(
                "cache only data that is not PHI (sessions by opaque id, rate limits), or \
                 encrypt values before caching and turn on TLS and authentication"
                    .to_string(),
            ),
        );
    }
}
