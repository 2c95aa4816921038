//! The technology catalogue: every framework, store, cache, queue, storage and proxy the
//! recommender can choose, with the image, health check and data path a compose file needs.

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Technology {
    /// Stable id, used in recommendations.
    pub id: &'static str,
    pub name: &'static str,
    pub kind: Kind,
    /// The public image and a pinned tag, for what runs as a container.
    pub image: Option<(&'static str, &'static str)>,
    /// A health check test in compose's list form.
    pub healthcheck: Option<&'static str>,
    pub port: Option<u16>,
    /// Where the image keeps its data, for a named volume.
    pub data_path: Option<&'static str>,
}

const fn tech(id: &'static str, name: &'static str, kind: Kind) -> Technology {
    Technology {
        id,
        name,
        kind,
        image: None,
        healthcheck: None,
        port: None,
        data_path: None,
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

use Kind::*;

/// The default relational database, and the one a managed-only choice falls back to.
pub const POSTGRESQL: Technology = image(
    tech("postgresql", "PostgreSQL", Relational),
    "postgres",
    "16-alpine",
    Some(r#"["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]"#),
    Some(5432),
    Some("/var/lib/postgresql/data"),
);

pub static CATALOGUE: &[Technology] = &[
    // frameworks: the team's own image, built from their code
    tech("node-express", "Node.js/Express", Framework),
    tech("python-fastapi", "Python/FastAPI", Framework),
    tech("go", "Go", Framework),
    tech("java-spring", "Java/Spring Boot", Framework),
    tech("dotnet-aspnet", ".NET/ASP.NET", Framework),
    POSTGRESQL,
    image(
        tech("mysql", "MySQL", Relational),
        "mysql",
        "8.4",
        Some(r#"["CMD", "mysqladmin", "ping", "-h", "127.0.0.1"]"#),
        Some(3306),
        Some("/var/lib/mysql"),
    ),
    image(
        tech("mariadb", "MariaDB", Relational),
        "mariadb",
        "11.4",
        Some(r#"["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]"#),
        Some(3306),
        Some("/var/lib/mysql"),
    ),
    image(
        tech("sqlserver", "SQL Server", Relational),
        "mcr.microsoft.com/mssql/server",
        "2022-latest",
        Some(
            r#"["CMD-SHELL", "/opt/mssql-tools18/bin/sqlcmd -C -S localhost -U sa -P \"$${MSSQL_SA_PASSWORD}\" -Q 'SELECT 1'"]"#,
        ),
        Some(1433),
        Some("/var/opt/mssql"),
    ),
    image(
        tech("cockroachdb", "CockroachDB", Relational),
        "cockroachdb/cockroach",
        "v24.2.4",
        Some(r#"["CMD", "curl", "-f", "http://localhost:8080/health?ready=1"]"#),
        Some(26257),
        Some("/cockroach/cockroach-data"),
    ),
    image(
        tech("mongodb", "MongoDB", Document),
        "mongo",
        "7.0",
        Some(r#"["CMD", "mongosh", "--quiet", "--eval", "db.adminCommand('ping')"]"#),
        Some(27017),
        Some("/data/db"),
    ),
    tech("dynamodb", "DynamoDB", Document),
    image(
        tech("cassandra", "Cassandra", Document),
        "cassandra",
        "5.0",
        Some(r#"["CMD-SHELL", "cqlsh -e 'describe keyspaces'"]"#),
        Some(9042),
        Some("/var/lib/cassandra"),
    ),
    image(
        tech("timescaledb", "TimescaleDB", TimeSeries),
        "timescale/timescaledb",
        "2.17.2-pg16",
        Some(r#"["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]"#),
        Some(5432),
        Some("/var/lib/postgresql/data"),
    ),
    image(
        tech("influxdb", "InfluxDB", TimeSeries),
        "influxdb",
        "2.7",
        Some(r#"["CMD", "influx", "ping"]"#),
        Some(8086),
        Some("/var/lib/influxdb2"),
    ),
    image(
        tech("prometheus", "Prometheus", TimeSeries),
        "prom/prometheus",
        "v2.55.1",
        Some(r#"["CMD", "wget", "-q", "--spider", "http://localhost:9090/-/ready"]"#),
        Some(9090),
        Some("/prometheus"),
    ),
    image(
        tech("neo4j", "Neo4j", Graph),
        "neo4j",
        "5.24",
        Some(r#"["CMD-SHELL", "wget -q --spider http://localhost:7474 || exit 1"]"#),
        Some(7687),
        Some("/data"),
    ),
    image(
        tech("arangodb", "ArangoDB", Graph),
        "arangodb",
        "3.12",
        Some(
            r#"["CMD", "arangosh", "--server.password", "", "--javascript.execute-string", "db._version()"]"#,
        ),
        Some(8529),
        Some("/var/lib/arangodb3"),
    ),
    image(
        tech("redis", "Redis", Cache),
        "redis",
        "7.4-alpine",
        Some(r#"["CMD", "redis-cli", "ping"]"#),
        Some(6379),
        Some("/data"),
    ),
    image(
        tech("valkey", "Valkey", Cache),
        "valkey/valkey",
        "8.0-alpine",
        Some(r#"["CMD", "valkey-cli", "ping"]"#),
        Some(6379),
        Some("/data"),
    ),
    image(
        tech("memcached", "Memcached", Cache),
        "memcached",
        "1.6-alpine",
        Some(r#"["CMD-SHELL", "echo stats | nc 127.0.0.1 11211 | grep -q uptime"]"#),
        Some(11211),
        None,
    ),
    image(
        tech("rabbitmq", "RabbitMQ", Queue),
        "rabbitmq",
        "3.13-management-alpine",
        Some(r#"["CMD", "rabbitmq-diagnostics", "-q", "ping"]"#),
        Some(5672),
        Some("/var/lib/rabbitmq"),
    ),
    image(
        tech("kafka", "Apache Kafka", Queue),
        "apache/kafka",
        "3.8.1",
        Some(
            r#"["CMD-SHELL", "/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 > /dev/null"]"#,
        ),
        Some(9092),
        Some("/var/lib/kafka/data"),
    ),
    image(
        tech("nats", "NATS", Queue),
        "nats",
        "2.10-alpine",
        Some(r#"["CMD", "wget", "-q", "--spider", "http://localhost:8222/healthz"]"#),
        Some(4222),
        None,
    ),
    tech("sqs", "Amazon SQS", Queue),
    image(
        tech("minio", "MinIO", ObjectStorage),
        "minio/minio",
        "RELEASE.2024-11-07T00-52-20Z",
        Some(r#"["CMD", "curl", "-f", "http://localhost:9000/minio/health/live"]"#),
        Some(9000),
        Some("/data"),
    ),
    tech("s3", "S3/GCS/Azure Blob", ObjectStorage),
    tech("nfs", "NFS", FileStorage),
    tech("efs", "EFS/Cloud Filestore", FileStorage),
    image(
        tech("nginx", "NGINX", Proxy),
        "nginx",
        "1.27-alpine",
        Some(r#"["CMD", "wget", "-q", "--spider", "http://localhost/"]"#),
        Some(80),
        None,
    ),
];

/// The technology with this id.
pub fn get(id: &str) -> Option<&'static Technology> {
    CATALOGUE.iter().find(|t| t.id == id)
}

/// The technology whose image is this repository (`library/postgres`, `bitnami/redis`
/// and `redis` all find Redis), for suggestions about a user's own file.
pub fn for_image(repository: &str) -> Option<&'static Technology> {
    // the catalogue's image without its registry host, as a repository path
    let path_of = |image: &'static str| match image.split_once('/') {
        Some((host, path)) if host.contains('.') => path.to_string(),
        Some(_) => image.to_string(),
        None => format!("library/{image}"),
    };
    if let Some(exact) = CATALOGUE.iter().find(|t| {
        t.image
            .is_some_and(|(image, _)| path_of(image) == repository)
    }) {
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
}
