//! `unpinned-image`: an image with no tag, or the floating `latest` tag.

use crate::analyze::parse_image;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::check_image;
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "unpinned-image",
    category: Category::Readiness,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "An image has no tag, uses `latest`, or a tag that names no version (`alpine`, `stable`, `lts`).",
        why: "Every tenant's deployment pulls the image again. With a floating tag, two \
              tenants can run different code, and an upstream release can break a running \
              product with no change on your side.",
        bad: "services:\n  cache:\n    image: redis\n",
        good: "services:\n  cache:\n    image: redis:7.4-alpine\n",
        fix: "Pin a version tag (`redis:7.4-alpine`) or a digest (`redis@sha256:...`).",
        limitations: "A tag with a version in it is taken as pinned, though a major version alone \
                      (`postgres:16`) still moves across minor releases. An image whose name \
                      comes from an unset variable is left to the unset-variable finding, and a \
                      reference Docker refuses to the invalid-image-reference finding.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let Some(image) = &service.image else {
            continue;
        };
        // a placeholder: the unset variable is the finding; a reference Docker refuses
        // has its own finding
        if image.value.trim().is_empty() || image.unresolved || check_image(&image.value).is_err() {
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
            Some(tag) if !tag.chars().any(|c| c.is_ascii_digit()) => sink.report(
                image.span,
                format!("image {} uses the tag {tag}, which names no version and moves with each release", image.value),
                Some(format!("pin a version, e.g. {}:<version>-{tag}, or a digest", reference.repository.trim_start_matches("library/"))),
            ),
            Some(_) => {}
        }
    }
}
