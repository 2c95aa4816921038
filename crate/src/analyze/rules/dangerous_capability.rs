//! `dangerous-capability`: a `cap_add` entry that grants a capability containers are
//! denied by default because it reaches outside the container.

use super::support::{is_unresolved, string_items};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "dangerous-capability",
    category: Category::Security,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service adds a capability that reaches outside the container (`ALL`, `SYS_ADMIN`, `NET_ADMIN`, `SYS_PTRACE`, `SYS_MODULE`, ...).",
        why: "The engine drops these capabilities by default because each one is a known way \
              out of the container or into the host's kernel: `SYS_ADMIN` mounts file \
              systems, `SYS_MODULE` loads kernel code, `SYS_PTRACE` attaches to processes, \
              `DAC_READ_SEARCH` opens any host file by handle. `ALL` grants every one.",
        bad: "services:\n  app:\n    image: alpine:3.20\n    cap_add:\n      - SYS_ADMIN\n",
        good: "services:\n  app:\n    image: alpine:3.20\n    cap_drop:\n      - ALL\n    cap_add:\n      - NET_BIND_SERVICE\n",
        fix: "Remove the capability, or find the narrower one the service needs (a port \
              below 1024 needs only `NET_BIND_SERVICE`). Keep a capability the service truly \
              needs (a VPN's `NET_ADMIN`) and suppress the finding with the reason.",
        limitations: "Capabilities in the engine's default set (`CHOWN`, `NET_BIND_SERVICE`, \
                      `SETUID`, ...) change nothing when added and are not reported. \
                      `ALL`, `SYS_ADMIN` and `SYS_MODULE` are errors, the others warnings; \
                      whether the service needs one cannot be seen from the file.",
    },
};

/// A capability worth a finding: its name without `CAP_`, what it allows, and whether it
/// is as good as root on the host.
struct Capability {
    name: &'static str,
    allows: &'static str,
    host_root: bool,
}

const fn cap(name: &'static str, allows: &'static str, host_root: bool) -> Capability {
    Capability {
        name,
        allows,
        host_root,
    }
}

const DANGEROUS: &[Capability] = &[
    cap("ALL", "grants every capability", true),
    cap(
        "SYS_ADMIN",
        "allows mounts, namespaces and most administration of the kernel",
        true,
    ),
    cap(
        "SYS_MODULE",
        "allows loading kernel modules into the host's kernel",
        true,
    ),
    cap(
        "SYS_RAWIO",
        "allows raw access to host memory and I/O ports",
        true,
    ),
    cap(
        "SYS_PTRACE",
        "allows tracing and injecting code into processes",
        false,
    ),
    cap(
        "DAC_READ_SEARCH",
        "allows opening any host file by its handle",
        false,
    ),
    cap(
        "NET_ADMIN",
        "allows changing interfaces, routes and firewall rules",
        false,
    ),
    cap("SYS_BOOT", "allows rebooting the host", false),
    cap("SYS_TIME", "allows setting the host's clock", false),
    cap("BPF", "allows loading BPF programs into the kernel", false),
    cap("PERFMON", "allows tracing the kernel", false),
    cap(
        "MAC_ADMIN",
        "allows changing the AppArmor or SELinux policy",
        false,
    ),
    cap(
        "MAC_OVERRIDE",
        "allows overriding the AppArmor or SELinux policy",
        false,
    ),
    cap(
        "SYSLOG",
        "allows reading kernel addresses from the kernel log",
        false,
    ),
    cap(
        "AUDIT_CONTROL",
        "allows changing the kernel's audit rules",
        false,
    ),
    cap(
        "LINUX_IMMUTABLE",
        "allows changing immutable and append-only files",
        false,
    ),
];

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        for (written, node) in string_items(service.node.get("cap_add")) {
            if is_unresolved(node) {
                continue;
            }
            let name = written.trim().to_ascii_uppercase();
            let name = name.strip_prefix("CAP_").unwrap_or(&name);
            let Some(capability) = DANGEROUS.iter().find(|c| c.name == name) else {
                continue;
            };

            let severity = if capability.host_root {
                Severity::Error
            } else {
                Severity::Warning
            };
            sink.report_as(
                severity,
                node.span,
                format!(
                    "service {} adds the capability {}, which {}",
                    service.name, capability.name, capability.allows
                ),
                Some(
                    "remove it, or add only the narrower capability the service needs".to_string(),
                ),
            );
        }
    }
}
