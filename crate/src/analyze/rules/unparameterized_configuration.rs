//! `unparameterized-configuration`: a setting that differs from one deployment to the
//! next, written into the file as a literal: the version tag of the team's own image, or
//! an environment value that names a host outside the project.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;

use super::hardcoded_secret::is_secret_name;
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::{Context, Sink, is_public, parse_image};
use crate::compose::{EnvVar, Project, Service, Text};
use crate::recommend::catalogue;
use crate::report::{Category, Severity};
use crate::yaml::Node;

pub const RULE: Rule = Rule {
    id: "unparameterized-configuration",
    category: Category::Readiness,
    severity: Severity::Info,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "The version tag of the team's own image, or an environment value naming a host outside the project, is written as a literal.",
        why: "A product on a control plane runs one deployment per tenant, and each is \
              created from the same file. A literal tag means a new release needs a new \
              file, and tenants cannot be upgraded one at a time; a literal external host \
              (a mail server, an API endpoint) is the same for every tenant, though each \
              tenant's deployment usually needs its own. A `${NAME:-default}` variable keeps \
              today's value as the default and lets each deployment set its own.",
        bad: "services:\n  api:\n    image: mycompany/api:1.2.3\n    environment:\n      SMTP_HOST: smtp.example.com\n",
        good: "services:\n  api:\n    image: mycompany/api:${API_VERSION:-1.2.3}\n    environment:\n      SMTP_HOST: ${SMTP_HOST:-smtp.example.com}\n",
        fix: "Write the value as a variable whose default is the current value: \
              `image: mycompany/api:${API_VERSION:-1.2.3}`, \
              `SMTP_HOST: ${SMTP_HOST:-smtp.example.com}`.",
        limitations: "Only two kinds of value are judged. An image's tag counts when the image \
                      is the team's own (not from a publisher the image inventory knows as \
                      public, nor a well-known database, cache or queue; built here, unless \
                      it is named as a publisher's image such as `grafana/grafana`) and the \
                      tag names a version; a tag that is missing or `latest` is left \
                      to `unpinned-image`, a digest is taken as deliberate. An environment \
                      value counts when it is a URL, or a value of a variable named for a \
                      host (`*_HOST`, `*_SERVER`, `*_ADDRESS`, `*_ENDPOINT`, `*_DOMAIN`, ...), \
                      that names a domain name or an IP address which is not a service, \
                      container name, host name, link or network alias of the project, nor \
                      `localhost`, a loopback or an any-address. Single-label names, \
                      `*.local` and `*.docker.internal` are not reported. Numbers such as pool \
                      sizes and limits are not judged: the platform's parameter tiers keep \
                      tuning values hard-coded until a customer needs to change them. A \
                      public image the inventory does not know may be taken for the team's \
                      own; suppress the finding.",
    },
};

/// Last words of a variable's name that say its value is a host.
const HOST_WORDS: &[&str] = &[
    "HOST", "HOSTS", "HOSTNAME", "SERVER", "SERVERS", "ADDR", "ADDRESS", "ENDPOINT", "DOMAIN",
    "FQDN",
];

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    let custom: HashMap<&str, bool> = context
        .inventory
        .iter()
        .map(|image| (image.service.as_str(), image.custom))
        .collect();
    let internal = internal_names(context.project);

    for service in context.project.enabled_services() {
        let own = custom.get(service.name.as_str()).copied().unwrap_or(false);
        if let Some(image) = service.image.as_ref().filter(|_| own) {
            if service.build.is_none() || !publicly_named(service) {
                check_tag(sink, service, image);
            }
        }
        for var in &service.environment {
            check_variable(sink, service, var, &internal);
        }
    }
}

/// Whether a service that builds its image names it as a public publisher's image
/// (`grafana/grafana:7.5.16` built with local additions): its tag is the upstream's
/// release, not the team's. A name without a namespace (`api:1.0`) is a local build's
/// name, not an official image.
fn publicly_named(service: &Service) -> bool {
    service.image.as_ref().is_some_and(|image| {
        let name = parse_image(&image.value);
        !name.repository.starts_with("library/") && is_public(&name)
    })
}

fn check_tag(sink: &mut Sink<'_>, service: &Service, image: &Text) {
    if image.unresolved || image.value.trim().is_empty() {
        return;
    }
    let name = parse_image(&image.value);
    let Some(tag) = name.tag.as_deref() else {
        return;
    };
    let versioned = tag.chars().any(|c| c.is_ascii_digit());
    if name.digest.is_some() || !versioned || catalogue::for_image(&name.repository).is_some() {
        return;
    }
    // the tag as written: a variable in it (or around the whole name) is a parameter
    let written = image.as_written();
    let masked = mask_variables(written);
    let written_tag = parse_image(&masked).tag;
    if written_tag.as_deref() != Some(tag) {
        return;
    }

    let prefix = written
        .strip_suffix(tag)
        .and_then(|rest| rest.strip_suffix(':'))
        .unwrap_or(written);
    let variable = format!("{}_VERSION", variable_name(&name.repository));
    sink.report(
        image.span,
        format!(
            "service {} runs image {} with its tag {tag} written in the file, so every deployment runs that version",
            service.name, image.value
        ),
        Some(format!(
            "make the tag a variable with today's tag as its default: {prefix}:${{{variable}:-{tag}}}"
        )),
    );
}

fn check_variable(
    sink: &mut Sink<'_>,
    service: &Service,
    var: &EnvVar,
    internal: &HashSet<String>,
) {
    let Some(value) = &var.value else {
        return;
    };
    if value.interpolated() || value.unresolved || value.as_written().contains('$') {
        return;
    }
    if is_secret_name(&var.name) {
        return;
    }
    let Some(found) = external_host(&var.name, &value.value, internal) else {
        return;
    };

    let (what, default) = match found.kind {
        Kind::Url => ("a URL on the host", "...".to_string()),
        Kind::Host => ("the host", value.value.trim().to_string()),
    };
    sink.report(
        var.span,
        format!(
            "service {} sets {} to {what} {}, which is outside the project and the same for every deployment",
            service.name, var.name, found.host
        ),
        Some(format!(
            "make it a variable each deployment can set, with today's value as its default: {0}: ${{{0}:-{default}}}",
            var.name
        )),
    );
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Url,
    Host,
}

struct External {
    host: String,
    kind: Kind,
}

/// The first host outside the project that a value names: in a URL (under any variable
/// name), or as the value of a variable named for a host. `None` also for a URL that
/// carries a password, which `hardcoded-secret` reports.
fn external_host(name: &str, value: &str, internal: &HashSet<String>) -> Option<External> {
    let host_named = name
        .to_ascii_uppercase()
        .rsplit(|c: char| !c.is_ascii_alphanumeric())
        .find(|w| !w.is_empty())
        .is_some_and(|last| HOST_WORDS.contains(&last));

    let mut found = None;
    for item in value
        .split([',', ' ', '\t', '\n'])
        .filter(|i| !i.is_empty())
    {
        let (authority, kind) = match url_authority(item) {
            Some(authority) => (authority, Kind::Url),
            None if host_named => (item, Kind::Host),
            None => continue,
        };
        // a URL's `user@`; outside a URL an `@` makes a mail address, not a host
        let host = match (kind, authority.rsplit_once('@')) {
            // `user:password@`: the secret is the finding
            (Kind::Url, Some((user, _))) if user.contains(':') => return None,
            (Kind::Url, Some((_, host))) => host,
            _ => authority,
        };
        let host = strip_port(host);
        if found.is_none() && is_external(host, internal) {
            found = Some(External {
                host: host.to_string(),
                kind,
            });
        }
    }
    found
}

/// The authority of `scheme://authority/...`, for a scheme of letters, digits, `+`, `-`, `.`.
fn url_authority(item: &str) -> Option<&str> {
    let (scheme, rest) = item.split_once("://")?;
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    rest.get(..end)
}

/// A host without its port; an IPv6 address without its brackets.
fn strip_port(host: &str) -> &str {
    if let Some(inner) = host.strip_prefix('[') {
        return inner.split(']').next().unwrap_or(inner);
    }
    match host.split_once(':') {
        // one colon: host:port; more: a bare IPv6 address
        Some((name, port)) if !port.contains(':') => name,
        _ => host,
    }
}

fn is_external(host: &str, internal: &HashSet<String>) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    if let Ok(ip) = host.parse::<IpAddr>() {
        return !(ip.is_loopback() || ip.is_unspecified());
    }
    let labels: Vec<&str> = host.split('.').collect();
    let Some(last) = labels.last() else {
        return false;
    };
    let well_formed = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && labels.iter().all(|l| !l.is_empty());
    // a domain name ends in a top-level domain of letters; a single label is a local name
    let domain =
        labels.len() >= 2 && last.len() >= 2 && last.chars().all(|c| c.is_ascii_alphabetic());
    let local = host == "localhost"
        || host.ends_with(".localhost")
        || host.ends_with(".local")
        || host.ends_with(".docker.internal");

    well_formed && domain && !local && !internal.contains(&host)
}

/// Every name a service of the project answers to: its name, container name, host name,
/// link aliases, network aliases, and the names `extra_hosts` maps.
fn internal_names(project: &Project) -> HashSet<String> {
    let mut names = HashSet::new();
    for service in &project.services {
        names.insert(service.name.to_ascii_lowercase());
        for key in ["container_name", "hostname"] {
            if let Some(name) = service.node.get(key).and_then(Node::as_str) {
                names.insert(name.to_ascii_lowercase());
            }
        }
        for key in ["links", "external_links"] {
            for (link, _) in super::support::string_items(service.node.get(key)) {
                names.extend(link.split(':').map(str::to_ascii_lowercase));
            }
        }
        let networks = service.node.get("networks").and_then(Node::as_map);
        for entry in networks.unwrap_or_default() {
            for (alias, _) in super::support::string_items(entry.value.get("aliases")) {
                names.insert(alias.to_ascii_lowercase());
            }
        }
        let extra_hosts = service.node.get("extra_hosts");
        let mapped: Vec<String> = match extra_hosts.map(|n| &n.value) {
            Some(crate::yaml::Value::Map(entries)) => entries
                .iter()
                .filter_map(|e| e.key.as_str().map(str::to_string))
                .collect(),
            _ => super::support::string_items(extra_hosts)
                .filter_map(|(item, _)| item.split([':', '=']).next().map(str::to_string))
                .collect(),
        };
        names.extend(mapped.iter().map(|n| n.to_ascii_lowercase()));
    }
    names
}

/// The text with every variable reference replaced by NUL: `${...}` (with nested braces)
/// and `$NAME`; `$$` is an escaped dollar and stays.
fn mask_variables(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('$') => {
                chars.next();
                out.push_str("$$");
            }
            Some('{') => {
                let mut depth = 0usize;
                for inner in chars.by_ref() {
                    match inner {
                        '{' => depth += 1,
                        '}' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                out.push('\0');
            }
            Some(next) if next.is_ascii_alphabetic() || *next == '_' => {
                while chars
                    .peek()
                    .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '_')
                {
                    chars.next();
                }
                out.push('\0');
            }
            _ => out.push(c),
        }
    }
    out
}

/// An environment variable name from an image repository's last component: `order-api`
/// gives `ORDER_API`.
fn variable_name(repository: &str) -> String {
    let last = repository.rsplit('/').next().unwrap_or(repository);
    let mut name: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables_are_masked_and_escapes_kept() {
        assert_eq!(mask_variables("acme/api:${TAG:-1.0}"), "acme/api:\0");
        assert_eq!(mask_variables("${R:-${S}}/api:1.0"), "\0/api:1.0");
        assert_eq!(mask_variables("$REG/api:1.0"), "\0/api:1.0");
        assert_eq!(mask_variables("a$$b:1"), "a$$b:1");
        assert_eq!(mask_variables("a:$"), "a:$");
        assert_eq!(mask_variables("a:${"), "a:\0");
    }

    #[test]
    fn hosts_inside_and_outside_the_project() {
        let internal: HashSet<String> = ["db", "redis-cache"].map(String::from).into();
        let ext = |name: &str, value: &str| external_host(name, value, &internal).map(|e| e.host);
        assert_eq!(
            ext("SMTP_HOST", "smtp.example.com:587").as_deref(),
            Some("smtp.example.com")
        );
        assert_eq!(
            ext("API", "https://api.example.com/v1?x=1").as_deref(),
            Some("api.example.com")
        );
        assert_eq!(ext("DB_HOST", "10.0.0.5").as_deref(), Some("10.0.0.5"));
        assert_eq!(
            ext("HOSTS", "http://db:9200,http://es.example.org:9200").as_deref(),
            Some("es.example.org")
        );
        assert_eq!(ext("DB_HOST", "db:5432"), None);
        assert_eq!(
            ext("DB_HOST", "db.internal-net"),
            None,
            "no top-level domain"
        );
        assert_eq!(
            ext("API_URL", "https://api.payments.example/v1").as_deref(),
            Some("api.payments.example"),
            "a service's name as the first label of a domain is not the service"
        );
        assert_eq!(ext("CACHE", "redis://redis-cache:6379"), None);
        assert_eq!(ext("URLS", "http://+:8000"), None);
        assert_eq!(ext("ORIGINS", "http://localhost:3000"), None);
        assert_eq!(ext("BIND_ADDRESS", "0.0.0.0"), None);
        assert_eq!(ext("REAL_IP_ADDRESS", "127.0.0.1"), None);
        assert_eq!(ext("V6_HOST", "[::1]:80"), None);
        assert_eq!(ext("DB_HOST", "mariadb"), None, "a single label");
        assert_eq!(ext("MAIL_ADDRESS", "admin@example.com"), None);
        assert_eq!(ext("LOKI", "http://host.docker.internal:3100"), None);
        assert_eq!(
            ext("SERVER_VERSION", "smtp.example.com"),
            None,
            "not a host name"
        );
        assert_eq!(ext("APP_SERVER", "1.2.3"), None);
        assert_eq!(
            ext("URL", "postgres://u:p@db.example.com/x"),
            None,
            "the secret is the finding"
        );
        assert_eq!(
            ext("URL", "ftp://user@files.example.com").as_deref(),
            Some("files.example.com")
        );
        assert_eq!(ext("JAVA_OPTS", "-Dx=http://a.example.com"), None);
        assert_eq!(ext("X", "://"), None);
        assert_eq!(ext("X_HOST", "a..b"), None);
    }

    #[test]
    fn variable_names_from_repositories() {
        assert_eq!(variable_name("mycompany/api"), "API");
        assert_eq!(variable_name("acme/order-service"), "ORDER_SERVICE");
        assert_eq!(variable_name("acme/3d"), "_3D");
    }
}
