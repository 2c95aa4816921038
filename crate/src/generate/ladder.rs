//! The compose ladder of the seed: iteration 1 (core services) is an app and its
//! database, written with short comments saying what each part is for.

use std::fmt::Write;

use crate::recommend::catalogue::{self, Technology};
use crate::recommend::{Profile, Recommendation};

/// The services a recommendation turns into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stack {
    /// A compose-safe project name.
    pub project: String,
    pub app_image: String,
    pub framework: String,
    pub database: &'static Technology,
}

/// The stack for a recommendation; a database that does not run as a container
/// (a managed cloud service) is replaced by PostgreSQL here.
pub fn stack(profile: &Profile, recommendation: &Recommendation) -> Stack {
    let project = profile
        .name
        .as_deref()
        .map(project_name)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "myapp".to_string());
    let database = catalogue::get(&recommendation.database.choice)
        .filter(|t| t.image.is_some())
        .unwrap_or(&catalogue::POSTGRESQL);

    Stack {
        app_image: format!("mycompany/{project}-api:latest"),
        project,
        framework: recommendation.framework.name.clone(),
        database,
    }
}

/// Lowercase letters, digits, `-` and `_`, starting with a letter or digit.
fn project_name(name: &str) -> String {
    let lowered: String = name
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    lowered.trim_matches(['-', '_']).to_string()
}

/// How an app reaches a database: the variables the database image wants and the URL.
struct Connection {
    env: Vec<(&'static str, &'static str)>,
    url: String,
}

fn connection(database: &Technology) -> Connection {
    let port = database.port.unwrap_or(5432);
    match database.id {
        "mysql" | "mariadb" => Connection {
            env: vec![
                ("MYSQL_ROOT_PASSWORD", "password"),
                ("MYSQL_DATABASE", "app"),
            ],
            url: format!("mysql://root:password@database:{port}/app"),
        },
        "mongodb" => Connection {
            env: vec![
                ("MONGO_INITDB_ROOT_USERNAME", "root"),
                ("MONGO_INITDB_ROOT_PASSWORD", "password"),
            ],
            url: format!("mongodb://root:password@database:{port}/app?authSource=admin"),
        },
        "sqlserver" => Connection {
            env: vec![
                ("ACCEPT_EULA", "Y"),
                ("MSSQL_SA_PASSWORD", "Passw0rd!local"),
            ],
            url: format!("sqlserver://sa:Passw0rd!local@database:{port}"),
        },
        "neo4j" => Connection {
            env: vec![("NEO4J_AUTH", "neo4j/password")],
            url: format!("neo4j://neo4j:password@database:{port}"),
        },
        _ => Connection {
            env: vec![("POSTGRES_PASSWORD", "password"), ("POSTGRES_DB", "app")],
            url: format!("postgresql://postgres:password@database:{port}/app"),
        },
    }
}

/// The compose file at an iteration.
pub fn compose(stack: &Stack, _iteration: u32) -> String {
    let database = stack.database;
    let (image, tag) = database.image.unwrap_or(("postgres", "16-alpine"));
    let connection = connection(database);
    let mut out = String::new();

    let _ = writeln!(
        out,
        "# {} — iteration 1: core services (MVP).",
        stack.project
    );
    let _ = writeln!(
        out,
        "# Runs locally with `docker compose up`; later iterations add health checks,"
    );
    let _ = writeln!(out, "# parameters, pinned images and resource hints.");
    let _ = writeln!(out, "name: {}", stack.project);
    let _ = writeln!(out, "services:");
    let _ = writeln!(out, "  app:");
    let _ = writeln!(out, "    # the {} API: your own image", stack.framework);
    let _ = writeln!(out, "    image: {}", stack.app_image);
    let _ = writeln!(out, "    ports:");
    let _ = writeln!(out, "      - \"8080:8080\"");
    let _ = writeln!(out, "    environment:");
    let _ = writeln!(
        out,
        "      # local development only: iteration 5 makes this a parameter"
    );
    let _ = writeln!(out, "      - DATABASE_URL={}", connection.url);
    let _ = writeln!(out, "    depends_on:");
    let _ = writeln!(out, "      - database");
    let _ = writeln!(out, "  database:");
    let _ = writeln!(out, "    # {}", database.name);
    let _ = writeln!(out, "    image: {image}:{tag}");
    let _ = writeln!(out, "    environment:");
    for (name, value) in &connection.env {
        let _ = writeln!(out, "      - {name}={value}");
    }
    if let Some(path) = database.data_path {
        let _ = writeln!(out, "    volumes:");
        let _ = writeln!(out, "      # the data survives container restarts");
        let _ = writeln!(out, "      - db_data:{path}");
        let _ = writeln!(out, "volumes:");
        let _ = writeln!(out, "  db_data:");
    }
    out
}
