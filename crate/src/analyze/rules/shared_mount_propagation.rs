//! `shared-mount-propagation`: a bind mount whose propagation is `shared` or `rshared`,
//! so mounts made inside the container appear on the host.

use super::support::is_unresolved;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::normalize::{MountKind, parse_volume};
use crate::report::{Category, Severity};
use crate::yaml::{Node, Span, Value};

pub const RULE: Rule = Rule {
    id: "shared-mount-propagation",
    category: Category::Security,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A bind mount uses `shared` or `rshared` propagation.",
        why: "With shared propagation a mount made inside the container (by a process with \
              `SYS_ADMIN`, or by a volume plugin) appears on the host and in every other \
              container that shares the path, so one container can change what the host \
              and other tenants see under that path.",
        bad: "services:\n  agent:\n    image: alpine:3.20\n    volumes:\n      - type: bind\n        source: ./data\n        target: /data\n        bind:\n          propagation: rshared\n",
        good: "services:\n  agent:\n    image: alpine:3.20\n    volumes:\n      - type: bind\n        source: ./data\n        target: /data\n",
        fix: "Remove the propagation setting (the default is `rprivate`); use `rslave` if the \
              container must see mounts the host makes, which does not send its own back.",
        limitations: "`slave` and `rslave` carry mounts only from the host into the container \
                      and are not reported. Storage drivers (CSI node plugins) need \
                      `rshared`; suppress the finding with the reason.",
    },
};

/// The options a short volume spec's last part may hold.
const MODES: &[&str] = &[
    "ro",
    "rw",
    "z",
    "Z",
    "shared",
    "rshared",
    "slave",
    "rslave",
    "private",
    "rprivate",
    "nocopy",
    "consistent",
    "cached",
    "delegated",
];

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        let items = service
            .node
            .get("volumes")
            .and_then(Node::as_seq)
            .unwrap_or_default();
        for item in items {
            let Some((propagation, span)) = shared_propagation(item) else {
                continue;
            };

            sink.report(
                span,
                format!(
                    "service {} binds {} with {propagation} propagation, so mounts made in \
                     the container reach the host",
                    service.name,
                    source(item).unwrap_or_else(|| "a host path".to_string())
                ),
                Some(
                    "remove the propagation setting, or use rslave to see the host's mounts \
                     without sending any back"
                        .to_string(),
                ),
            );
        }
    }
}

/// The shared propagation a bind mount item sets, and the span of the setting.
fn shared_propagation(item: &Node) -> Option<(&'static str, Span)> {
    if is_unresolved(item) {
        return None;
    }
    match &item.value {
        Value::Scalar(_) => {
            let spec = item.as_str()?;
            let mount = parse_volume(spec)?;
            let (_, last) = spec.rsplit_once(':')?;
            if mount.kind != MountKind::Bind || mount.target == last {
                return None;
            }
            let options: Vec<&str> = last.split(',').collect();
            if !options.iter().all(|o| MODES.contains(o)) {
                return None;
            }
            let shared = options
                .iter()
                .rev()
                .find_map(|o| ["shared", "rshared"].into_iter().find(|s| s == o))?;
            Some((shared, item.span))
        }
        Value::Map(_) => {
            if item.get("type").and_then(Node::as_str) != Some("bind") {
                return None;
            }
            let value = item.get("bind")?.get("propagation")?;
            match value.as_str()? {
                "shared" => Some(("shared", value.span)),
                "rshared" => Some(("rshared", value.span)),
                _ => None,
            }
        }
        Value::Seq(_) => None,
    }
}

fn source(item: &Node) -> Option<String> {
    match &item.value {
        Value::Map(_) => item
            .get("source")
            .and_then(Node::as_str)
            .map(str::to_string),
        _ => parse_volume(item.as_str()?)?.source,
    }
}
