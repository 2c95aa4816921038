//! The loader's semantics: extends and include across the files given, profiles, and the
//! cross-reference checks, each finding pointing into the file and line it came from.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fs;
use std::path::PathBuf;

use compose_architect::report::{Finding, Report};
use compose_architect::{Input, SourceFile, analyze, compose};

fn testdata(path: &str) -> SourceFile {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/peer/compose-go-testdata/loader/testdata");
    SourceFile::new(path, fs::read_to_string(root.join(path)).unwrap())
}

fn run(files: Vec<SourceFile>) -> Report {
    analyze(&Input {
        files,
        ..Input::default()
    })
}

fn text(files: &[(&str, &str)]) -> Report {
    run(files.iter().map(|(p, t)| SourceFile::new(*p, *t)).collect())
}

fn with_rule<'r>(report: &'r Report, rule: &str) -> Vec<&'r Finding> {
    report.findings.iter().filter(|f| f.rule == rule).collect()
}

fn at(finding: &Finding) -> (&str, u32, u32) {
    (
        finding.file.as_str(),
        finding.start.line,
        finding.start.column,
    )
}

#[test]
fn extends_from_another_file_points_into_that_file() {
    let report = run(vec![
        testdata("compose-test-extends.yaml"),
        testdata("subdir/compose-test-extends-imported.yaml"),
    ]);

    let services: Vec<&str> = report
        .inventory
        .iter()
        .map(|i| i.service.as_str())
        .collect();
    assert_eq!(
        services,
        ["importer"],
        "the extended file is not merged as an override"
    );
    assert_eq!(report.inventory[0].image, "nginx");
    let unpinned = with_rule(&report, "unpinned-image");
    assert_eq!(unpinned.len(), 1);
    assert_eq!(
        at(unpinned[0]),
        ("subdir/compose-test-extends-imported.yaml", 3, 12)
    );
    let healthcheck = with_rule(&report, "missing-healthcheck");
    assert_eq!(at(healthcheck[0]), ("compose-test-extends.yaml", 3, 3));
}

#[test]
fn extends_in_the_same_file_and_a_missing_base_file() {
    let report = run(vec![testdata("extends/base.yaml")]);

    let another = report
        .inventory
        .iter()
        .find(|i| i.service == "another")
        .unwrap();
    assert_eq!(another.image, "base");
    let missing = with_rule(&report, "file-not-given");
    assert_eq!(missing.len(), 1, "{:?}", report.findings);
    assert!(missing[0].message.contains("sibling.yaml"));

    let report = run(vec![
        testdata("extends/base.yaml"),
        testdata("extends/sibling.yaml"),
    ]);
    let build = with_rule(&report, "build-context");
    assert_eq!(at(build[0]), ("extends/sibling.yaml", 3, 5));
}

#[test]
fn an_unknown_base_service_and_an_extends_cycle() {
    let report = text(&[(
        "compose.yaml",
        "services:\n  a:\n    extends: b\n  b:\n    extends: a\n  c:\n    extends: nope\n",
    )]);
    assert!(
        !with_rule(&report, "include-cycle").is_empty(),
        "{:?}",
        report.findings
    );
    let unknown = with_rule(&report, "undefined-service");
    assert_eq!(unknown.len(), 1);
    assert_eq!(at(unknown[0]), ("compose.yaml", 7, 14));
}

#[test]
fn a_long_extends_chain_resolves_every_link() {
    let mut yaml = String::from("services:\n  s0:\n    image: acme/app:1.0\n    user: app\n");
    for n in 1..400 {
        yaml.push_str(&format!(
            "  s{n}:\n    extends: s{}\n    environment:\n      LEVEL: \"{n}\"\n",
            n - 1
        ));
    }
    // a second chain whose root extends a service that does not exist
    yaml.push_str("  t0:\n    extends: missing\n    image: acme/t:1\n");
    for n in 1..5 {
        yaml.push_str(&format!("  t{n}:\n    extends: t{}\n", n - 1));
    }
    let loaded = compose::load(&Input {
        files: vec![SourceFile::new("compose.yaml", yaml)],
        ..Input::default()
    });

    for n in [1, 2, 200, 399] {
        let service = loaded.project.service(&format!("s{n}")).unwrap();
        assert_eq!(service.image.as_ref().unwrap().value, "acme/app:1.0");
        assert_eq!(service.environment.len(), 1);
        let level = service.environment[0].value.as_ref().unwrap();
        assert_eq!(level.value, n.to_string(), "each link overrides its base");
    }
    let t4 = loaded.project.service("t4").unwrap();
    assert_eq!(t4.image.as_ref().unwrap().value, "acme/t:1");
    // the missing base is reported wherever the chain reaches it, as before
    let unknown = loaded
        .problems
        .iter()
        .filter(|p| p.message.starts_with("cannot extend service missing"))
        .count();
    assert_eq!(unknown, 5, "{:?}", loaded.problems);
}

#[test]
fn include_brings_in_services_and_detects_cycles() {
    let report = run(vec![
        testdata("compose-include.yaml"),
        testdata("subdir/compose-test-extends-imported.yaml"),
    ]);
    let mut services: Vec<&str> = report
        .inventory
        .iter()
        .map(|i| i.service.as_str())
        .collect();
    services.sort_unstable();
    assert_eq!(services, ["bar", "imported"]);

    let report = run(vec![testdata("compose-include-cycle.yaml")]);
    let cycle = with_rule(&report, "include-cycle");
    assert_eq!(cycle.len(), 1, "{:?}", report.findings);
    assert_eq!(at(cycle[0]).1, 2);
    assert!(cycle[0].message.starts_with("include cycle detected"));

    let report = run(vec![testdata("compose-include.yaml")]);
    assert_eq!(with_rule(&report, "file-not-given").len(), 1);
}

#[test]
fn dependency_cycles_are_reported_once() {
    let report = run(vec![testdata("compose-depends-on-cycle.yaml")]);
    let cycles = with_rule(&report, "dependency-cycle");
    assert_eq!(cycles.len(), 1, "{:?}", report.findings);
    assert_eq!(
        cycles[0].message,
        "dependency cycle: service1 → service2 (depends_on), service2 → service3 (depends_on), \
         service3 → service1 (depends_on)"
    );

    let report = run(vec![testdata("compose-depends-on-self.yaml")]);
    let cycles = with_rule(&report, "dependency-cycle");
    assert_eq!(cycles.len(), 1);
    assert_eq!(at(cycles[0]), ("compose-depends-on-self.yaml", 6, 9));
}

#[test]
fn dependency_cycles_through_every_key_compose_counts() {
    let report = text(&[(
        "compose.yaml",
        "services:
  web:
    image: acme/web:1
    links: [api:backend]
  api:
    image: acme/api:1
    network_mode: service:sidecar
  sidecar:
    image: acme/sidecar:1
    volumes_from: [web:ro]
  worker:
    image: acme/worker:1
    ipc: service:jobs
  jobs:
    image: acme/jobs:1
    pid: service:worker
",
    )]);
    let cycles: Vec<((&str, u32, u32), &str)> = with_rule(&report, "dependency-cycle")
        .iter()
        .map(|f| (at(f), f.message.as_str()))
        .collect();
    assert_eq!(
        cycles,
        [
            (
                ("compose.yaml", 10, 20),
                "dependency cycle: web → api (links), api → sidecar (network_mode), \
                 sidecar → web (volumes_from)"
            ),
            (
                ("compose.yaml", 16, 10),
                "dependency cycle: worker → jobs (ipc), jobs → worker (pid)"
            ),
        ]
    );
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.rule != "undefined-service"),
        "{:?}",
        report.findings
    );
}

#[test]
fn image_references_docker_refuses_are_errors_at_the_image() {
    let report = text(&[(
        "compose.yaml",
        "name: MyShop
services:
  web:
    image: Nginx:1.27
  api:
    image: acme/MyApp:1
  jobs:
    image: nginx:1.27:extra
  cache:
    image: \"\"
  db:
    image: postgres@sha256:abc
  mirror:
    image: Registry.Example.com:5000/team/app:1.0
  tagged:
    image: nginx:${TAG}
",
    )]);
    let images: Vec<(u32, u32, &str)> = with_rule(&report, "invalid-image-reference")
        .iter()
        .map(|f| (f.start.line, f.start.column, f.message.as_str()))
        .collect();
    assert_eq!(
        images,
        [
            (
                4,
                12,
                "service web has an invalid image reference \"Nginx:1.27\": the repository name \"Nginx\" must be lowercase"
            ),
            (
                6,
                12,
                "service api has an invalid image reference \"acme/MyApp:1\": the repository name \"acme/MyApp\" must be lowercase"
            ),
            (
                8,
                12,
                "service jobs has an invalid image reference \"nginx:1.27:extra\": it has more than one tag"
            ),
            (
                12,
                12,
                "service db has an invalid image reference \"postgres@sha256:abc\": a sha256 digest is 64 lowercase hexadecimal digits, not \"abc\""
            ),
        ]
    );
    let first = with_rule(&report, "invalid-image-reference")[0];
    assert_eq!(
        (first.severity, first.category),
        (
            compose_architect::report::Severity::Error,
            compose_architect::report::Category::Correctness
        )
    );
    assert_eq!(first.help.as_deref(), Some("write it as `nginx:1.27`"));

    let empty = with_rule(&report, "invalid-structure");
    assert_eq!(empty.len(), 1, "{:?}", report.findings);
    assert_eq!(
        (at(empty[0]), empty[0].message.as_str()),
        (
            ("compose.yaml", 10, 12),
            "service cache has an empty image and no build context"
        )
    );

    let name = with_rule(&report, "invalid-project-name");
    assert_eq!(name.len(), 1);
    assert_eq!(at(name[0]), ("compose.yaml", 1, 7));
    assert_eq!(
        name[0].message,
        "invalid project name \"MyShop\": Compose uses \"myshop\" instead"
    );
    assert_eq!(
        name[0].severity,
        compose_architect::report::Severity::Warning
    );
}

#[test]
fn ports_out_of_range_and_uneven_ranges_are_invalid_values() {
    let report = text(&[(
        "compose.yaml",
        "services:
  web:
    image: nginx:1.27
    ports:
      - \"8080:0\"
      - \"8000-8002:80-81\"
      - \"8081:70000\"
      - target: 0
      - target: 65536
      - target: 80
        published: 65536
      - \"8082:80\"
",
    )]);
    let invalid: Vec<(u32, u32)> = with_rule(&report, "invalid-value")
        .iter()
        .map(|f| (f.start.line, f.start.column))
        .collect();
    assert_eq!(
        invalid,
        [(5, 9), (6, 9), (7, 9), (8, 17), (9, 17), (11, 20)]
    );
    let messages: Vec<&str> = with_rule(&report, "invalid-value")
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(messages[0].ends_with("port 0 cannot be a container port"));
    assert!(messages[1].contains("the host range and the container range differ in length"));
    assert!(messages[2].contains("a port is a number from 1 to 65535"));
    assert!(messages[3].starts_with("invalid container port 0"));
    assert!(messages[4].starts_with("invalid container port 65536"));
    assert!(messages[5].starts_with("invalid published port \"65536\""));
}

#[test]
fn undefined_resources_and_service_references() {
    let report = text(&[(
        "compose.yaml",
        "services:
  app:
    image: a:1
    volumes:
      - data:/data
      - ./local:/local
      - /anonymous
    networks: [front, default]
    secrets: [token]
    links: [db:database]
    volumes_from: [store, container:other]
  side:
    image: b:1
    network_mode: service:ghost
    ipc: service:spirit
    pid: service:phantom
volumes:
  used:
networks:
  back:
",
    )]);

    let resources: Vec<(u32, &str)> = with_rule(&report, "undefined-resource")
        .iter()
        .map(|f| (f.start.line, f.message.as_str()))
        .collect();
    assert_eq!(
        resources,
        [
            (5, "service app uses undefined volume data"),
            (8, "service app refers to undefined network front"),
            (9, "service app refers to undefined secret token"),
        ]
    );
    let services: Vec<u32> = with_rule(&report, "undefined-service")
        .iter()
        .map(|f| f.start.line)
        .collect();
    assert_eq!(services, [10, 11, 14, 15, 16]);
}

#[test]
fn profiles_disable_services_and_their_dependents_are_errors() {
    let files = [(
        "compose.yaml",
        "services:\n  app:\n    image: a:1\n    depends_on: [debug]\n  debug:\n    image: b:1\n    profiles: [dev]\n",
    )];
    let report = text(&files);
    let disabled = with_rule(&report, "dependency-disabled-by-profile");
    assert_eq!(disabled.len(), 1);
    assert_eq!(at(disabled[0]), ("compose.yaml", 4, 18));
    assert_eq!(report.summary.services, 1);

    let report = analyze(&Input {
        files: files.iter().map(|(p, t)| SourceFile::new(*p, *t)).collect(),
        profiles: vec!["dev".to_string()],
        ..Input::default()
    });
    assert!(with_rule(&report, "dependency-disabled-by-profile").is_empty());
    assert_eq!(report.summary.services, 2);
}

#[test]
fn port_conflicts_by_host_address_port_and_protocol() {
    let report = text(&[(
        "compose.yaml",
        "services:
  a:
    image: a:1
    ports: ['8080:80', '127.0.0.1:9000:90', '53:53/udp']
  b:
    image: b:1
    ports: ['8080:81', '127.0.0.2:9000:90', '53:53/tcp', '[::1]:7000:70']
  c:
    image: c:1
    ports:
      - target: 70
        published: 7000
        host_ip: '::1'
",
    )]);
    let conflicts: Vec<(u32, &str)> = with_rule(&report, "port-conflict")
        .iter()
        .map(|f| (f.start.line, f.message.as_str()))
        .collect();
    assert_eq!(
        conflicts,
        [
            (7, "host port 8080/tcp is published by both a and b"),
            (11, "host port 7000/tcp is published by both b and c"),
        ]
    );
}

#[test]
fn an_override_file_wins_and_its_findings_point_into_it() {
    let report = text(&[
        ("compose.yaml", "services:\n  web:\n    image: nginx:1.27\n"),
        (
            "compose.override.yaml",
            "services:\n  web:\n    image: nginx:latest\n",
        ),
    ]);
    let unpinned = with_rule(&report, "unpinned-image");
    assert_eq!(unpinned.len(), 1);
    assert_eq!(at(unpinned[0]), ("compose.override.yaml", 3, 12));
}

#[test]
fn env_files_feed_interpolation_and_the_shell_wins() {
    let report = analyze(&Input {
        files: vec![
            SourceFile::new(".env", "TAG=from-file\nREGISTRY=ghcr.io/acme\n"),
            SourceFile::new(
                "compose.yaml",
                "services:\n  app:\n    image: ${REGISTRY}/app:${TAG}\n",
            ),
        ],
        env: [("TAG".to_string(), "from-shell".to_string())].into(),
        ..Input::default()
    });
    assert_eq!(report.inventory[0].image, "ghcr.io/acme/app:from-shell");
    assert_eq!(report.inventory[0].registry, "ghcr.io");
}

#[test]
fn an_invalid_env_file_and_an_invalid_template_are_positioned() {
    let report = text(&[
        (".env", "OK=1\nBAD=\"open\n"),
        (
            "compose.yaml",
            "services:\n  app:\n    image: \"a:${TAG\"\n    command: echo ${}\n",
        ),
    ]);
    let env = with_rule(&report, "invalid-env-file");
    assert_eq!(env.len(), 1);
    assert_eq!(at(env[0]), (".env", 2, 5));
    let invalid: Vec<_> = with_rule(&report, "invalid-interpolation")
        .iter()
        .map(|f| at(f))
        .collect();
    assert_eq!(invalid, [("compose.yaml", 3, 15), ("compose.yaml", 4, 19)]);
}

#[test]
fn compose_profiles_from_the_environment_and_the_star() {
    let compose =
        "services:\n  app:\n    image: a:1\n  debug:\n    image: b:1\n    profiles: [debug]\n";
    let report = text(&[
        (".env", "COMPOSE_PROFILES=debug,other\n"),
        ("compose.yaml", compose),
    ]);
    assert_eq!(report.summary.services, 2);

    let report = analyze(&Input {
        files: vec![SourceFile::new("compose.yaml", compose)],
        profiles: vec!["*".to_string()],
        ..Input::default()
    });
    assert_eq!(report.summary.services, 2);
}

#[test]
fn an_unset_variable_is_reported_once_per_file_with_its_uses() {
    let command = "${X}".repeat(5000);
    let compose = format!("services:\n  app:\n    image: a:${{X}}1\n    command: \"{command}\"\n");
    let report = text(&[("compose.yaml", &compose)]);
    let unset = with_rule(&report, "unset-variable");
    assert_eq!(unset.len(), 1);
    assert_eq!(at(unset[0]), ("compose.yaml", 3, 14));
    assert!(
        unset[0].message.ends_with("(5001 uses in this file)"),
        "{}",
        unset[0].message
    );
}

#[test]
fn a_required_variable_set_to_empty_is_reported_as_empty() {
    let report = analyze(&Input {
        files: vec![SourceFile::new(
            "compose.yaml",
            "services:\n  app:\n    image: ${A:?needed}\n",
        )],
        env: [("A".to_string(), String::new())].into(),
        ..Input::default()
    });
    let required = with_rule(&report, "required-variable");
    assert!(required[0].message.contains("is empty or not set"));
}

#[test]
fn a_project_that_cannot_run_is_not_ready() {
    for text_ in ["", "# only a comment\n", "services:\n", "services: {}\n"] {
        let report = text(&[("compose.yaml", text_)]);
        assert!(!report.summary.ready, "{text_:?}");
        assert_eq!(
            with_rule(&report, "empty-project").len(),
            1,
            "{text_:?}: {:?}",
            report.findings
        );
    }
    for text_ in [
        "services:\n  app:\n    environment: [A=1]\n",
        "services:\n  app:\n    image: ~\n",
    ] {
        let report = text(&[("compose.yaml", text_)]);
        assert!(!report.summary.ready, "{text_:?}");
        let missing = with_rule(&report, "invalid-structure");
        assert!(
            missing
                .iter()
                .any(|f| f.message.contains("neither an image nor a build")),
            "{text_:?}"
        );
    }
}

#[test]
fn a_large_scalar_aliased_many_times_is_refused() {
    let mut compose = format!(
        "x-big: &b \"{}\"\nservices:\n  app:\n    image: a:1\n    command:\n",
        "x".repeat(1_000_000)
    );
    for _ in 0..5000 {
        compose.push_str("      - *b\n");
    }
    let report = text(&[("compose.yaml", &compose)]);
    let limit = with_rule(&report, "input-limit");
    assert_eq!(limit.len(), 1);
    assert!(limit[0].message.starts_with("excessive aliasing"));
}

#[test]
fn an_env_file_that_doubles_each_line_is_refused() {
    let mut env = String::from("V0=xxxxxxxxxxxxxxxx\n");
    for i in 1..40 {
        env.push_str(&format!("V{i}=${{V{}}}${{V{}}}\n", i - 1, i - 1));
    }
    let report = text(&[
        (".env", &env),
        ("compose.yaml", "services:\n  app:\n    image: a:1\n"),
    ]);
    let invalid = with_rule(&report, "invalid-env-file");
    assert_eq!(invalid.len(), 1, "{:?}", report.findings);
    assert!(invalid[0].message.contains("MiB"), "{}", invalid[0].message);
}

#[test]
fn env_file_errors_never_quote_the_value() {
    let report = text(&[
        (
            ".env",
            "DB_PASSWORD=\"hunter2secret\nAPI_TOKEN=${other2secret\n",
        ),
        ("compose.yaml", "services:\n  app:\n    image: a:1\n"),
    ]);
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("hunter2secret"), "{json}");
    let report = text(&[
        (".env", "API_TOKEN=${other2secret\n"),
        ("compose.yaml", "services:\n  app:\n    image: a:1\n"),
    ]);
    let json = serde_json::to_string(&report).unwrap();
    assert!(!json.contains("other2secret"), "{json}");
    assert_eq!(with_rule(&report, "invalid-env-file").len(), 1);
}

#[test]
fn a_file_of_kind_env_is_an_env_file_whatever_its_name() {
    use compose_architect::source::FileKind;

    let compose = "services:\n  web:\n    image: nginx:${TAG}\n";
    let input = Input {
        files: vec![
            SourceFile::new("compose.yaml", compose),
            SourceFile::new("settings.txt", "TAG=1.27\n").with_kind(Some(FileKind::Env)),
        ],
        ..Input::default()
    };
    let report = analyze(&input);
    assert!(
        report.findings.iter().all(|f| f.file != "settings.txt"),
        "{:?}",
        report.findings
    );
    assert!(!report.findings.iter().any(|f| f.rule == "unset-variable"));

    // a compose file named like an env file, told by its kind
    let input = Input {
        files: vec![SourceFile::new("prod.env", compose).with_kind(Some(FileKind::Compose))],
        env: [("TAG".to_string(), "1.27".to_string())].into(),
        ..Input::default()
    };
    let report = analyze(&input);
    assert_eq!(report.summary.services, 1, "{:?}", report.findings);
}

#[test]
fn an_env_template_is_checked_but_its_values_are_never_used() {
    use compose_architect::source::FileKind;

    let compose = "services:\n  web:\n    image: nginx:${TAG:-1.27.3}\n";
    let with = |files: Vec<SourceFile>| {
        analyze(&Input {
            files,
            ..Input::default()
        })
    };

    // `.env.example` documents TAG with an example value: Compose never reads it, so the
    // default still applies
    for name in [
        ".env.example",
        "deploy/.env.sample",
        ".env.template",
        ".env.dist",
    ] {
        let report = with(vec![
            SourceFile::new("compose.yaml", compose),
            SourceFile::new(name, "TAG=9.9.9\n"),
        ]);
        assert_eq!(report.inventory[0].image, "nginx:1.27.3", "{name}");
    }

    // told by its kind, whatever its name; and an env file named like a template is used
    let report = with(vec![
        SourceFile::new("compose.yaml", compose),
        SourceFile::new("variables.txt", "TAG=9.9.9\n").with_kind(Some(FileKind::Template)),
    ]);
    assert_eq!(report.inventory[0].image, "nginx:1.27.3");
    let report = with(vec![
        SourceFile::new("compose.yaml", compose),
        SourceFile::new(".env.example", "TAG=1.26.0\n").with_kind(Some(FileKind::Env)),
    ]);
    assert_eq!(report.inventory[0].image, "nginx:1.26.0");

    // its syntax is still checked, at the position of the error
    let report = text(&[
        ("compose.yaml", compose),
        (".env.example", "OK=1\nBAD=\"open\n"),
    ]);
    let env = with_rule(&report, "invalid-env-file");
    assert_eq!(env.len(), 1);
    assert_eq!(at(env[0]), (".env.example", 2, 5));
}
