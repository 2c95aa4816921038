//! `build-context`: a service that builds its image from source.

use crate::analyze::parse_image;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::Build;
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
                      it works once that image is pushed, which only the team can confirm. It \
                      stays an error when the image name cannot be pushed (a bare local name, \
                      or Docker Hub's official namespace).",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let Some(build) = &service.build else {
            continue;
        };
        let source = context_of(build);

        // an image name the team can push: not Docker Hub's official namespace, and
        // with a registry or an account in it
        let pushable = service.image.as_ref().filter(|image| {
            let name = parse_image(&image.value);
            !image.unresolved && !name.repository.starts_with("library/")
        });
        match pushable {
            Some(image) => sink.report_as(
                Severity::Warning,
                build.key_span,
                format!(
                    "service {} builds from {source}; the platform will pull {} instead and cannot build it",
                    service.name, image.value
                ),
                Some(format!(
                    "push the image ({}), then remove `build:`",
                    commands(build, &source, &image.value)
                )),
            ),
            None => {
                let name = service.name.to_lowercase();
                let suggested = format!("mycompany/{name}:v1.0.0");
                let why = match &service.image {
                    Some(image) if !image.unresolved => format!(
                        "; its image name {} is local or Docker Hub's official namespace, where it cannot be pushed",
                        image.value
                    ),
                    _ => String::new(),
                };
                sink.report(
                    build.key_span,
                    format!(
                        "service {} builds from {source}; the platform pulls images and cannot build them{why}",
                        service.name
                    ),
                    Some(format!(
                        "build and push an image ({}), then replace `build:` with `image: {suggested}` (your registry and name)",
                        commands(build, &source, &suggested)
                    )),
                );
            }
        }
    }
}

/// The commands that build and push the image as the `build:` section describes it.
fn commands(build: &Build, source: &str, image: &str) -> String {
    format!(
        "{} && {}",
        build_command(build, source, image),
        push_command(image)
    )
}

/// The `docker build` command that makes the image a `build:` section describes: its
/// Dockerfile, target stage and build arguments (by name: their values stay in the
/// environment), from the build context `source`.
pub fn build_command(build: &Build, source: &str, image: &str) -> String {
    let mut command = format!("docker build -t {image}");
    if let Some(dockerfile) = &build.dockerfile {
        command.push_str(&format!(
            " -f {}",
            dockerfile_path(source, dockerfile.as_written())
        ));
    }
    if let Some(target) = &build.target {
        command.push_str(&format!(" --target {}", target.as_written()));
    }
    for arg in &build.args {
        command.push_str(&format!(" --build-arg {}", arg.name));
    }
    format!("{command} {source}")
}

/// The Dockerfile as `docker build -f` reads it: Compose takes a relative `dockerfile` from
/// the context, the command line from the directory it runs in.
fn dockerfile_path(context: &str, dockerfile: &str) -> String {
    let remote = context.contains("://") || context.starts_with("git@");
    if remote || context == "." || dockerfile.starts_with('/') || dockerfile.contains('$') {
        return dockerfile.to_string();
    }
    let dockerfile = dockerfile.strip_prefix("./").unwrap_or(dockerfile);
    format!("{}/{dockerfile}", context.trim_end_matches('/'))
}

/// The command that pushes the image to its registry.
pub fn push_command(image: &str) -> String {
    format!("docker push {image}")
}

/// The build context as the finding names it: as written, `.` when none is.
pub fn context_of(build: &Build) -> String {
    build
        .context
        .as_ref()
        .map(|c| c.as_written().to_string())
        .filter(|c| !c.trim().is_empty())
        .unwrap_or_else(|| ".".to_string())
}

#[cfg(test)]
mod tests {
    use super::dockerfile_path;

    #[test]
    fn a_relative_dockerfile_is_joined_to_a_local_context_only() {
        assert_eq!(
            dockerfile_path("./api", "Dockerfile.prod"),
            "./api/Dockerfile.prod"
        );
        assert_eq!(
            dockerfile_path("api/", "./build/Dockerfile"),
            "api/build/Dockerfile"
        );
        assert_eq!(dockerfile_path(".", "Dockerfile.dev"), "Dockerfile.dev");
        assert_eq!(
            dockerfile_path("./api", "/srv/Dockerfile"),
            "/srv/Dockerfile"
        );
        assert_eq!(
            dockerfile_path("https://github.com/acme/api.git#main", "docker/Dockerfile"),
            "docker/Dockerfile"
        );
    }
}
