//! `build-context`: a service that builds its image from source.

use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "build-context",
    category: Category::Readiness,
    severity: Severity::Error,
    blocking: true,
    check,
    doc: RuleDoc {
        summary: "A service builds its image from a build context instead of pulling a pushed image.",
        why: "A control plane that runs plain compose pulls images from a registry; it cannot \
              build from source. A service with `build:` and no pushed image cannot start there.",
        bad: "services:\n  api:\n    build: ./backend\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.0.0\n",
        fix: "Build and push the image (`docker build -t REGISTRY/NAME:TAG CONTEXT`, then \
              `docker push REGISTRY/NAME:TAG`), then replace `build:` with `image:`.",
        limitations: "A service that has both `image:` and `build:` is reported as a warning: \
                      it works once that image is pushed, which only the team can confirm.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let Some(build) = &service.build else {
            continue;
        };
        let source = build
            .context
            .as_ref()
            .map_or(".".to_string(), |c| c.value.clone());

        match &service.image {
            Some(image) => sink.report_as(
                Severity::Warning,
                build.key_span,
                format!(
                    "service {} builds from {source}; the platform will pull {} instead and cannot build it",
                    service.name, image.value
                ),
                Some(format!(
                    "push the image (docker build -t {0} {source} && docker push {0}), then remove `build:`",
                    image.value
                )),
            ),
            None => {
                let suggested = format!("mycompany/{}:v1.0.0", service.name);
                sink.report(
                    build.key_span,
                    format!(
                        "service {} builds from {source}; the platform pulls images and cannot build them",
                        service.name
                    ),
                    Some(format!(
                        "build and push an image (docker build -t {suggested} {source} && docker push {suggested}), \
                         then replace `build:` with `image: {suggested}` (your registry and name)"
                    )),
                );
            }
        }
    }
}
