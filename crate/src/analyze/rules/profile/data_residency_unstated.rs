//! `data-residency-unstated`: a project that keeps data, whose profile lists GDPR, and
//! that names no region for it. Reported once per project.

use super::support::{Asks, and_list, is_data_service, technology, words, written_scalars};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::Service;
use crate::compose::interpolate::variables;
use crate::recommend::Compliance;
use crate::report::{Category, Severity};

/// GDPR in the profile's `compliance`.
pub const ASKS: Asks = Asks::Compliance(&[Compliance::Gdpr]);

pub const RULE: Rule = Rule {
    id: "data-residency-unstated",
    category: Category::Compliance,
    severity: Severity::Info,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "The project keeps data (a database, cache, queue or object store) but no \
                  variable names the region it lives in, and the profile's `compliance` \
                  lists `gdpr`.",
        why: "Runs only when the profile's `compliance` lists `gdpr`. GDPR restricts moving \
              EU personal data out of the EU, so where each instance and its backups are \
              deployed is a design decision, not a default: the deployment needs a region \
              parameter to place EU customers in EU regions, and the answer belongs in the \
              handoff.",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n  db:\n    image: postgres:16\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    environment:\n      DATA_REGION: ${DATA_REGION:?set DATA_REGION}\n  db:\n    image: postgres:16\n",
        fix: "Make the region a parameter the deployment must set (`DATA_REGION: \
              ${DATA_REGION:?set DATA_REGION}`, or the cloud's own `AWS_REGION`), deploy EU \
              customers' instances and their backups in EU regions, and record the answer \
              in the handoff.",
        limitations: "A region is recognised by a variable whose name has the word REGION \
                      or RESIDENCY (REGION, DATA_REGION, AWS_REGION, S3_REGION, ...), set in \
                      a service's `environment` or used in any of its values. The region is \
                      finally the platform's choice of where an instance runs, which the \
                      file cannot show: this finding is a question to answer. Data services \
                      are recognised by their images through the catalogue; a project whose \
                      data lives only in external services is not reported.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    if ASKS.frameworks(context.profile).is_empty() {
        return;
    }
    let data: Vec<&Service> = context
        .project
        .enabled_services()
        .filter(|s| technology(s).is_some_and(is_data_service))
        .collect();
    let Some(first) = data.first() else {
        return;
    };
    if context.project.enabled_services().any(names_a_region) {
        return;
    }

    let names: Vec<&str> = data.iter().map(|s| s.name.as_str()).collect();
    let kept = match names.as_slice() {
        [one] => format!("service {one} keeps data"),
        _ => format!("services {} keep data", and_list(&names)),
    };
    sink.report(
        first.span,
        format!("{kept}, and no variable names the region where it is kept"),
        Some(
            "ask where EU customers' data is kept: make the region a required parameter \
             (DATA_REGION: ${DATA_REGION:?set DATA_REGION}) and deploy EU instances and \
             their backups in EU regions"
                .to_string(),
        ),
    );
}

/// Whether a service sets, or uses in any value, a variable that names a region.
fn names_a_region(service: &Service) -> bool {
    let is_region = |name: &str| {
        words(name)
            .iter()
            .any(|w| matches!(w.as_str(), "REGION" | "REGIONS" | "RESIDENCY"))
    };
    if service.environment.iter().any(|var| is_region(&var.name)) {
        return true;
    }

    let mut written = Vec::new();
    written_scalars(&service.node, &mut written);
    written
        .iter()
        .flat_map(|text| variables(text))
        .any(|reference| is_region(&reference.name))
}
