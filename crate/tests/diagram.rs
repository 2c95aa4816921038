//! The architecture diagram: every active service of every real corpus file in all three
//! forms, its dependencies as edges, well-formed SVG, valid Mermaid, escaped markup, no
//! environment value anywhere, and the same bytes for the same input.

// Test code: a failed unwrap or index is a failed test, with its message.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{corpus_names, project};
use compose_architect::compose::{Project, load};
use compose_architect::diagram::{
    Diagram, LAYERED_MAX_COST, LAYERED_MAX_EDGES, LAYERED_MAX_NODES, diagram, graph, layered_cost,
};
use compose_architect::{Input, SourceFile};

fn load_files(files: Vec<SourceFile>, profiles: &[&str]) -> Project {
    load(&Input {
        files,
        env: BTreeMap::new(),
        profiles: profiles.iter().map(|p| p.to_string()).collect(),
    })
    .project
}

fn from_yaml(yaml: &str) -> (Project, Diagram) {
    let project = load_files(vec![SourceFile::new("compose.yaml", yaml)], &[]);
    let diagram = diagram(&project);
    (project, diagram)
}

/// The SVG parsed as XML; fails the test when it is not well-formed.
fn parse_svg(svg: &str) -> roxmltree::Document<'_> {
    let document = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let view_box: Vec<f64> = root
        .attribute("viewBox")
        .expect("a viewBox")
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(view_box.len(), 4, "{view_box:?}");
    assert!(view_box[2] > 0.0 && view_box[3] > 0.0, "{view_box:?}");
    document
}

/// The texts of the `<title>` children of the SVG's elements with this class.
fn titles(document: &roxmltree::Document<'_>, class: &str) -> Vec<String> {
    document
        .descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|w| w == class))
        })
        .filter_map(|n| n.children().find(|c| c.has_tag_name("title")))
        .map(|t| t.text().unwrap_or_default().to_string())
        .collect()
}

/// The Mermaid node definitions: id to label.
fn mermaid_nodes(mermaid: &str) -> BTreeMap<String, String> {
    mermaid
        .lines()
        .filter_map(|line| {
            let line = line.trim_start();
            let open = line.find(['[', '('])?;
            let (id, rest) = line.split_at(open);
            let first = rest.find('"')?;
            let last = rest.rfind('"')?;
            Some((id.to_string(), rest[first + 1..last].to_string()))
        })
        .collect()
}

/// The Mermaid edges: (from, arrow, label, to).
fn mermaid_edges(mermaid: &str) -> Vec<(String, String, String, String)> {
    mermaid
        .lines()
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            let [from, middle, to] = words.as_slice() else {
                return None;
            };
            let (arrow, label) = middle.split_once('|')?;
            let label = label.strip_suffix('|')?.trim_matches('"');
            Some((
                from.to_string(),
                arrow.to_string(),
                label.to_string(),
                to.to_string(),
            ))
        })
        .collect()
}

fn is_valid_id(id: &str) -> bool {
    id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && id.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The name as the Mermaid label writes it (corpus names need no entity codes).
fn mermaid_name(name: &str) -> String {
    format!("<b>{name}</b>")
}

#[test]
fn every_active_service_of_the_corpus_appears_in_all_three_forms() {
    for name in corpus_names() {
        let project = load_files(project(&name), &[]);
        let diagram = diagram(&project);
        let document = parse_svg(&diagram.svg);
        let svg_texts: BTreeSet<&str> = document
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        let labels: BTreeSet<String> = mermaid_nodes(&diagram.mermaid).into_values().collect();

        for service in project.services.iter() {
            let in_svg = svg_texts.contains(service.name.as_str());
            let in_mermaid = labels
                .iter()
                .any(|l| l.starts_with(&mermaid_name(&service.name)));
            let in_text = diagram.text.contains(&format!("\n{} [", service.name));
            if service.enabled {
                assert!(in_svg, "{name}: {} not in the SVG", service.name);
                assert!(in_mermaid, "{name}: {} not in the Mermaid", service.name);
                assert!(in_text, "{name}: {} not in the text", service.name);
            } else {
                assert!(
                    !in_mermaid && !in_text,
                    "{name}: disabled {} shown",
                    service.name
                );
            }
        }
    }
}

#[test]
fn every_dependency_of_the_corpus_is_an_edge_in_all_three_forms() {
    let mut checked = 0;
    for name in corpus_names() {
        let project = load_files(project(&name), &[]);
        let diagram = diagram(&project);
        let document = parse_svg(&diagram.svg);
        let svg_edges: BTreeSet<String> = titles(&document, "depends-on").into_iter().collect();
        // services only: a volume may have a service's name
        let ids: BTreeMap<String, String> = mermaid_nodes(&diagram.mermaid)
            .into_iter()
            .filter(|(id, _)| id.starts_with('s'))
            .map(|(id, label)| {
                let name = label
                    .strip_prefix("<b>")
                    .and_then(|l| l.split_once("</b>"))
                    .map(|(name, _)| name.to_string())
                    .unwrap();
                (name, id)
            })
            .collect();
        let edges = mermaid_edges(&diagram.mermaid);

        for service in project.enabled_services() {
            for dependency in &service.depends_on {
                let shown = project
                    .service(&dependency.service)
                    .is_some_and(|d| d.enabled && d.name != service.name);
                if !shown {
                    continue;
                }
                let title = format!(
                    "{} depends on {} ({})",
                    service.name, dependency.service, dependency.condition
                );
                assert!(svg_edges.contains(&title), "{name}: no SVG edge {title}");

                let (from, to) = (&ids[&service.name], &ids[&dependency.service]);
                let word = dependency
                    .condition
                    .trim_start_matches("service_")
                    .replace("_successfully", "");
                assert!(
                    edges
                        .iter()
                        .any(|e| &e.0 == from && &e.3 == to && e.2 == word),
                    "{name}: no Mermaid edge {from} -> {to} ({word})\n{}",
                    diagram.mermaid
                );

                let text = format!(
                    "-> depends on {} ({})",
                    dependency.service, dependency.condition
                );
                let section = diagram
                    .text
                    .split("\n\n")
                    .find(|s| s.starts_with(&format!("{} [", service.name)))
                    .unwrap();
                assert!(section.contains(&text), "{name}: {section}");
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} dependencies in the corpus");
}

#[test]
fn mermaid_of_the_corpus_is_a_flowchart_of_valid_ids() {
    for name in corpus_names() {
        let diagram = diagram(&load_files(project(&name), &[]));
        assert!(diagram.mermaid.starts_with("flowchart TB\n"), "{name}");

        let nodes = mermaid_nodes(&diagram.mermaid);
        for id in nodes.keys() {
            assert!(is_valid_id(id), "{name}: node id {id:?}");
        }
        for (from, _, label, to) in mermaid_edges(&diagram.mermaid) {
            assert!(
                nodes.contains_key(&from) && nodes.contains_key(&to),
                "{name}"
            );
            assert!(!label.contains('"'), "{name}: {label}");
        }
        for label in nodes.values() {
            assert!(!label.contains('"'), "{name}: {label}");
        }
    }
}

#[test]
fn boxes_of_the_layered_layout_do_not_overlap() {
    for name in corpus_names() {
        let diagram = diagram(&load_files(project(&name), &[]));
        let document = parse_svg(&diagram.svg);
        let title = document
            .root_element()
            .children()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap();
        assert!(!title.contains("grid"), "{name}: {title}");

        let rects: Vec<[f64; 4]> = document
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .map(|n| {
                let at = |key: &str| n.attribute(key).unwrap().parse::<f64>().unwrap();
                [at("x"), at("y"), at("width"), at("height")]
            })
            .collect();
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                let apart = a[0] + a[2] <= b[0]
                    || b[0] + b[2] <= a[0]
                    || a[1] + a[3] <= b[1]
                    || b[1] + b[3] <= a[1];
                assert!(apart, "{name}: {a:?} overlaps {b:?}");
            }
        }
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    for name in corpus_names() {
        let first = diagram(&load_files(project(&name), &[]));
        let second = diagram(&load_files(project(&name), &[]));
        assert_eq!(first, second, "{name}");
    }
}

#[test]
fn markup_in_names_and_values_is_escaped() {
    let yaml = r#"
name: "<b>x</b>"
services:
  "<script>alert(1)</script>":
    image: "evil\"&'<img src=x onerror=alert(2)>"
    ports: ["8080:80"]
    networks: ["<net>&"]
    depends_on:
      "a\"]-->b[\"x":
        condition: service_healthy
  "a\"]-->b[\"x":
    image: "%%{init: {'theme':'dark'}}%%"
    volumes: ["<vol>:/data"]
networks:
  "<net>&": {}
volumes:
  "<vol>": {}
"#;
    let (project, diagram) = from_yaml(yaml);
    assert_eq!(project.services.len(), 2, "{:?}", project.services);

    let document = parse_svg(&diagram.svg);
    assert!(!diagram.svg.contains("<script"), "{}", diagram.svg);
    assert!(!diagram.svg.contains("<img"), "{}", diagram.svg);
    let texts: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert!(texts.contains(&"<script>alert(1)</script>"), "{texts:?}");
    assert!(
        texts.contains(&"evil\"&'<img src=x onerror=alert(2)>"),
        "{texts:?}"
    );
    assert!(texts.contains(&"networks: <net>&"), "{texts:?}");
    assert!(texts.contains(&"<vol>"), "{texts:?}");
    assert_eq!(
        document
            .descendants()
            .filter(|n| n.has_tag_name("script"))
            .count(),
        0
    );

    assert!(!diagram.mermaid.contains("<script"), "{}", diagram.mermaid);
    assert!(!diagram.mermaid.contains("%%{"), "{}", diagram.mermaid);
    let nodes = mermaid_nodes(&diagram.mermaid);
    assert_eq!(nodes.len(), 4, "clients, two services, a volume: {nodes:?}");
    for (id, label) in &nodes {
        assert!(is_valid_id(id), "{id}");
        for c in ['"', '<', '>', '[', ']', '(', ')', '{', '}', '|', '%', '`'] {
            let without_markup = label
                .replace("<b>", "")
                .replace("</b>", "")
                .replace("<br/>", "");
            assert!(!without_markup.contains(c), "{c} in {label}");
        }
    }
    assert!(
        nodes
            .values()
            .any(|l| l.starts_with("<b>#lt;script#gt;alert#40;1#41;#lt;/script#gt;</b>")),
        "{nodes:?}"
    );
    let edges = mermaid_edges(&diagram.mermaid);
    assert!(
        edges.iter().any(|e| e.1 == "==>" && e.2 == "healthy"),
        "{}",
        diagram.mermaid
    );
}

#[test]
fn environment_values_and_build_arguments_never_appear() {
    let files = vec![
        SourceFile::new(".env", "DB_PASSWORD=env-file-secret-4417\n"),
        SourceFile::new(
            "compose.yaml",
            r#"
services:
  api:
    build:
      context: ./api
      args:
        NPM_TOKEN: build-arg-secret-9931
    environment:
      - API_TOKEN=list-secret-5512
      - DB_PASSWORD=${DB_PASSWORD}
    depends_on: [db]
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: map-secret-7720
    secrets: [db_root]
secrets:
  db_root:
    environment: DB_PASSWORD
"#,
        ),
    ];
    let diagram = diagram(&load_files(files, &[]));

    for form in [&diagram.svg, &diagram.mermaid, &diagram.text] {
        for secret in [
            "env-file-secret-4417",
            "build-arg-secret-9931",
            "list-secret-5512",
            "map-secret-7720",
            "API_TOKEN",
            "POSTGRES_PASSWORD",
        ] {
            assert!(!form.contains(secret), "{secret} in {form}");
        }
        assert!(form.contains("build: ./api"), "{form}");
        assert!(form.contains("secrets: db_root"), "{form}");
    }
}

#[test]
fn the_three_conditions_are_drawn_differently() {
    let (_, diagram) = from_yaml(
        r#"
services:
  api:
    image: acme/api:1
    depends_on:
      db: {condition: service_healthy}
      migrate: {condition: service_completed_successfully}
      cache: {condition: service_started}
  db: {image: postgres:16}
  migrate: {image: acme/api:1}
  cache: {image: redis:7}
"#,
    );
    let document = parse_svg(&diagram.svg);
    let strokes: BTreeSet<(String, String, String)> = document
        .descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.starts_with("edge depends-on"))
        })
        .map(|n| {
            (
                n.attribute("stroke").unwrap().to_string(),
                n.attribute("stroke-width").unwrap().to_string(),
                n.attribute("stroke-dasharray")
                    .unwrap_or("solid")
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(strokes.len(), 3, "{strokes:?}");

    let arrows: BTreeSet<(String, String)> = mermaid_edges(&diagram.mermaid)
        .into_iter()
        .map(|e| (e.1, e.2))
        .collect();
    let expected: BTreeSet<(String, String)> = [
        ("==>", "healthy"),
        ("-.->", "completed"),
        ("-->", "started"),
    ]
    .into_iter()
    .map(|(a, l)| (a.to_string(), l.to_string()))
    .collect();
    assert_eq!(arrows, expected);

    assert!(diagram.text.contains("-> depends on db (service_healthy)"));
    assert!(
        diagram
            .text
            .contains("-> depends on migrate (service_completed_successfully)")
    );
    assert!(
        diagram
            .text
            .contains("-> depends on cache (service_started)")
    );
}

#[test]
fn clients_volumes_links_and_shared_networks_are_drawn() {
    let (_, diagram) = from_yaml(
        r#"
services:
  web:
    image: nginx:1.27
    ports: ["80:80", "443:443", {target: 8443, published: "8443", protocol: udp}]
    links: ["api:backend"]
  api:
    build: ./api
    volumes: ["uploads:/srv/uploads", "./config:/etc/api:ro"]
    expose: ["9000"]
  sidecar:
    image: busybox:1.36
    network_mode: "service:api"
    ipc: "service:api"
    pid: "service:db"
    volumes_from: [api]
  db:
    image: postgres:16
    volumes: [{type: volume, source: pgdata, target: /var/lib/postgresql/data, read_only: true}]
volumes:
  uploads: {}
  pgdata: {}
"#,
    );
    let document = parse_svg(&diagram.svg);
    let class_of = |name: &str| {
        document
            .descendants()
            .find(|n| {
                n.has_tag_name("g")
                    && n.children()
                        .any(|c| c.has_tag_name("text") && c.text() == Some(name))
            })
            .and_then(|n| n.attribute("class"))
            .unwrap()
            .to_string()
    };
    assert_eq!(class_of("clients"), "node clients");
    assert_eq!(class_of("web"), "node proxy");
    assert_eq!(class_of("api"), "node app");
    assert_eq!(class_of("db"), "node stateful");
    assert_eq!(class_of("uploads"), "node volume");
    assert_eq!(class_of("pgdata"), "node volume");

    assert_eq!(
        titles(&document, "publishes"),
        vec!["clients publishes web: 80:80, 443:443, 8443:8443/udp"]
    );
    assert_eq!(titles(&document, "link"), vec!["web link api: link"]);
    assert_eq!(
        titles(&document, "shares-network"),
        vec!["sidecar shares-network api: network of"]
    );
    assert_eq!(
        titles(&document, "shares-ipc"),
        vec!["sidecar shares-ipc api: IPC of"]
    );
    assert_eq!(
        titles(&document, "shares-pid"),
        vec!["sidecar shares-pid db: processes of"]
    );
    assert_eq!(
        titles(&document, "volumes-from"),
        vec!["sidecar volumes-from api: volumes from"]
    );
    assert_eq!(
        titles(&document, "mounts"),
        vec![
            "api mounts uploads: /srv/uploads",
            "db mounts pgdata: /var/lib/postgresql/data (ro)"
        ]
    );

    let text = &diagram.text;
    assert!(
        text.contains("\nclients [clients]\n  -> reaches web on 80:80, 443:443, 8443:8443/udp\n"),
        "{text}"
    );
    assert!(
        text.contains("\napi [app]\n  build: ./api\n  -> mounts uploads at /srv/uploads\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  -> uses the network of api\n  -> shares the IPC namespace of api\n  -> mounts the volumes of api\n  -> sees the processes of db\n"
        ),
        "{text}"
    );
    assert!(
        !text.contains("./config"),
        "bind mounts are not volumes: {text}"
    );
    assert!(
        !text.contains("9000"),
        "exposed ports are not published: {text}"
    );
}

#[test]
fn disabled_services_and_their_edges_are_left_out() {
    let yaml = r#"
services:
  app:
    image: acme/app:1
    depends_on:
      debug: {condition: service_started, required: false}
  debug:
    image: busybox:1.36
    profiles: [debug]
    ports: ["9999:9999"]
"#;
    let files = || vec![SourceFile::new("compose.yaml", yaml)];

    let off = diagram(&load_files(files(), &[]));
    assert!(!off.text.contains("debug"), "{}", off.text);
    assert!(!off.mermaid.contains("debug"), "{}", off.mermaid);
    assert!(!off.svg.contains("debug"), "{}", off.svg);
    assert!(
        !off.text.contains("clients"),
        "no port is published: {}",
        off.text
    );

    let on = diagram(&load_files(files(), &["debug"]));
    assert!(
        on.text.contains("-> depends on debug (service_started)"),
        "{}",
        on.text
    );
    assert!(
        on.text.contains("-> reaches debug on 9999:9999"),
        "{}",
        on.text
    );
}

#[test]
fn an_empty_project_gives_an_empty_diagram() {
    for yaml in ["services: {}\n", "", "name: empty\n"] {
        let (_, diagram) = from_yaml(yaml);
        let document = parse_svg(&diagram.svg);
        assert_eq!(
            document
                .descendants()
                .filter(|n| n.has_tag_name("rect"))
                .count(),
            0
        );
        assert_eq!(diagram.mermaid.lines().next(), Some("flowchart TB"));
        assert!(
            mermaid_nodes(&diagram.mermaid).is_empty(),
            "{}",
            diagram.mermaid
        );
        assert!(diagram.text.contains("0 services"), "{}", diagram.text);
        assert!(
            diagram.text.ends_with("no services to show\n"),
            "{}",
            diagram.text
        );
    }
}

#[test]
fn one_service_is_one_box() {
    let (_, diagram) = from_yaml("services:\n  solo:\n    image: alpine:3.20\n");
    let document = parse_svg(&diagram.svg);
    assert_eq!(
        document
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .count(),
        1
    );
    assert_eq!(
        document
            .descendants()
            .filter(|n| n.has_tag_name("path") && n.attribute("class").is_some())
            .count(),
        0
    );
    assert_eq!(
        diagram.text,
        "Architecture of the compose project: 1 service, 0 named volumes\n\nsolo [app]\n  alpine:3.20\n"
    );
    assert_eq!(
        diagram.mermaid.lines().nth(2),
        Some("  s0[\"<b>solo</b><br/>alpine:3.20\"]")
    );
}

#[test]
fn a_thousand_services_fall_back_to_a_grid_and_say_so() {
    let mut yaml = String::from("name: big\nservices:\n");
    for i in 0..1000 {
        yaml.push_str(&format!(
            "  svc{i}:\n    image: acme/svc:{i}\n    ports: [\"{}:80\"]\n",
            10000 + i
        ));
        if i > 0 {
            yaml.push_str(&format!("    depends_on: [svc{}]\n", i - 1));
        }
    }
    let (project, diagram) = from_yaml(&yaml);
    assert_eq!(project.services.len(), 1000);
    assert!(project.services.len() > LAYERED_MAX_NODES);

    let document = parse_svg(&diagram.svg);
    let title = document
        .root_element()
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(
        title.starts_with("Architecture of big: 1000 services, 0 named volumes"),
        "{title}"
    );
    assert!(title.contains("simple grid"), "{title}");
    assert_eq!(
        document
            .descendants()
            .filter(|n| n.has_tag_name("rect"))
            .count(),
        1001
    );
    assert_eq!(titles(&document, "depends-on").len(), 999);
    assert_eq!(titles(&document, "publishes").len(), 1000);
    assert_eq!(mermaid_nodes(&diagram.mermaid).len(), 1001);
    assert!(diagram.text.contains("\nsvc999 [app]\n  acme/svc:999\n  ports: 10999:80\n  -> depends on svc998 (service_started)\n"));
}

#[test]
fn a_cycle_and_a_self_dependency_are_drawn_without_trouble() {
    let (_, diagram) = from_yaml(
        "services:\n  a: {image: x, depends_on: [b, a]}\n  b: {image: x, depends_on: [c]}\n  c: {image: x, depends_on: [a]}\n",
    );
    let document = parse_svg(&diagram.svg);
    let edges = titles(&document, "depends-on");
    assert_eq!(
        edges,
        vec![
            "a depends on b (service_started)",
            "b depends on c (service_started)",
            "c depends on a (service_started)"
        ]
    );
}

/// A `depends_on` chain of `length` services, each publishing a port.
fn published_chain(length: usize) -> String {
    let mut yaml = String::from("services:\n");
    for i in 0..length {
        yaml.push_str(&format!(
            "  c{i}:\n    image: acme/c:1\n    ports: [\"{}:80\"]\n",
            20000 + i
        ));
        if i > 0 {
            yaml.push_str(&format!("    depends_on: [c{}]\n", i - 1));
        }
    }
    yaml
}

fn svg_title(svg: &str) -> String {
    let document = parse_svg(svg);
    document
        .root_element()
        .children()
        .find(|n| n.has_tag_name("title"))
        .and_then(|n| n.text())
        .unwrap()
        .to_string()
}

#[test]
fn long_edges_count_against_the_layered_budget() {
    // clients reach every service of the chain: the edge to the n-th crosses n - 1 layers
    let (project, short) = from_yaml(&published_chain(20));
    assert_eq!(layered_cost(&graph(&project)), 21 + (0..20).sum::<usize>());
    assert!(!svg_title(&short.svg).contains("grid"));

    let (project, long) = from_yaml(&published_chain(40));
    let graph = graph(&project);
    assert!(graph.nodes.len() <= LAYERED_MAX_NODES && graph.edges.len() <= LAYERED_MAX_EDGES);
    assert_eq!(layered_cost(&graph), 41 + (0..40).sum::<usize>());
    assert!(layered_cost(&graph) > LAYERED_MAX_COST);
    assert!(svg_title(&long.svg).contains("simple grid"), "{}", long.svg);
}

#[test]
fn the_layered_cost_of_a_cycle_is_bounded() {
    let (project, _) = from_yaml(
        "services:\n  a: {image: x, depends_on: [b]}\n  b: {image: x, depends_on: [c]}\n  c: {image: x, depends_on: [a]}\n",
    );
    // three nodes in layers 0, 1, 2 once the cycle is broken: the closing edge crosses one
    assert_eq!(layered_cost(&graph(&project)), 3 + 1);
}
