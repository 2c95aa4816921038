//! The security and correctness rules: each finding at its exact line and column, and the
//! cases that peer linters get wrong kept silent. The real corpus runs through all of them.

// Test code: a failed unwrap or index is a failed test, with its message; the corpus test
// prints its findings for review.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stdout
)]

mod common;

use common::{corpus_dir, project};
use std::collections::BTreeMap;
use std::fs;

use compose_architect::analyze::{OFF_BY_DEFAULT, Options, RuleSetting};
use compose_architect::report::{Finding, Severity};
use compose_architect::{Input, SourceFile, analyze};

/// The rules these tests are about.
const RULES: &[&str] = &[
    "privileged-container",
    "docker-socket-mount",
    "sensitive-host-path",
    "shared-mount-propagation",
    "host-network-mode",
    "host-pid-namespace",
    "host-ipc-namespace",
    "host-user-namespace",
    "host-uts-namespace",
    "dangerous-capability",
    "unconfined-security-profile",
    "no-new-privileges-missing",
    "port-bound-to-all-interfaces",
    "missing-memory-limit",
    "missing-pids-limit",
    "missing-cpu-limit",
    "healthcheck-cmd-misuse",
    "shell-variable-in-compose",
    "duplicate-published-port",
    "unbracketed-ipv6-port",
    "yaml11-sexagesimal-port",
    "yaml11-ambiguous-boolean",
];

fn analyze_with(text: &str, env: &[(&str, &str)]) -> Vec<Finding> {
    let env: BTreeMap<String, String> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    // every rule on, those that are off by default included
    let options = Options {
        rules: OFF_BY_DEFAULT
            .iter()
            .map(|id| (id.to_string(), RuleSetting::On))
            .collect(),
        ..Options::default()
    };
    analyze::analyze_with(
        &Input {
            files: vec![SourceFile::new("compose.yaml", text)],
            env,
            ..Input::default()
        },
        &options,
    )
    .findings
}

/// The findings of one rule: line, column, severity and message.
fn findings_of(text: &str, rule: &str) -> Vec<(u32, u32, Severity, String)> {
    found_with(text, rule, &[])
}

fn found_with(text: &str, rule: &str, env: &[(&str, &str)]) -> Vec<(u32, u32, Severity, String)> {
    analyze_with(text, env)
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| (f.start.line, f.start.column, f.severity, f.message))
        .collect()
}

fn at(text: &str, rule: &str) -> Vec<(u32, u32)> {
    findings_of(text, rule)
        .into_iter()
        .map(|(line, column, _, _)| (line, column))
        .collect()
}

fn help(text: &str, rule: &str) -> Vec<String> {
    analyze_with(text, &[])
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.help.unwrap_or_default())
        .collect()
}

fn service(body: &str) -> String {
    format!("services:\n  app:\n    image: alpine:3.20\n{body}")
}

// Security

#[test]
fn privileged_is_reported_at_its_value() {
    let text = service("    privileged: true\n");
    let found = findings_of(&text, "privileged-container");
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].0, found[0].1), (4, 17));
    assert_eq!(found[0].2, Severity::Error);
    assert_eq!(found[0].3, "service app runs privileged");

    // Compose casts the YAML 1.1 words and quoted text in boolean fields
    assert_eq!(
        at(
            &service("    privileged: \"yes\"\n"),
            "privileged-container"
        )
        .len(),
        1
    );
    assert!(at(&service("    privileged: false\n"), "privileged-container").is_empty());
    assert!(
        at(
            &service("    privileged: ${PRIV}\n"),
            "privileged-container"
        )
        .is_empty()
    );
    let disabled =
        "services:\n  app:\n    image: alpine:3.20\n    profiles: [debug]\n    privileged: true\n";
    assert!(at(disabled, "privileged-container").is_empty());
}

#[test]
fn docker_socket_in_short_and_long_syntax_and_any_mode() {
    let text = service(
        "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock\n      - //var/run/docker.sock:/sock\n",
    );
    let found = findings_of(&text, "docker-socket-mount");
    let places: Vec<(u32, u32)> = found.iter().map(|f| (f.0, f.1)).collect();
    assert_eq!(places, [(5, 9), (6, 9), (9, 9)]);
    assert!(
        found[0]
            .3
            .contains("/var/run/docker.sock read-only, which does not limit")
    );
    assert!(found[1].3.contains("/run/docker.sock"));
    assert!(found[2].3.ends_with("/var/run/docker.sock"));
    assert!(found.iter().all(|f| f.2 == Severity::Error));

    // a file of the project and a named volume are not the engine's socket
    let not = service(
        "    volumes:\n      - ./docker.sock:/var/run/docker.sock\n      - docker.sock:/data\n",
    );
    assert!(at(&not, "docker-socket-mount").is_empty());
}

#[test]
fn sensitive_host_paths_are_absolute_and_exact() {
    let text = service(
        "    volumes:\n      - ./etc:/etc\n      - /etc:/host/etc\n      - /proc:/host/proc:ro\n      - /:/rootfs:ro\n      - /etc/localtime:/etc/localtime:ro\n      - /etc/nginx/conf.d:/etc/nginx/conf.d\n      - /var/lib/docker/containers:/logs:ro\n      - /opt/x/../../etc/:/y\n      - ~/etc:/z\n      - /var/run/docker.sock:/var/run/docker.sock\n",
    );
    let found = findings_of(&text, "sensitive-host-path");
    let summary: Vec<(u32, Severity)> = found.iter().map(|f| (f.0, f.2)).collect();
    assert_eq!(
        summary,
        [
            (6, Severity::Warning),
            (7, Severity::Info),
            (8, Severity::Warning),
            (11, Severity::Warning),
            (12, Severity::Warning),
        ],
        "{found:?}"
    );
    assert!(found.iter().all(|f| f.1 == 9));
    assert!(found[0].3.contains("/etc with write access"));
    assert!(found[1].3.contains("/proc read-only"));
    assert!(
        found[3]
            .3
            .contains("/var/lib/docker/containers (under /var/lib/docker)")
    );
    assert!(found[4].3.contains("host path /etc "));

    // a path an unset variable cut short is not judged
    let placeholder = service("    volumes:\n      - ${CONFIG_DIR}/etc:/etc\n");
    assert!(at(&placeholder, "sensitive-host-path").is_empty());
}

#[test]
fn only_shared_propagation_is_reported() {
    let text = service(
        "    volumes:\n      - ./data:/data:rshared\n      - ./logs:/logs:ro,rslave\n      - type: bind\n        source: ./x\n        target: /x\n        bind:\n          propagation: shared\n",
    );
    assert_eq!(at(&text, "shared-mount-propagation"), [(5, 9), (11, 24)]);
}

#[test]
fn host_namespaces_and_only_host() {
    let text = service(
        "    network_mode: host\n    pid: host\n    ipc: host\n    userns_mode: host\n    uts: host\n",
    );
    assert_eq!(at(&text, "host-network-mode"), [(4, 19)]);
    assert_eq!(at(&text, "host-pid-namespace"), [(5, 10)]);
    assert_eq!(at(&text, "host-ipc-namespace"), [(6, 10)]);
    assert_eq!(at(&text, "host-user-namespace"), [(7, 18)]);
    assert_eq!(at(&text, "host-uts-namespace"), [(8, 10)]);
    assert_eq!(
        findings_of(&text, "host-uts-namespace")[0].2,
        Severity::Info
    );

    let other = "services:\n  db:\n    image: postgres:16\n    ipc: shareable\n  app:\n    image: alpine:3.20\n    network_mode: none\n    pid: service:db\n    ipc: service:db\n";
    for rule in [
        "host-network-mode",
        "host-pid-namespace",
        "host-ipc-namespace",
    ] {
        assert!(at(other, rule).is_empty(), "{rule}");
    }
}

#[test]
fn dangerous_capabilities_are_named() {
    let text = service(
        "    cap_add:\n      - CAP_SYS_ADMIN\n      - NET_ADMIN\n      - NET_BIND_SERVICE\n      - chown\n      - all\n",
    );
    let found = findings_of(&text, "dangerous-capability");
    assert_eq!(found.len(), 3, "{found:?}");
    assert_eq!(
        (found[0].0, found[0].1, found[0].2),
        (5, 9, Severity::Error)
    );
    assert!(found[0].3.contains("capability SYS_ADMIN"));
    assert_eq!((found[1].0, found[1].2), (6, Severity::Warning));
    assert!(found[1].3.contains("capability NET_ADMIN"));
    assert_eq!((found[2].0, found[2].2), (9, Severity::Error));
    assert!(found[2].3.contains("capability ALL"));
}

#[test]
fn unconfined_profiles_in_both_spellings() {
    let text = service(
        "    security_opt:\n      - seccomp=unconfined\n      - apparmor:unconfined\n      - label:disable\n      - seccomp=./profile.json\n      - no-new-privileges:true\n",
    );
    assert_eq!(
        at(&text, "unconfined-security-profile"),
        [(5, 9), (6, 9), (7, 9)]
    );
}

#[test]
fn no_new_privileges_is_an_info_at_the_service_or_its_option() {
    let missing = service("");
    let found = findings_of(&missing, "no-new-privileges-missing");
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].0, found[0].1, found[0].2), (2, 3, Severity::Info));

    let other_option = service("    security_opt:\n      - label:type:svirt_apache_t\n");
    assert_eq!(at(&other_option, "no-new-privileges-missing"), [(4, 5)]);

    let off = service("    security_opt:\n      - no-new-privileges:false\n");
    assert_eq!(at(&off, "no-new-privileges-missing"), [(5, 9)]);

    for on in [
        "no-new-privileges:true",
        "no-new-privileges=true",
        "no-new-privileges",
    ] {
        let text = service(&format!("    security_opt:\n      - {on}\n"));
        assert!(at(&text, "no-new-privileges-missing").is_empty(), "{on}");
    }
}

#[test]
fn ports_on_every_interface_but_not_on_one_address() {
    let text = service(
        "    ports:\n      - \"127.0.0.1:8080:80\"\n      - \"8081:80\"\n      - \"[::1]:8082:80\"\n      - \"0.0.0.0:8083:80\"\n      - \"90\"\n      - target: 91\n        published: 8091\n        host_ip: 127.0.0.1\n      - target: 92\n        published: 8092\n    expose:\n      - \"3000\"\n",
    );
    let found = findings_of(&text, "port-bound-to-all-interfaces");
    let places: Vec<(u32, u32)> = found.iter().map(|f| (f.0, f.1)).collect();
    assert_eq!(places, [(6, 9), (8, 9), (9, 9), (13, 9)], "{found:?}");
    assert!(found.iter().all(|f| f.2 == Severity::Info));
    assert_eq!(
        found[0].3,
        "port 8081:80 of service app is published on every host interface"
    );
    assert!(found[2].3.contains("random host port"));
    assert!(help(&text, "port-bound-to-all-interfaces")[0].contains("\"127.0.0.1:8081:80\""));

    let host = service("    network_mode: host\n    ports:\n      - \"8080:80\"\n");
    assert!(at(&host, "port-bound-to-all-interfaces").is_empty());
}

#[test]
fn limits_from_deploy_or_legacy_keys() {
    let none = service("");
    assert_eq!(at(&none, "missing-memory-limit"), [(2, 3)]);
    assert_eq!(at(&none, "missing-pids-limit"), [(2, 3)]);

    let legacy = service("    mem_limit: 256m\n    pids_limit: 100\n");
    assert!(at(&legacy, "missing-memory-limit").is_empty());
    assert!(at(&legacy, "missing-pids-limit").is_empty());

    let deploy = service(
        "    deploy:\n      resources:\n        limits:\n          memory: 512M\n          pids: 200\n",
    );
    assert!(at(&deploy, "missing-memory-limit").is_empty());
    assert!(at(&deploy, "missing-pids-limit").is_empty());

    assert_eq!(at(&none, "missing-cpu-limit"), [(2, 3)]);
    for bound in [
        "    cpus: 0.5\n",
        "    cpuset: \"0,1\"\n",
        "    deploy:\n      resources:\n        limits:\n          cpus: \"1.5\"\n",
    ] {
        assert!(
            at(&service(bound), "missing-cpu-limit").is_empty(),
            "{bound}"
        );
    }
    assert_eq!(
        at(&service("    cpus: 0\n"), "missing-cpu-limit"),
        [(4, 11)]
    );
    // a weight is not a limit
    assert_eq!(
        at(&service("    cpu_shares: 512\n"), "missing-cpu-limit"),
        [(2, 3)]
    );

    let unlimited = service("    mem_limit: 0\n    pids_limit: -1\n");
    assert_eq!(at(&unlimited, "missing-memory-limit"), [(4, 16)]);
    assert_eq!(at(&unlimited, "missing-pids-limit"), [(5, 17)]);
}

// Correctness

#[test]
fn healthcheck_cmd_items_that_cannot_run() {
    let spaces =
        service("    healthcheck:\n      test: [\"CMD\", \"curl -f http://localhost/\"]\n");
    let found = findings_of(&spaces, "healthcheck-cmd-misuse");
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].0, found[0].1, found[0].2),
        (5, 21, Severity::Error)
    );
    assert!(found[0].3.contains("(\"curl ...\")"), "{}", found[0].3);

    let dollar =
        service("    healthcheck:\n      test: [\"CMD\", \"test\", \"-f\", \"$$HOME/ready\"]\n");
    let found = findings_of(&dollar, "healthcheck-cmd-misuse");
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].0, found[0].1, found[0].2),
        (5, 35, Severity::Warning)
    );
    assert!(found[0].3.contains("passes $HOME"));

    let operator = service(
        "    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://x/\", \"||\", \"exit\", \"1\"]\n",
    );
    assert_eq!(at(&operator, "healthcheck-cmd-misuse"), [(5, 48)]);

    let extra = service(
        "    healthcheck:\n      test: [\"CMD-SHELL\", \"wget\", \"--spider\", \"http://x/\"]\n",
    );
    let found = findings_of(&extra, "healthcheck-cmd-misuse");
    assert_eq!((found[0].0, found[0].1), (5, 35));
    assert!(found[0].3.contains("has 2 items after its command"));

    let kind = service("    healthcheck:\n      test: [\"curl\", \"-f\", \"http://x/\"]\n");
    assert_eq!(at(&kind, "healthcheck-cmd-misuse"), [(5, 14)]);
    let lower = service("    healthcheck:\n      test: [\"cmd\", \"true\"]\n");
    assert!(help(&lower, "healthcheck-cmd-misuse")[0].contains("write CMD in capitals"));
}

#[test]
fn healthcheck_forms_that_run_as_meant() {
    for test in [
        "curl -f http://localhost/ || exit 1",
        "[\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"]",
        "[\"CMD\", \"curl\", \"-f\", \"http://localhost/\"]",
        "[\"CMD\", \"curl\", \"-H\", \"Accept: text/plain\", \"http://x/\"]",
        "[\"CMD-SHELL\", \"pg_isready -U $$POSTGRES_USER\"]",
        "[\"NONE\"]",
    ] {
        let text = service(&format!("    healthcheck:\n      test: {test}\n"));
        assert!(at(&text, "healthcheck-cmd-misuse").is_empty(), "{test}");
    }
    let disabled = service("    healthcheck:\n      disable: true\n      test: [\"curl\"]\n");
    assert!(at(&disabled, "healthcheck-cmd-misuse").is_empty());
}

#[test]
fn sexagesimal_ports_only_when_plain() {
    let text = service(
        "    ports:\n      - 22:22\n      - \"2222:22\"\n      - 80:80\n      - 2122:22\n      - 127.0.0.1:22:22\n      - '1022:21'\n",
    );
    let found = findings_of(&text, "yaml11-sexagesimal-port");
    let places: Vec<(u32, u32)> = found.iter().map(|f| (f.0, f.1)).collect();
    assert_eq!(places, [(5, 9), (8, 9)]);
    assert!(found[0].3.contains("the number 1342"));
    assert!(found[1].3.contains("the number 127342"));
    assert!(found.iter().all(|f| f.2 == Severity::Warning));
}

#[test]
fn yaml11_boolean_words_where_compose_expects_text() {
    let text = service(
        "    restart: no\n    environment:\n      FEATURE: on\n      QUOTED: \"yes\"\n      MIXED: yEs\n      REAL: true\n",
    );
    let found = findings_of(&text, "yaml11-ambiguous-boolean");
    let places: Vec<(u32, u32)> = found.iter().map(|f| (f.0, f.1)).collect();
    assert_eq!(places, [(4, 14), (6, 16)], "{found:?}");
    assert!(found[0].3.contains("boolean false"));
    assert!(found[1].3.contains("value on of FEATURE"));
    assert!(found.iter().all(|f| f.2 == Severity::Info));

    let list =
        service("    environment:\n      - FEATURE=yes\n    labels:\n      traefik.enable: Yes\n");
    assert_eq!(at(&list, "yaml11-ambiguous-boolean"), [(7, 23)]);
    // a boolean field means the same in YAML 1.1 and 1.2
    assert!(at(&service("    init: yes\n"), "yaml11-ambiguous-boolean").is_empty());
}

#[test]
fn shell_variables_compose_emptied() {
    let text =
        service("    environment:\n      GREETING: hello\n    command: sh -c 'echo $GREETING'\n");
    let found = findings_of(&text, "shell-variable-in-compose");
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].0, found[0].1, found[0].2),
        (6, 26, Severity::Warning)
    );
    assert!(
        found[0]
            .3
            .starts_with("$GREETING in the command of service app")
    );
    assert!(help(&text, "shell-variable-in-compose")[0].contains("$$GREETING"));

    // escaped, set where Compose runs, not the service's, or the service's value is ${VAR}
    let escaped = text.replace("$GREETING", "$$GREETING");
    assert!(at(&escaped, "shell-variable-in-compose").is_empty());
    assert!(found_with(&text, "shell-variable-in-compose", &[("GREETING", "hi")]).is_empty());
    let elsewhere = service("    command: sh -c 'echo $GREETING'\n");
    assert!(at(&elsewhere, "shell-variable-in-compose").is_empty());
    let forwarded = service(
        "    environment:\n      GREETING: ${GREETING}\n    command: sh -c 'echo $GREETING'\n",
    );
    assert!(at(&forwarded, "shell-variable-in-compose").is_empty());

    // a quoted health check, and the advice where no shell runs
    let quoted = service(
        "    environment:\n      - TOKEN=abc\n    healthcheck:\n      test: [\"CMD\", \"check\", \"--token=${TOKEN}\"]\n",
    );
    let found = findings_of(&quoted, "shell-variable-in-compose");
    assert_eq!((found[0].0, found[0].1), (7, 39), "{found:?}");
    assert!(help(&quoted, "shell-variable-in-compose")[0].contains("CMD-SHELL"));
    let exec = service("    environment:\n      - NAME=x\n    command: [\"echo\", \"$NAME\"]\n");
    assert!(help(&exec, "shell-variable-in-compose")[0].contains("no shell is seen"));
}

#[test]
fn unbracketed_ipv6_host_addresses() {
    let text = service(
        "    ports:\n      - \"::1:8080:80\"\n      - \"[::1]:8081:80\"\n      - \"127.0.0.1:8082:80\"\n",
    );
    assert_eq!(at(&text, "unbracketed-ipv6-port"), [(5, 9)]);
    assert_eq!(
        help(&text, "unbracketed-ipv6-port"),
        ["write it as \"[::1]:8080:80\""]
    );
}

#[test]
fn published_ports_repeated_within_one_service() {
    let text = service(
        "    ports:\n      - \"8080:80\"\n      - \"8080:81\"\n      - \"8080:80/tcp\"\n      - \"8080:80/udp\"\n      - \"127.0.0.2:9090:80\"\n      - \"127.0.0.3:9090:80\"\n      - \"8000-8002:8000-8002\"\n      - \"8001:9000\"\n",
    );
    let found = findings_of(&text, "duplicate-published-port");
    let summary: Vec<(u32, Severity)> = found.iter().map(|f| (f.0, f.2)).collect();
    assert_eq!(
        summary,
        [
            (6, Severity::Error),
            (7, Severity::Warning),
            (12, Severity::Error)
        ],
        "{found:?}"
    );
    assert!(found[0].3.contains("to container ports 80 and 81"));
    assert!(found[1].3.contains("to container port 80 twice"));

    // a spec written twice word for word is the schema's finding, not a second one here
    let verbatim = service("    ports:\n      - \"8080:80\"\n      - \"8080:80\"\n");
    assert!(at(&verbatim, "duplicate-published-port").is_empty());
    assert_eq!(at(&verbatim, "schema-violation"), [(6, 9)]);
    let long =
        service("    ports:\n      - \"8080:80\"\n      - target: 80\n        published: 8080\n");
    assert_eq!(
        findings_of(&long, "duplicate-published-port")[0].2,
        Severity::Warning
    );

    // two services are the loader's port-conflict, not this rule
    let two = "services:\n  a:\n    image: nginx:1.27\n    ports: [\"8080:80\"]\n  b:\n    image: nginx:1.27\n    ports: [\"8080:80\"]\n";
    assert!(at(two, "duplicate-published-port").is_empty());
    assert_eq!(at(two, "port-conflict").len(), 1);

    let wildcard = service("    ports:\n      - \"80:80\"\n      - \"127.0.0.1:80:80\"\n");
    assert!(
        findings_of(&wildcard, "duplicate-published-port")[0]
            .3
            .contains("on every interface and on 127.0.0.1")
    );
}

#[test]
fn odd_shapes_and_values_never_panic() {
    let long = "$A".repeat(20_000);
    for body in [
        "    ports: [\":::80\", \"[\", \"$\", \"${A\", 70000, {target: x}, [1]]\n",
        "    ports: {a: 1}\n",
        "    volumes: [\":\", \"::\", \"/:\", {type: bind}, {type: bind, source: /, target: /x, bind: 1}]\n",
        "    healthcheck:\n      test: []\n",
        "    healthcheck:\n      test: {a: 1}\n",
        "    healthcheck:\n      test: [[\"CMD\"], 1]\n",
        "    healthcheck:\n      test: [\"CMD\"]\n",
        "    healthcheck:\n      test: [\"CMD-SHELL\"]\n",
        "    healthcheck: 1\n",
        "    cap_add: {a: b}\n    security_opt: x\n    privileged: [1]\n",
        "    restart: [1]\n",
        "    restart: \"on-failure:99999999999999999999999\"\n",
        "    pid: {a: 1}\n    ipc: ~\n    uts: ''\n",
        "    environment:\n      A: a\n    command: [\"sh\", \"-c\", \"${A:-${B:-$$}} $A ${A} $ $1 ${\"]\n",
        "    environment:\n      A: a\n    entrypoint: \"sh -c\"\n    command: \"é $A ü\"\n",
        "    labels: [a, b]\n    environment: ~\n    build: {args: [X=1]}\n",
    ] {
        let _ = analyze_with(&service(body), &[]);
    }
    let command = format!("    environment:\n      A: a\n    command: sh -c '{long}'\n");
    let _ = analyze_with(&service(&command), &[]);

    // the largest value still compared: many variables, all set in the service
    let names: Vec<String> = (0..60).map(|n| format!("V{n}")).collect();
    let environment: String = names.iter().map(|n| format!("      {n}: x\n")).collect();
    let script: String = names
        .iter()
        .map(|n| format!("${n} {} ", "y".repeat(60)))
        .collect();
    let text = service(&format!(
        "    environment:\n{environment}    command: sh -c '{script}'\n"
    ));
    let started = std::time::Instant::now();
    assert_eq!(findings_of(&text, "shell-variable-in-compose").len(), 60);
    assert!(started.elapsed().as_secs() < 5);
}

// The real corpus

/// Every real file runs through every rule, alone and on its base; the findings of these
/// rules are printed (`--nocapture`) so they can be reviewed for false positives.
#[test]
fn the_real_corpus_runs_through_every_rule() {
    let dir = corpus_dir();
    let read = |name: &str| SourceFile::new(name, fs::read_to_string(dir.join(name)).unwrap());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect();
    names.sort();
    assert!(names.len() >= 43, "only {} corpus files found", names.len());

    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for name in &names {
        let alone = analyze(&Input {
            files: vec![read(name)],
            ..Input::default()
        });
        let files = project(name);
        let report = analyze(&Input {
            files,
            ..Input::default()
        });
        assert!(alone.version == 1 && report.version == 1);

        for f in report.findings.iter().filter(|f| f.file == *name) {
            let Some(rule) = RULES.iter().find(|r| **r == f.rule) else {
                continue;
            };
            *counts.entry(rule).or_default() += 1;
            println!(
                "{name}:{}:{} {} {} {}",
                f.start.line,
                f.start.column,
                f.severity.as_str(),
                f.rule,
                f.message
            );
        }
    }
    for (rule, count) in &counts {
        println!("{rule}: {count}");
    }
}
