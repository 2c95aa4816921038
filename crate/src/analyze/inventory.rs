//! The image inventory: for every service, the image the platform must pull, the
//! registry it comes from, and whether it is the team's own image or a public one.

use crate::compose::Project;
use crate::report::{ImageRef, RegistryKind};

pub use crate::compose::{ImageName, parse_image};

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
