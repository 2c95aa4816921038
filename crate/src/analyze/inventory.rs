//! The image inventory: for every service, the image the platform must pull, the
//! registry it comes from, and whether it is the team's own image or a public one.

use crate::compose::Project;
use crate::report::{ImageRef, RegistryKind};

/// An image reference split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageName {
    /// The registry host, `docker.io` when none is named.
    pub registry: String,
    /// The path below the registry; Docker Hub's official images get `library/`.
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
}

/// Splits `[host[:port]/]path[:tag][@digest]` the way Docker does: the first component
/// is a host only if it has a `.` or a `:`, or is `localhost`.
pub fn parse_image(reference: &str) -> ImageName {
    let reference = reference.trim();
    let (name, digest) = match reference.split_once('@') {
        Some((name, digest)) => (name, Some(digest.to_string())),
        None => (reference, None),
    };

    // a tag is after the last ':' that comes after the last '/'
    let slash = name.rfind('/').map_or(0, |at| at + 1);
    let (path, tag) = match name.get(slash..).and_then(|last| last.rfind(':')) {
        Some(colon) => {
            let at = slash + colon;
            (
                name.get(..at).unwrap_or(name),
                name.get(at + 1..).map(str::to_string),
            )
        }
        None => (name, None),
    };

    let (registry, repository) = match path.split_once('/') {
        Some((first, rest))
            if first.contains('.') || first.contains(':') || first == "localhost" =>
        {
            (first.to_string(), rest.to_string())
        }
        _ => ("docker.io".to_string(), path.to_string()),
    };
    let registry = match registry.as_str() {
        "index.docker.io" | "registry-1.docker.io" | "registry.hub.docker.com" => {
            "docker.io".to_string()
        }
        _ => registry,
    };
    let repository = if registry == "docker.io" && !repository.contains('/') {
        format!("library/{repository}")
    } else {
        repository
    };

    ImageName {
        registry,
        repository,
        tag: tag.filter(|t| !t.is_empty()),
        digest,
    }
}

/// The kind of registry a host is.
pub fn registry_kind(host: &str) -> RegistryKind {
    if host == "docker.io" {
        RegistryKind::DockerHub
    } else if host == "ghcr.io" {
        RegistryKind::Ghcr
    } else if host.ends_with(".amazonaws.com") && host.contains(".dkr.ecr.") {
        RegistryKind::Ecr
    } else if host.ends_with("-docker.pkg.dev") || host == "gcr.io" || host.ends_with(".gcr.io") {
        RegistryKind::ArtifactRegistry
    } else if host.ends_with(".azurecr.io") {
        RegistryKind::Acr
    } else if host == "quay.io" {
        RegistryKind::Quay
    } else {
        RegistryKind::Other
    }
}

/// Publishers whose images are public and maintained upstream, by registry and path prefix.
const PUBLIC_PUBLISHERS: &[(&str, &str)] = &[
    ("docker.io", "library/"),
    ("docker.io", "bitnami/"),
    ("docker.io", "grafana/"),
    ("docker.io", "prom/"),
    ("docker.io", "elastic/"),
    ("docker.io", "confluentinc/"),
    ("docker.io", "apache/"),
    ("docker.io", "hashicorp/"),
    ("docker.io", "minio/"),
    ("docker.io", "temporalio/"),
    ("docker.io", "n8nio/"),
    ("docker.io", "frappe/"),
    ("docker.io", "mattermost/"),
    ("docker.io", "netboxcommunity/"),
    ("docker.io", "traefik/"),
    ("docker.io", "nginxinc/"),
    ("docker.io", "linuxserver/"),
    ("docker.io", "pihole/"),
    ("docker.io", "cloudflare/"),
    ("docker.io", "gitea/"),
    ("docker.io", "timescale/"),
    ("docker.io", "influxdb/"),
    ("docker.io", "neo4j/"),
    ("docker.io", "arangodb/"),
    ("docker.io", "cockroachdb/"),
    ("docker.io", "valkey/"),
    ("docker.io", "nats/"),
    ("docker.io", "kong/"),
    ("docker.io", "envoyproxy/"),
    ("docker.io", "edoburu/"),
    ("docker.io", "plexinc/"),
    ("docker.io", "itzg/"),
    ("docker.elastic.co", ""),
    ("mcr.microsoft.com", ""),
    ("quay.io", "prometheus/"),
    ("quay.io", "minio/"),
    ("gcr.io", "distroless/"),
    ("registry.k8s.io", ""),
    ("public.ecr.aws", ""),
    ("docker.io", "otel/"),
    ("docker.io", "jaegertracing/"),
    ("docker.io", "openzipkin/"),
    ("docker.io", "vectorized/"),
    ("docker.io", "redpandadata/"),
    ("docker.io", "portainer/"),
    ("docker.io", "containrrr/"),
    ("docker.redpanda.com", ""),
    ("docker.n8n.io", ""),
];

/// Whether an image comes from a publisher known to publish public images (by its
/// registry and repository, whether or not the project also builds it).
pub fn is_public(name: &ImageName) -> bool {
    PUBLIC_PUBLISHERS
        .iter()
        .any(|(host, prefix)| name.registry == *host && name.repository.starts_with(prefix))
}

/// The inventory of every enabled service's image, in service order.
pub fn image_inventory(project: &Project) -> Vec<ImageRef> {
    project
        .enabled_services()
        .filter_map(|service| {
            let builds = service.build.is_some();
            // a name that comes from an unset variable is shown as written
            let (image, suggested) = match (&service.image, builds) {
                (Some(image), _) if image.unresolved => (image.as_written().to_string(), false),
                (Some(image), _) if !image.value.trim().is_empty() => (image.value.clone(), false),
                (_, true) => (
                    format!("mycompany/{}:v1.0.0", service.name.to_lowercase()),
                    true,
                ),
                _ => return None,
            };
            let name = parse_image(&image);
            Some(ImageRef {
                service: service.name.clone(),
                suggested,
                registry_kind: registry_kind(&name.registry),
                custom: builds || !is_public(&name),
                needs_push: builds,
                registry: name.registry,
                repository: name.repository,
                tag: name.tag,
                digest: name.digest,
                image,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_hub_is_implied_and_official_images_are_library() {
        let name = parse_image("postgres:15");
        assert_eq!(name.registry, "docker.io");
        assert_eq!(name.repository, "library/postgres");
        assert_eq!(name.tag.as_deref(), Some("15"));
    }

    #[test]
    fn hosts_ports_tags_and_digests() {
        let name = parse_image("registry.company.com:5000/team/api:v1.0.0@sha256:abc");
        assert_eq!(name.registry, "registry.company.com:5000");
        assert_eq!(name.repository, "team/api");
        assert_eq!(name.tag.as_deref(), Some("v1.0.0"));
        assert_eq!(name.digest.as_deref(), Some("sha256:abc"));

        let name = parse_image("localhost:5000/api");
        assert_eq!(name.registry, "localhost:5000");
        assert_eq!(name.tag, None);

        let name = parse_image("mycompany/api");
        assert_eq!(name.registry, "docker.io");
        assert_eq!(name.repository, "mycompany/api");
    }

    #[test]
    fn registry_kinds() {
        assert_eq!(
            registry_kind("123456789012.dkr.ecr.us-east-1.amazonaws.com"),
            RegistryKind::Ecr
        );
        assert_eq!(
            registry_kind("us-central1-docker.pkg.dev"),
            RegistryKind::ArtifactRegistry
        );
        assert_eq!(registry_kind("acme.azurecr.io"), RegistryKind::Acr);
        assert_eq!(registry_kind("ghcr.io"), RegistryKind::Ghcr);
        assert_eq!(registry_kind("registry.company.com"), RegistryKind::Other);
    }
}
