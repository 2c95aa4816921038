//! `shared-tenancy-for-regulated-data`: a project that routes several tenants through one
//! deployment, when the profile lists HIPAA. Reported once per project.

use super::support::{Asks, and_list, is_database, is_off, is_on, technology, words};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink};
use crate::compose::EnvVar;
use crate::recommend::Compliance;
use crate::report::{Category, Severity};

/// HIPAA in the profile's `compliance`. The profile has no tenancy answer, so the tenancy
/// is read from the file.
pub const ASKS: Asks = Asks::Compliance(&[Compliance::Hipaa]);

pub const RULE: Rule = Rule {
    id: "shared-tenancy-for-regulated-data",
    category: Category::Compliance,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "The project routes several tenants through one deployment (tenant routing \
                  variables such as `TENANT_HEADER`, often with one database for all), and \
                  the profile's `compliance` lists `hipaa`.",
        why: "Runs only when the profile's `compliance` lists `hipaa`. HIPAA architectures \
              give each customer's PHI dedicated infrastructure: siloed tenancy, one isolated \
              deployment of the whole stack per customer, which the platform runs as one \
              instance per tenant. A shared deployment puts every customer's PHI behind one \
              security boundary, so one flaw in the tenant routing exposes all of them.",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    environment:\n      TENANT_HEADER: X-Tenant-ID\n  db:\n    image: postgres:16\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    environment:\n      TENANT_ID: ${TENANT_ID:?set TENANT_ID}\n  db:\n    image: postgres:16\n",
        fix: "Deploy one isolated instance of the whole stack per customer (siloed tenancy) \
              and drop the tenant routing; give the instance its own tenant as a parameter \
              if the code needs it. If no PHI passes through the shared tiers, record that \
              decision in the handoff and suppress the finding.",
        limitations: "The profile has no tenancy answer, so shared tenancy is inferred from \
                      the file: a variable whose name mentions tenants (`TENANT_HEADER`, \
                      `DEFAULT_TENANT`, `MULTI_TENANT=true`, `TENANCY_MODE=shared`), except \
                      identity-provider tenants (`AZURE_TENANT_ID`, `OS_TENANT_NAME`) and a \
                      single instance's own `TENANT_ID` or `TENANT_NAME`. `MULTI_TENANT=false` \
                      or `TENANCY=siloed` in any service silences the rule. Tenants told \
                      apart only in code, or by a variable with another name, are not seen. \
                      Only `compliance` drives the rule, not `domain`: a healthcare product \
                      that does not list HIPAA has not said it holds PHI.",
    },
};

/// What a variable says of the tenancy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tenancy {
    /// Several tenants share this deployment.
    Shared,
    /// This deployment serves one tenant.
    Single,
}

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    if ASKS.frameworks(context.profile).is_empty() {
        return;
    }

    let mut routing: Vec<(&str, &EnvVar)> = Vec::new();
    for service in context.project.enabled_services() {
        for var in &service.environment {
            let value = var
                .value
                .as_ref()
                .filter(|v| !v.unresolved)
                .map(|v| v.value.as_str());
            match tenancy(&var.name, value) {
                Some(Tenancy::Single) => return,
                Some(Tenancy::Shared) => routing.push((service.name.as_str(), var)),
                None => {}
            }
        }
    }
    let Some(&(_, first)) = routing.first() else {
        return;
    };

    let mut services: Vec<&str> = Vec::new();
    for (service, _) in &routing {
        if !services.contains(service) {
            services.push(service);
        }
    }
    let who = match services.as_slice() {
        [one] => format!("service {one} routes"),
        _ => format!("services {} route", and_list(&services)),
    };
    let databases: Vec<&str> = context
        .project
        .enabled_services()
        .filter(|s| technology(s).is_some_and(is_database))
        .map(|s| s.name.as_str())
        .collect();
    let shared = match databases.as_slice() {
        [one] => format!("and every tenant's data goes to the one database, {one}"),
        _ => "so tenants share one deployment".to_string(),
    };

    sink.report(
        first.span,
        format!(
            "{who} requests by tenant ({}), {shared}; HIPAA expects dedicated \
             infrastructure for PHI",
            first.name
        ),
        Some(
            "run one isolated instance of the whole stack per customer (siloed tenancy) and \
             drop the tenant routing, or record that no PHI passes through the shared tiers"
                .to_string(),
        ),
    );
}

/// Words that name an identity provider's tenant, not the product's.
const IDENTITY_PROVIDERS: &[&str] = &[
    "AZURE",
    "AAD",
    "ARM",
    "ENTRA",
    "MSAL",
    "MICROSOFT",
    "MS",
    "ADFS",
    "B2C",
    "O365",
    "OFFICE365",
    "SHAREPOINT",
    "GRAPH",
    "OS",
    "OPENSTACK",
    "KEYSTONE",
];

/// What a variable says of the tenancy, or `None` when it says nothing (or nothing that
/// can be read: a switch whose value is a placeholder).
fn tenancy(name: &str, value: Option<&str>) -> Option<Tenancy> {
    let words = words(name);
    let about_tenants = words
        .iter()
        .any(|w| w.starts_with("TENAN") || w.starts_with("MULTITENAN"));
    if !about_tenants
        || words
            .iter()
            .any(|w| IDENTITY_PROVIDERS.contains(&w.as_str()))
    {
        return None;
    }
    let value = value.map(|v| v.trim().to_ascii_lowercase());
    let value = value.as_deref();

    // MULTI_TENANT=true, MULTITENANCY=false
    let is_switch = words.iter().any(|w| w.starts_with("MULTITENAN"))
        || words
            .windows(2)
            .any(|pair| matches!(pair, [multi, tenant] if multi == "MULTI" && tenant.starts_with("TENAN")));
    if is_switch {
        return match value {
            Some(v) if is_on(v) => Some(Tenancy::Shared),
            Some(v) if is_off(v) => Some(Tenancy::Single),
            _ => None,
        };
    }

    // TENANCY=siloed, TENANT_MODE=shared
    let is_mode = words.last().is_some_and(|last| {
        last.starts_with("TENANCY")
            || matches!(last.as_str(), "MODE" | "MODEL" | "STRATEGY" | "ISOLATION")
    });
    if is_mode {
        return match value {
            Some("single" | "siloed" | "silo" | "dedicated" | "isolated" | "instance") => {
                Some(Tenancy::Single)
            }
            Some("shared" | "pooled" | "pool" | "multi" | "multi-tenant" | "row" | "schema") => {
                Some(Tenancy::Shared)
            }
            _ => None,
        };
    }

    // TENANT_ID: the one tenant a siloed instance serves
    let own_identity = matches!(
        words
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice(),
        ["TENANT" | "TENANTID" | "TENANTNAME"] | ["TENANT", "ID" | "NAME" | "SLUG" | "KEY"]
    );
    if own_identity {
        return None;
    }
    Some(Tenancy::Shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenancy_from_variables() {
        assert_eq!(
            tenancy("TENANT_HEADER", Some("X-Tenant-ID")),
            Some(Tenancy::Shared)
        );
        assert_eq!(
            tenancy("DEFAULT_TENANT", Some("public")),
            Some(Tenancy::Shared)
        );
        assert_eq!(tenancy("MULTI_TENANT", Some("true")), Some(Tenancy::Shared));
        assert_eq!(
            tenancy("MULTITENANCY_ENABLED", Some("false")),
            Some(Tenancy::Single)
        );
        assert_eq!(tenancy("MULTI_TENANT", None), None);
        assert_eq!(tenancy("TENANCY", Some("siloed")), Some(Tenancy::Single));
        assert_eq!(
            tenancy("TENANT_MODE", Some("shared")),
            Some(Tenancy::Shared)
        );
        assert_eq!(tenancy("TENANCY_MODE", Some("other")), None);
        assert_eq!(tenancy("TENANT_ID", Some("acme")), None);
        assert_eq!(tenancy("AZURE_TENANT_ID", Some("0000")), None);
        assert_eq!(tenancy("OS_TENANT_NAME", Some("demo")), None);
        assert_eq!(tenancy("MAINTENANCE_MODE", Some("shared")), None);
        assert_eq!(tenancy("DB_HOST", Some("db")), None);
    }
}
