//! The pre-handoff checklist: every item of the solutions architect's list, in its order,
//! decided from the files where they can decide it, and otherwise left as the question to
//! ask, with the facts that bear on it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::Hash;

use super::loader;
use super::parse_image;
use super::rules::hardcoded_secret::is_secret_name;
use crate::compose::normalize::MountKind;
use crate::compose::{HealthTest, Mount, ProblemKind, Project, Service, Text};
use crate::recommend::catalogue::{self, Kind, Technology};
use crate::report::{Category, ChecklistItem, ChecklistStatus, Finding, ImageRef, Severity};
use crate::source::SourceFile;
use crate::yaml::{Node, Span, Value};

/// How many facts of one kind an item lists before it says how many more there are.
const MAX_LISTED: usize = 6;

/// One item of the checklist: its id, its wording, and how it is decided.
struct Item {
    id: &'static str,
    text: &'static str,
    /// Whether the item is about the services, so that a project without any fails it.
    about_services: bool,
    decide: fn(&Facts<'_>) -> Verdict,
}

/// The checklist, in the seed's order.
static ITEMS: &[Item] = &[
    Item {
        id: "compose-up",
        text: "Compose spec runs successfully with docker-compose up",
        about_services: false,
        decide: compose_up,
    },
    Item {
        id: "start-order",
        text: "All services start in correct order (depends_on)",
        about_services: true,
        decide: start_order,
    },
    Item {
        id: "health-checks",
        text: "Health checks pass",
        about_services: true,
        decide: health_checks,
    },
    Item {
        id: "inter-service-communication",
        text: "Inter-service communication works",
        about_services: true,
        decide: communication,
    },
    Item {
        id: "database-migrations",
        text: "Database migrations run successfully",
        about_services: false,
        decide: migrations,
    },
    Item {
        id: "image-references",
        text: "All services have image: references (no build: contexts remain)",
        about_services: true,
        decide: image_references,
    },
    Item {
        id: "images-pushed",
        text: "Container images pushed to registry (customer completed this)",
        about_services: true,
        decide: images_pushed,
    },
    Item {
        id: "registry-information",
        text: "Registry information documented (which images, which registries, public/private)",
        about_services: true,
        decide: registry_information,
    },
    Item {
        id: "environment-parameterized",
        text: "Environment variables parameterized",
        about_services: true,
        decide: environment,
    },
    Item {
        id: "resource-limits",
        text: "Resource limits documented",
        about_services: true,
        decide: resource_limits,
    },
    Item {
        id: "volumes-defined",
        text: "Volumes clearly defined",
        about_services: true,
        decide: volumes,
    },
    Item {
        id: "service-architecture",
        text: "Multi-service architecture decision finalized (single vs multi-service)",
        about_services: false,
        decide: service_architecture,
    },
    Item {
        id: "tenancy-model",
        text: "Tenancy model documented (shared, siloed, hybrid)",
        about_services: false,
        decide: tenancy,
    },
    Item {
        id: "deployment-model",
        text: "Deployment model preferences noted (SaaS, BYOC, etc.)",
        about_services: false,
        decide: deployment_model,
    },
    Item {
        id: "sla-requirements",
        text: "SLA requirements documented",
        about_services: false,
        decide: sla,
    },
    Item {
        id: "compliance-requirements",
        text: "Compliance requirements noted",
        about_services: false,
        decide: compliance,
    },
];

/// Every item of the pre-handoff checklist, in order, for a loaded project, the files it
/// came from (for positions), the findings left after suppression, and the image inventory.
///
/// An item that states a fact about the files (build contexts, limits, volumes, dependency
/// conditions) is read from the project; one that needs a rule's judgement (errors that stop
/// Compose, hard-coded secrets, missing health checks) is read from the findings, so a
/// suppressed finding does not count. Evidence names services, variables, images and paths,
/// never a value from the environment.
pub fn checklist(
    project: &Project,
    files: &[SourceFile],
    findings: &[Finding],
    inventory: &[ImageRef],
) -> Vec<ChecklistItem> {
    let facts = Facts::new(project, files, findings, inventory);

    ITEMS
        .iter()
        .map(|item| {
            let verdict = if item.about_services && facts.services.is_empty() {
                no_services(&facts)
            } else {
                (item.decide)(&facts)
            };
            let mut evidence = verdict.evidence;
            if evidence.is_empty() {
                evidence.push("nothing in the files bears on this item".to_string());
            }
            let mut rules: Vec<String> = Vec::new();
            for rule in verdict.rules {
                if !rules.contains(&rule) {
                    rules.push(rule);
                }
            }
            ChecklistItem {
                id: item.id.to_string(),
                text: item.text.to_string(),
                status: verdict.status,
                evidence,
                rules,
            }
        })
        .collect()
}

/// Where an item stands, why, and which rules' findings decided it.
struct Verdict {
    status: ChecklistStatus,
    evidence: Vec<String>,
    rules: Vec<String>,
}

impl Verdict {
    fn new(status: ChecklistStatus, evidence: Vec<String>) -> Self {
        Self {
            status,
            evidence,
            rules: Vec::new(),
        }
    }

    fn citing(mut self, findings: &[&Finding]) -> Self {
        self.rules.extend(findings.iter().map(|f| f.rule.clone()));
        self
    }
}

/// The worst status among several facts: a failure, then a question, then a pass.
fn worst(fails: bool, questions: bool) -> ChecklistStatus {
    if fails {
        ChecklistStatus::Fail
    } else if questions {
        ChecklistStatus::NeedsAnswer
    } else {
        ChecklistStatus::Pass
    }
}

/// What every item reads, gathered once.
struct Facts<'a> {
    project: &'a Project,
    files: &'a [SourceFile],
    findings: &'a [Finding],
    inventory: &'a [ImageRef],
    /// The enabled services, in file order.
    services: Vec<&'a Service>,
    /// The services that run once and exit: others wait for them to complete, or they are
    /// never restarted.
    one_shot: HashSet<&'a str>,
}

impl<'a> Facts<'a> {
    fn new(
        project: &'a Project,
        files: &'a [SourceFile],
        findings: &'a [Finding],
        inventory: &'a [ImageRef],
    ) -> Self {
        let services: Vec<&Service> = project.enabled_services().collect();
        let awaited: HashSet<&str> = services
            .iter()
            .flat_map(|s| s.depends_on.iter())
            .filter(|d| d.condition == "service_completed_successfully")
            .map(|d| d.service.as_str())
            .collect();
        let one_shot = services
            .iter()
            .filter(|s| awaited.contains(s.name.as_str()) || never_restarted(s))
            .map(|s| s.name.as_str())
            .collect();
        Self {
            project,
            files,
            findings,
            inventory,
            services,
            one_shot,
        }
    }

    /// The findings of these rules.
    fn of(&self, rules: &[&str]) -> Vec<&'a Finding> {
        self.findings
            .iter()
            .filter(|f| rules.contains(&f.rule.as_str()))
            .collect()
    }

    /// `path:line` of a span.
    fn at(&self, span: Span) -> String {
        match self.files.get(span.file) {
            Some(file) => format!("{}:{}", file.path, file.position(span.start).line),
            None => "an unknown file".to_string(),
        }
    }

    /// The enabled service with this name.
    fn enabled(&self, name: &str) -> Option<&'a Service> {
        self.project.service(name).filter(|s| s.enabled)
    }
}

/// A service the platform never restarts: a job that runs once (as is one that others
/// wait for to complete).
fn never_restarted(service: &Service) -> bool {
    service
        .node
        .get("deploy")
        .and_then(|d| d.get("restart_policy"))
        .and_then(|p| p.get("condition"))
        .and_then(Node::as_str)
        == Some("none")
}

/// Whether the file gives the service a health check that runs: its own test, or timings
/// that tune the image's test.
fn has_healthcheck(service: &Service) -> bool {
    match &service.healthcheck {
        None => false,
        Some(h) => match &h.test {
            Some(HealthTest::Disabled) => false,
            Some(_) => true,
            None => {
                h.interval.is_some()
                    || h.timeout.is_some()
                    || h.start_period.is_some()
                    || h.retries.is_some()
            }
        },
    }
}

/// The technology a service's image is, from the catalogue.
fn technology(service: &Service) -> Option<&'static Technology> {
    let image = service.image.as_ref()?;
    // an unset tag leaves the repository readable: `postgres:${VERSION}`
    let name = parse_image(shown(image));
    let repository = name.repository.split(':').next().unwrap_or("");
    catalogue::for_image(repository).filter(|_| !repository.contains('$'))
}

/// A value as the user should see it: interpolated, or as written where an unset variable
/// left it a placeholder.
fn shown(text: &Text) -> &str {
    if text.unresolved {
        text.as_written()
    } else {
        &text.value
    }
}

/// A technology that keeps data the service must not lose.
fn is_stateful(technology: &Technology) -> bool {
    !matches!(technology.kind, Kind::Framework | Kind::Proxy | Kind::Cache)
        && technology.data_path.is_some()
}

/// A database whose schema an application migrates (a metrics store is not one).
fn is_database(technology: &Technology) -> bool {
    matches!(
        technology.kind,
        Kind::Relational | Kind::Document | Kind::TimeSeries | Kind::Graph
    ) && technology.id != "prometheus"
}

/// Findings as evidence: one line per message (prefixed with its rule id when asked),
/// with every place it is found, in the order first found.
fn cite(findings: &[&Finding], with_rule: bool) -> Vec<String> {
    let mut cited: Groups<String, (&str, u32)> = Groups::new();
    for finding in findings {
        let text = if with_rule {
            format!("{}: {}", finding.rule, finding.message)
        } else {
            finding.message.clone()
        };
        cited.add(text, (finding.file.as_str(), finding.start.line));
    }

    cited
        .entries
        .into_iter()
        .map(|(text, places)| {
            let mut written = String::new();
            let mut file = None;
            for (path, line) in places {
                if !written.is_empty() {
                    written.push_str(", ");
                }
                if file == Some(path) {
                    written.push_str(&line.to_string());
                } else {
                    written.push_str(&format!("{path}:{line}"));
                    file = Some(path);
                }
            }
            format!("{text} ({written})")
        })
        .collect()
}

/// Values gathered under keys (services under the image they share, say), in the order
/// the keys first appear; a look-up per value keeps large projects cheap.
struct Groups<K, V> {
    entries: Vec<(K, Vec<V>)>,
    index: HashMap<K, usize>,
}

impl<K: Clone + Eq + Hash, V> Groups<K, V> {
    fn new() -> Self {
        Self {
            entries: Vec::new(),
            index: HashMap::new(),
        }
    }

    fn add(&mut self, key: K, value: V) {
        if let Some(&at) = self.index.get(&key) {
            if let Some((_, values)) = self.entries.get_mut(at) {
                values.push(value);
                return;
            }
        }
        self.index.insert(key.clone(), self.entries.len());
        self.entries.push((key, vec![value]));
    }

    fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn len(&self) -> usize {
        self.entries.len()
    }
}

/// Each key with the services that share it: `postgres:16 (db, db-replica)`.
fn grouped(groups: &Groups<String, &str>) -> Vec<String> {
    groups
        .entries
        .iter()
        .map(|(key, services)| format!("{key} ({})", names(services)))
        .collect()
}

/// Up to [`MAX_LISTED`] facts, then how many more there are.
fn capped(mut lines: Vec<String>) -> Vec<String> {
    if lines.len() > MAX_LISTED {
        let more = lines.len() - MAX_LISTED;
        lines.truncate(MAX_LISTED);
        lines.push(format!("... and {more} more"));
    }
    lines
}

/// Names joined with commas, the first [`MAX_LISTED`] of them, then how many more.
fn names<S: AsRef<str>>(items: &[S]) -> String {
    let mut listed: Vec<&str> = items.iter().take(MAX_LISTED).map(AsRef::as_ref).collect();
    let more = items.len().saturating_sub(MAX_LISTED);
    let more = (more > 0).then(|| format!("{more} more"));
    listed.extend(more.as_deref());
    listed.join(", ")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn no_services(facts: &Facts<'_>) -> Verdict {
    let disabled: Vec<&str> = facts
        .project
        .services
        .iter()
        .filter(|s| !s.enabled)
        .map(|s| s.name.as_str())
        .collect();
    let evidence = if disabled.is_empty() {
        "the project defines no service".to_string()
    } else {
        format!(
            "the project has no enabled service: the active profiles disable {}",
            names(&disabled)
        )
    };
    Verdict::new(ChecklistStatus::Fail, vec![evidence])
}

// ---------------------------------------------------------------------------------------
// Compose spec runs successfully with docker-compose up

/// Whether a finding is a problem that makes Compose refuse to load or start the project.
/// A required variable is not one: whoever deploys supplies it.
fn stops_compose(finding: &Finding) -> bool {
    let fatal_loader_problem = loader::ALL.iter().any(|&kind| {
        kind.is_fatal()
            && kind != ProblemKind::RequiredVariable
            && loader::identity(kind).0 == finding.rule
    });
    let error_in_loading = finding.severity == Severity::Error
        && matches!(
            finding.category,
            Category::Syntax | Category::Schema | Category::Reference | Category::Interpolation
        );
    // Compose loads these, and fails when it starts the services
    let fails_at_start = matches!(
        finding.rule.as_str(),
        "port-conflict" | "invalid-image-reference"
    );
    fatal_loader_problem || error_in_loading || fails_at_start
}

fn compose_up(facts: &Facts<'_>) -> Verdict {
    let stopping: Vec<&Finding> = facts.findings.iter().filter(|f| stops_compose(f)).collect();
    let variables = facts.of(&["required-variable", "unset-variable"]);

    if !stopping.is_empty() {
        let mut evidence = vec![format!(
            "{} stop Compose from loading or starting the project",
            plural(stopping.len(), "problem would", "problems would")
        )];
        evidence.extend(capped(cite(&stopping, true)));
        evidence.push("fix them, then run docker compose up to confirm".to_string());
        return Verdict::new(ChecklistStatus::Fail, evidence).citing(&stopping);
    }

    let compose_files: Vec<&str> = facts
        .files
        .iter()
        .filter(|f| !f.is_env_file())
        .map(|f| f.path.as_str())
        .collect();
    let mut evidence = vec![format!(
        "no syntax, schema, reference or interpolation error in {}",
        names(&compose_files)
    )];
    let variables_cited = cite(&variables, false);
    if !variables_cited.is_empty() {
        evidence.push(format!(
            "set {} before running it:",
            plural(variables_cited.len(), "variable", "variables")
        ));
        evidence.extend(capped(variables_cited));
    }
    evidence.push(
        "only running it proves it: did docker compose up start every service and keep it \
         running?"
            .to_string(),
    );
    Verdict::new(ChecklistStatus::NeedsAnswer, evidence).citing(&variables)
}

// ---------------------------------------------------------------------------------------
// All services start in correct order (depends_on)

fn start_order(facts: &Facts<'_>) -> Verdict {
    let broken = facts.of(&[
        "dependency-cycle",
        "undefined-service",
        "dependency-disabled-by-profile",
    ]);
    let mut fails = cite(&broken, false);
    let mut questions = Vec::new();
    let mut ready = Vec::new();

    for service in &facts.services {
        for dependency in &service.depends_on {
            // an undefined or disabled dependency is the loader's finding
            let Some(target) = facts.enabled(&dependency.service) else {
                continue;
            };
            let at = facts.at(dependency.span);
            let (from, to, condition) = (&service.name, &target.name, &dependency.condition);
            let one_shot = facts.one_shot.contains(target.name.as_str());

            match condition.as_str() {
                "service_completed_successfully" => {
                    ready.push(format!("{from} waits for {to} to complete"));
                }
                "service_healthy" if has_healthcheck(target) => {
                    ready.push(format!("{from} waits for {to} to be healthy"));
                }
                "service_healthy" => questions.push(format!(
                    "{from} waits for {to} to be healthy ({at}), but the file gives {to} no \
                     health check: confirm its image defines one, or docker compose up fails"
                )),
                _ if one_shot => fails.push(format!(
                    "{from} waits only for {to} to start, not to finish ({at}): {to} runs once; \
                     use condition: service_completed_successfully"
                )),
                _ if has_healthcheck(target) => fails.push(format!(
                    "{from} waits only for {to} to start ({at}), though {to} has a health \
                     check: use condition: service_healthy"
                )),
                _ => questions.push(format!(
                    "{from} waits only for {to} to start ({condition}, {at}); {to} has no \
                     health check to wait for: add one and use service_healthy, or confirm \
                     {from} retries until {to} is ready"
                )),
            }
        }
    }

    let status = worst(!fails.is_empty(), !questions.is_empty());
    let mut evidence = capped(fails);
    evidence.extend(capped(questions));
    if status == ChecklistStatus::Pass {
        if ready.is_empty() && facts.services.len() > 1 {
            let evidence = vec![format!(
                "no service declares depends_on: confirm the {} services work in any start \
                 order (each retries its connections until the others are up)",
                facts.services.len()
            )];
            return Verdict::new(ChecklistStatus::NeedsAnswer, evidence);
        }
        if ready.is_empty() {
            evidence.push("one service, nothing to order".to_string());
        } else {
            evidence.push("every dependency waits for readiness:".to_string());
            evidence.extend(capped(ready));
        }
    }
    Verdict::new(status, evidence).citing(&broken)
}

// ---------------------------------------------------------------------------------------
// Health checks pass

fn health_checks(facts: &Facts<'_>) -> Verdict {
    let missing = facts.of(&["missing-healthcheck"]);
    let broken = facts.of(&["healthcheck-cmd-misuse"]);

    if !missing.is_empty() || !broken.is_empty() {
        let mut evidence = Vec::new();
        if !missing.is_empty() {
            evidence.push(format!(
                "{} no health check",
                plural(missing.len(), "service has", "services have")
            ));
            evidence.extend(capped(cite(&missing, false)));
        }
        if !broken.is_empty() {
            evidence.push(format!(
                "{} cannot pass as written",
                plural(broken.len(), "health check", "health checks")
            ));
            evidence.extend(capped(cite(&broken, false)));
        }
        return Verdict::new(ChecklistStatus::Fail, evidence)
            .citing(&missing)
            .citing(&broken);
    }

    let defined: Vec<&str> = facts
        .services
        .iter()
        .filter(|s| has_healthcheck(s))
        .map(|s| s.name.as_str())
        .collect();
    let (one_shot, unchecked): (Vec<&str>, Vec<&str>) = facts
        .services
        .iter()
        .filter(|s| !has_healthcheck(s))
        .map(|s| s.name.as_str())
        .partition(|name| facts.one_shot.contains(name));

    let mut evidence = Vec::new();
    if !defined.is_empty() {
        evidence.push(format!(
            "health checks defined for {} of {} services: {}",
            defined.len(),
            facts.services.len(),
            names(&defined)
        ));
    }
    if !one_shot.is_empty() {
        evidence.push(format!(
            "one-shot jobs, not expected to have one: {}",
            names(&one_shot)
        ));
    }
    if !unchecked.is_empty() {
        evidence.push(format!(
            "no health check, its finding suppressed: {}",
            names(&unchecked)
        ));
    }
    evidence.push(
        "a defined check is not a passing one: did docker compose ps show every service \
         healthy after start-up?"
            .to_string(),
    );
    Verdict::new(ChecklistStatus::NeedsAnswer, evidence)
}

// ---------------------------------------------------------------------------------------
// Inter-service communication works

/// A service that names another as a host, and the variables that do.
struct Connection<'a> {
    from: &'a Service,
    to: &'a Service,
    via: Vec<String>,
}

/// Every place a service names another enabled service as a host: in an environment
/// value that holds an address, or in `links`.
fn connections<'a>(facts: &Facts<'a>) -> Vec<Connection<'a>> {
    let by_host: HashMap<String, &'a Service> = facts
        .services
        .iter()
        .map(|s| (s.name.to_ascii_lowercase(), *s))
        .collect();
    let mut found: Groups<(&'a str, &'a str), String> = Groups::new();

    for &service in &facts.services {
        for var in &service.environment {
            let Some(value) = &var.value else {
                continue;
            };
            for host in hosts(&value.value, &var.name) {
                match by_host.get(&host.to_ascii_lowercase()) {
                    Some(target) if target.name != service.name => {
                        found.add((&service.name, &target.name), var.name.clone());
                    }
                    _ => {}
                }
            }
        }
        for link in &service.links {
            if let Some(target) = facts.enabled(&link.name) {
                found.add((&service.name, &target.name), "links".to_string());
            }
        }
    }

    found
        .entries
        .into_iter()
        .filter_map(|((from, to), mut via)| {
            let mut seen = HashSet::new();
            via.retain(|v| seen.insert(v.clone()));
            Some(Connection {
                from: facts.enabled(from)?,
                to: facts.enabled(to)?,
                via,
            })
        })
        .collect()
}

/// The hosts a value names: the host of each URL (`scheme://user:pass@host:port/...`),
/// each `host:port` in a list, or the whole value when the variable's name says it holds
/// a host (`DB_HOST=db`).
fn hosts(value: &str, variable: &str) -> Vec<String> {
    let mut found = Vec::new();
    let value = value.trim();

    if value.contains("://") {
        for (at, _) in value.match_indices("://") {
            let rest = value.get(at + 3..).unwrap_or("");
            let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
            let hosts = authority.rsplit('@').next().unwrap_or(authority);
            found.extend(hosts.split(',').map(without_port));
        }
    } else {
        for item in value.split([',', ' ', ';']) {
            match item.rsplit_once(':') {
                Some((host, port))
                    if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) =>
                {
                    found.push(host.to_string());
                }
                _ => {}
            }
        }
        let upper = variable.to_ascii_uppercase();
        let names_a_host = ["HOST", "SERVER", "ADDR", "ENDPOINT", "BROKER"]
            .iter()
            .any(|word| upper.contains(word));
        if names_a_host && found.is_empty() && !value.contains([' ', ',', ':', '/']) {
            found.push(value.to_string());
        }
    }
    found.retain(|h| !h.is_empty());
    found
}

fn without_port(host: &str) -> String {
    match host.rsplit_once(':') {
        Some((name, port)) if port.chars().all(|c| c.is_ascii_digit()) => name.to_string(),
        _ => host.to_string(),
    }
}

/// The networks a service joins, when Compose puts it on networks at all: `default` when
/// it names none, `None` for a `network_mode`, which leaves the question to the engine.
fn networks(service: &Service) -> Option<BTreeSet<&str>> {
    if service.network_mode.is_some() {
        return None;
    }
    if service.networks.is_empty() {
        return Some(BTreeSet::from(["default"]));
    }
    Some(service.networks.iter().map(|n| n.name.as_str()).collect())
}

fn communication(facts: &Facts<'_>) -> Verdict {
    let connections = connections(facts);

    let mut fails = Vec::new();
    let mut reaches: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for connection in &connections {
        let (from, to) = (&connection.from.name, &connection.to.name);
        reaches
            .entry(from.as_str())
            .or_default()
            .push(format!("{to} ({})", connection.via.join(", ")));
        if let (Some(a), Some(b)) = (networks(connection.from), networks(connection.to)) {
            if a.is_disjoint(&b) {
                let a: Vec<&str> = a.into_iter().collect();
                let b: Vec<&str> = b.into_iter().collect();
                fails.push(format!(
                    "{from} names {to} as a host ({}) but they share no network: {from} is on \
                     {}, {to} on {} ({})",
                    connection.via.join(", "),
                    names(&a),
                    names(&b),
                    facts.at(connection.from.span)
                ));
            }
        }
    }

    let mut evidence = capped(fails.clone());
    if reaches.is_empty() {
        evidence.push(
            "no service names another as a host in its environment or links; the addresses \
             may be in config files or code"
                .to_string(),
        );
    } else {
        evidence.extend(capped(
            reaches
                .iter()
                .map(|(from, to)| format!("{from} reaches {}", names(to)))
                .collect(),
        ));
    }
    let published: Vec<String> = facts
        .services
        .iter()
        .flat_map(|s| {
            s.ports.iter().flat_map(|p| {
                p.mappings.iter().map(|m| {
                    let protocol = if m.protocol == "tcp" {
                        String::new()
                    } else {
                        format!("/{}", m.protocol)
                    };
                    match &m.published {
                        Some(host) => format!("{} {host}:{}{protocol}", s.name, m.target),
                        None => format!("{} {}{protocol}", s.name, m.target),
                    }
                })
            })
        })
        .collect();
    if !published.is_empty() {
        evidence.push(format!("published ports: {}", names(&published)));
    }
    if fails.is_empty() {
        evidence.push(
            "with the stack running, did each service reach the ones it uses (its logs show \
             the connections, and requests through the published ports succeed)?"
                .to_string(),
        );
    }
    let status = worst(!fails.is_empty(), true);
    Verdict::new(status, evidence)
}

// ---------------------------------------------------------------------------------------
// Database migrations run successfully

/// Words that mark a migration job, in a service's name, image or command.
const MIGRATION_WORDS: &[&str] = &[
    "migrat",
    "alembic",
    "flyway",
    "liquibase",
    "dbmate",
    "sqitch",
    "db upgrade",
    "auto-setup",
    "schema",
];

/// The word that makes a service look like a migration job, and where it is.
fn migration_word(service: &Service) -> Option<(&'static str, &'static str)> {
    let find = |text: &str| {
        let text = text.to_ascii_lowercase();
        MIGRATION_WORDS.iter().copied().find(|w| text.contains(w))
    };
    if let Some(word) = find(&service.name) {
        return Some(("name", word));
    }
    if let Some(word) = service.image.as_ref().and_then(|i| find(&i.value)) {
        return Some(("image", word));
    }
    ["command", "entrypoint"].into_iter().find_map(|key| {
        let words = service.node.get(key).map(scalar_words).unwrap_or_default();
        find(&words).map(|word| (key, word))
    })
}

/// The scalars of a string or a list, joined by spaces.
fn scalar_words(node: &Node) -> String {
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(Node::as_str)
            .collect::<Vec<_>>()
            .join(" "),
        _ => node.as_str().unwrap_or_default().to_string(),
    }
}

fn migrations(facts: &Facts<'_>) -> Verdict {
    let mut waiters: HashMap<&str, Vec<&str>> = HashMap::new();
    for service in &facts.services {
        for dependency in &service.depends_on {
            if dependency.condition == "service_completed_successfully" {
                let waiting = waiters.entry(dependency.service.as_str()).or_default();
                if !waiting.contains(&service.name.as_str()) {
                    waiting.push(&service.name);
                }
            }
        }
    }
    let mut evidence = Vec::new();

    for service in &facts.services {
        let Some((place, word)) = migration_word(service) else {
            continue;
        };
        let waiting = waiters
            .get(service.name.as_str())
            .map_or(&[][..], Vec::as_slice);
        let waits = match waiting {
            [] if facts.one_shot.contains(service.name.as_str()) => {
                "nothing waits for it to complete: give the services that need the schema \
                 depends_on it with condition: service_completed_successfully"
                    .to_string()
            }
            [] => "it keeps running, so no service can wait for it to finish: confirm the \
                   services that need the schema cope with starting first"
                .to_string(),
            [one] => format!("{one} waits for it to complete"),
            many => format!("{} wait for it to complete", names(many)),
        };
        evidence.push(format!(
            "{} looks like a migration job: its {place} mentions \"{word}\" ({}); {waits}",
            service.name,
            facts.at(service.span)
        ));
    }
    let databases: Vec<String> = facts
        .services
        .iter()
        .filter_map(|s| {
            technology(s)
                .filter(|t| is_database(t))
                .map(|t| format!("{} ({})", s.name, t.name))
        })
        .collect();
    if !databases.is_empty() {
        evidence.push(format!("databases: {}", names(&databases)));
    }
    if evidence.is_empty() {
        evidence.push("no database or migration job is seen in the files".to_string());
    }

    evidence = capped(evidence);
    evidence.push(
        "did the migrations run to completion against a new, empty database (as every new \
         deployment starts with), and do they run again safely on an upgrade?"
            .to_string(),
    );
    Verdict::new(ChecklistStatus::NeedsAnswer, evidence)
}

// ---------------------------------------------------------------------------------------
// All services have image: references (no build: contexts remain)

fn image_references(facts: &Facts<'_>) -> Verdict {
    let mut fails = Vec::new();
    let mut images = Groups::new();

    for service in &facts.services {
        let image = service
            .image
            .as_ref()
            .filter(|i| !i.value.trim().is_empty() || i.unresolved);
        match (&service.build, image) {
            (Some(build), image) => {
                let context = build
                    .context
                    .as_ref()
                    .map(|c| c.as_written().trim().to_string())
                    .filter(|c| !c.is_empty())
                    .unwrap_or_else(|| ".".to_string());
                let image = match image {
                    Some(image) => format!(
                        "; it also names image {}: push that and remove build:",
                        shown(image)
                    ),
                    None => " and names no image".to_string(),
                };
                fails.push(format!(
                    "{} builds from {context} ({}){image}",
                    service.name,
                    facts.at(build.key_span)
                ));
            }
            (None, Some(image)) => images.add(shown(image).to_string(), service.name.as_str()),
            (None, None) => fails.push(format!(
                "{} names no image ({})",
                service.name,
                facts.at(service.span)
            )),
        }
    }
    let disabled: Vec<&str> = facts
        .project
        .services
        .iter()
        .filter(|s| !s.enabled)
        .map(|s| s.name.as_str())
        .collect();

    let status = worst(!fails.is_empty(), false);
    let mut evidence = if fails.is_empty() {
        let every = if facts.services.len() == 1 {
            "the one service names an image and does not build".to_string()
        } else {
            format!(
                "all {} services name an image and none builds",
                facts.services.len()
            )
        };
        vec![format!("{every}: {}", names(&grouped(&images)))]
    } else {
        capped(fails)
    };
    if !disabled.is_empty() {
        evidence.push(format!(
            "not checked, disabled by the active profiles: {}",
            names(&disabled)
        ));
    }
    Verdict::new(status, evidence)
}

// ---------------------------------------------------------------------------------------
// Container images pushed to registry (customer completed this)

/// A registry only the machine that runs Compose can reach.
fn is_local_registry(registry: &str) -> bool {
    let host = registry.split(':').next().unwrap_or(registry);
    matches!(
        host,
        "localhost" | "127.0.0.1" | "host.docker.internal" | "0.0.0.0"
    )
}

fn images_pushed(facts: &Facts<'_>) -> Verdict {
    let mut fails = Vec::new();
    let mut to_confirm = Groups::new();
    let mut built = Vec::new();
    let mut public = Groups::new();

    for image in facts.inventory {
        let service = &image.service;
        if image.suggested {
            fails.push(format!(
                "{service} builds from source and names no image: build and push one, e.g. {}",
                image.image
            ));
        } else if is_local_registry(&image.registry) {
            fails.push(format!(
                "{service} pulls {} from {}, which only this machine can reach: push it to a \
                 registry the platform can pull from",
                image.image, image.registry
            ));
        } else if image.needs_push && image.repository.starts_with("library/") {
            fails.push(format!(
                "{service} builds {}, a name in Docker Hub's official namespace that cannot be \
                 pushed: name it REGISTRY/ACCOUNT/NAME:TAG",
                image.image
            ));
        } else if image.custom {
            to_confirm.add(image.image.clone(), service.as_str());
            if image.needs_push {
                built.push(service.as_str());
            }
        } else {
            public.add(image.image.clone(), service.as_str());
        }
    }

    let status = worst(!fails.is_empty(), !to_confirm.is_empty());
    let mut evidence = capped(fails);
    if !to_confirm.is_empty() {
        evidence.push(format!(
            "confirm {} pushed: {}",
            plural(to_confirm.len(), "custom image is", "custom images are"),
            names(&grouped(&to_confirm))
        ));
    }
    if !built.is_empty() {
        evidence.push(format!(
            "built here from source, so the image must be pushed again after each build: {}",
            names(&built)
        ));
    }
    if !public.is_empty() {
        evidence.push(format!(
            "public images, nothing to push: {}",
            names(&grouped(&public))
        ));
    }
    if status != ChecklistStatus::Pass {
        evidence.push(
            "were the team's images pushed, and can the platform pull them (public, or with \
             credentials to hand over)?"
                .to_string(),
        );
    }
    Verdict::new(status, evidence)
}

// ---------------------------------------------------------------------------------------
// Registry information documented (which images, which registries, public/private)

/// Whether the registry of an image is left to a variable that is not set.
fn registry_from_variable(image: &ImageRef) -> bool {
    let first = image
        .repository
        .strip_prefix("library/")
        .unwrap_or(&image.repository)
        .split('/')
        .next()
        .unwrap_or("");
    image.registry.contains('$') || (image.registry == "docker.io" && first.contains('$'))
}

fn registry_information(facts: &Facts<'_>) -> Verdict {
    let mut fails = Vec::new();
    let mut questions: Groups<&str, &str> = Groups::new();
    let mut registries: BTreeMap<&str, HashSet<&str>> = BTreeMap::new();
    let mut custom = Groups::new();
    let mut public = Groups::new();

    for image in facts.inventory {
        if image.suggested {
            fails.push(format!(
                "{} has no image yet, so no registry (e.g. {})",
                image.service, image.image
            ));
            continue;
        }
        if registry_from_variable(image) {
            questions.add(image.image.as_str(), image.service.as_str());
            continue;
        }
        registries
            .entry(image.registry.as_str())
            .or_default()
            .insert(image.image.as_str());
        let key = (image.image.as_str(), image.registry.as_str());
        if image.custom {
            custom.add(key, image.service.as_str());
        } else {
            public.add(key, image.service.as_str());
        }
    }

    let status = worst(!fails.is_empty(), !questions.is_empty());
    let mut evidence = capped(fails);
    evidence.extend(capped(
        questions
            .entries
            .iter()
            .map(|(image, services)| {
                format!(
                    "the registry of {image} ({}) comes from an unset variable: which registry \
                     will it be?",
                    names(services)
                )
            })
            .collect(),
    ));
    if !registries.is_empty() {
        let used: Vec<String> = registries
            .iter()
            .map(|(registry, images)| {
                format!("{registry} ({})", plural(images.len(), "image", "images"))
            })
            .collect();
        evidence.push(format!("registries: {}", names(&used)));
    }
    // `image (services; registry)`
    let listed = |groups: &Groups<(&str, &str), &str>| -> Vec<String> {
        groups
            .entries
            .iter()
            .map(|((image, registry), services)| {
                format!("{image} ({}; {registry})", names(services))
            })
            .collect()
    };
    if !custom.is_empty() {
        evidence.push(format!("custom images: {}", names(&listed(&custom))));
    }
    if !public.is_empty() {
        evidence.push(format!("public images: {}", names(&listed(&public))));
    }
    if !custom.is_empty() {
        evidence.push(
            "whether each custom image is public or private is not in the files: the next \
             step tests it with docker pull"
                .to_string(),
        );
    }
    Verdict::new(status, evidence)
}

// ---------------------------------------------------------------------------------------
// Environment variables parameterized

fn environment(facts: &Facts<'_>) -> Verdict {
    let secrets = facts.of(&["hardcoded-secret"]);
    let service_hosts: BTreeSet<String> = facts
        .services
        .iter()
        .map(|s| s.name.to_ascii_lowercase())
        .collect();

    let mut literal = Vec::new();
    let mut parameterized = 0;
    let mut env_files = Vec::new();
    for service in &facts.services {
        let mut written: Vec<&str> = Vec::new();
        let mut first = None;
        for var in &service.environment {
            let Some(value) = &var.value else {
                // a bare name takes its value from the environment Compose runs in
                parameterized += 1;
                continue;
            };
            let from_variable = value.interpolated()
                || !crate::compose::interpolate::variables(value.as_written()).is_empty();
            // an address of another service, or a mounted secret file, is wiring, not
            // configuration
            let wiring = value.value.starts_with("/run/secrets/")
                || hosts(&value.value, &var.name)
                    .iter()
                    .any(|h| service_hosts.contains(&h.to_ascii_lowercase()));
            // a secret's name is the hard-coded-secret rule's to judge
            let secret = is_secret_name(&var.name);
            if from_variable {
                parameterized += 1;
            } else if !value.value.trim().is_empty() && !wiring && !secret {
                written.push(var.name.as_str());
                first.get_or_insert(var.span);
            }
        }
        if let Some(span) = first {
            literal.push(format!(
                "{} writes {} literally: {} ({})",
                service.name,
                plural(written.len(), "value", "values"),
                names(&written),
                facts.at(span)
            ));
        }
        if service.node.get("env_file").is_some() {
            env_files.push(service.name.as_str());
        }
    }

    let status = worst(
        !secrets.is_empty(),
        !literal.is_empty() || !env_files.is_empty(),
    );
    let literal_count = literal.len();
    let mut evidence = Vec::new();
    if !secrets.is_empty() {
        evidence.push(format!(
            "{} written into the files",
            plural(secrets.len(), "secret is", "secrets are")
        ));
        evidence.extend(capped(cite(&secrets, false)));
    }
    if !literal.is_empty() {
        evidence.extend(capped(literal));
        evidence.push(
            "confirm none of these must differ per tenant or per environment; on the platform \
             each variable can become a parameter"
                .to_string(),
        );
    }
    if secrets.is_empty() && literal_count == 0 {
        evidence.push(match parameterized {
            0 => "no service sets an environment variable in the compose files".to_string(),
            1 => "the one environment value comes from a variable".to_string(),
            n => format!("all {n} environment values come from variables"),
        });
    }
    if !env_files.is_empty() {
        let reads = if env_files.len() == 1 {
            "reads"
        } else {
            "read"
        };
        evidence.push(format!(
            "{} {reads} env_file, whose values are not analyzed: confirm they take secrets and \
             per-tenant settings from variables",
            names(&env_files)
        ));
    }
    Verdict::new(status, evidence).citing(&secrets)
}

// ---------------------------------------------------------------------------------------
// Resource limits documented

fn resource_limits(facts: &Facts<'_>) -> Verdict {
    // a limit of 0 or -1 is no limit
    let set = |value: Option<&crate::compose::Text>| {
        value
            .filter(|v| !matches!(v.value.trim(), "" | "0" | "-1"))
            .map(|v| v.as_written().to_string())
    };

    let mut fails = Vec::new();
    let mut sized = Vec::new();
    for service in &facts.services {
        let r = &service.resources;
        let memory = set(r.memory_limit.as_ref()).or_else(|| set(r.memory_reservation.as_ref()));
        let cpus = set(r.cpus_limit.as_ref()).or_else(|| set(r.cpus_reservation.as_ref()));
        let at = facts.at(service.span);
        match (memory, cpus) {
            (Some(memory), Some(cpus)) => {
                sized.push(format!("{} (memory {memory}, cpus {cpus})", service.name));
            }
            (Some(_), None) => fails.push(format!(
                "{} sets memory but no cpus limit or reservation ({at})",
                service.name
            )),
            (None, Some(_)) => fails.push(format!(
                "{} sets cpus but no memory limit or reservation ({at})",
                service.name
            )),
            (None, None) => fails.push(format!(
                "{} sets no memory or cpus limit or reservation ({at})",
                service.name
            )),
        }
    }

    let status = worst(!fails.is_empty(), false);
    let mut evidence = capped(fails);
    if status == ChecklistStatus::Fail {
        evidence.push(
            "set deploy.resources.limits (and reservations) for memory and cpus: they size \
             the platform's instances"
                .to_string(),
        );
    } else {
        evidence.push(format!("every service is sized: {}", names(&sized)));
    }
    Verdict::new(status, evidence)
}

// ---------------------------------------------------------------------------------------
// Volumes clearly defined

/// Where images keep application code, for spotting a bind mount of a source tree.
const CODE_PATHS: &[&str] = &[
    "/app",
    "/code",
    "/src",
    "/usr/src/app",
    "/opt/app",
    "/srv/app",
    "/var/www",
    "/home/node/app",
    "/workspace",
];

/// What a mount says about the project's volumes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum MountUse {
    /// A named volume the top level does not declare.
    Undeclared,
    /// The service's source tree: it belongs in the image.
    Code,
    /// A directory relative to the project: data, or files the service reads.
    HostDirectory,
    /// An absolute host path.
    HostPath,
    /// One file or a configuration directory: a config on the platform.
    Config,
}

/// A relative path without its leading `./` and trailing `/`.
fn relative(path: &str) -> &str {
    let path = path.trim_end_matches('/');
    path.strip_prefix("./").unwrap_or(path)
}

fn bind_use(service: &Service, mount: &Mount, source: &str) -> MountUse {
    let target = mount.target.trim_end_matches('/');
    if source.starts_with('/') || source.starts_with('~') || source.contains(":\\") {
        return MountUse::HostPath;
    }

    let source = relative(source);
    let context = service
        .build
        .as_ref()
        .and_then(|b| b.context.as_ref())
        .map(|c| relative(&c.value).to_string());
    let in_context = context.as_deref().is_some_and(|context| {
        context.is_empty()
            || context == "."
            || source == context
            || source.starts_with(&format!("{context}/"))
    });
    let code_target = CODE_PATHS
        .iter()
        .any(|p| target == *p || target.starts_with(&format!("{p}/")));
    let last = source.rsplit('/').next().unwrap_or(source);
    let is_file = last.contains('.') && !last.starts_with('.');

    if source.is_empty() || source == "." || ((in_context || code_target) && !mount.read_only) {
        MountUse::Code
    } else if is_file || target.starts_with("/etc/") || last.contains("conf") {
        MountUse::Config
    } else {
        MountUse::HostDirectory
    }
}

/// Whether a mount covers a data path: the path itself, a parent of it, or inside it.
fn covers(mount: &Mount, path: &str) -> bool {
    let target = mount.target.trim_end_matches('/');
    let path = path.trim_end_matches('/');
    target == path
        || path.starts_with(&format!("{target}/"))
        || target.starts_with(&format!("{path}/"))
}

/// One mount as several services may share it (through an anchor, or the same line):
/// what it is, its source and target, and where it is written.
type MountKey<'a> = (MountUse, &'a str, &'a str, String);

/// The sentence a user reads for a mount and the services that make it.
fn describe(mount: &MountKey<'_>, services: &[&str]) -> String {
    let (what, source, target, at) = mount;
    let who = names(services);
    let one = services.len() == 1;
    let verb = |singular: &str, plural: &str| {
        if one {
            singular.to_string()
        } else {
            plural.to_string()
        }
    };
    match what {
        MountUse::Undeclared => format!(
            "{who} {} volume {source}, which the top-level volumes do not declare ({at})",
            verb("mounts", "mount")
        ),
        MountUse::Code => format!(
            "{who} {} code {source} at {target} ({at}): the platform has no copy of it; \
             build the code into the image",
            verb("bind-mounts its", "bind-mount their")
        ),
        MountUse::HostDirectory => format!(
            "{who} {} the host directory {source} at {target} ({at}): does it hold data \
             (use a named volume) or files to read (build them into the image)?",
            verb("mounts", "mount")
        ),
        MountUse::HostPath => format!(
            "{who} {} the host path {source} at {target} ({at}): the platform's hosts may \
             not provide it",
            verb("mounts", "mount")
        ),
        MountUse::Config => format!(
            "{who} {} {source} at {target} ({at}): ship it in the image or as a config",
            verb("mounts", "mount")
        ),
    }
}

fn volumes(facts: &Facts<'_>) -> Verdict {
    let declared: BTreeSet<&str> = facts
        .project
        .volumes
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let mut mounted: Groups<MountKey<'_>, &str> = Groups::new();
    // named volumes and where they are mounted, in the order first mounted
    let mut named: Groups<(&str, &str), &str> = Groups::new();
    let mut data = Vec::new();

    for service in &facts.services {
        let name = service.name.as_str();
        for mount in &service.volumes {
            let source = mount.source.as_deref().filter(|s| !s.trim().is_empty());
            let target = mount.target.as_str();
            let what = match (mount.kind, source) {
                (MountKind::Volume, Some(volume)) if declared.contains(volume) => {
                    used.insert(volume);
                    named.add((volume, target), name);
                    continue;
                }
                (MountKind::Volume, Some(_)) => MountUse::Undeclared,
                (MountKind::Bind, Some(source)) => bind_use(service, mount, source),
                _ => continue,
            };
            let source = source.unwrap_or("");
            mounted.add((what, source, target, facts.at(mount.span)), name);
        }

        let Some(technology) = technology(service).filter(|t| is_stateful(t)) else {
            continue;
        };
        let Some(path) = technology.data_path else {
            continue;
        };
        let at_path = service.volumes.iter().find(|m| covers(m, path));
        let has_named = service
            .volumes
            .iter()
            .any(|m| m.kind == MountKind::Volume && m.source.is_some());
        match at_path {
            Some(m) if m.kind == MountKind::Bind => data.push(format!(
                "{name} ({}) keeps its data in the host directory {} ({}): use a named volume",
                technology.name,
                m.source.as_deref().unwrap_or(""),
                facts.at(m.span)
            )),
            Some(m) if m.kind == MountKind::Volume && m.source.is_none() => data.push(format!(
                "{name} ({}) keeps its data in an anonymous volume at {path} ({}): name it and \
                 declare it",
                technology.name,
                facts.at(m.span)
            )),
            Some(_) => {}
            None if has_named => {}
            None => data.push(format!(
                "{name} ({}) keeps its data in no volume ({}): mount a named volume at {path}",
                technology.name,
                facts.at(service.span)
            )),
        }
    }
    let mut mounted = mounted.entries;
    crate::sort::sort_by_key(&mut mounted, |(key, _)| key.0);
    let fails = !data.is_empty()
        || mounted
            .iter()
            .any(|(key, _)| matches!(key.0, MountUse::Undeclared | MountUse::Code));
    let questions = mounted
        .iter()
        .any(|(key, _)| matches!(key.0, MountUse::HostDirectory | MountUse::HostPath));
    let unused: Vec<&str> = declared.difference(&used).copied().collect();

    let mut evidence = capped(data);
    evidence.extend(capped(
        mounted
            .iter()
            .filter(|(key, _)| key.0 != MountUse::Config)
            .map(|(key, services)| describe(key, services))
            .collect(),
    ));
    if !named.is_empty() {
        let listed: Vec<String> = named
            .entries
            .iter()
            .map(|((volume, target), services)| {
                format!("{volume} ({} at {target})", names(services))
            })
            .collect();
        evidence.push(format!("named volumes: {}", names(&listed)));
    }
    evidence.extend(capped(
        mounted
            .iter()
            .filter(|(key, _)| key.0 == MountUse::Config)
            .map(|(key, services)| describe(key, services))
            .collect(),
    ));
    if !unused.is_empty() {
        evidence.push(format!(
            "declared but mounted by no enabled service: {}",
            names(&unused)
        ));
    }
    if evidence.is_empty() {
        evidence.push(
            "no service mounts a volume, and none runs a known database, queue or store"
                .to_string(),
        );
    }
    Verdict::new(worst(fails, questions), evidence)
}

// ---------------------------------------------------------------------------------------
// The requirements: only the team can answer these

fn service_architecture(facts: &Facts<'_>) -> Verdict {
    let services: Vec<&str> = facts.services.iter().map(|s| s.name.as_str()).collect();
    let mut evidence = vec![format!(
        "the files define {}: {}",
        plural(services.len(), "enabled service", "enabled services"),
        names(&services)
    )];
    evidence.push(if services.len() > 1 {
        "onboard them as one multi-service product (a root that depends on every service), \
         or as separate products? Which services do customers see?"
            .to_string()
    } else {
        "single-service onboarding fits one service: is no other component (database, cache) \
         expected?"
            .to_string()
    });
    Verdict::new(ChecklistStatus::NeedsAnswer, evidence)
}

fn tenancy(facts: &Facts<'_>) -> Verdict {
    let stateful: Vec<String> = facts
        .services
        .iter()
        .filter_map(|s| {
            technology(s)
                .filter(|t| is_stateful(t) || t.kind == Kind::Cache)
                .map(|t| format!("{} ({})", s.name, t.name))
        })
        .collect();
    let mut evidence = Vec::new();
    if !stateful.is_empty() {
        evidence.push(format!(
            "stores that siloed or hybrid tenancy would give each tenant: {}",
            names(&stateful)
        ));
    }
    evidence.push(
        "shared (one deployment serves every tenant), siloed (a deployment per tenant) or \
         hybrid (a shared app with a dedicated database per tenant)?"
            .to_string(),
    );
    Verdict::new(ChecklistStatus::NeedsAnswer, evidence)
}

fn deployment_model(facts: &Facts<'_>) -> Verdict {
    let registries: BTreeSet<&str> = facts
        .inventory
        .iter()
        .filter(|i| !i.suggested && !registry_from_variable(i))
        .map(|i| i.registry.as_str())
        .collect();
    let registries: Vec<&str> = registries.into_iter().collect();
    let mut evidence = Vec::new();
    if !registries.is_empty() {
        evidence.push(format!(
            "images come from {}; in the customer's account (BYOC) or air-gapped they must be \
             pullable or mirrored there",
            names(&registries)
        ));
    }
    evidence.push(
        "where do instances run: in your cloud account (SaaS), in the customer's cloud \
         account (BYOC), or on premises or air-gapped? Each becomes its own plan"
            .to_string(),
    );
    Verdict::new(ChecklistStatus::NeedsAnswer, evidence)
}

fn sla(facts: &Facts<'_>) -> Verdict {
    let replicated: Vec<String> = facts
        .services
        .iter()
        .filter_map(|s| {
            s.replicas
                .filter(|&n| n > 1)
                .map(|n| format!("{} ({n})", s.name))
        })
        .collect();
    let evidence = vec![
        if replicated.is_empty() {
            "every service runs one replica".to_string()
        } else {
            format!(
                "services with more than one replica: {}",
                names(&replicated)
            )
        },
        "what uptime is promised: 99.9% (one zone), 99.95% (several zones) or 99.99% \
         (several regions)? And the recovery targets (RTO, RPO)?"
            .to_string(),
    ];
    Verdict::new(ChecklistStatus::NeedsAnswer, evidence)
}

fn compliance(facts: &Facts<'_>) -> Verdict {
    let security = facts
        .findings
        .iter()
        .filter(|f| matches!(f.category, Category::Security | Category::Compliance))
        .count();
    let mut evidence = Vec::new();
    if security > 0 {
        evidence.push(format!(
            "{} in this analysis to review with the answer",
            plural(security, "security finding", "security findings")
        ));
    }
    evidence.push(
        "which standards apply: SOC 2, HIPAA, GDPR, PCI DSS, ISO 27001, or none? They decide \
         tenancy (PHI needs siloed), data residency and encryption"
            .to_string(),
    );
    Verdict::new(ChecklistStatus::NeedsAnswer, evidence)
}
