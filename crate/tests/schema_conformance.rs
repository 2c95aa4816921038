//! Our Compose schema validator against the Compose JSON schema, used as an oracle through
//! the `jsonschema` crate: the real corpus, the schema's variables file, generated mutations
//! and compose-go's loader tests agree, or differ only in a listed exception.

// Test code: a failed unwrap or index is a failed test, and the summaries are printed.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stdout
)]

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use compose_architect::compose::interpolate;
use compose_architect::compose::schema::{SchemaError, validate};
use compose_architect::yaml::{self, Limits, LineIndex, Node, Position, Value};
use serde::Deserialize;
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;

// Where the data is

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared")
}

fn real_corpus() -> Vec<(String, String)> {
    let dir = shared().join("corpus/real");
    let mut files: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "yml")
        })
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, fs::read_to_string(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

// The two sides

type Env = HashMap<String, String>;

/// Our side: our YAML tree, interpolated in place as the loader does it, then validated.
fn ours(text: &str, env: &Env) -> Vec<SchemaError> {
    let parsed = yaml::parse(text, 0, Limits::default());
    assert!(parsed.errors.is_empty(), "yaml: {:?}", parsed.errors);

    let lookup = |name: &str| env.get(name).cloned();
    let mut found = Vec::new();
    for document in parsed.documents {
        let mut root = document.root;
        interpolate_node(&mut root, &lookup);
        found.extend(validate(&root));
    }
    found
}

/// Interpolates every scalar value (never a key), keeping the written text in `original`.
fn interpolate_node(node: &mut Node, lookup: &dyn Fn(&str) -> Option<String>) {
    match &mut node.value {
        Value::Map(entries) => {
            for entry in entries {
                interpolate_node(&mut entry.value, lookup);
            }
        }
        Value::Seq(items) => {
            for item in items {
                interpolate_node(item, lookup);
            }
        }
        Value::Scalar(scalar) => {
            let done = interpolate::substitute(&scalar.text, lookup)
                .ok()
                .filter(|done| done.value != scalar.text);
            if let Some(done) = done {
                scalar.original = Some(std::mem::replace(&mut scalar.text, done.value));
            }
        }
    }
}

fn json_schema() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let path = shared().join("corpus/peer/schema/compose-spec.compose-go.draft2020-12.json");
        let schema: Json = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        jsonschema::validator_for(&schema).unwrap()
    })
}

/// The oracle's side: serde_yaml's reading of the text, merge keys applied, `!reset` values
/// dropped (compose-go removes them before it validates), strings interpolated, checked by
/// the JSON schema. The errors as `instance path: message`.
fn oracle(text: &str, env: &Env) -> Vec<String> {
    oracle_documents(text, env)
        .iter()
        .flat_map(oracle_errors)
        .collect()
}

fn oracle_documents(text: &str, env: &Env) -> Vec<Json> {
    let lookup = |name: &str| env.get(name).cloned();
    serde_yaml::Deserializer::from_str(text)
        .map(|document| {
            let mut value = Yaml::deserialize(document).unwrap();
            merge_all(&mut value);
            let mut json = to_json(&value);
            interpolate_json(&mut json, &lookup);
            json
        })
        .collect()
}

fn oracle_errors(json: &Json) -> Vec<String> {
    json_schema()
        .iter_errors(json)
        .map(|error| format!("{}: {error}", error.instance_path()))
        .collect()
}

/// Applies merge keys until none is left: serde_yaml merges one level per pass, and a
/// merged mapping may bring a `<<` of its own.
fn merge_all(value: &mut Yaml) {
    for _ in 0..16 {
        let before = value.clone();
        value.apply_merge().unwrap();
        if *value == before {
            return;
        }
    }
    panic!("merge keys still unresolved after 16 passes");
}

/// A number with a fraction or an exponent, as YAML writes it: `2.5`, `1e3`.
fn is_float_literal(text: &str) -> bool {
    text.parse::<i64>().is_err() && text.parse::<f64>().is_ok()
}

fn is_reset(value: &Yaml) -> bool {
    matches!(value, Yaml::Tagged(tagged) if tagged.tag == "reset")
}

fn to_json(value: &Yaml) -> Json {
    match value {
        Yaml::Null => Json::Null,
        Yaml::Bool(b) => Json::Bool(*b),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                Json::from(i)
            } else if let Some(u) = n.as_u64() {
                Json::from(u)
            } else {
                let f = n.as_f64().unwrap();
                serde_json::Number::from_f64(f)
                    .map_or_else(|| Json::from(n.to_string()), Json::Number)
            }
        }
        Yaml::String(s) => Json::String(s.clone()),
        Yaml::Sequence(items) => Json::Array(
            items
                .iter()
                .filter(|item| !is_reset(item))
                .map(to_json)
                .collect(),
        ),
        Yaml::Mapping(map) => Json::Object(
            map.iter()
                .filter(|(_, value)| !is_reset(value))
                .map(|(key, value)| (key_string(key), to_json(value)))
                .collect(),
        ),
        Yaml::Tagged(tagged) => to_json(&tagged.value),
    }
}

fn key_string(key: &Yaml) -> String {
    match key {
        Yaml::String(s) => s.clone(),
        Yaml::Null => "null".to_string(),
        Yaml::Bool(b) => b.to_string(),
        Yaml::Number(n) => n.to_string(),
        other => serde_yaml::to_string(other).unwrap().trim().to_string(),
    }
}

fn interpolate_json(json: &mut Json, lookup: &dyn Fn(&str) -> Option<String>) {
    match json {
        Json::String(text) => {
            if let Ok(done) = interpolate::substitute(text, lookup) {
                *text = done.value;
            }
        }
        Json::Array(items) => items
            .iter_mut()
            .for_each(|item| interpolate_json(item, lookup)),
        Json::Object(map) => map.values_mut().for_each(|v| interpolate_json(v, lookup)),
        _ => {}
    }
}

// Plausible values for variables

/// What a deployer would set: every variable the file uses with no default anywhere gets a
/// value that fits its name; the others stay unset, so their defaults apply.
fn corpus_env(text: &str) -> Env {
    let references = interpolate::variables(text);
    let defaulted: HashSet<&str> = references
        .iter()
        .filter(|r| r.default.is_some())
        .map(|r| r.name.as_str())
        .collect();

    references
        .iter()
        .filter(|r| !defaulted.contains(r.name.as_str()))
        .map(|r| (r.name.clone(), plausible_variable(&r.name).to_string()))
        .collect()
}

fn plausible_variable(name: &str) -> &'static str {
    let has = |part: &str| name.contains(part);
    if has("PORT") {
        "8080"
    } else if has("READONLY") {
        "false"
    } else if has("VERSION") || has("TAG") {
        "1.0"
    } else if has("PATH") || has("FOLDER") || has("FILE") || has("DIR") {
        "./data"
    } else if has("RESTART") {
        "unless-stopped"
    } else if has("IMAGE") {
        "example/app"
    } else if has("IP") {
        "10.0.0.2"
    } else if has("DOMAIN") || has("URL") || has("HOST") {
        "example.com"
    } else {
        "value"
    }
}

/// A value that fits the field at `path`, for the schema's variables file.
fn plausible_at(path: &str) -> &'static str {
    let field = path.rsplit('.').next().unwrap_or(path);
    let field = field.split('[').next().unwrap_or(field);
    let under = |part: &str| path.contains(part);

    match field {
        "replicas" | "parallelism" | "max_attempts" | "max_replicas_per_node" | "value" => "2",
        "retries" => "3",
        "delay" | "monitor" | "window" | "interval" | "timeout" | "start_period"
        | "start_interval" => "10s",
        "stop_grace_period" => "1m30s",
        "max_failure_ratio" => "0.3",
        "memory" => "512m",
        "size" if under("tmpfs") => "64m",
        "size" => "20G",
        "privileged" | "read_only" | "stdin_open" | "tty" | "external" => "true",
        "mode" if under("secrets") => "0440",
        "mode" => "replicated",
        "endpoint_mode" => "vip",
        "condition" => "on-failure",
        "failure_action" => "pause",
        "restart" => "unless-stopped",
        "kind" => "gpu",
        "spread" => "node.labels.zone",
        "expose" => "3000",
        "external_links" => "db:database",
        "extra_hosts" => "somehost=162.242.195.82",
        "test" => "curl -f http://localhost",
        "image" => "nginx:1.27",
        "mac_address" => "02:42:ac:11:65:43",
        "ipv4_address" => "172.16.238.10",
        "ipv6_address" => "2001:3984:3989::10",
        "ports" => "8080:80",
        "uid" | "gid" => "1000",
        "user" => "1000:1000",
        "source" => "db_password",
        "target" if under("secrets") => "/run/secrets/db_password",
        "target" => "/app",
        "volumes" | "tmpfs" => "/data",
        "nofile" | "nproc" | "soft" | "hard" => "65535",
        "net.core.somaxconn" => "1024",
        "subnet" => "172.28.0.0/16",
        "ip_range" => "172.28.5.0/24",
        "gateway" | "host1" => "172.28.5.254",
        "driver" => "default",
        "stop_signal" => "SIGUSR1",
        _ => "demo",
    }
}

fn substitute_plausible_node(node: &mut Node, path: &str) {
    match &mut node.value {
        Value::Map(entries) => {
            for entry in entries {
                let key = entry.key.as_scalar().map(|s| s.text.clone()).unwrap();
                substitute_plausible_node(&mut entry.value, &join(path, &key));
            }
        }
        Value::Seq(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                substitute_plausible_node(item, &format!("{path}[{index}]"));
            }
        }
        Value::Scalar(scalar) => {
            if scalar.text.contains("${VARIABLE}") {
                let value = scalar.text.replace("${VARIABLE}", plausible_at(path));
                scalar.original = Some(std::mem::replace(&mut scalar.text, value));
            }
        }
    }
}

fn substitute_plausible_json(json: &mut Json, path: &str) {
    match json {
        Json::String(text) => *text = text.replace("${VARIABLE}", plausible_at(path)),
        Json::Array(items) => {
            for (index, item) in items.iter_mut().enumerate() {
                substitute_plausible_json(item, &format!("{path}[{index}]"));
            }
        }
        Json::Object(map) => {
            for (key, value) in map.iter_mut() {
                substitute_plausible_json(value, &join(path, key));
            }
        }
        _ => {}
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

// Listed exceptions: where the two disagree by design

/// One disagreement between our validator and the oracle.
#[derive(Debug)]
struct Case {
    label: String,
    /// The document as both sides read it.
    text: String,
    ours: Vec<SchemaError>,
    oracle: Vec<String>,
}

/// A difference between us and the JSON schema that we keep on purpose.
struct Exception {
    name: &'static str,
    reason: &'static str,
    /// A document on which the difference shows; tested to show it.
    example: &'static str,
    /// True when we reject what the schema accepts; false for the reverse.
    we_reject: bool,
    /// Whether one of our errors (when `we_reject`: its message and the text its span
    /// covers) or one of the oracle's (when not: its text, and "") is of this kind. Every
    /// error of a disagreement must be covered by some exception.
    covers: fn(&str, &str) -> bool,
}

const EXCEPTIONS: &[Exception] = &[
    Exception {
        name: "ulimit-names",
        reason: "the schema checks ulimits only under lowercase names and lets any other key \
                 hold anything; we check every ulimit",
        example: "services:\n  web:\n    image: nginx\n    ulimits:\n      NOFILE: lots\n",
        we_reject: true,
        covers: |m, _| {
            m.split_once(".ulimits.").is_some_and(|(_, rest)| {
                let name = rest.split([' ', '.']).next().unwrap_or("");
                !name.bytes().all(|b| b.is_ascii_lowercase())
            })
        },
    },
    Exception {
        name: "text-that-compose-cannot-cast",
        reason: "the schema allows any string at typed fields because it may run before \
                 interpolation; compose-go casts text at these paths to a boolean, an integer \
                 or a number and fails on text that does not cast, so we reject it here",
        example: "services:\n  web:\n    image: nginx\n    privileged: maybe\n    deploy:\n      replicas: three\n",
        we_reject: true,
        covers: |m, value| {
            !is_float_literal(value)
                && [
                    "must be a boolean",
                    "must be an integer",
                    "must be a number",
                    "must be a boolean or a mapping",
                    "must be 'all' or an integer",
                    "must be an integer or a mapping",
                ]
                .iter()
                .any(|end| m.ends_with(end))
        },
    },
    Exception {
        name: "integers-where-the-schema-says-number",
        reason: "retries, cpu_shares, cpu_period, cpu_quota, cpu_rt_*, pids_limit and the \
                 blkio weights count whole things; the schema types them as any number",
        example: "services:\n  web:\n    image: nginx\n    cpu_shares: 1.5\n    healthcheck:\n      retries: 2.5\n",
        we_reject: true,
        covers: |m, value| m.ends_with("must be an integer") && is_float_literal(value),
    },
    Exception {
        name: "duration-syntax",
        reason: "compose-go parses these fields as durations when it binds them (a bare \
                 number has no unit and fails); the schema only asks for a string",
        example: "services:\n  web:\n    image: nginx\n    stop_grace_period: \"10\"\n    healthcheck:\n      interval: soon\n",
        we_reject: true,
        covers: |m, _| m.contains("must be a duration"),
    },
    Exception {
        name: "byte-size-syntax",
        reason: "compose-go parses these fields as byte sizes when it binds them; the schema \
                 only asks for a string or any number",
        example: "services:\n  web:\n    image: nginx\n    mem_limit: lots\n    shm_size: 1.5\n",
        we_reject: true,
        covers: |m, _| m.contains("byte size"),
    },
    Exception {
        name: "restart-policy-values",
        reason: "the Docker engine accepts only no, always, on-failure[:n] and unless-stopped; \
                 the schema allows any string",
        example: "services:\n  web:\n    image: nginx\n    restart: sometimes\n",
        we_reject: true,
        covers: |m, _| m.contains(".restart must be one of no, always"),
    },
    Exception {
        name: "bind-propagation-values",
        reason: "a bind mount's propagation is one of the six Linux modes; the schema allows \
                 any string",
        example: "services:\n  web:\n    image: nginx\n    volumes:\n      - type: bind\n        source: .\n        target: /app\n        bind:\n          propagation: sideways\n",
        we_reject: true,
        covers: |m, _| m.contains(".propagation must be one of"),
    },
    Exception {
        name: "container-name-whole-text",
        reason: "the schema's pattern is not anchored, so any text with two name characters \
                 passes; the Docker engine checks the whole name",
        example: "services:\n  web:\n    image: nginx\n    container_name: \"my web\"\n",
        we_reject: true,
        covers: |m, _| m.contains("must be a container name"),
    },
    Exception {
        name: "pull-policy-whole-text",
        reason: "the schema's pattern is not anchored, so `always-ish` passes; compose-go \
                 accepts only the listed words and every_<duration>",
        example: "services:\n  web:\n    image: nginx\n    pull_policy: always-ish\n",
        we_reject: true,
        covers: |m, _| m.contains(".pull_policy must be one of"),
    },
    Exception {
        name: "ranges-the-schema-leaves-open",
        reason: "mem_swappiness is a percentage (0 to 100) and scale a count (at least 0, \
                 which compose-go checks after loading); the schema bounds neither",
        example: "services:\n  web:\n    image: nginx\n    mem_swappiness: 200\n    scale: -1\n",
        we_reject: true,
        covers: |m, _| {
            (m.contains("mem_swappiness") && m.ends_with("must be between 0 and 100"))
                || (m.contains(".scale") && m.ends_with("must be at least 0"))
        },
    },
    Exception {
        name: "network-and-model-names",
        reason: "the schema checks the names of networks and models only by pattern without \
                 forbidding others, so a name with a space is silently unchecked; we report it",
        example: "services:\n  web:\n    image: nginx\nnetworks:\n  front end: {}\n",
        we_reject: true,
        covers: |m, _| m.contains("is not a valid name"),
    },
    Exception {
        name: "gpu-device-keys",
        reason: "the schema puts `additionalProperties: false` on the gpus list rather than on \
                 its items, so any key passes in a gpus device; we check the device's keys",
        example: "services:\n  web:\n    image: nginx\n    gpus:\n      - driver: nvidia\n        colour: green\n",
        we_reject: true,
        covers: |m, _| m.contains(".gpus[") && m.contains("additional property"),
    },
    Exception {
        name: "external-object-keys",
        reason: "the schema lets any key into `external:` of a secret or config; only `name` \
                 (and x-) means anything there",
        example: "services:\n  web:\n    image: nginx\nsecrets:\n  token:\n    external:\n      name: token\n      nmae: typo\n",
        we_reject: true,
        covers: |m, _| m.contains(".external: additional property"),
    },
    Exception {
        name: "text-cast-at-strictly-typed-fields",
        reason: "the schema types depends_on.*.required, use_api_socket, initial_sync, \
                 context_size and network priorities without a string alternative; Compose \
                 casts interpolated text at typed paths, so we accept text that casts",
        example: "services:\n  web:\n    image: nginx\n    use_api_socket: \"true\"\n    depends_on:\n      db:\n        condition: service_started\n        required: \"false\"\n  db:\n    image: postgres\n",
        we_reject: false,
        covers: |m, _| {
            let path = m.split(':').next().unwrap_or("");
            let strict = [
                "/required",
                "/use_api_socket",
                "/initial_sync",
                "/context_size",
                "priority",
            ];
            // text in `required` fails the long form of depends_on, so the oracle blames
            // the oneOf around it, quoting the value
            strict.iter().any(|field| path.ends_with(field))
                || (path.ends_with("/depends_on") && m.contains("\"required\":\""))
        },
    },
];

/// The exceptions that explain a disagreement, or `None` when it is unexplained.
fn explain(case: &Case) -> Option<Vec<&'static str>> {
    let we_reject = !case.ours.is_empty();
    let errors: Vec<(&str, &str)> = if we_reject {
        case.ours
            .iter()
            .map(|e| {
                (
                    e.message.as_str(),
                    case.text.get(e.span.start..e.span.end).unwrap_or(""),
                )
            })
            .collect()
    } else {
        case.oracle.iter().map(|m| (m.as_str(), "")).collect()
    };

    let mut names = Vec::new();
    for (message, value) in errors {
        let exception = EXCEPTIONS
            .iter()
            .find(|e| e.we_reject == we_reject && (e.covers)(message, value))?;
        if !names.contains(&exception.name) {
            names.push(exception.name);
        }
    }
    Some(names)
}

#[derive(Debug, Default)]
struct Tally {
    compared: usize,
    agreed_reject: usize,
    agreed_accept: usize,
    by_exception: HashMap<&'static str, usize>,
    unexplained: Vec<Case>,
}

impl Tally {
    fn record(&mut self, case: Case) {
        self.compared += 1;
        match (case.ours.is_empty(), case.oracle.is_empty()) {
            (true, true) => self.agreed_accept += 1,
            (false, false) => self.agreed_reject += 1,
            _ => match explain(&case) {
                Some(names) => {
                    for name in names {
                        *self.by_exception.entry(name).or_default() += 1;
                    }
                }
                None => self.unexplained.push(case),
            },
        }
    }

    fn report(&self, what: &str) {
        let mut exceptions: Vec<_> = self.by_exception.iter().collect();
        exceptions.sort();
        println!(
            "{what}: {} compared, {} both reject, {} both accept, {} by listed exceptions {:?}, {} unexplained",
            self.compared,
            self.agreed_reject,
            self.agreed_accept,
            self.compared - self.agreed_reject - self.agreed_accept - self.unexplained.len(),
            exceptions,
            self.unexplained.len()
        );
    }

    fn assert_explained(&self) {
        let shown: Vec<String> = self
            .unexplained
            .iter()
            .take(20)
            .map(|case| {
                let ours: Vec<&str> = case.ours.iter().map(|e| e.message.as_str()).collect();
                format!(
                    "{}\n    ours: {ours:?}\n    oracle: {:?}",
                    case.label, case.oracle
                )
            })
            .collect();
        assert!(
            self.unexplained.is_empty(),
            "{} disagreements with no listed exception:\n{}",
            self.unexplained.len(),
            shown.join("\n")
        );
    }
}

#[test]
fn every_listed_exception_shows_on_its_example() {
    for exception in EXCEPTIONS {
        let env = Env::new();
        let ours = ours(exception.example, &env);
        let oracle = oracle(exception.example, &env);
        let case = Case {
            label: exception.name.to_string(),
            text: exception.example.to_string(),
            ours,
            oracle,
        };

        if exception.we_reject {
            assert!(
                case.oracle.is_empty(),
                "{}: the oracle rejects: {:?}",
                exception.name,
                case.oracle
            );
            assert!(!case.ours.is_empty(), "{}: we accept", exception.name);
        } else {
            assert!(
                case.ours.is_empty(),
                "{}: we reject: {:?}",
                exception.name,
                case.ours
            );
            assert!(
                !case.oracle.is_empty(),
                "{}: the oracle accepts",
                exception.name
            );
        }
        let names = explain(&case).unwrap_or_default();
        assert!(
            names.contains(&exception.name),
            "{}: its example is explained by {names:?}: {case:?}",
            exception.name
        );
        assert!(!exception.reason.is_empty());
    }
}

// The real corpus and the variables file

#[test]
fn every_real_file_is_valid_for_both() {
    let files = real_corpus();
    assert!(files.len() >= 40, "the corpus has {} files", files.len());

    for (name, text) in &files {
        let env = corpus_env(text);
        let ours = ours(text, &env);
        let oracle = oracle(text, &env);
        assert!(ours.is_empty(), "{name}: we report {ours:#?}");
        assert!(oracle.is_empty(), "{name}: the oracle reports {oracle:#?}");
    }
    println!("real corpus: {} files, all valid for both", files.len());
}

#[test]
fn the_variables_file_is_valid_with_plausible_values() {
    let path = shared().join("corpus/peer/schema/compose-go-schema-using-variables.yaml");
    let text = fs::read_to_string(path).unwrap();

    let parsed = yaml::parse(&text, 0, Limits::default());
    let mut root = parsed.documents.into_iter().next().unwrap().root;
    substitute_plausible_node(&mut root, "");
    let found = validate(&root);
    assert!(found.is_empty(), "{found:#?}");

    let mut json = oracle_documents(&text, &Env::new()).remove(0);
    substitute_plausible_json(&mut json, "");
    let oracle = oracle_errors(&json);
    assert!(oracle.is_empty(), "{oracle:#?}");
}

#[test]
fn the_variables_file_with_values_that_do_not_cast_is_rejected_at_each() {
    let path = shared().join("corpus/peer/schema/compose-go-schema-using-variables.yaml");
    let text = fs::read_to_string(path).unwrap();
    let env = Env::from([("VARIABLE".to_string(), "not-a-value".to_string())]);

    let found = ours(&text, &env);
    let paths: HashSet<&str> = found.iter().map(|e| e.path.as_str()).collect();
    for typed in [
        "services.foo.deploy.replicas",
        "services.foo.deploy.update_config.delay",
        "services.foo.healthcheck.retries",
        "services.foo.privileged",
        "services.foo.stop_grace_period",
        "services.foo.ulimits.nofile.soft",
        "services.foo.deploy.resources.limits.memory",
        "volumes.external-volume.external",
    ] {
        assert!(paths.contains(typed), "{typed} not reported: {paths:?}");
    }
    assert!(!paths.contains("services.foo.image"));
    assert!(!paths.contains("services.foo.hostname"));
}

// Mutations of the corpus

#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(Yaml),
    Index(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Mutation {
    /// A key gets a typo: its last character doubled.
    RenameKey,
    /// A string becomes an integer; anything else becomes a word.
    ChangeType,
    /// An enum field gets a value outside its choices.
    BadChoice,
    /// A mapping gets a key no one defines.
    UnknownKey,
    /// A mapping becomes the list of its keys.
    MappingToList,
}

const MUTATIONS: [Mutation; 5] = [
    Mutation::RenameKey,
    Mutation::ChangeType,
    Mutation::BadChoice,
    Mutation::UnknownKey,
    Mutation::MappingToList,
];

/// Fields whose values are choices, on one side or the other.
const CHOICE_FIELDS: &[&str] = &[
    "condition",
    "type",
    "propagation",
    "selinux",
    "recursive",
    "action",
    "order",
    "cgroup",
    "pull_policy",
    "restart",
    "gpus",
];

/// How many sites of each kind of mutation to take in each file.
const PER_FILE: usize = 4;

fn sites(value: &Yaml, path: &mut Vec<Step>, out: &mut Vec<(Mutation, Vec<Step>)>) {
    if is_reset(value) {
        return;
    }
    match value {
        Yaml::Mapping(map) => {
            out.push((Mutation::UnknownKey, path.clone()));
            if !path.is_empty() {
                out.push((Mutation::MappingToList, path.clone()));
            }
            for (key, child) in map {
                let name = key_string(key);
                // extension values are free-form on both sides
                if name.starts_with("x-") {
                    continue;
                }
                path.push(Step::Key(key.clone()));
                out.push((Mutation::RenameKey, path.clone()));
                sites(child, path, out);
                path.pop();
            }
        }
        Yaml::Sequence(items) => {
            for (index, item) in items.iter().enumerate() {
                path.push(Step::Index(index));
                sites(item, path, out);
                path.pop();
            }
        }
        Yaml::Tagged(tagged) => sites(&tagged.value, path, out),
        _ => {
            out.push((Mutation::ChangeType, path.clone()));
            let field = path.iter().rev().find_map(|step| match step {
                Step::Key(key) => Some(key_string(key)),
                Step::Index(_) => None,
            });
            if field.is_some_and(|f| CHOICE_FIELDS.contains(&f.as_str())) {
                out.push((Mutation::BadChoice, path.clone()));
            }
        }
    }
}

fn at_mut<'v>(value: &'v mut Yaml, path: &[Step]) -> &'v mut Yaml {
    let mut here = value;
    for step in path {
        if let Yaml::Tagged(tagged) = here {
            here = &mut tagged.value;
        }
        here = match step {
            Step::Key(key) => here.as_mapping_mut().unwrap().get_mut(key).unwrap(),
            Step::Index(index) => &mut here.as_sequence_mut().unwrap()[*index],
        };
    }
    here
}

fn shown_path(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(key) => out = join(&out, &key_string(key)),
            Step::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

/// Applies a mutation; `None` when it cannot apply here.
fn mutate(document: &Yaml, mutation: Mutation, path: &[Step]) -> Option<Yaml> {
    let mut copy = document.clone();

    match mutation {
        Mutation::RenameKey => {
            let (Step::Key(key), parent) = path.split_last()? else {
                return None;
            };
            let map = at_mut(&mut copy, parent).as_mapping_mut()?;
            let name = key_string(key);
            let renamed = Yaml::String(format!("{name}{}", name.chars().last()?));
            if map.contains_key(&renamed) {
                return None;
            }
            let value = map.remove(key)?;
            map.insert(renamed, value);
        }
        Mutation::ChangeType => {
            let target = at_mut(&mut copy, path);
            *target = match target {
                Yaml::String(_) => Yaml::Number(12345.into()),
                _ => Yaml::String("zzz".to_string()),
            };
        }
        Mutation::BadChoice => {
            *at_mut(&mut copy, path) = Yaml::String("not-a-choice".to_string());
        }
        Mutation::UnknownKey => {
            let map = at_mut(&mut copy, path).as_mapping_mut()?;
            map.insert(
                Yaml::String("zz_unknown".to_string()),
                Yaml::String("1".to_string()),
            );
        }
        Mutation::MappingToList => {
            let target = at_mut(&mut copy, path);
            let keys: Vec<Yaml> = target.as_mapping()?.keys().cloned().collect();
            *target = Yaml::Sequence(keys);
        }
    }
    Some(copy)
}

/// Every k-th site, so the chosen ones spread over the file.
fn spread<T: Clone>(all: &[T], count: usize) -> Vec<T> {
    if all.len() <= count {
        return all.to_vec();
    }
    (0..count)
        .map(|i| all[i * all.len() / count].clone())
        .collect()
}

/// True when some error stands at the mutated node (for a renamed key, the new key), inside
/// it, or at the object around it (a required key gone missing).
fn reported_near(found: &[SchemaError], mutated: &str, parent: &str) -> bool {
    let within = |path: &str| {
        mutated.is_empty()
            || path == mutated
            || path.starts_with(&format!("{mutated}."))
            || path.starts_with(&format!("{mutated}["))
    };
    found
        .iter()
        .any(|error| within(&error.path) || error.path == parent)
}

#[test]
fn mutations_agree_with_the_oracle_or_are_listed_exceptions() {
    let mut tally = Tally::default();
    let mut per_kind: HashMap<Mutation, usize> = HashMap::new();
    let mut misplaced = Vec::new();

    for (name, text) in real_corpus() {
        let env = corpus_env(&text);
        let mut document: Yaml = serde_yaml::from_str(&text).unwrap();
        merge_all(&mut document);

        let mut all = Vec::new();
        sites(&document, &mut Vec::new(), &mut all);

        for kind in MUTATIONS {
            let of_kind: Vec<Vec<Step>> = all
                .iter()
                .filter(|(k, _)| *k == kind)
                .map(|(_, path)| path.clone())
                .collect();
            for path in spread(&of_kind, PER_FILE) {
                let Some(mutated) = mutate(&document, kind, &path) else {
                    continue;
                };
                let text = serde_yaml::to_string(&mutated).unwrap();
                let ours = ours(&text, &env);
                let oracle = oracle(&text, &env);
                *per_kind.entry(kind).or_default() += 1;

                let at = shown_path(&path);
                let parent = shown_path(path.split_last().map_or(&[][..], |(_, p)| p));
                let mutated_at = match kind {
                    Mutation::RenameKey => format!("{at}{}", at.chars().last().unwrap()),
                    _ => at.clone(),
                };
                if !ours.is_empty()
                    && !oracle.is_empty()
                    && !reported_near(&ours, &mutated_at, &parent)
                {
                    misplaced.push(format!("{name} {kind:?} {at}: {ours:?}"));
                }
                tally.record(Case {
                    label: format!("{name} {kind:?} at {at}"),
                    text: text.clone(),
                    ours,
                    oracle,
                });
            }
        }
    }

    tally.report("mutations");
    println!("mutations by kind: {per_kind:?}");
    assert!(tally.compared >= 300, "only {} mutations", tally.compared);
    assert!(
        misplaced.is_empty(),
        "errors away from the mutation:\n{}",
        misplaced.join("\n")
    );
    tally.assert_explained();
}

// compose-go's loader tests

#[derive(Debug, Deserialize)]
struct Snippet {
    test: String,
    yaml_inputs: Vec<String>,
    expected_errors: Vec<ExpectedError>,
}

#[derive(Debug, Deserialize)]
struct ExpectedError {
    text: String,
}

fn snippets() -> Vec<Snippet> {
    let path = shared().join("corpus/peer/compose-go-loader-snippets.jsonl");
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// Words by which compose-go's error says the document does not fit the schema's structure.
const SCHEMA_WORDS: &[&str] = &[
    "must be a",
    "must be one of",
    "additional properties",
    "missing property",
    "is required",
    "must be greater than",
    "does not match",
    "the only value allowed",
];

fn is_schema_error(text: &str) -> bool {
    SCHEMA_WORDS.iter().any(|word| text.contains(word))
}

/// What we must report for one of compose-go's schema errors to count as reproduced: an
/// error at `path` whose message holds `says`, with its span starting at the text `at`.
struct Reproduction {
    test: &'static str,
    input: usize,
    path: &'static str,
    says: &'static str,
    at: &'static str,
}

const REPRODUCTIONS: &[Reproduction] = &[
    Reproduction {
        test: "TestExtendsWihtMissingService",
        input: 0,
        path: "services.test.extends",
        says: "required property 'service' is missing",
        at: "extends",
    },
    Reproduction {
        test: "TestNonMappingObject",
        input: 0,
        path: "services",
        says: "must be a mapping",
        at: "- foo",
    },
    Reproduction {
        test: "TestNonMappingObject",
        input: 1,
        path: "services.foo",
        says: "must be a mapping",
        at: "busybox",
    },
    Reproduction {
        test: "TestNonMappingObject",
        input: 2,
        path: "networks",
        says: "must be a mapping",
        at: "- default",
    },
    Reproduction {
        test: "TestNonMappingObject",
        input: 3,
        path: "networks.default",
        says: "must be null or a mapping",
        at: "bridge",
    },
    Reproduction {
        test: "TestNonMappingObject",
        input: 4,
        path: "volumes",
        says: "must be a mapping",
        at: "- data",
    },
    Reproduction {
        test: "TestNonMappingObject",
        input: 5,
        path: "volumes.data",
        says: "must be null or a mapping",
        at: "local",
    },
    Reproduction {
        test: "TestNonStringImage",
        input: 0,
        path: "services.foo.image",
        says: "must be a string",
        at: "[\"busybox\"",
    },
    Reproduction {
        test: "TestInvalidEnvironmentValue",
        input: 0,
        path: "services.dict-env.environment.FOO",
        says: "must be a string, a number, a boolean or null",
        at: "[\"1\"]",
    },
    Reproduction {
        test: "TestInvalidEnvironmentObject",
        input: 0,
        path: "services.dict-env.environment",
        says: "must be a mapping or a sequence of strings",
        at: "\"FOO=1\"",
    },
    Reproduction {
        test: "TestInvalidResource",
        input: 0,
        path: "services.foo.deploy.resources.impossible",
        says: "additional property 'impossible' is not allowed",
        at: "impossible",
    },
    Reproduction {
        test: "TestLoadTmpfsVolumeAdditionalPropertyNotAllowed",
        input: 0,
        path: "services.tmpfs.volumes[0].foo",
        says: "additional property 'foo' is not allowed",
        at: "foo",
    },
    Reproduction {
        test: "TestLoadTmpfsVolumeSizeMustBeGTEQZero",
        input: 0,
        path: "services.tmpfs.volumes[0].tmpfs.size",
        says: "must be at least 0",
        at: "-1",
    },
    Reproduction {
        test: "TestLoadTmpfsVolumeSizeMustBeInteger",
        input: 0,
        path: "services.tmpfs.volumes[0].tmpfs.size",
        says: "must be a byte size",
        at: "0.0001",
    },
    Reproduction {
        test: "TestServiceDeviceRequestCountInvalidStringType",
        input: 0,
        path: "services.hello-world.deploy.resources.reservations.devices[0].count",
        says: "must be 'all' or an integer",
        at: "some_string",
    },
    Reproduction {
        test: "TestServiceDeviceRequestCapabilitiesMandatory",
        input: 0,
        path: "services.hello-world.deploy.resources.reservations.devices[0]",
        says: "required property 'capabilities' is missing",
        at: "driver",
    },
    Reproduction {
        test: "TestLoadSSHWithoutValueInBuildConfig",
        input: 0,
        path: "services.test.build.ssh",
        says: "must be a mapping",
        at: "",
    },
    Reproduction {
        test: "TestInvalidProjectNameType",
        input: 0,
        path: "name",
        says: "must be a string",
        at: "123",
    },
    Reproduction {
        test: "TestBadDevelopConfig",
        input: 0,
        path: "services.frontend.develop.watch[0]",
        says: "required property 'action' is missing",
        at: "path",
    },
    Reproduction {
        test: "TestDevelopMissingAction",
        input: 0,
        path: "services.web.develop.watch[0]",
        says: "required property 'action' is missing",
        at: "path",
    },
    Reproduction {
        test: "TestEnvironmentInvalidValue",
        input: 0,
        path: "services.foo.environment.FOO",
        says: "must be a string, a number, a boolean or null",
        at: "[\"1\"]",
    },
    Reproduction {
        test: "TestEnvironmentInvalidObject",
        input: 0,
        path: "services.foo.environment",
        says: "must be a mapping or a sequence of strings",
        at: "\"FOO=1\"",
    },
];

/// Why compose-go's other expected errors are not this validator's to reproduce.
fn not_schema_reason(text: &str) -> &'static str {
    if text.contains("non-string key") {
        "the YAML layer turns scalar keys into strings, as Compose does for services and \
         environment; an unknown key `123` elsewhere is reported as an additional property"
    } else if text.contains("already defined")
        || text.contains("aliasing")
        || text.contains("merge")
    {
        "YAML layer: duplicate keys, alias budget, merge keys"
    } else if text.contains("conflict") || text.contains("exclusive") {
        "cross-field validation after the schema (validation.Validate / checkConsistency)"
    } else if text.contains("Source must not be empty") {
        "mount validation at binding, not the schema"
    } else {
        "loading: project name, files, extends resolution"
    }
}

struct Row {
    test: String,
    input: usize,
    expected: String,
    ours: String,
    reproduced: bool,
    why: String,
}

fn snippet_rows() -> (Vec<Row>, Vec<(String, String, &'static str)>) {
    let mut rows = Vec::new();
    let mut others = Vec::new();

    for snippet in snippets() {
        for (index, expected) in snippet.expected_errors.iter().enumerate() {
            if !is_schema_error(&expected.text) {
                others.push((
                    snippet.test.clone(),
                    expected.text.clone(),
                    not_schema_reason(&expected.text),
                ));
                continue;
            }
            // one input per expected error when there are several, in order
            let input = if snippet.yaml_inputs.len() > 1 {
                index
            } else {
                0
            };
            let text = &snippet.yaml_inputs[input];
            let found = ours(text, &Env::new());
            let wanted = REPRODUCTIONS
                .iter()
                .find(|r| r.test == snippet.test && r.input == input);

            let (reproduced, why, shown) = match wanted {
                None => (
                    false,
                    "no reproduction is defined for it".to_string(),
                    found.first(),
                ),
                Some(wanted) => {
                    let hit = found.iter().find(|e| {
                        e.path == wanted.path
                            && e.message.contains(wanted.says)
                            && text[e.span.start..].starts_with(wanted.at)
                    });
                    match hit {
                        Some(error) => {
                            let position = LineIndex::new(text).position(text, error.span.start);
                            (
                                true,
                                format!("same meaning, at {}:{}", position.line, position.column),
                                Some(error),
                            )
                        }
                        None => (
                            false,
                            format!("expected `{}` at {}", wanted.says, wanted.path),
                            found.first(),
                        ),
                    }
                }
            };
            rows.push(Row {
                test: snippet.test.clone(),
                input,
                expected: expected.text.clone(),
                ours: shown.map_or("(nothing)".to_string(), |e| e.message.clone()),
                reproduced,
                why,
            });
        }
    }
    (rows, others)
}

fn render_snippet_doc(rows: &[Row], others: &[(String, String, &'static str)]) -> String {
    let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
    let reproduced = rows.iter().filter(|r| r.reproduced).count();
    let mut doc = String::new();

    doc.push_str("# compose-go loader tests: the schema errors our validator reproduces\n\n");
    doc.push_str(
        "Generated by `cargo test --test schema_conformance` from\n\
         `shared/corpus/peer/compose-go-loader-snippets.jsonl` (run it with\n\
         `UPDATE_SNIPPET_TABLE=1` to rewrite this file; the test fails while it is stale).\n\
         A row counts as reproduced when `compose::schema::validate` reports an error of the\n\
         same meaning at the same path, with its span on the offending key or value.\n\n",
    );
    doc.push_str(&format!(
        "Reproduced: **{reproduced} of {}** schema errors.\n\n",
        rows.len()
    ));
    doc.push_str("| test | input | compose-go expects | ours | reproduced | why |\n");
    doc.push_str("|---|---|---|---|---|---|\n");
    for row in rows {
        doc.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            row.test,
            row.input,
            cell(&row.expected),
            cell(&row.ours),
            if row.reproduced { "yes" } else { "no" },
            cell(&row.why)
        ));
    }

    doc.push_str("\n## Expected errors that are not schema errors\n\n");
    doc.push_str("| test | compose-go expects | where it belongs |\n|---|---|---|\n");
    for (test, expected, reason) in others {
        doc.push_str(&format!(
            "| {test} | {} | {} |\n",
            cell(expected),
            cell(reason)
        ));
    }
    doc
}

/// The number of compose-go schema errors reproduced when this test was last improved.
const REPRODUCED_AT_LEAST: usize = 22;

#[test]
fn loader_snippet_schema_errors_are_reproduced() {
    let (rows, others) = snippet_rows();
    let reproduced = rows.iter().filter(|r| r.reproduced).count();
    println!(
        "loader snippets: {reproduced} of {} schema errors reproduced",
        rows.len()
    );

    let doc_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/loader-snippets-schema.md");
    let rendered = render_snippet_doc(&rows, &others);
    if std::env::var_os("UPDATE_SNIPPET_TABLE").is_some() {
        fs::write(&doc_path, &rendered).unwrap();
    }
    let written = fs::read_to_string(&doc_path).unwrap_or_default();
    assert!(
        written == rendered,
        "{} is stale: run with UPDATE_SNIPPET_TABLE=1",
        doc_path.display()
    );

    let missed: Vec<String> = rows
        .iter()
        .filter(|r| !r.reproduced)
        .map(|r| format!("{} [{}]: {} — {}", r.test, r.input, r.expected, r.why))
        .collect();
    assert!(
        reproduced >= REPRODUCED_AT_LEAST,
        "reproduced {reproduced}; missed:\n{}",
        missed.join("\n")
    );
}

#[test]
fn loader_snippets_without_errors_agree_with_the_oracle() {
    let mut tally = Tally::default();
    let mut not_compared = Vec::new();

    for snippet in snippets() {
        if !snippet.expected_errors.is_empty() {
            continue;
        }
        for (index, text) in snippet.yaml_inputs.iter().enumerate() {
            let label = format!("{} [{index}]", snippet.test);
            // compared only where both YAML readers read the text the same way
            let ours_yaml = yaml::parse(text, 0, Limits::default());
            let theirs_yaml = serde_yaml::Deserializer::from_str(text)
                .map(Yaml::deserialize)
                .collect::<Result<Vec<_>, _>>();
            if !ours_yaml.errors.is_empty()
                || theirs_yaml.is_err()
                || ours_yaml.documents.is_empty()
            {
                not_compared.push(label);
                continue;
            }
            // interpolation tests would need their environment; their variables stay unset
            tally.record(Case {
                label,
                text: text.clone(),
                ours: ours(text, &Env::new()),
                oracle: oracle(text, &Env::new()),
            });
        }
    }

    tally.report("loader snippets without expected errors");
    println!("not compared (not YAML for one of the readers, or empty): {not_compared:?}");
    tally.assert_explained();
}

// Unit tests of the validator

fn positions(text: &str) -> Vec<(String, Position)> {
    let index = LineIndex::new(text);
    ours(text, &Env::new())
        .into_iter()
        .map(|e| (e.message, index.position(text, e.span.start)))
        .collect()
}

fn at(line: u32, column: u32) -> Position {
    Position { line, column }
}

#[test]
fn three_errors_give_three_reports_each_at_its_place() {
    let text = "services:\n  web:\n    imagee: nginx\n    ports:\n      - target: eighty\n    depends_on:\n      db:\n        condition: started\n";
    assert_eq!(
        positions(text),
        [
            (
                "services.web: additional property 'imagee' is not allowed (did you mean 'image'?)".to_string(),
                at(3, 5)
            ),
            ("services.web.ports[0].target must be an integer".to_string(), at(5, 17)),
            (
                "services.web.depends_on.db.condition must be one of service_started, service_healthy, service_completed_successfully".to_string(),
                at(8, 20)
            ),
        ]
    );
}

#[test]
fn spans_cover_exactly_the_offending_key_or_value() {
    let text = "services:\n  web:\n    image: nginx\n    restrat: always\n    cpu_percent: 150\n";
    let found = ours(text, &Env::new());
    let spans: Vec<&str> = found
        .iter()
        .map(|e| &text[e.span.start..e.span.end])
        .collect();
    assert_eq!(spans, ["restrat", "150"]);
    assert_eq!(
        found[0].message,
        "services.web: additional property 'restrat' is not allowed (did you mean 'restart'?)"
    );
    assert_eq!(found[0].path, "services.web.restrat");
    assert_eq!(
        found[1].message,
        "services.web.cpu_percent must be between 0 and 100"
    );
}

#[test]
fn a_missing_required_key_is_reported_at_the_key_that_holds_the_object() {
    let text = "services:\n  web:\n    image: nginx\n    extends:\n      file: base.yaml\n    develop:\n      watch:\n        - path: ./src\n";
    assert_eq!(
        positions(text),
        [
            (
                "services.web.extends: required property 'service' is missing".to_string(),
                at(4, 5)
            ),
            (
                "services.web.develop.watch[0]: required property 'action' is missing".to_string(),
                at(8, 11)
            ),
        ]
    );
}

#[test]
fn positions_are_exact_after_multibyte_text() {
    let text = "name: \"日本語\"\nservices:\n  wéb:\n    image: nginx\n    tty: peut-être\n";
    assert_eq!(
        positions(text),
        [
            (
                "services: 'wéb' is not a valid name (use letters, digits, '.', '_' and '-')"
                    .to_string(),
                at(3, 3)
            ),
            ("services.wéb.tty must be a boolean".to_string(), at(5, 10)),
        ]
    );
}

#[test]
fn interpolated_values_at_typed_paths_are_accepted_when_they_cast() {
    let text = "services:\n  web:\n    image: nginx:${TAG}\n    privileged: ${PRIV}\n    read_only: ${RO}\n    init: ${INIT}\n    mem_limit: ${MEM}\n    stop_grace_period: ${GRACE}\n    cpu_percent: ${CPU}\n    ports:\n      - target: ${PORT}\n        published: ${PUBLISHED}\n    deploy:\n      replicas: ${REPLICAS}\n    healthcheck:\n      retries: ${RETRIES}\n      interval: ${INTERVAL}\nvolumes:\n  data:\n    external: ${EXTERNAL}\n";
    let good = Env::from(
        [
            ("TAG", "1.27"),
            ("PRIV", "false"),
            ("RO", "yes"),
            ("INIT", "TRUE"),
            ("MEM", "512m"),
            ("GRACE", "1m30s"),
            ("CPU", "50"),
            ("PORT", "80"),
            ("PUBLISHED", "8080-8081"),
            ("REPLICAS", "3"),
            ("RETRIES", "5"),
            ("INTERVAL", "10s"),
            ("EXTERNAL", "true"),
        ]
        .map(|(k, v)| (k.to_string(), v.to_string())),
    );
    assert_eq!(ours(text, &good), []);

    let mut bad = good.clone();
    bad.insert("REPLICAS".into(), "three".into());
    bad.insert("CPU".into(), "150".into());
    bad.insert("PRIV".into(), "maybe".into());
    let messages: Vec<String> = ours(text, &bad).into_iter().map(|e| e.message).collect();
    assert_eq!(
        messages,
        [
            "services.web.privileged must be a boolean",
            "services.web.cpu_percent must be between 0 and 100",
            "services.web.deploy.replicas must be an integer",
        ]
    );
}

#[test]
fn quoted_text_is_still_not_a_number_where_a_string_is_wanted() {
    let messages: Vec<String> = ours(
        "name: 3\nservices:\n  web:\n    image: 1.0\n    user: \"1000\"\n",
        &Env::new(),
    )
    .into_iter()
    .map(|e| e.message)
    .collect();
    assert_eq!(
        messages,
        [
            "name must be a string",
            "services.web.image must be a string"
        ]
    );
}

#[test]
fn extension_keys_are_accepted_where_the_specification_allows_them() {
    let text = "x-common: &common\n  anything: [1, 2]\nservices:\n  web:\n    image: nginx\n    x-note: free\n    build:\n      context: .\n      x-cache: yes\n    deploy:\n      x-team: web\n      resources:\n        limits:\n          x-why: cost\n    healthcheck:\n      x-ok: 1\n    logging:\n      x-log: 1\n    ports:\n      - target: 80\n        x-port: 1\n    volumes:\n      - type: bind\n        source: .\n        target: /app\n        x-mount: 1\n        bind:\n          x-bind: 1\nnetworks:\n  front:\n    x-net: 1\n    ipam:\n      x-ipam: 1\nvolumes:\n  data:\n    x-vol: 1\nsecrets:\n  token:\n    file: ./token\n    x-secret: 1\nconfigs:\n  conf:\n    file: ./conf\n    x-config: 1\n";
    assert_eq!(ours(text, &Env::new()), []);
    assert!(oracle(text, &Env::new()).is_empty());
}

#[test]
fn extension_keys_are_refused_where_the_specification_does_not_allow_them() {
    let text = "include:\n  - path: other.yaml\n    x-why: no\nservices:\n  web:\n    image: nginx\n    extends:\n      service: base\n      x-why: no\n    blkio_config:\n      x-why: no\n    env_file:\n      - path: .env\n        x-why: no\n";
    let paths: Vec<String> = ours(text, &Env::new())
        .into_iter()
        .map(|e| e.path)
        .collect();
    assert_eq!(
        paths,
        [
            "include[0].x-why",
            "services.web.extends.x-why",
            "services.web.blkio_config.x-why",
            "services.web.env_file[0].x-why",
        ]
    );
    assert_eq!(oracle(text, &Env::new()).len(), 4);
}

#[test]
fn null_is_accepted_where_compose_allows_it() {
    let text = "services:\n  web:\n    image: nginx\n    command:\n    environment:\n      EMPTY:\n    networks:\n      front:\n    deploy:\n    develop:\n    logging:\n      options:\n        max-size:\nnetworks:\n  front:\nvolumes:\n  data:\n";
    assert_eq!(ours(text, &Env::new()), []);
    assert!(oracle(text, &Env::new()).is_empty());

    let refused = "services:\n  web:\n    image:\n    healthcheck:\nsecrets:\n  token:\n";
    let messages: Vec<String> = ours(refused, &Env::new())
        .into_iter()
        .map(|e| e.message)
        .collect();
    assert_eq!(
        messages,
        [
            "services.web.image must be a string",
            "services.web.healthcheck must be a mapping",
            "secrets.token must be a mapping",
        ]
    );
    assert_eq!(oracle(refused, &Env::new()).len(), 3);
}

#[test]
fn reset_and_override_tags_are_understood() {
    let text = "services:\n  web:\n    image: nginx\n    ports: !reset []\n    build: !reset null\n    imagee: !reset\n    environment: !override\n      A: 1\n    healthcheck: !override\n      retries: many\n";
    let messages: Vec<String> = ours(text, &Env::new())
        .into_iter()
        .map(|e| e.message)
        .collect();
    assert_eq!(
        messages,
        ["services.web.healthcheck.retries must be an integer"]
    );
}

#[test]
fn unions_and_enums_and_ranges() {
    let text = "services:\n  web:\n    image: nginx\n    build: 3\n    gpus: some\n    cgroup: shared\n    oom_score_adj: -1001\n    pull_policy: every_12h\n    restart: on-failure:3\n    volumes:\n      - type: bind\n        source: .\n        target: /app\n        bind:\n          selinux: x\n      - type: mount\n        target: /data\n    develop:\n      watch:\n        - path: ./src\n          action: rebuld\n    deploy:\n      update_config:\n        order: last-first\n    depends_on:\n      - db\n      - db\n";
    let messages: Vec<String> = ours(text, &Env::new())
        .into_iter()
        .map(|e| e.message)
        .collect();
    assert_eq!(
        messages,
        [
            "services.web.build must be a string or a mapping",
            "services.web.gpus must be 'all' or a sequence",
            "services.web.cgroup must be one of host, private",
            "services.web.oom_score_adj must be between -1000 and 1000",
            "services.web.volumes[0].bind.selinux must be one of z, Z (did you mean 'z'?)",
            "services.web.volumes[1].type must be one of bind, volume, tmpfs, cluster, npipe, image",
            "services.web.develop.watch[0].action must be one of rebuild, sync, restart, sync+restart, sync+exec (did you mean 'rebuild'?)",
            "services.web.deploy.update_config.order must be one of start-first, stop-first (did you mean 'start-first'?)",
            "services.web.depends_on[1] repeats services.web.depends_on[0]: items must be unique",
        ]
    );
}
