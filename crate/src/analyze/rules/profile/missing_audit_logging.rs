//! `missing-audit-logging`: a service that discards its logs or turns its (audit) logging
//! off, in a project whose profile lists SOC 2, HIPAA, PCI DSS or ISO 27001.

use super::support::{Asks, framework_names, is_off, words};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::rules::support::is_unresolved;
use crate::analyze::{Context, Sink};
use crate::recommend::Compliance;
use crate::report::{Category, Severity};

/// SOC 2, HIPAA, PCI DSS or ISO 27001 in the profile's `compliance`: each asks for access
/// logs and an audit trail (ISO 27001 in its logging control, A.8.15).
pub const ASKS: Asks = Asks::Compliance(&[
    Compliance::Soc2,
    Compliance::Hipaa,
    Compliance::PciDss,
    Compliance::Iso27001,
]);

pub const RULE: Rule = Rule {
    id: "missing-audit-logging",
    category: Category::Compliance,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A service discards its logs (`logging: driver: none`) or turns its audit or \
                  application logging off, and the profile's `compliance` lists `soc2`, \
                  `hipaa`, `pci-dss` or `iso27001`.",
        why: "Runs only when the profile's `compliance` lists `soc2`, `hipaa`, `pci-dss` or \
              `iso27001`. Each asks for a record of who accessed what and when, kept for an \
              audit period. A container whose logging driver is `none` leaves nothing for \
              the platform to collect, and an application told to log nothing leaves no \
              trail to reconstruct an incident from.",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    logging:\n      driver: none\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    logging:\n      driver: json-file\n      options:\n        max-size: 10m\n",
        fix: "Drop `driver: none` (the platform collects a container's standard output), or \
              send the logs to a collector that keeps them for the audit period (fluentd, \
              syslog, awslogs, gcplogs); remove the setting that turns audit or application \
              logging off.",
        limitations: "The rule is conservative: it reports only what discards logs for \
                      certain, the `none` driver and variables that turn audit logging \
                      (`*AUDIT*_ENABLED=false`) or all logging (`LOG_LEVEL=off`, `silent`, \
                      `none`) off. It cannot tell whether the application logs its API \
                      requests at all, nor where the platform ships logs or for how long it \
                      keeps them; the engine's default driver, set on the host, is not seen.",
    },
};

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    let asked = ASKS.frameworks(context.profile);
    if asked.is_empty() {
        return;
    }
    let help = Some(format!(
        "keep the logs ({} asks for an audit trail): let the platform collect standard \
         output, or send them to a collector that keeps them for the audit period",
        framework_names(&asked)
    ));

    for service in context.project.enabled_services() {
        let driver = service.node.get("logging").and_then(|l| l.get("driver"));
        if let Some(driver) = driver.filter(|d| d.as_str() == Some("none") && !is_unresolved(d)) {
            sink.report(
                driver.span,
                format!(
                    "service {} discards its logs (logging driver none)",
                    service.name
                ),
                help.clone(),
            );
        }

        for var in &service.environment {
            let Some(value) = var.value.as_ref().filter(|v| !v.unresolved) else {
                continue;
            };
            let what = if turns_audit_off(&var.name, &value.value) {
                "audit logging"
            } else if turns_logging_off(&var.name, &value.value) {
                "its logging"
            } else {
                continue;
            };
            sink.report(
                var.span,
                format!(
                    "service {} turns {what} off: {}={}",
                    service.name,
                    var.name,
                    value.value.trim()
                ),
                help.clone(),
            );
        }
    }
}

/// `AUDIT_LOG_ENABLED=false`, `KEYCLOAK_AUDIT=off`: a switch for audit logging, set off.
fn turns_audit_off(name: &str, value: &str) -> bool {
    let words = words(name);
    let about_audit = words.iter().any(|w| w.contains("AUDIT"));
    let is_switch = words.last().is_some_and(|last| {
        last.ends_with("ENABLED")
            || last.ends_with("ENABLE")
            || last.contains("AUDIT")
            || matches!(last.as_str(), "LOG" | "LOGS" | "LOGGING")
    });
    about_audit && is_switch && is_off(value)
}

/// `LOG_LEVEL=off`, `N8N_LOG_LEVEL=silent`: a log level that logs nothing.
fn turns_logging_off(name: &str, value: &str) -> bool {
    let words = words(name);
    let is_level = match words.as_slice() {
        [.., before, last] => {
            last.ends_with("LOGLEVEL") || (last == "LEVEL" && before.ends_with("LOG"))
        }
        [last] => last.ends_with("LOGLEVEL"),
        [] => false,
    };
    is_level
        && matches!(
            value.trim().to_ascii_lowercase().as_str(),
            "off" | "none" | "silent" | "disabled" | "disable"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_switches() {
        assert!(turns_audit_off("AUDIT_LOG_ENABLED", "false"));
        assert!(turns_audit_off(
            "MM_EXPERIMENTALAUDITSETTINGS_FILEENABLED",
            "false"
        ));
        assert!(turns_audit_off("APP_AUDIT", "off"));
        assert!(!turns_audit_off("AUDIT_LOG_ENABLED", "true"));
        assert!(!turns_audit_off("AUDIT_LOG_MAXSIZE", "0"));
        assert!(!turns_audit_off("LOG_ENABLED", "false"));
    }

    #[test]
    fn log_levels_that_log_nothing() {
        assert!(turns_logging_off("LOG_LEVEL", "off"));
        assert!(turns_logging_off("N8N_LOG_LEVEL", "silent"));
        assert!(turns_logging_off("LOGLEVEL", "NONE"));
        assert!(!turns_logging_off("LOG_LEVEL", "warn"));
        assert!(!turns_logging_off("LEVEL", "off"));
    }
}
