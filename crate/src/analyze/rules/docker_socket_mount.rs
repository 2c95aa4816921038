//! `docker-socket-mount`: a bind of the container engine's socket into a service.

use super::support::{absolute_host_path, unresolved_items};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::normalize::MountKind;
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "docker-socket-mount",
    category: Category::Security,
    severity: Severity::Error,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service mounts the Docker (or another container engine's) socket.",
        why: "The socket is the engine's whole API. A process that can reach it can start a \
              privileged container with the host's root filesystem mounted, so it owns the \
              host and every container on it. Mounting it read-only changes nothing: `ro` \
              stops writes to the file, not requests over the socket.",
        bad: "services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
        good: "services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n      - ./traefik.yml:/etc/traefik/traefik.yml:ro\n",
        fix: "Remove the mount and configure the service by files or labels it reads another \
              way; if it must talk to the engine, put a socket proxy that allows only the API \
              calls it needs in between, and never expose it to tenants.",
        limitations: "Sockets are recognised by their file name (`docker.sock`, \
                      `podman.sock`, `containerd.sock`) under an absolute or `~/` path, and \
                      by the Windows pipe `\\\\.\\pipe\\docker_engine`. A socket reached \
                      through a bind of a parent directory (`/var/run`) is reported by \
                      `sensitive-host-path`; a top-level volume whose driver options bind \
                      the socket is not read.",
    },
};

/// The file names of container engine sockets.
const SOCKETS: &[&str] = &["docker.sock", "podman.sock", "containerd.sock"];

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let placeholders = unresolved_items(service, "volumes");
        for mount in &service.volumes {
            if !matches!(mount.kind, MountKind::Bind | MountKind::Other) {
                continue;
            }
            let Some(source) = mount.source.as_deref() else {
                continue;
            };
            if placeholders.contains(&mount.span) {
                continue;
            }
            let Some(socket) = engine_socket(source) else {
                continue;
            };

            let mode = if mount.read_only {
                " read-only, which does not limit the API"
            } else {
                ""
            };
            sink.report(
                mount.span,
                format!(
                    "service {} mounts the container engine socket {socket}{mode}",
                    service.name
                ),
                Some(
                    "whoever controls this container controls the host; remove the mount, or \
                     put a socket proxy that allows only the needed API calls in between"
                        .to_string(),
                ),
            );
        }
    }
}

/// The socket a bind source names, as the host resolves the path.
fn engine_socket(source: &str) -> Option<String> {
    if source.eq_ignore_ascii_case(r"\\.\pipe\docker_engine") {
        return Some(source.to_string());
    }

    let path = match source.strip_prefix("~/") {
        Some(rest) => absolute_host_path(&format!("/{rest}")).map(|p| format!("~{p}")),
        None => absolute_host_path(source),
    }?;
    let name = path.rsplit('/').next().unwrap_or("");
    SOCKETS.contains(&name).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sockets_by_name_under_host_paths() {
        assert_eq!(
            engine_socket("/var/run/docker.sock").as_deref(),
            Some("/var/run/docker.sock")
        );
        assert_eq!(
            engine_socket("//run/./docker.sock").as_deref(),
            Some("/run/docker.sock")
        );
        assert_eq!(
            engine_socket("~/.docker/run/docker.sock").as_deref(),
            Some("~/.docker/run/docker.sock")
        );
        assert!(engine_socket(r"\\.\pipe\docker_engine").is_some());
        assert!(engine_socket("/run/podman/podman.sock").is_some());
        assert!(engine_socket("./docker.sock").is_none());
        assert!(engine_socket("/var/run/docker.sock.d/x").is_none());
        assert!(engine_socket("/var/run").is_none());
    }
}
