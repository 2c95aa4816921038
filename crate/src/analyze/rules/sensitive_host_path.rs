//! `sensitive-host-path`: a bind mount of a host system directory or credential file.

use super::support::{absolute_host_path, unresolved_items};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::normalize::MountKind;
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "sensitive-host-path",
    category: Category::Security,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service binds a host system directory (`/`, `/etc`, `/proc`, `/var/lib/docker`, ...) into its container.",
        why: "A bind mount gives the container the host's own files. Write access to system \
              directories lets it change the host's programs, users or kernel settings; read \
              access to some of them reveals the host's credentials and other containers' \
              secrets. On a shared host, that is every tenant's.",
        bad: "services:\n  agent:\n    image: alpine:3.20\n    volumes:\n      - /etc:/host/etc\n",
        good: "services:\n  agent:\n    image: alpine:3.20\n    volumes:\n      - ./etc:/etc/agent:ro\n",
        fix: "Bind only the files the service needs, read-only (`:ro`), or copy them into the \
              image or a named volume.",
        limitations: "Only absolute host paths are judged: `./etc` is a directory of the \
                      project and `~/...` a user's home, not system paths. Most directories \
                      are flagged only when bound whole (`/etc`, `/usr`, `/var`, `/home`, \
                      `/run`, `/dev`), so `/etc/nginx` or `/home/app/data` are not; the \
                      trees `/proc`, `/sys`, `/boot`, `/root`, `/bin`, `/sbin`, `/lib`, \
                      `/usr/bin`, `/usr/lib`, the engines' state under `/var/lib` and \
                      credential files in `/etc` are flagged below too. A read-only bind of \
                      system files without credentials (`/proc`, `/sys`, `/usr`, `/lib`, \
                      `/boot`, `/dev`) is an info, since monitoring agents need them; \
                      read-only `/proc` still shows the host's processes. A read-only bind \
                      of `/`, `/etc`, `/root`, `/home`, `/var` or `/run` stays a warning: \
                      reading is the hazard there, and a socket in `/run` answers read-only \
                      binds too. Devices under `devices:` and top-level volumes whose driver \
                      options bind a host path are not read; engine sockets are reported by \
                      `docker-socket-mount`.",
    },
};

/// A host path and what binding it exposes.
struct Sensitive {
    path: &'static str,
    /// Whether paths below it are sensitive too.
    tree: bool,
    /// Whether reading it is the hazard, so a read-only bind stays a warning.
    read_hazard: bool,
    what: &'static str,
}

const fn whole(path: &'static str, read_hazard: bool, what: &'static str) -> Sensitive {
    Sensitive {
        path,
        tree: false,
        read_hazard,
        what,
    }
}

const fn tree(path: &'static str, read_hazard: bool, what: &'static str) -> Sensitive {
    Sensitive {
        path,
        tree: true,
        read_hazard,
        what,
    }
}

const SENSITIVE: &[Sensitive] = &[
    whole("/", true, "the host's whole filesystem"),
    whole(
        "/etc",
        true,
        "the host's configuration, users and password hashes",
    ),
    whole("/usr", false, "the host's programs and libraries"),
    whole(
        "/var",
        true,
        "the host's state, the container engine's data included",
    ),
    whole(
        "/var/lib",
        true,
        "the host's state, the container engine's data included",
    ),
    whole(
        "/var/run",
        true,
        "the host's runtime sockets, the Docker socket included",
    ),
    whole(
        "/run",
        true,
        "the host's runtime sockets, the Docker socket included",
    ),
    whole(
        "/home",
        true,
        "every user's home directory, with their keys",
    ),
    whole("/dev", false, "every host device"),
    tree("/proc", false, "the host's processes and kernel settings"),
    tree("/sys", false, "the host's kernel and device settings"),
    tree("/boot", false, "the host's kernel and boot loader"),
    tree(
        "/root",
        true,
        "the root user's home, with its keys and credentials",
    ),
    tree("/bin", false, "the host's programs"),
    tree("/sbin", false, "the host's system programs"),
    tree("/lib", false, "the host's libraries and kernel modules"),
    tree("/lib64", false, "the host's libraries"),
    tree("/usr/bin", false, "the host's programs"),
    tree("/usr/sbin", false, "the host's system programs"),
    tree("/usr/lib", false, "the host's libraries and kernel modules"),
    tree("/usr/libexec", false, "the host's helper programs"),
    tree(
        "/var/lib/docker",
        true,
        "the Docker engine's data: every container's files, logs and settings",
    ),
    tree(
        "/var/lib/containerd",
        true,
        "containerd's data: every container's files",
    ),
    tree(
        "/var/lib/kubelet",
        true,
        "the kubelet's data: every pod's volumes and secrets",
    ),
    tree("/etc/shadow", true, "the host's password hashes"),
    tree("/etc/gshadow", true, "the host's group password hashes"),
    tree("/etc/sudoers", true, "the host's sudo rules"),
    tree("/etc/sudoers.d", true, "the host's sudo rules"),
    tree("/etc/ssh", true, "the host's SSH keys and server settings"),
    tree(
        "/etc/docker",
        true,
        "the Docker engine's settings and certificates",
    ),
    tree("/etc/kubernetes", true, "the cluster's credentials"),
    tree("/etc/cron.d", false, "the host's scheduled jobs"),
    tree("/etc/crontab", false, "the host's scheduled jobs"),
    tree("/etc/systemd", false, "the host's services"),
    tree("/dev/mem", true, "the host's physical memory"),
    tree("/dev/kmem", true, "the host's kernel memory"),
];

/// The engine sockets `docker-socket-mount` reports.
const SOCKETS: &[&str] = &["docker.sock", "podman.sock", "containerd.sock"];

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let placeholders = unresolved_items(service, "volumes");
        for mount in &service.volumes {
            if mount.kind != MountKind::Bind {
                continue;
            }
            let Some(path) = mount.source.as_deref().and_then(absolute_host_path) else {
                continue;
            };
            if placeholders.contains(&mount.span) {
                continue;
            }
            let name = path.rsplit('/').next().unwrap_or("");
            if SOCKETS.contains(&name) {
                continue;
            }
            let Some(sensitive) = sensitive(&path) else {
                continue;
            };

            let (severity, access) = match (mount.read_only, sensitive.read_hazard) {
                (false, _) => (Severity::Warning, "with write access"),
                (true, true) => (Severity::Warning, "read-only"),
                (true, false) => (Severity::Info, "read-only"),
            };
            let shown = if path == sensitive.path {
                path.clone()
            } else {
                format!("{path} (under {})", sensitive.path)
            };
            sink.report_as(
                severity,
                mount.span,
                format!(
                    "service {} binds the host path {shown} {access}: {}",
                    service.name, sensitive.what
                ),
                Some(help(mount.read_only)),
            );
        }
    }
}

fn help(read_only: bool) -> String {
    if read_only {
        "bind only the files the service needs, or copy them into the image or a named volume"
            .to_string()
    } else {
        "bind only the files the service needs, read-only (`:ro`), or use a named volume"
            .to_string()
    }
}

/// The entry that makes a resolved absolute path sensitive: the path itself, or for a tree
/// the nearest enclosing one.
fn sensitive(path: &str) -> Option<&'static Sensitive> {
    SENSITIVE
        .iter()
        .filter(|s| {
            path == s.path
                || (s.tree
                    && path
                        .strip_prefix(s.path)
                        .is_some_and(|rest| rest.starts_with('/')))
        })
        .max_by_key(|s| s.path.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_directories_and_trees() {
        let found = |p: &str| sensitive(p).map(|s| s.path);
        assert_eq!(found("/"), Some("/"));
        assert_eq!(found("/etc"), Some("/etc"));
        assert_eq!(found("/etc/nginx"), None);
        assert_eq!(found("/etc/localtime"), None);
        assert_eq!(found("/etc/ssh/ssh_host_rsa_key"), Some("/etc/ssh"));
        assert_eq!(found("/proc/1/ns"), Some("/proc"));
        assert_eq!(found("/sys/fs/cgroup"), Some("/sys"));
        assert_eq!(found("/lib/modules"), Some("/lib"));
        assert_eq!(found("/var/lib/docker/containers"), Some("/var/lib/docker"));
        assert_eq!(found("/var/lib/postgresql"), None);
        assert_eq!(found("/home/app/data"), None);
        assert_eq!(found("/usr/share/appdata"), None);
        assert_eq!(found("/procfs"), None);
        assert_eq!(found("/dev/log"), None);
    }
}
