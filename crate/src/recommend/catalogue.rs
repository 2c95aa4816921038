//! The technology catalogue: every framework, store, cache, queue, storage and proxy the
//! recommender can choose, and for what runs as a container its image entry: the pinned
//! image, health check and timings, data path, credentials, connection and sizing hints.

/// What a technology is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Framework,
    Relational,
    Document,
    TimeSeries,
    Graph,
    Cache,
    Queue,
    ObjectStorage,
    FileStorage,
    Proxy,
}

/// How a setting of an image gets its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// A secret: a required parameter from the parameterized iterations on, and a
    /// local-development value before them.
    Secret,
    /// A parameter with this default.
    Default(&'static str),
}

/// A setting an image and its clients share (a user name, a password, a database name),
/// named by the suffix of its parameter (`PASSWORD` becomes `DB_PASSWORD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    pub suffix: &'static str,
    pub setting: Setting,
}

/// How often a health check runs, and how long the service may take to come up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    pub interval: &'static str,
    pub timeout: &'static str,
    pub retries: u32,
    pub start_period: &'static str,
}

/// Resource hints: the limits and reservations a service starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizing {
    pub cpus: &'static str,
    pub memory: &'static str,
    pub reserved_cpus: &'static str,
    pub reserved_memory: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Technology {
    /// Stable id, used in recommendations.
    pub id: &'static str,
    pub name: &'static str,
    pub kind: Kind,
    /// The public image and a pinned tag, for what runs as a container; `None` for a
    /// managed cloud service, which a compose file names as external.
    pub image: Option<(&'static str, &'static str)>,
    /// A health check test in compose's list form.
    pub healthcheck: Option<&'static str>,
    pub timing: Timing,
    pub port: Option<u16>,
    /// Where the image keeps its data, for a named volume.
    pub data_path: Option<&'static str>,
    /// The settings the image and its clients share.
    pub params: &'static [Param],
    /// The image's environment: names and templates, where `{SUFFIX}` is a parameter,
    /// `{host}` the service's name and `{port}` its port.
    pub env: &'static [(&'static str, &'static str)],
    /// The command, as a list of templates; empty for the image's own.
    pub command: &'static [&'static str],
    /// What a client is given to connect, as templates (`URL` becomes `DATABASE_URL`
    /// for the database).
    pub connection: &'static [(&'static str, &'static str)],
    pub sizing: Sizing,
}

/// Checks every 10 seconds, for a service that is up within 30.
const QUICK: Timing = Timing {
    interval: "10s",
    timeout: "5s",
    retries: 5,
    start_period: "30s",
};

/// For a service that takes a minute or two to come up (JVM stores, brokers).
const SLOW: Timing = Timing {
    interval: "15s",
    timeout: "10s",
    retries: 10,
    start_period: "120s",
};

const SMALL: Sizing = Sizing {
    cpus: "0.5",
    memory: "512M",
    reserved_cpus: "0.25",
    reserved_memory: "256M",
};

const MEDIUM: Sizing = Sizing {
    cpus: "1",
    memory: "1G",
    reserved_cpus: "0.5",
    reserved_memory: "512M",
};

const LARGE: Sizing = Sizing {
    cpus: "2",
    memory: "4G",
    reserved_cpus: "1",
    reserved_memory: "2G",
};

const fn tech(id: &'static str, name: &'static str, kind: Kind) -> Technology {
    Technology {
        id,
        name,
        kind,
        image: None,
        healthcheck: None,
        timing: QUICK,
        port: None,
        data_path: None,
        params: &[],
        env: &[],
        command: &[],
        connection: &[],
        sizing: MEDIUM,
    }
}

const fn image(
    mut t: Technology,
    image: &'static str,
    tag: &'static str,
    healthcheck: Option<&'static str>,
    port: Option<u16>,
    data_path: Option<&'static str>,
) -> Technology {
    t.image = Some((image, tag));
    t.healthcheck = healthcheck;
    t.port = port;
    t.data_path = data_path;
    t
}

impl Technology {
    /// The settings, the image's environment and what clients connect with.
    const fn settings(
        mut self,
        params: &'static [Param],
        env: &'static [(&'static str, &'static str)],
        connection: &'static [(&'static str, &'static str)],
    ) -> Self {
        self.params = params;
        self.env = env;
        self.connection = connection;
        self
    }

    const fn command(mut self, command: &'static [&'static str]) -> Self {
        self.command = command;
        self
    }

    const fn timing(mut self, timing: Timing) -> Self {
        self.timing = timing;
        self
    }

    const fn sizing(mut self, sizing: Sizing) -> Self {
        self.sizing = sizing;
        self
    }

    /// Whether it runs as a container (a managed cloud service does not).
    pub fn runs_as_container(&self) -> bool {
        self.image.is_some()
    }
}

const fn secret(suffix: &'static str) -> Param {
    Param {
        suffix,
        setting: Setting::Secret,
    }
}

const fn default(suffix: &'static str, value: &'static str) -> Param {
    Param {
        suffix,
        setting: Setting::Default(value),
    }
}

use Kind::*;

const POSTGRES_PARAMS: &[Param] = &[
    default("USER", "postgres"),
    secret("PASSWORD"),
    default("NAME", "app"),
];
const POSTGRES_ENV: &[(&str, &str)] = &[
    ("POSTGRES_USER", "{USER}"),
    ("POSTGRES_PASSWORD", "{PASSWORD}"),
    ("POSTGRES_DB", "{NAME}"),
];
const POSTGRES_URL: &[(&str, &str)] =
    &[("URL", "postgresql://{USER}:{PASSWORD}@{host}:{port}/{NAME}")];
const PG_ISREADY: &str = r#"["CMD-SHELL", "pg_isready -U \"$${POSTGRES_USER:-postgres}\""]"#;

/// The default relational database, and the one a managed-only choice falls back to.
pub const POSTGRESQL: Technology = image(
    tech("postgresql", "PostgreSQL", Relational),
    "postgres",
    "17.2-alpine",
    Some(PG_ISREADY),
    Some(5432),
    Some("/var/lib/postgresql/data"),
)
.settings(POSTGRES_PARAMS, POSTGRES_ENV, POSTGRES_URL)
.sizing(LARGE);

/// The web tier's proxy.
pub const NGINX: Technology = image(
    tech("nginx", "NGINX", Proxy),
    "nginx",
    "1.27.3-alpine",
    // the Alpine image has BusyBox wget, the Debian one curl: either answers
    Some(
        r#"["CMD-SHELL", "wget -q --spider http://127.0.0.1/ || curl -fsS -o /dev/null http://127.0.0.1/"]"#,
    ),
    Some(80),
    None,
)
.sizing(SMALL);

/// What a framework's service (the team's own image) starts from.
const fn framework(id: &'static str, name: &'static str, sizing: Sizing) -> Technology {
    tech(id, name, Framework).sizing(sizing)
}

pub static CATALOGUE: &[Technology] = &[
    // frameworks: the team's own image, built from their code
    framework("node-express", "Node.js/Express", MEDIUM),
    framework("python-fastapi", "Python/FastAPI", MEDIUM),
    framework("go", "Go", SMALL),
    framework("java-spring", "Java/Spring Boot", LARGE),
    framework("dotnet-aspnet", ".NET/ASP.NET", MEDIUM),
    POSTGRESQL,
    image(
        tech("mysql", "MySQL", Relational),
        "mysql",
        "8.4.3",
        Some(r#"["CMD", "mysqladmin", "ping", "-h", "127.0.0.1"]"#),
        Some(3306),
        Some("/var/lib/mysql"),
    )
    .settings(
        &[secret("PASSWORD"), default("NAME", "app")],
        &[("MYSQL_ROOT_PASSWORD", "{PASSWORD}"), ("MYSQL_DATABASE", "{NAME}")],
        &[("URL", "mysql://root:{PASSWORD}@{host}:{port}/{NAME}")],
    )
    .sizing(LARGE),
    image(
        tech("mariadb", "MariaDB", Relational),
        "mariadb",
        "11.4.4",
        Some(r#"["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]"#),
        Some(3306),
        Some("/var/lib/mysql"),
    )
    .settings(
        &[secret("PASSWORD"), default("NAME", "app")],
        &[
            ("MARIADB_ROOT_PASSWORD", "{PASSWORD}"),
            ("MARIADB_DATABASE", "{NAME}"),
        ],
        &[("URL", "mysql://root:{PASSWORD}@{host}:{port}/{NAME}")],
    )
    .sizing(LARGE),
    image(
        tech("sqlserver", "SQL Server", Relational),
        "mcr.microsoft.com/mssql/server",
        "2022-CU16-ubuntu-22.04",
        Some(
            r#"["CMD-SHELL", "/opt/mssql-tools18/bin/sqlcmd -C -S localhost -U sa -P \"$${MSSQL_SA_PASSWORD}\" -Q 'SELECT 1'"]"#,
        ),
        Some(1433),
        Some("/var/opt/mssql"),
    )
    .settings(
        &[secret("PASSWORD")],
        &[("ACCEPT_EULA", "Y"), ("MSSQL_SA_PASSWORD", "{PASSWORD}")],
        &[(
            "URL",
            "sqlserver://sa:{PASSWORD}@{host}:{port}?encrypt=true&trustServerCertificate=true",
        )],
    )
    .timing(SLOW)
    .sizing(LARGE),
    image(
        tech("cockroachdb", "CockroachDB", Relational),
        "cockroachdb/cockroach",
        "v24.2.4",
        Some(r#"["CMD", "curl", "-f", "http://localhost:8080/health?ready=1"]"#),
        Some(26257),
        Some("/cockroach/cockroach-data"),
    )
    .settings(
        &[default("NAME", "app")],
        &[("COCKROACH_DATABASE", "{NAME}")],
        &[(
            "URL",
            "postgresql://root@{host}:{port}/{NAME}?sslmode=disable",
        )],
    )
    .command(&["start-single-node", "--insecure"])
    .timing(SLOW)
    .sizing(LARGE),
    image(
        tech("mongodb", "MongoDB", Document),
        "mongo",
        "8.0.3",
        Some(r#"["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"]"#),
        Some(27017),
        Some("/data/db"),
    )
    .settings(
        &[
            default("USER", "root"),
            secret("PASSWORD"),
            default("NAME", "app"),
        ],
        &[
            ("MONGO_INITDB_ROOT_USERNAME", "{USER}"),
            ("MONGO_INITDB_ROOT_PASSWORD", "{PASSWORD}"),
            ("MONGO_INITDB_DATABASE", "{NAME}"),
        ],
        &[(
            "URL",
            "mongodb://{USER}:{PASSWORD}@{host}:{port}/{NAME}?authSource=admin",
        )],
    )
    .sizing(LARGE),
    tech("dynamodb", "DynamoDB", Document),
    image(
        tech("cassandra", "Cassandra", Document),
        "cassandra",
        "5.0.2",
        Some(r#"["CMD-SHELL", "cqlsh -e 'describe keyspaces' > /dev/null"]"#),
        Some(9042),
        Some("/var/lib/cassandra"),
    )
    .settings(
        &[default("CLUSTER", "app")],
        &[("CASSANDRA_CLUSTER_NAME", "{CLUSTER}")],
        &[("CONTACT_POINTS", "{host}:{port}")],
    )
    .timing(SLOW)
    .sizing(LARGE),
    image(
        tech("timescaledb", "TimescaleDB", TimeSeries),
        "timescale/timescaledb",
        "2.17.2-pg17",
        Some(PG_ISREADY),
        Some(5432),
        Some("/var/lib/postgresql/data"),
    )
    .settings(POSTGRES_PARAMS, POSTGRES_ENV, POSTGRES_URL)
    .sizing(LARGE),
    image(
        tech("influxdb", "InfluxDB", TimeSeries),
        "influxdb",
        "2.7.10-alpine",
        Some(r#"["CMD", "influx", "ping"]"#),
        Some(8086),
        Some("/var/lib/influxdb2"),
    )
    .settings(
        &[
            default("USER", "admin"),
            secret("PASSWORD"),
            secret("TOKEN"),
            default("ORG", "app"),
            default("BUCKET", "app"),
        ],
        &[
            ("DOCKER_INFLUXDB_INIT_MODE", "setup"),
            ("DOCKER_INFLUXDB_INIT_USERNAME", "{USER}"),
            ("DOCKER_INFLUXDB_INIT_PASSWORD", "{PASSWORD}"),
            ("DOCKER_INFLUXDB_INIT_ADMIN_TOKEN", "{TOKEN}"),
            ("DOCKER_INFLUXDB_INIT_ORG", "{ORG}"),
            ("DOCKER_INFLUXDB_INIT_BUCKET", "{BUCKET}"),
        ],
        &[
            ("URL", "http://{host}:{port}"),
            ("TOKEN", "{TOKEN}"),
            ("ORG", "{ORG}"),
            ("BUCKET", "{BUCKET}"),
        ],
    ),
    image(
        tech("prometheus", "Prometheus", TimeSeries),
        "prom/prometheus",
        "v2.55.1",
        Some(r#"["CMD", "wget", "-q", "--spider", "http://localhost:9090/-/ready"]"#),
        Some(9090),
        Some("/prometheus"),
    )
    .settings(&[], &[], &[("URL", "http://{host}:{port}")]),
    image(
        tech("neo4j", "Neo4j", Graph),
        "neo4j",
        "5.24.0",
        Some(r#"["CMD", "neo4j", "status"]"#),
        Some(7687),
        Some("/data"),
    )
    .settings(
        &[secret("PASSWORD")],
        &[("NEO4J_AUTH", "neo4j/{PASSWORD}")],
        &[
            ("URL", "neo4j://{host}:{port}"),
            ("USER", "neo4j"),
            ("PASSWORD", "{PASSWORD}"),
        ],
    )
    .timing(SLOW)
    .sizing(LARGE),
    image(
        tech("arangodb", "ArangoDB", Graph),
        "arangodb",
        "3.12.3",
        Some(
            r#"["CMD-SHELL", "arangosh --server.password \"$${ARANGO_ROOT_PASSWORD}\" --javascript.execute-string 'db._version()' > /dev/null"]"#,
        ),
        Some(8529),
        Some("/var/lib/arangodb3"),
    )
    .settings(
        &[secret("PASSWORD")],
        &[("ARANGO_ROOT_PASSWORD", "{PASSWORD}")],
        &[
            ("URL", "http://{host}:{port}"),
            ("USER", "root"),
            ("PASSWORD", "{PASSWORD}"),
        ],
    )
    .timing(SLOW)
    .sizing(LARGE),
    image(
        tech("redis", "Redis", Cache),
        "redis",
        "7.4.1-alpine",
        Some(r#"["CMD", "redis-cli", "ping"]"#),
        Some(6379),
        Some("/data"),
    )
    .settings(
        &[default("MAX_MEMORY", "256mb")],
        &[],
        &[("URL", "redis://{host}:{port}")],
    )
    .command(&[
        "redis-server",
        "--maxmemory",
        "{MAX_MEMORY}",
        "--maxmemory-policy",
        "allkeys-lru",
    ])
    .sizing(SMALL),
    image(
        tech("valkey", "Valkey", Cache),
        "valkey/valkey",
        "8.0.1-alpine",
        Some(r#"["CMD", "valkey-cli", "ping"]"#),
        Some(6379),
        Some("/data"),
    )
    .settings(
        &[default("MAX_MEMORY", "256mb")],
        &[],
        &[("URL", "redis://{host}:{port}")],
    )
    .command(&[
        "valkey-server",
        "--maxmemory",
        "{MAX_MEMORY}",
        "--maxmemory-policy",
        "allkeys-lru",
    ])
    .sizing(SMALL),
    image(
        tech("memcached", "Memcached", Cache),
        "memcached",
        "1.6.32-alpine",
        Some(r#"["CMD-SHELL", "echo stats | nc 127.0.0.1 11211 | grep -q uptime"]"#),
        Some(11211),
        None,
    )
    .settings(
        &[default("MEMORY_MB", "256")],
        &[],
        &[("SERVERS", "{host}:{port}")],
    )
    .command(&["memcached", "-m", "{MEMORY_MB}"])
    .sizing(SMALL),
    image(
        tech("rabbitmq", "RabbitMQ", Queue),
        "rabbitmq",
        "4.0.4-management-alpine",
        Some(r#"["CMD", "rabbitmq-diagnostics", "-q", "ping"]"#),
        Some(5672),
        Some("/var/lib/rabbitmq"),
    )
    .settings(
        &[default("USER", "app"), secret("PASSWORD")],
        &[
            ("RABBITMQ_DEFAULT_USER", "{USER}"),
            ("RABBITMQ_DEFAULT_PASS", "{PASSWORD}"),
        ],
        &[("URL", "amqp://{USER}:{PASSWORD}@{host}:{port}")],
    )
    .timing(SLOW),
    image(
        tech("kafka", "Apache Kafka", Queue),
        "apache/kafka",
        "3.8.1",
        Some(
            r#"["CMD-SHELL", "/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 > /dev/null"]"#,
        ),
        Some(9092),
        Some("/var/lib/kafka/data"),
    )
    .settings(
        &[],
        // a single KRaft node; the image reads its whole configuration from these once
        // any is set
        &[
            ("KAFKA_NODE_ID", "1"),
            ("KAFKA_PROCESS_ROLES", "broker,controller"),
            ("KAFKA_LISTENERS", "PLAINTEXT://:9092,CONTROLLER://:9093"),
            ("KAFKA_ADVERTISED_LISTENERS", "PLAINTEXT://{host}:9092"),
            ("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER"),
            (
                "KAFKA_LISTENER_SECURITY_PROTOCOL_MAP",
                "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            ),
            ("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@localhost:9093"),
            ("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1"),
            ("KAFKA_LOG_DIRS", "/var/lib/kafka/data"),
        ],
        &[("BOOTSTRAP_SERVERS", "{host}:{port}")],
    )
    .timing(SLOW)
    .sizing(LARGE),
    image(
        tech("nats", "NATS", Queue),
        "nats",
        "2.10.22-alpine",
        Some(r#"["CMD", "wget", "-q", "--spider", "http://localhost:8222/healthz"]"#),
        Some(4222),
        Some("/data"),
    )
    .settings(&[], &[], &[("URL", "nats://{host}:{port}")])
    .command(&["--jetstream", "--store_dir", "/data", "--http_port", "8222"])
    .sizing(SMALL),
    tech("sqs", "Amazon SQS", Queue),
    image(
        tech("minio", "MinIO", ObjectStorage),
        "minio/minio",
        "RELEASE.2024-11-07T00-52-20Z",
        // the image has no curl since 2023; `mc ready` asks the server's health API
        Some(r#"["CMD", "mc", "ready", "local"]"#),
        Some(9000),
        Some("/data"),
    )
    .settings(
        &[default("USER", "app"), secret("PASSWORD"), default("BUCKET", "app")],
        &[
            ("MINIO_ROOT_USER", "{USER}"),
            ("MINIO_ROOT_PASSWORD", "{PASSWORD}"),
        ],
        &[
            ("ENDPOINT", "http://{host}:{port}"),
            ("ACCESS_KEY_ID", "{USER}"),
            ("SECRET_ACCESS_KEY", "{PASSWORD}"),
            ("BUCKET", "{BUCKET}"),
        ],
    )
    .command(&["server", "/data", "--console-address", ":9001"]),
    tech("s3", "S3/GCS/Azure Blob", ObjectStorage),
    tech("nfs", "NFS", FileStorage),
    tech("efs", "EFS/Cloud Filestore", FileStorage),
    NGINX,
];

/// The technology with this id.
pub fn get(id: &str) -> Option<&'static Technology> {
    CATALOGUE.iter().find(|t| t.id == id)
}

/// The technology whose image is this repository (`library/postgres`, `bitnami/redis`
/// and `redis` all find Redis), for suggestions about a user's own file.
pub fn for_image(repository: &str) -> Option<&'static Technology> {
    // the catalogue's image without its registry host, as a repository path; most
    // images are told apart by their last component alone, so that is compared first
    let last = repository.rsplit('/').next().unwrap_or(repository);
    let names_repository = |image: &str| {
        image.ends_with(last)
            && match image.split_once('/') {
                Some((host, path)) if host.contains('.') => path == repository,
                Some(_) => image == repository,
                None => repository.strip_prefix("library/") == Some(image),
            }
    };
    if let Some(exact) = CATALOGUE
        .iter()
        .find(|t| t.image.is_some_and(|(image, _)| names_repository(image)))
    {
        return Some(exact);
    }

    // repackaged builds of the same software, under the names they use
    let (namespace, name) = repository
        .rsplit_once('/')
        .unwrap_or(("library", repository));
    if !matches!(
        namespace,
        "library" | "bitnami" | "bitnamilegacy" | "docker.io/bitnami"
    ) {
        return None;
    }
    let name = match name {
        "postgresql" | "postgis" => "postgres",
        "mongodb" => "mongo",
        "redis-stack" | "redis-stack-server" => "redis",
        other => other,
    };
    CATALOGUE.iter().find(|t| {
        t.image
            .is_some_and(|(image, _)| image.rsplit('/').next() == Some(name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_find_their_technology_by_their_full_name() {
        let id = |repository: &str| for_image(repository).map(|t| t.id);
        assert_eq!(id("library/postgres"), Some("postgresql"));
        assert_eq!(id("bitnami/postgresql"), Some("postgresql"));
        assert_eq!(id("bitnami/redis"), Some("redis"));
        assert_eq!(id("timescale/timescaledb"), Some("timescaledb"));
        assert_eq!(id("mssql/server"), Some("sqlserver"));
        assert_eq!(id("cockroachdb/cockroach"), Some("cockroachdb"));
        assert_eq!(id("temporalio/server"), None);
        assert_eq!(id("acme/postgres"), None);
    }

    /// The `{TOKEN}`s of a template.
    fn tokens(template: &str) -> Vec<&str> {
        template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(token, _)| token))
            .collect()
    }

    #[test]
    fn every_image_entry_is_complete_and_its_templates_resolve() {
        for t in CATALOGUE.iter().filter(|t| t.runs_as_container()) {
            let (image, tag) = t.image.unwrap();
            assert!(!image.is_empty(), "{}", t.id);
            assert!(
                tag != "latest" && tag.chars().any(|c| c.is_ascii_digit()),
                "{}: {tag}",
                t.id
            );
            assert!(t.port.is_some(), "{}", t.id);
            let test = t
                .healthcheck
                .unwrap_or_else(|| panic!("{} has no health check", t.id));
            assert!(test.starts_with(r#"["CMD"#), "{}: {test}", t.id);

            let templates = t
                .env
                .iter()
                .map(|(_, v)| *v)
                .chain(t.command.iter().copied())
                .chain(t.connection.iter().map(|(_, v)| *v));
            for template in templates {
                for token in tokens(template) {
                    let known = token == "host"
                        || token == "port"
                        || t.params.iter().any(|p| p.suffix == token);
                    assert!(known, "{}: {{{token}}} in {template}", t.id);
                }
            }
            // a secret the image is given is one its clients can be given too
            for param in t.params.iter().filter(|p| p.setting == Setting::Secret) {
                let token = format!("{{{}}}", param.suffix);
                assert!(t.env.iter().any(|(_, v)| v.contains(&token)), "{}", t.id);
            }
        }
        for t in CATALOGUE.iter().filter(|t| t.kind != Kind::Framework) {
            if !t.runs_as_container() {
                assert!(t.connection.is_empty() && t.env.is_empty(), "{}", t.id);
            }
        }
    }
}
