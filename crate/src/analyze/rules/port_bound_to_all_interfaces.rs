//! `port-bound-to-all-interfaces`: a published port with no host address, or the
//! wildcard address, so every interface of the host answers it.

use super::support::unresolved_items;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::Port;
use crate::report::{Category, Severity};

pub const RULE: Rule = Rule {
    id: "port-bound-to-all-interfaces",
    category: Category::Security,
    severity: Severity::Info,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A port is published on every host interface (no host address, `0.0.0.0` or `::`).",
        why: "Without a host address the engine listens on every interface of the host, \
              public ones included, and Docker's own firewall rules let that traffic past a \
              host firewall such as ufw. A database or admin port published this way is \
              reachable by anyone who can reach the host.",
        bad: "services:\n  db:\n    image: postgres:16\n    ports:\n      - \"5432:5432\"\n",
        good: "services:\n  db:\n    image: postgres:16\n    ports:\n      - \"127.0.0.1:5432:5432\"\n",
        fix: "Give the address the port is meant for (`127.0.0.1:5432:5432`, or `host_ip` in \
              the long syntax), or drop the port and let other services reach it over the \
              project network; keep all interfaces only for a public entry point.",
        limitations: "`expose:` publishes nothing and is not read. A service with \
                      `network_mode: host` publishes no ports (its `ports` are ignored), so \
                      it is not reported here. A host address that comes from an unset \
                      variable is not judged. The platform may assign host ports itself; \
                      this rule reads only what the file asks for.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    for service in context.project.enabled_services() {
        if service
            .network_mode
            .as_ref()
            .is_some_and(|mode| mode.value == "host")
        {
            continue;
        }
        let placeholders = unresolved_items(service, "ports");
        for port in &service.ports {
            let Some(first) = port.mappings.first() else {
                continue;
            };
            let everywhere = match first.host_ip.as_deref() {
                None => true,
                Some(ip) => ip == "0.0.0.0" || ip == "::",
            };
            if !everywhere || placeholders.contains(&port.span) {
                continue;
            }

            sink.report(
                port.span,
                message(&service.name, port),
                Some(format!(
                    "bind it to the address it is for, for example \"127.0.0.1:{}\", unless it \
                     is a public entry point",
                    example(port)
                )),
            );
        }
    }
}

fn message(service: &str, port: &Port) -> String {
    let Some(first) = port.mappings.first() else {
        return format!("service {service} publishes a port on every host interface");
    };
    let written = port
        .short
        .clone()
        .unwrap_or_else(|| match &first.published {
            Some(published) => format!("{published}:{}/{}", first.target, first.protocol),
            None => format!("{}/{}", first.target, first.protocol),
        });
    match first.published {
        Some(_) => {
            format!("port {written} of service {service} is published on every host interface")
        }
        None => format!(
            "port {written} of service {service} is published on a random host port on every host interface"
        ),
    }
}

/// The mapping written with a loopback host address, for the help text.
fn example(port: &Port) -> String {
    let Some(first) = port.mappings.first() else {
        return String::new();
    };
    let target = match port.mappings.last() {
        Some(last) if last.target != first.target => format!("{}-{}", first.target, last.target),
        _ => first.target.to_string(),
    };
    let published = match (&first.published, port.mappings.last()) {
        (Some(start), Some(last)) if port.mappings.len() > 1 => {
            format!("{start}-{}", last.published.as_deref().unwrap_or(start))
        }
        (Some(published), _) => published.clone(),
        (None, _) => String::new(),
    };
    let protocol = if first.protocol == "tcp" {
        String::new()
    } else {
        format!("/{}", first.protocol)
    };
    format!("{published}:{target}{protocol}")
}
