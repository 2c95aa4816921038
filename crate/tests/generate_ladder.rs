//! The generator over every recommender scenario and random profiles: each iteration of
//! the compose ladder loads cleanly in our own analyzer, builds on the one before, and
//! comes with a complete `.env.example` and handoff.

// Test helpers: a failed unwrap, index or panic is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::collections::BTreeMap;

use common::scenarios::{scenario, scenarios};
use compose_architect::analyze::{Options, analyze_with, rules::hardcoded_secret::is_secret_name};
use compose_architect::compose::interpolate::variables;
use compose_architect::generate::{
    DEV_SECRET, Generated, ITERATIONS, Start, full_name, generate, generate_from,
};
use compose_architect::recommend::{
    Compliance, Consistency, CustomerSegment, DataModel, DeploymentModel, Domain, Isolation,
    Language, Pricing, Profile, QueryPattern, SegmentDeployment, recommend,
};
use compose_architect::report::{Category, Report, Severity};
use compose_architect::yaml::{Limits, Node, Value, parse};
use compose_architect::{Input, SourceFile};

fn file<'g>(generated: &'g Generated, path: &str) -> &'g str {
    &generated
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .text
}

fn analyze_generated(generated: &Generated, profile: Option<&Profile>) -> Report {
    let input = Input {
        files: vec![SourceFile::new(
            "compose.yaml",
            file(generated, "compose.yaml"),
        )],
        ..Input::default()
    };
    let options = Options {
        profile: profile.cloned(),
        ..Options::default()
    };
    analyze_with(&input, &options)
}

/// The properties every generated iteration has, for one profile; `label` names it in
/// failures.
fn check_iterations(label: &str, profile: &Profile) {
    let mut previous: Option<String> = None;
    for iteration in ITERATIONS {
        let generated = generate(profile, iteration).unwrap();
        let compose = file(&generated, "compose.yaml");

        // judged alone and against the profile it was generated from
        for report in [
            analyze_generated(&generated, None),
            analyze_generated(&generated, Some(profile)),
        ] {
            let broken: Vec<String> = report
                .findings
                .iter()
                .filter(|f| {
                    matches!(
                        f.category,
                        Category::Syntax | Category::Schema | Category::Reference
                    ) || f.rule == "invalid-image-reference"
                })
                .map(|f| format!("{} {}", f.rule, f.message))
                .collect();
            assert!(
                broken.is_empty(),
                "{label} iteration {iteration}: {broken:?}\n{compose}"
            );
            if iteration >= 6 {
                let errors: Vec<String> = report
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error)
                    .map(|f| format!("{} {}", f.rule, f.message))
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{label} iteration {iteration}: {errors:?}\n{compose}"
                );
            }
            if iteration >= 5 {
                assert!(
                    !report.findings.iter().any(|f| f.rule == "hardcoded-secret"),
                    "{label} iteration {iteration}"
                );
            }
        }
        if iteration >= 5 {
            assert!(
                !compose.contains(DEV_SECRET),
                "{label} iteration {iteration}"
            );
        }

        check_env_example(label, iteration, &generated);
        if let Some(before) = &previous {
            check_superset(label, iteration, before, compose);
        }
        previous = Some(compose.to_string());
    }
}

/// `.env.example` names every variable the compose file uses, secrets blank, the
/// others with the default the compose file gives, each after a comment.
fn check_env_example(label: &str, iteration: u32, generated: &Generated) {
    let compose = file(generated, "compose.yaml");
    let env = file(generated, ".env.example");
    let lines: Vec<&str> = env.lines().collect();
    let mut values = BTreeMap::new();
    for (at, line) in lines.iter().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (name, value) = line.split_once('=').unwrap();
        assert!(
            lines[at - 1].starts_with("# "),
            "{label} iteration {iteration}: {name} has no comment"
        );
        values.insert(name.to_string(), value.to_string());
    }

    for reference in code_variables(compose) {
        let value = values.get(&reference.name).unwrap_or_else(|| {
            panic!(
                "{label} iteration {iteration}: {} missing from .env.example",
                reference.name
            )
        });
        if reference.required {
            assert_eq!(value, "", "{label}: {} must be blank", reference.name);
        } else {
            assert_eq!(
                Some(value.as_str()),
                reference.default.as_deref(),
                "{label}: {}",
                reference.name
            );
        }
        if is_secret_name(&reference.name) {
            assert!(
                reference.required,
                "{label}: {} is a secret",
                reference.name
            );
        }
    }
    assert_eq!(
        values.len(),
        {
            let mut names: Vec<String> = code_variables(compose)
                .into_iter()
                .map(|r| r.name)
                .collect();
            names.sort();
            names.dedup();
            names.len()
        },
        "{label} iteration {iteration}: .env.example lists a variable the file does not use"
    );
}

/// The variables the file's code (not its comments) references.
fn code_variables(compose: &str) -> Vec<compose_architect::compose::interpolate::VariableRef> {
    compose
        .lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .flat_map(variables)
        .collect()
}

/// A path of mapping keys from the root; `depends_on` list items count as keys, so the
/// short and long forms of a dependency have the same path; other list items are
/// numbered.
fn key_paths(text: &str) -> (Vec<String>, BTreeMap<String, String>) {
    let parsed = parse(text, 0, Limits::default());
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let mut paths = Vec::new();
    let mut leaves = BTreeMap::new();
    walk(&parsed.documents[0].root, "", &mut paths, &mut leaves);
    (paths, leaves)
}

fn walk(node: &Node, path: &str, paths: &mut Vec<String>, leaves: &mut BTreeMap<String, String>) {
    match &node.value {
        Value::Scalar(scalar) => {
            leaves.insert(path.to_string(), scalar.text.clone());
        }
        Value::Map(entries) => {
            for entry in entries {
                let key = format!("{path}/{}", entry.key.as_str().unwrap());
                paths.push(key.clone());
                walk(&entry.value, &key, paths, leaves);
            }
        }
        Value::Seq(items) => {
            for (at, item) in items.iter().enumerate() {
                if path.ends_with("/depends_on") {
                    paths.push(format!("{path}/{}", item.as_str().unwrap()));
                } else {
                    let key = format!("{path}/{at}");
                    paths.push(key.clone());
                    walk(item, &key, paths, leaves);
                }
            }
        }
    }
}

/// The rule of the ladder: every key path of one iteration is in the next, and every
/// value stays, except where the next iteration replaces it on purpose: iteration 5
/// turns values under `environment` and `command`, and images, into parameters;
/// iteration 6 writes every image in full; iteration 7 publishes the API's container
/// port only.
fn check_superset(label: &str, iteration: u32, before: &str, after: &str) {
    let (old_paths, old_leaves) = key_paths(before);
    let (new_paths, new_leaves) = key_paths(after);
    for path in &old_paths {
        assert!(
            new_paths.contains(path),
            "{label}: iteration {iteration} drops {path}"
        );
    }
    for (path, value) in &old_leaves {
        let Some(new) = new_leaves.get(path) else {
            // a list of dependencies became a mapping of them
            assert!(path.contains("/depends_on/"), "{label}: {path} lost");
            continue;
        };
        if new == value {
            continue;
        }
        let replaced = match iteration {
            5 => {
                (path.contains("/environment/")
                    || path.contains("/command/")
                    || path.ends_with("/image"))
                    && new.contains("${")
            }
            6 => {
                let repository = |image: &str| image.split(':').next().unwrap().to_string();
                path.ends_with("/image")
                    && repository(new) == full_name(&repository(value))
                    && !new.contains("latest")
            }
            // the replicated tiers publish only their container port
            7 => path == "/services/api/ports/0" || path == "/services/web/ports/0",
            _ => false,
        };
        assert!(
            replaced,
            "{label}: iteration {iteration} changes {path} from {value:?} to {new:?}"
        );
    }
}

#[test]
fn every_scenario_loads_cleanly_at_every_iteration_and_builds_on_the_one_before() {
    let all = scenarios();
    assert!(all.len() >= 36, "{} scenarios", all.len());
    for (name, profile) in &all {
        check_iterations(name, profile);
    }
}

/// A small deterministic generator (xorshift64*), so the random profiles are the same
/// on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn maybe(&mut self) -> bool {
        self.next() % 2 == 0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> Option<T> {
        if self.maybe() {
            None
        } else {
            Some(items[self.below(items.len())])
        }
    }

    fn some<T: Copy>(&mut self, items: &[T]) -> Option<Vec<T>> {
        if self.maybe() {
            return None;
        }
        Some(items.iter().copied().filter(|_| self.maybe()).collect())
    }
}

fn random_profile(random: &mut Random) -> Profile {
    use Compliance::*;
    let domains = [
        Domain::Api,
        Domain::WebApp,
        Domain::Saas,
        Domain::DataPipeline,
        Domain::AiMl,
        Domain::Analytics,
        Domain::DatabaseService,
        Domain::Healthcare,
        Domain::Fintech,
        Domain::Other,
    ];
    let languages = [
        Language::Javascript,
        Language::Typescript,
        Language::Python,
        Language::Go,
        Language::Java,
        Language::Kotlin,
        Language::Csharp,
        Language::Rust,
    ];
    let models = [
        DataModel::Relational,
        DataModel::Document,
        DataModel::TimeSeries,
        DataModel::Graph,
        DataModel::KeyValue,
    ];
    let segments = [
        CustomerSegment::Startups,
        CustomerSegment::MidMarket,
        CustomerSegment::Enterprise,
        CustomerSegment::Developers,
        CustomerSegment::Government,
    ];
    let deployment_models = [
        DeploymentModel::ProviderAccount,
        DeploymentModel::Byoc,
        DeploymentModel::ByocCopilot,
        DeploymentModel::OnPremises,
    ];
    let stacks = [
        "postgresql",
        "mysql",
        "mongodb",
        "redis",
        "valkey",
        "memcached",
        "kafka",
        "rabbitmq",
        "nats",
        "minio",
        "cassandra",
        "neo4j",
    ];
    let deployments = random.some(&segments).map(|list| {
        list.into_iter()
            .map(|segment| {
                let mut chosen: Vec<DeploymentModel> = deployment_models
                    .iter()
                    .copied()
                    .filter(|_| random.maybe())
                    .collect();
                if chosen.is_empty() {
                    chosen.push(DeploymentModel::ProviderAccount);
                }
                SegmentDeployment {
                    segment,
                    models: chosen,
                }
            })
            .collect()
    });
    Profile {
        name: random
            .pick(&["Acme Cloud", "x", "Ünïcode Labs", "--"])
            .map(String::from),
        domain: random.pick(&domains),
        team_languages: random.some(&languages),
        data_model: random.pick(&models),
        write_heavy: random.pick(&[true, false]),
        requests_per_second: random.pick(&[10, 100, 800, 5_000]),
        latency_ms: random.pick(&[20, 50, 100, 500]),
        uptime: random.pick(&[99.0, 99.9, 99.95, 99.99, 99.999]),
        compliance: random.some(&[Soc2, Hipaa, Gdpr, PciDss, Iso27001]),
        customers: random.some(&segments),
        pricing: random.pick(&[Pricing::Freemium, Pricing::UsageBased, Pricing::Tiered]),
        deployments,
        users: random.pick(&[100, 20_000, 1_000_000]),
        data_volume_gb: random.pick(&[10, 1_000, 50_000]),
        query_patterns: random.some(&[
            QueryPattern::ComplexJoins,
            QueryPattern::KeyValue,
            QueryPattern::TimeRange,
            QueryPattern::Aggregations,
            QueryPattern::Traversals,
            QueryPattern::FullText,
        ]),
        consistency: random.pick(&[Consistency::Strong, Consistency::Eventual]),
        existing_stack: random
            .some(&stacks)
            .map(|list| list.into_iter().map(String::from).collect()),
        data_residency: random.pick(&["eu", "us"]).map(|r| vec![r.to_string()]),
        isolation: random.pick(&[
            Isolation::Logical,
            Isolation::DedicatedData,
            Isolation::DedicatedInfrastructure,
        ]),
        maintenance_windows: random.pick(&[true, false]),
        dr_regions: random.pick(&[0, 1, 2]),
        rto_minutes: random.pick(&[5, 60, 240]),
        rpo_minutes: random.pick(&[1, 15, 60]),
    }
}

#[test]
fn random_profiles_load_cleanly_at_every_iteration_and_build_on_the_one_before() {
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut databases = std::collections::BTreeSet::new();
    for at in 0..300 {
        let profile = random_profile(&mut random);
        assert!(profile.problems().is_empty(), "{profile:?}");
        databases.insert(recommend(&profile).database.choice);
        check_iterations(&format!("random profile {at}: {profile:?}"), &profile);
    }
    // the generator of profiles reaches more than the default stack
    assert!(databases.len() >= 4, "{databases:?}");
}

#[test]
fn a_profile_gets_the_compose_file_its_variables_the_handoff_and_the_drawing() {
    let generated = generate(&Profile::default(), 1).unwrap();
    let paths: Vec<&str> = generated.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "compose.yaml",
            ".env.example",
            "handoff.md",
            "handoff.json",
            "architecture.svg"
        ]
    );
}

#[test]
fn the_same_profile_always_generates_the_same_files() {
    let profile = scenario("full_clinic_cloud");
    for iteration in ITERATIONS {
        let first = generate(&profile, iteration).unwrap();
        assert_eq!(generate(&profile, iteration).unwrap(), first);
    }
}

#[test]
fn every_iteration_adds_what_the_seed_says() {
    let profile = Profile {
        domain: Some(Domain::Saas),
        customers: Some(vec![CustomerSegment::Startups, CustomerSegment::Enterprise]),
        requests_per_second: Some(800),
        uptime: Some(99.95),
        ..Profile::default()
    };
    let r = recommend(&profile);
    assert_eq!(r.pattern.choice, "three-tier");
    assert_eq!(r.cache.choice, "redis");
    let compose =
        |iteration| file(&generate(&profile, iteration).unwrap(), "compose.yaml").to_string();

    let one = compose(1);
    assert!(one.contains("iteration 1 of 7, core services"));
    assert!(one.contains("  api:\n") && one.contains("  database:\n"));
    assert!(!one.contains("  cache:\n"));
    assert!(one.contains("image: \"postgres:17.2-alpine\""));

    let two = compose(2);
    assert!(two.contains("  cache:\n"));
    assert!(two.contains("CACHE_URL: \"redis://cache:6379\""));
    assert!(two.contains("\"--maxmemory\", \"256mb\""));
    assert!(!two.contains("healthcheck:"));

    let three = compose(3);
    assert!(three.matches("healthcheck:").count() >= 3);
    assert_eq!(
        three.matches("healthcheck:").count(),
        three.matches("\n    image: ").count()
    );
    assert!(three.contains("condition: service_healthy"));
    assert!(three.contains("pg_isready"));
    assert!(three.contains(r#"["CMD", "redis-cli", "ping"]"#));

    let four = compose(4);
    assert!(four.contains("  web:\n"));
    assert!(four.contains("proxy_pass http://api:8080/;"));
    assert_eq!(four.contains("  worker:\n"), r.queue.choice != "none");

    let five = compose(5);
    assert!(five.contains("POSTGRES_PASSWORD: \"${DB_PASSWORD:?DB_PASSWORD is required}\""));
    assert!(five.contains("\"${CACHE_MAX_MEMORY:-256mb}\""));
    assert!(five.contains("LOG_LEVEL: \"${LOG_LEVEL:-info}\""));

    let six = compose(6);
    assert!(six.contains("image: \"docker.io/library/postgres:17.2-alpine\""));
    assert!(six.contains("image: \"docker.io/library/nginx:1.27.3-alpine\""));
    assert!(six.contains("mycompany/myapp-api:${API_VERSION:-1.0.0}"));
    assert!(six.contains("# Registry hosts: docker.io."));
    assert!(!six.contains("latest") && !six.contains("build:"));

    let seven = compose(7);
    assert!(seven.contains(&format!(
        "replicas: \"${{API_REPLICAS:-{}}}\"",
        r.sla.replicas
    )));
    assert!(r.sla.replicas >= 2);
    assert!(seven.contains("memory: 4G"));
    assert!(seven.contains("reservations:"));
    assert!(seven.contains("LOG_FORMAT: \"${LOG_FORMAT:-json}\""));
    assert!(seven.contains("METRICS_PORT: \"${METRICS_PORT:-9090}\""));
    assert_eq!(r.tenancy.model.choice, "hybrid");
    assert!(seven.contains("TENANT_HEADER: \"${TENANT_HEADER:-X-Tenant-ID}\""));
    assert!(seven.contains("TENANT_ISOLATION"));
}

#[test]
fn tenancy_decides_the_tenant_settings_of_iteration_7() {
    let compose =
        |profile: &Profile| file(&generate(profile, 7).unwrap(), "compose.yaml").to_string();

    let siloed =
        scenario("healthcare_with_hipaa_gets_siloed_phi_encrypted_postgresql_and_no_phi_in_cache");
    assert_eq!(recommend(&siloed).tenancy.model.choice, "siloed");
    let text = compose(&siloed);
    assert!(text.contains("TENANT_ID: \"${TENANT_ID:?TENANT_ID is required}\""));
    assert!(!text.contains("TENANT_HEADER"));

    let shared = scenario("freemium_startups_share_everything");
    assert_eq!(recommend(&shared).tenancy.model.choice, "shared");
    let text = compose(&shared);
    assert!(text.contains("TENANT_HEADER"));
    assert!(!text.contains("TENANT_ID") && !text.contains("TENANT_ISOLATION"));
}

#[test]
fn each_technology_gets_its_own_health_check() {
    let health = [
        (
            "a_write_heavy_time_series_workload_gets_a_time_series_store",
            "pg_isready",
        ),
        (
            "a_graph_of_relationships_gets_neo4j",
            "\"neo4j\", \"status\"",
        ),
        (
            "documents_with_a_flexible_schema_get_mongodb_and_relational_metadata",
            "mongosh",
        ),
        (
            "a_data_pipeline_gets_a_queue_and_object_storage_for_raw_data",
            "kafka-broker-api-versions.sh",
        ),
        (
            "on_premises_instances_get_self_hosted_object_storage",
            "\"mc\", \"ready\", \"local\"",
        ),
        (
            "write_heavy_key_value_goes_wide_column_unless_it_must_be_strongly_consistent_1",
            "cqlsh",
        ),
        (
            "a_global_five_nines_target_gets_active_active_on_a_distributed_database",
            "health?ready=1",
        ),
    ];
    for (name, check) in health {
        let text = file(&generate(&scenario(name), 3).unwrap(), "compose.yaml").to_string();
        assert!(text.contains(check), "{name}: {check}\n{text}");
    }

    let mysql = Profile {
        existing_stack: Some(vec!["mysql".into(), "rabbitmq".into()]),
        domain: Some(Domain::DataPipeline),
        ..Profile::default()
    };
    let r = recommend(&mysql);
    assert_eq!(
        (r.database.choice.as_str(), r.queue.choice.as_str()),
        ("mysql", "rabbitmq")
    );
    let text = file(&generate(&mysql, 3).unwrap(), "compose.yaml").to_string();
    assert!(text.contains(r#"["CMD", "mysqladmin", "ping", "-h", "127.0.0.1"]"#));
    assert!(text.contains(r#"["CMD", "rabbitmq-diagnostics", "-q", "ping"]"#));
}

#[test]
fn the_handoff_carries_the_domains_guidance() {
    let profile = scenario("an_ai_ml_service_gets_fastapi_model_storage_and_request_queuing");
    let generated = generate(&profile, 4).unwrap();
    let guidance = generated.handoff.architecture.guidance.as_ref().unwrap();
    assert_eq!(guidance.domain, "ai-ml");
    let md = file(&generated, "handoff.md");
    assert!(md.contains("### Domain guidance: ai-ml"));
    assert!(md.contains("- To decide: GPU requirements (inference: T4, training: A100)"));
    // the AI/ML pattern queues requests for a worker
    assert!(file(&generated, "compose.yaml").contains("  worker:\n"));
    assert!(
        generate(&Profile::default(), 4)
            .unwrap()
            .handoff
            .architecture
            .guidance
            .is_none()
    );
}

#[test]
fn managed_services_are_named_as_external_never_dropped() {
    let profile = scenario("a_data_pipeline_gets_a_queue_and_object_storage_for_raw_data");
    let r = recommend(&profile);
    assert_eq!(r.object_storage.choice, "s3");
    let generated = generate(&profile, 7).unwrap();
    let compose = file(&generated, "compose.yaml");
    assert!(compose.contains("STORAGE_URL: \"${STORAGE_URL:?STORAGE_URL is required}\""));
    assert!(!compose.contains("  storage:\n"));
    let handoff = &generated.handoff;
    assert_eq!(handoff.architecture.external.len(), 1);
    assert_eq!(
        handoff.architecture.external[0].technology,
        "S3/GCS/Azure Blob"
    );
    assert!(
        file(&generated, "handoff.md")
            .contains("S3/GCS/Azure Blob is a managed service outside the compose file")
    );
}

#[test]
fn the_handoff_has_every_part_of_the_seed_with_the_scenarios_values() {
    let profile = scenario("full_clinic_cloud");
    let r = recommend(&profile);
    let generated = generate(&profile, 7).unwrap();
    let md = file(&generated, "handoff.md");
    for heading in [
        "## Architecture",
        "## Container images",
        "## Registry hosts",
        "## Diagram",
        "## Service plans",
        "## Deployment models",
        "## Compliance",
        "## SLA",
        "## Scaling",
        "## Backups",
        "## Observability",
        "## Checklist",
        "## Open questions",
    ] {
        assert!(md.contains(heading), "{heading}\n{md}");
    }
    assert!(md.starts_with("# Handoff: clinic-cloud\n"));
    assert!(md.contains("99.95% uptime"), "{md}");
    assert!(md.contains("- SLA: 99.95%"));
    for plan in &r.plans {
        assert!(md.contains(&format!("- {} (", plan.name)), "{}", plan.name);
    }
    assert!(md.contains("### HIPAA") && md.contains("### SOC 2"), "{md}");
    assert!(md.contains("- Compliance: HIPAA, SOC 2"));
    assert!(md.contains("| database | PostgreSQL | `docker.io/library/postgres:17.2-alpine`"));
    assert!(md.contains("- database: volume database_data at /var/lib/postgresql/data"));
    assert!(md.contains(&format!(
        "Stateless services run {} replica(s).",
        r.sla.replicas
    )));
    assert!(md.contains("- api: METRICS_PORT"));
    assert!(md.contains(&format!(
        "- api: {} replica(s) (API_REPLICAS sets it)",
        r.sla.replicas
    )));
    assert!(md.contains("- database: 1 replica(s)\n"));
    // the diagram, drawn and in Mermaid and text
    assert!(
        md.contains("  -> depends on database (service_healthy)"),
        "{md}"
    );
    assert!(md.contains("```mermaid\nflowchart"));
    let svg = file(&generated, "architecture.svg");
    assert!(svg.starts_with("<svg") && svg.contains("Architecture of clinic-cloud"));
    assert_eq!(generated.handoff.diagram.svg_file, "architecture.svg");
    assert!(md.contains("Tenancy: siloed"));
    for segment in &r.deployments {
        assert!(md.contains(&format!("- {}: {}", segment.segment, segment.decision.name)));
    }
    // the checklist as the analyzer judged the file, and the questions still open
    assert!(
        md.contains("- [x] All services have image: references"),
        "{md}"
    );
    let rto = compose_architect::recommend::questions()
        .into_iter()
        .find(|q| q.id == "rto")
        .unwrap();
    assert!(r.open_questions.contains(&"rto".to_string()));
    assert!(md.contains(&rto.text));

    let json: serde_json::Value = serde_json::from_str(file(&generated, "handoff.json")).unwrap();
    assert_eq!(json, serde_json::to_value(&generated.handoff).unwrap());
    for part in [
        "architecture",
        "images",
        "registries",
        "diagram",
        "plans",
        "deployments",
        "tenancy",
        "compliance",
        "sla",
        "scaling",
        "backups",
        "observability",
        "checklist",
        "openQuestions",
    ] {
        assert!(json.get(part).is_some(), "{part}");
    }
    assert_eq!(json["sla"]["uptime"], 99.95);
    assert_eq!(json["registries"][0]["host"], "docker.io");
    // api, worker (for the queue), web, database, cache, queue
    assert_eq!(r.queue.choice, "rabbitmq");
    assert_eq!(json["images"].as_array().unwrap().len(), 6);
    assert_eq!(json["iteration"], 7);
}

#[test]
fn a_recommendation_edited_by_the_user_is_the_starting_point() {
    let mut recommendation = recommend(&Profile::default());
    recommendation.database.choice = "mongodb".into();
    recommendation.cache.choice = "none".into();
    let generated = generate_from(
        Start::Recommendation {
            recommendation: &recommendation,
            name: Some("Edited App"),
        },
        6,
    )
    .unwrap();
    let compose = file(&generated, "compose.yaml");
    assert!(compose.contains("image: \"docker.io/library/mongo:8.0.3\""));
    assert!(!compose.contains("  cache:\n"));
    assert!(compose.starts_with("# edited-app: iteration 6 of 7"));
    assert_eq!(generated.handoff.source, "recommendation");
    let report = analyze_generated(&generated, None);
    assert!(
        !report
            .findings
            .iter()
            .any(|f| f.severity == Severity::Error)
    );

    let mut wrong = recommendation.clone();
    wrong.cache.choice = "postgresql".into();
    let error = generate_from(
        Start::Recommendation {
            recommendation: &wrong,
            name: None,
        },
        1,
    )
    .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("cache.choice"));
    assert!(
        error
            .to_string()
            .contains("`postgresql` cannot be used here"),
        "{error}"
    );

    let mut unknown = recommendation.clone();
    unknown.pattern.choice = "monolith".into();
    let error = generate_from(
        Start::Recommendation {
            recommendation: &unknown,
            name: None,
        },
        1,
    )
    .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("pattern.choice"));

    let error = generate(&Profile::default(), 8).unwrap_err();
    assert_eq!(error.field.as_deref(), Some("iteration"));
    assert!(error.to_string().contains("iteration 8"));
}

#[test]
fn a_users_project_gets_its_env_example_and_handoff_and_keeps_its_compose_file() {
    let compose = "name: shop\n\
        services:\n\
        \x20 web:\n\
        \x20   build: ./web\n\
        \x20   ports: [\"8080:8080\"]\n\
        \x20   environment:\n\
        \x20     DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/shop\n\
        \x20     LOG_LEVEL: ${LOG_LEVEL:-info}\n\
        \x20   depends_on: [db]\n\
        \x20 db:\n\
        \x20   image: postgres:${PG_TAG:-16}\n\
        \x20   environment:\n\
        \x20     POSTGRES_PASSWORD: ${DB_PASSWORD:?set it}\n\
        \x20   volumes: [\"db:/var/lib/postgresql/data\"]\n\
        volumes:\n\
        \x20 db: {}\n";
    let input = Input {
        files: vec![SourceFile::new("shop/compose.yaml", compose)],
        ..Input::default()
    };
    let profile = scenario("gdpr_with_eu_residency_gets_residency_controls_1");
    let generated = generate_from(
        Start::Project {
            input: &input,
            profile: Some(&profile),
        },
        1,
    )
    .unwrap();
    let paths: Vec<&str> = generated.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            ".env.example",
            "handoff.md",
            "handoff.json",
            "architecture.svg"
        ]
    );

    let env = file(&generated, ".env.example");
    assert!(
        env.contains("# used by service web, service db (secret, required)\nDB_PASSWORD=\n"),
        "{env}"
    );
    assert!(env.contains("LOG_LEVEL=info\n"));
    assert!(env.contains("# used by service db (optional)\nPG_TAG=16\n"));

    let handoff = &generated.handoff;
    assert_eq!(handoff.project, "shop");
    assert_eq!(handoff.source, "project");
    assert!(handoff.iteration.is_none());
    assert!(handoff.architecture.pattern.is_none());
    let web = handoff.images.iter().find(|i| i.service == "web").unwrap();
    assert!(web.needs_push && web.custom);
    assert!(handoff.compliance.iter().any(|c| c.id == "gdpr"));
    let images = handoff
        .checklist
        .iter()
        .find(|i| i.id == "image-references")
        .unwrap();
    assert_eq!(
        images.status,
        compose_architect::report::ChecklistStatus::Fail
    );
    let md = file(&generated, "handoff.md");
    assert!(
        md.contains("| web | `shop-web` | docker.io | custom: build and push it first |")
            || md.contains("custom: build and push it first"),
        "{md}"
    );
    assert!(
        md.contains("- [ ] fails: All services have image: references"),
        "{md}"
    );
    assert!(
        md.contains("web [") && md.contains("-> depends on db"),
        "{md}"
    );

    // without a profile, the design parts say they are not decided
    let bare = generate_from(
        Start::Project {
            input: &input,
            profile: None,
        },
        1,
    )
    .unwrap();
    let md = file(&bare, "handoff.md");
    assert!(md.contains("Not decided: what uptime is promised"));
    assert!(bare.handoff.plans.is_empty());

    let error = generate_from(
        Start::Project {
            input: &Input::default(),
            profile: None,
        },
        1,
    )
    .unwrap_err();
    assert_eq!(error.field.as_deref(), Some("files"));
}

#[test]
fn a_corpus_project_gets_a_handoff_naming_every_service() {
    let files = common::project("docker-elk__docker-compose.yaml");
    let input = Input {
        files,
        ..Input::default()
    };
    let generated = generate_from(
        Start::Project {
            input: &input,
            profile: None,
        },
        1,
    )
    .unwrap();
    let handoff = &generated.handoff;
    assert!(handoff.architecture.services.len() >= 3);
    for service in &handoff.architecture.services {
        assert!(file(&generated, "handoff.md").contains(&format!("| {} |", service.name)));
    }
    let env = file(&generated, ".env.example");
    assert!(env.contains("ELASTIC_VERSION="), "{env}");
}

#[test]
fn the_superset_rule_refuses_what_it_must() {
    let base = "services:\n  api:\n    image: acme/api:latest\n    environment:\n      A: \"1\"\n    depends_on:\n      - db\n  db:\n    image: postgres:17.2\n";
    // the long form of a dependency and a parameter at iteration 5 are allowed
    let five = "services:\n  api:\n    image: acme/api:${V:-latest}\n    environment:\n      A: \"${A:-1}\"\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: postgres:17.2\n";
    check_superset("allowed", 5, base, five);

    let refused = |iteration: u32, after: String| {
        std::panic::catch_unwind(|| check_superset("refused", iteration, base, &after)).is_err()
    };
    // a service dropped, a value changed before its iteration, a literal that stays a
    // literal, an image written in full before iteration 6
    let dropped = "services:\n  api:\n    image: acme/api:${V:-latest}\n    environment:\n      A: \"${A:-1}\"\n    depends_on:\n      - db\n";
    assert!(refused(5, dropped.to_string()));
    assert!(refused(3, five.to_string()));
    assert!(refused(5, five.replace("\"${A:-1}\"", "\"2\"")));
    assert!(refused(
        5,
        five.replace("postgres:17.2", "docker.io/library/postgres:17.2")
    ));
    let six = base
        .replace("postgres:17.2", "docker.io/library/postgres:17.2")
        .replace("acme/api:latest", "docker.io/acme/api:1.0.0");
    assert!(!refused(6, six));
}

#[test]
fn a_spring_service_is_checked_on_its_actuator() {
    use compose_architect::recommend::{Language, Profile};

    let profile = Profile {
        team_languages: Some(vec![Language::Java]),
        ..Profile::default()
    };
    let generated = compose_architect::generate(&profile, 3).unwrap();
    let compose = &generated
        .files
        .iter()
        .find(|f| f.path == "compose.yaml")
        .unwrap()
        .text;
    assert!(
        compose.contains(r#"["CMD", "curl", "-fsS", "http://127.0.0.1:8080/actuator/health"]"#),
        "{compose}"
    );
    assert!(compose.contains("# the image must answer GET /actuator/health on its port"));
}

#[test]
fn markup_in_the_files_stays_text_in_the_handoff_document() {
    let text = "name: demo\nservices:\n  '<img src=x onerror=alert(1)>':\n    image: nginx:1.27.3\n    volumes:\n      - 'a&b:/data'\nvolumes:\n  'a&b': {}\n";
    let input = Input {
        files: vec![SourceFile::new("compose.yaml", text)],
        ..Input::default()
    };
    let generated = generate_from(
        Start::Project {
            input: &input,
            profile: None,
        },
        1,
    )
    .unwrap();
    let md = file(&generated, "handoff.md");

    // outside code the name is written with entities; in the diagram's fenced blocks and
    // in code spans, which show text as is, it stays as written
    assert!(
        md.contains("| &lt;img src=x onerror=alert(1)&gt; |"),
        "{md}"
    );
    assert!(md.contains("a&amp;b"), "{md}");
    let outside_code: String = md
        .split("```")
        .step_by(2)
        .flat_map(|part| part.split('`').step_by(2))
        .collect();
    assert!(!outside_code.contains('<'), "{outside_code}");
    assert!(md.contains("```mermaid\n"), "{md}");
}

#[test]
fn every_catalogue_image_and_generated_name_is_one_docker_accepts() {
    let mut checked = 0;
    for technology in compose_architect::recommend::catalogue::CATALOGUE {
        let Some((image, tag)) = technology.image else {
            continue;
        };
        let reference = format!("{image}:{tag}");
        assert_eq!(
            compose_architect::compose::check_image(&reference),
            Ok(()),
            "{}",
            technology.id
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} images");

    for name in ["My Shop!", "--Shop__", "ÉCOLE 2", "a.b.c", "x"] {
        let project = compose_architect::generate::project_name(name);
        assert_eq!(
            compose_architect::compose::normalize_project_name(&project),
            project,
            "{name}"
        );
    }
    let name = compose_architect::generate::project_name;
    assert_eq!(name("Évil Corp"), "evil-corp");
    assert_eq!(name("Café Zürich Øst"), "cafe-zurich-ost");
    assert_eq!(name("日本語アプリ"), "");
}

#[test]
fn a_long_product_name_still_gives_images_and_names_docker_accepts() {
    let profile = Profile {
        name: Some(format!("{} Cloud", "a".repeat(240))),
        ..Profile::default()
    };
    for iteration in [1, 7] {
        let generated = generate(&profile, iteration).unwrap();
        let report = analyze_generated(&generated, None);
        let invalid: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("invalid-"))
            .map(|f| format!("{} {}", f.rule, f.message))
            .collect();
        assert!(invalid.is_empty(), "iteration {iteration}: {invalid:?}");
        let compose = file(&generated, "compose.yaml");
        assert!(
            compose.contains(&format!("name: \"{}\"", "a".repeat(63))),
            "{compose}"
        );
    }
}

#[test]
fn the_handoff_says_ready_only_when_no_checklist_item_fails() {
    let profile = Profile::default();

    let first = generate(&profile, 1).unwrap();
    let handoff = file(&first, "handoff.md");
    assert!(
        handoff.contains("\nNot ready for onboarding yet: ")
            && handoff.contains("; the compose spec is at iteration 1 of 7.\n"),
        "{handoff}"
    );

    let last = generate(&profile, 7).unwrap();
    let handoff = file(&last, "handoff.md");
    assert!(
        handoff.contains("\nReady for onboarding; the compose spec is at iteration 7 of 7.\n"),
        "{handoff}"
    );
    let report = analyze_generated(&last, None);
    assert!(
        report
            .checklist
            .iter()
            .all(|item| item.status != compose_architect::report::ChecklistStatus::Fail),
        "{:?}",
        report.checklist
    );
}
