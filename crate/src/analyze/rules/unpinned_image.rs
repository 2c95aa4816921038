//! `unpinned-image`: an image with no tag, or the floating `latest` tag.

use crate::analyze::parse_image;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "unpinned-image",
    category: Category::Readiness,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "An image has no tag or uses `latest`, so what runs changes without notice.",
        why: "Every tenant's deployment pulls the image again. With a floating tag, two \
              tenants can run different code, and an upstream release can break a running \
              product with no change on your side.",
        bad: "services:\n  cache:\n    image: redis\n",
        good: "services:\n  cache:\n    image: redis:7.4-alpine\n",
        fix: "Pin a version tag (`redis:7.4-alpine`) or a digest (`redis@sha256:...`).",
        limitations: "Tags such as `stable` or `alpine` float too, but only `latest` and a missing tag are flagged.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let Some(image) = &service.image else {
            continue;
        };
        if image.value.trim().is_empty() {
            continue;
        }
        let reference = parse_image(&image.value);
        if reference.digest.is_some() {
            continue;
        }

        match reference.tag.as_deref() {
            None => sink.report(
                image.span,
                format!(
                    "image {} has no tag, so it means {}:latest",
                    image.value, image.value
                ),
                Some("pin a version tag or a digest".to_string()),
            ),
            Some("latest") => sink.report(
                image.span,
                format!("image {} uses the floating tag latest", image.value),
                Some("pin a version tag or a digest".to_string()),
            ),
            Some(_) => {}
        }
    }
}
