//! The compose ladder of the seed, iterations 1 to 7, each a superset of the one
//! before: core services; cache and dependencies; health checks and readiness;
//! multi-service; parameters; image registry; resource hints. Short comments in the
//! YAML say what each part is for.
//!
//! What may change from one iteration to the next, and nothing else: iteration 5
//! replaces literal values under `environment`, `command` and the team's `image` with
//! parameters; iteration 6 replaces every `image` with its full pinned reference;
//! iteration 7 replaces the API's published port with its container port. Every
//! service, key and list item of one iteration is in the next.

use std::fmt::Write;

use super::stack::{Component, Role, Stack};
use crate::recommend::catalogue::{self, Setting, Technology};

/// The iterations of the ladder.
pub const LAST: u32 = 7;

/// What each iteration is called and what it adds, as the seed has them.
pub const TITLES: [(&str, &str); 7] = [
    (
        "core services (MVP)",
        "the API and its database, to run locally with `docker compose up`",
    ),
    (
        "cache and dependencies",
        "the cache, queue, object storage and further stores the design calls for, with depends_on",
    ),
    (
        "health checks and readiness",
        "a health check on every service; dependents wait for service_healthy",
    ),
    (
        "multi-service",
        "the web tier and the worker, where the pattern calls for them",
    ),
    (
        "parameters",
        "every setting a parameter: required for secrets, with a default otherwise",
    ),
    (
        "image registry",
        "every image a full, pinned reference with its registry host; no build contexts",
    ),
    (
        "resource hints",
        "limits, reservations and replicas from the SLA design, tenancy and observability settings",
    ),
];

/// The value iterations 1 to 4 give a secret, for local development only.
pub const DEV_SECRET: &str = "dev-Passw0rd1";

/// How a parameter gets its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Value<'v> {
    /// Required, and blank in `.env.example`.
    Secret,
    /// Required, but not secret (an address, a tenant id).
    Required,
    Default(&'v str),
}

/// A variable the compose file uses, for `.env.example`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    pub name: String,
    /// `None` for a required variable.
    pub default: Option<String>,
    pub secret: bool,
    /// What it sets, for the comment above it.
    pub purpose: String,
}

/// The compose file at an iteration, and the variables it uses.
pub fn compose(stack: &Stack, iteration: u32) -> (String, Vec<Parameter>) {
    let mut ladder = Ladder {
        stack,
        iteration,
        out: String::new(),
        parameters: Vec::new(),
    };

    ladder.header();
    ladder.line(0, "services:");
    ladder.api();
    if stack.worker && iteration >= 4 {
        ladder.worker();
    }
    if stack.web && iteration >= 4 {
        ladder.web();
    }
    for component in stack.components.iter().filter(|c| c.since <= iteration) {
        ladder.component(component);
    }
    ladder.top_level();

    (ladder.out, ladder.parameters)
}

struct Ladder<'a> {
    stack: &'a Stack,
    iteration: u32,
    out: String,
    parameters: Vec<Parameter>,
}

impl Ladder<'_> {
    fn line(&mut self, indent: usize, text: &str) {
        let _ = writeln!(self.out, "{:indent$}{text}", "", indent = indent * 2);
    }

    fn comment(&mut self, indent: usize, text: &str) {
        self.line(indent, &format!("# {text}"));
    }

    fn entry(&mut self, indent: usize, key: &str, value: &str) {
        self.line(indent, &format!("{key}: {}", quote(value)));
    }

    fn item(&mut self, indent: usize, value: &str) {
        self.line(indent, &format!("- {}", quote(value)));
    }

    fn header(&mut self) {
        let (title, adds) = TITLES
            .get(self.iteration.saturating_sub(1) as usize)
            .copied()
            .unwrap_or(("", ""));
        let project = self.stack.project.clone();
        self.comment(
            0,
            &format!(
                "{project}: iteration {} of {LAST}, {title}.",
                self.iteration
            ),
        );
        self.comment(0, &format!("This iteration adds {adds}."));
        if self.iteration < 5 {
            self.comment(
                0,
                "Secrets are local-development values until iteration 5 makes them parameters.",
            );
        }
        if self.iteration >= 6 {
            let hosts = registry_hosts(self.stack);
            self.comment(0, &format!("Registry hosts: {}.", hosts.join(", ")));
        }
        self.entry(0, "name", &project);
    }

    /// A parameter's reference from iteration 5 on, its literal value before.
    fn setting(&mut self, name: &str, setting: Setting, purpose: &str) -> String {
        if self.iteration < 5 {
            return match setting {
                Setting::Secret => DEV_SECRET.to_string(),
                Setting::Default(value) => value.to_string(),
            };
        }
        let value = match setting {
            Setting::Secret => Value::Secret,
            Setting::Default(default) => Value::Default(default),
        };
        self.parameter(name, value, purpose)
    }

    /// A parameter's reference, at any iteration.
    fn parameter(&mut self, name: &str, value: Value<'_>, purpose: &str) -> String {
        let default = match value {
            Value::Default(default) => Some(default.to_string()),
            Value::Secret | Value::Required => None,
        };
        if !self.parameters.iter().any(|p| p.name == name) {
            self.parameters.push(Parameter {
                name: name.to_string(),
                default: default.clone(),
                secret: value == Value::Secret,
                purpose: purpose.to_string(),
            });
        }
        match default {
            Some(default) => format!("${{{name}:-{default}}}"),
            None => format!("${{{name}:?{name} is required}}"),
        }
    }

    /// A catalogue template filled for a component: `{host}`, `{port}` and `{SUFFIX}`.
    fn fill(&mut self, template: &str, component: &Component) -> String {
        let technology = component.technology;
        let mut out = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let (before, after) = rest.split_at(open);
            out.push_str(before);
            let Some(close) = after.find('}') else {
                out.push_str(after);
                return out;
            };
            let token = after.get(1..close).unwrap_or("");
            let filled = match token {
                "host" => Some(component.service.clone()),
                "port" => technology.port.map(|p| p.to_string()),
                suffix => technology
                    .params
                    .iter()
                    .find(|p| p.suffix == suffix)
                    .map(|param| {
                        let name = format!("{}_{}", component.prefix, param.suffix);
                        let purpose = format!(
                            "{} of {} ({})",
                            suffix.to_lowercase().replace('_', " "),
                            component.service,
                            technology.name
                        );
                        self.setting(&name, param.setting, &purpose)
                    }),
            };
            match filled {
                Some(value) => out.push_str(&value),
                None => out.push_str(after.get(..=close).unwrap_or("")),
            }
            rest = after.get(close + 1..).unwrap_or("");
        }
        out.push_str(rest);
        out
    }

    /// The team's own image: `latest` while it is built locally, a tag parameter from
    /// iteration 5, a full reference with a pinned default from iteration 6.
    fn own_image(&mut self, name: &str, variable: &str) -> String {
        let repository = format!("mycompany/{}-{name}", self.stack.project);
        let purpose = format!("the tag of the {name} image");
        match self.iteration {
            1..=4 => format!("{repository}:latest"),
            5 => {
                let tag = self.parameter(variable, Value::Default("latest"), &purpose);
                format!("{repository}:{tag}")
            }
            _ => {
                let tag = self.parameter(variable, Value::Default("1.0.0"), &purpose);
                format!("docker.io/{repository}:{tag}")
            }
        }
    }

    /// What the API and the worker are given to reach the backing services.
    fn connections(&mut self, indent: usize) {
        if self.iteration < 5 {
            self.comment(
                indent,
                "local-development values: iteration 5 makes them parameters",
            );
        }
        let components: Vec<Component> = self
            .stack
            .components
            .iter()
            .filter(|c| c.since <= self.iteration)
            .cloned()
            .collect();
        for component in &components {
            self.comment(
                indent,
                &format!(
                    "how to reach {} ({})",
                    component.service, component.technology.name
                ),
            );
            for (suffix, template) in component.technology.connection {
                let value = self.fill(template, component);
                self.entry(indent, &format!("{}_{suffix}", component.client), &value);
            }
        }
        if self.iteration >= 2 {
            for external in self.stack.externals.clone() {
                self.comment(
                    indent,
                    &format!(
                        "{}: a managed service outside this file; its address is a parameter",
                        external.technology.name
                    ),
                );
                let purpose = format!("the address of {}", external.technology.name);
                let value = self.parameter(&external.parameter, Value::Required, &purpose);
                self.entry(indent, &external.parameter, &value);
            }
        }
    }

    /// Iteration 7's settings of a service the platform scales.
    fn observability(&mut self, indent: usize) {
        if self.iteration < 7 {
            return;
        }
        self.comment(
            indent,
            "observability: a Prometheus endpoint and structured logs",
        );
        let port = self.parameter("METRICS_PORT", Value::Default("9090"), "the metrics port");
        self.entry(indent, "METRICS_PORT", &port);
        let format = self.parameter("LOG_FORMAT", Value::Default("json"), "the log format");
        self.entry(indent, "LOG_FORMAT", &format);

        match self.stack.tenancy.as_str() {
            "siloed" => {
                self.comment(
                    indent,
                    "siloed tenancy: one instance and one database per tenant",
                );
                let tenant = self.parameter(
                    "TENANT_ID",
                    Value::Required,
                    "the tenant this instance serves",
                );
                self.entry(indent, "TENANT_ID", &tenant);
            }
            tenancy => {
                self.comment(
                    indent,
                    "shared tenancy: each request names its tenant in this header",
                );
                let header = self.parameter(
                    "TENANT_HEADER",
                    Value::Default("X-Tenant-ID"),
                    "the header that names the tenant",
                );
                self.entry(indent, "TENANT_HEADER", &header);
                if tenancy == "hybrid" {
                    self.comment(
                        indent,
                        "hybrid tenancy: shared for standard plans, siloed for enterprise",
                    );
                    let isolation = self.parameter(
                        "TENANT_ISOLATION",
                        Value::Default("shared"),
                        "shared or siloed, per plan",
                    );
                    self.entry(indent, "TENANT_ISOLATION", &isolation);
                }
            }
        }
    }

    fn healthcheck(&mut self, test: &str, timing: catalogue::Timing) {
        if self.iteration < 3 {
            return;
        }
        self.line(2, "healthcheck:");
        self.line(3, &format!("test: {test}"));
        self.line(3, &format!("interval: {}", timing.interval));
        self.line(3, &format!("timeout: {}", timing.timeout));
        self.line(3, &format!("retries: {}", timing.retries));
        self.line(3, &format!("start_period: {}", timing.start_period));
    }

    /// `depends_on`: a list until iteration 3, then each with `service_healthy`.
    fn depends_on(&mut self, services: &[String]) {
        if services.is_empty() {
            return;
        }
        if self.iteration < 3 {
            self.comment(2, "start after what it connects to");
        } else {
            self.comment(2, "start once what it connects to is healthy");
        }
        self.line(2, "depends_on:");
        for service in services {
            if self.iteration < 3 {
                self.line(3, &format!("- {service}"));
            } else {
                self.line(3, &format!("{service}:"));
                self.line(4, "condition: service_healthy");
            }
        }
    }

    /// Iteration 7's resource hints, and replicas for a service the platform scales.
    fn deploy(&mut self, technology: &Technology, replicas: Option<&str>) {
        if self.iteration < 7 {
            return;
        }
        let sizing = technology.sizing;
        self.comment(2, "resource hints for the platform's sizing");
        self.line(2, "deploy:");
        if let Some(variable) = replicas {
            let count = self.stack.replicas.to_string();
            self.comment(3, "replicas from the SLA design, spread across zones later");
            let service = variable.split('_').next().unwrap_or("").to_lowercase();
            let purpose = format!("the replicas of the {service}");
            let value = self.parameter(variable, Value::Default(&count), &purpose);
            self.entry(3, "replicas", &value);
        }
        self.line(3, "resources:");
        self.line(4, "limits:");
        self.entry(5, "cpus", sizing.cpus);
        self.line(5, &format!("memory: {}", sizing.memory));
        self.line(4, "reservations:");
        self.entry(5, "cpus", sizing.reserved_cpus);
        self.line(5, &format!("memory: {}", sizing.reserved_memory));
    }

    fn backing_services(&self) -> Vec<String> {
        self.stack
            .components
            .iter()
            .filter(|c| c.since <= self.iteration)
            .map(|c| c.service.clone())
            .collect()
    }

    fn api(&mut self) {
        let framework = self.stack.framework;
        self.line(1, "api:");
        self.comment(
            2,
            &format!(
                "the {} API: the team's own image, stateless (state lives in the services below)",
                framework.name
            ),
        );
        let image = self.own_image("api", "API_VERSION");
        self.entry(2, "image", &image);
        if self.iteration < 7 {
            self.comment(2, "published for local testing");
        } else {
            self.comment(
                2,
                "the container port only: the platform's load balancer routes to the replicas",
            );
        }
        self.line(2, "ports:");
        if self.iteration < 7 {
            self.item(3, "8080:8080");
        } else {
            self.item(3, "8080");
        }
        self.line(2, "environment:");
        self.connections(3);
        if self.stack.worker && self.iteration >= 4 {
            self.comment(3, "where the API hands work to the worker");
            let url = self.setting(
                "WORKER_URL",
                Setting::Default("http://worker:8081"),
                "the worker's address",
            );
            self.entry(3, "WORKER_URL", &url);
        }
        if self.iteration >= 5 {
            let level = self.parameter("LOG_LEVEL", Value::Default("info"), "the log level");
            self.entry(3, "LOG_LEVEL", &level);
        }
        self.observability(3);
        let path = health_path(self.stack.framework);
        if self.iteration >= 3 {
            self.comment(2, &format!("the image must answer GET {path} on its port"));
        }
        self.healthcheck(
            &format!(r#"["CMD", "curl", "-fsS", "http://127.0.0.1:8080{path}"]"#),
            API_TIMING,
        );
        let backing = self.backing_services();
        self.depends_on(&backing);
        self.deploy(framework, Some("API_REPLICAS"));
    }

    fn worker(&mut self) {
        self.line(1, "worker:");
        self.comment(
            2,
            "the background worker: the team's own image; takes jobs off the API",
        );
        let image = self.own_image("worker", "WORKER_VERSION");
        self.entry(2, "image", &image);
        self.comment(2, "the API reaches the worker here; nothing is published");
        self.line(2, "expose:");
        self.item(3, "8081");
        self.line(2, "environment:");
        self.connections(3);
        self.observability(3);
        let path = health_path(self.stack.framework);
        self.comment(2, &format!("the image must answer GET {path} on its port"));
        self.healthcheck(
            &format!(r#"["CMD", "curl", "-fsS", "http://127.0.0.1:8081{path}"]"#),
            API_TIMING,
        );
        let backing = self.backing_services();
        self.depends_on(&backing);
        self.deploy(self.stack.framework, Some("WORKER_REPLICAS"));
    }

    fn web(&mut self) {
        let nginx = &catalogue::NGINX;
        self.line(1, "web:");
        self.comment(
            2,
            "the web tier (NGINX): serves the front end and passes /api/ to the API",
        );
        let image = self.public_image(nginx);
        self.entry(2, "image", &image);
        if self.iteration >= 7 {
            self.comment(
                2,
                "the container port only: the platform's load balancer routes to the replicas",
            );
        }
        self.line(2, "ports:");
        if self.iteration < 7 {
            self.item(3, "80:80");
        } else {
            self.item(3, "80");
        }
        self.comment(
            2,
            "its configuration, written below so the spec stands alone",
        );
        self.line(2, "configs:");
        self.line(3, "- source: nginx_conf");
        self.line(4, "target: /etc/nginx/conf.d/default.conf");
        self.healthcheck(nginx.healthcheck.unwrap_or("[]"), nginx.timing);
        self.depends_on(&["api".to_string()]);
        self.deploy(nginx, Some("WEB_REPLICAS"));
    }

    /// A catalogue image, pinned; with its registry host from iteration 6.
    fn public_image(&self, technology: &Technology) -> String {
        let (name, tag) = technology.image.unwrap_or(("", ""));
        if self.iteration >= 6 {
            format!("{}:{tag}", full_name(name))
        } else {
            format!("{name}:{tag}")
        }
    }

    fn component(&mut self, component: &Component) {
        let technology = component.technology;
        self.line(1, &format!("{}:", component.service));
        self.comment(
            2,
            &format!(
                "{}: {} (a public image)",
                technology.name,
                component.role.describe()
            ),
        );
        let image = self.public_image(technology);
        self.entry(2, "image", &image);
        if !technology.command.is_empty() {
            let command: Vec<String> = technology
                .command
                .iter()
                .map(|part| self.fill(part, component))
                .collect();
            let quoted: Vec<String> = command.iter().map(|c| quote(c)).collect();
            self.line(2, &format!("command: [{}]", quoted.join(", ")));
        }
        if !technology.env.is_empty() {
            let secret = technology
                .params
                .iter()
                .any(|p| p.setting == Setting::Secret);
            if secret && self.iteration < 5 {
                self.comment(
                    2,
                    "local-development secret only: iteration 5 makes it a required parameter",
                );
            }
            self.line(2, "environment:");
            for (name, template) in technology.env {
                let value = self.fill(template, component);
                self.entry(3, name, &value);
            }
        }
        if let Some(path) = technology.data_path {
            if component.role == Role::Database && self.stack.tenancy == "siloed" {
                self.comment(
                    2,
                    "siloed tenancy: each tenant's instance has its own volume",
                );
            }
            self.comment(
                2,
                "the data survives restarts; backups are taken of this volume",
            );
            self.line(2, "volumes:");
            self.item(3, &format!("{}_data:{path}", component.service));
        }
        if let Some(test) = technology.healthcheck {
            self.healthcheck(test, technology.timing);
        }
        self.deploy(technology, None);
    }

    fn top_level(&mut self) {
        let volumes: Vec<String> = self
            .stack
            .components
            .iter()
            .filter(|c| c.since <= self.iteration && c.technology.data_path.is_some())
            .map(|c| format!("{}_data", c.service))
            .collect();
        if !volumes.is_empty() {
            self.line(0, "volumes:");
            for volume in volumes {
                self.line(1, &format!("{volume}: {{}}"));
            }
        }
        if self.stack.web && self.iteration >= 4 {
            self.line(0, "configs:");
            self.line(1, "nginx_conf:");
            self.line(2, "content: |");
            for line in NGINX_CONF.lines() {
                self.line(3, line);
            }
        }
    }
}

/// The API's and the worker's health check timings: the seed's, for an app that may
/// run migrations before it answers.
const API_TIMING: catalogue::Timing = catalogue::Timing {
    interval: "30s",
    timeout: "10s",
    retries: 3,
    start_period: "40s",
};

const NGINX_CONF: &str = "server {
  listen 80;
  location / {
    root /usr/share/nginx/html;
  }
  location /api/ {
    proxy_pass http://api:8080/;
  }
}";

/// An image name with its registry host: `postgres` is `docker.io/library/postgres`.
pub fn full_name(name: &str) -> String {
    match name.split_once('/') {
        Some((host, _)) if host.contains('.') || host.contains(':') => name.to_string(),
        Some(_) => format!("docker.io/{name}"),
        None => format!("docker.io/library/{name}"),
    }
}

/// The registry hosts of every image the stack runs, sorted.
pub fn registry_hosts(stack: &Stack) -> Vec<String> {
    let mut hosts: Vec<String> = vec!["docker.io".to_string()];
    for component in &stack.components {
        if let Some((name, _)) = component.technology.image {
            if let Some((host, _)) = full_name(name).split_once('/') {
                hosts.push(host.to_string());
            }
        }
    }
    crate::sort::sort(&mut hosts);
    hosts.dedup();
    hosts
}

/// A YAML double-quoted string.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The path a framework's service answers its health check on: Spring Boot's actuator
/// serves `/actuator/health` out of the box; the others expose `/health`.
fn health_path(framework: &Technology) -> &'static str {
    match framework.id {
        "java-spring" => "/actuator/health",
        _ => "/health",
    }
}
