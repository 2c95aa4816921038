//! `unencrypted-database-connection`: a database connection that does not require TLS, or a
//! MySQL server that accepts plaintext clients, in a project whose profile lists HIPAA,
//! SOC 2 or PCI DSS.

use super::support::{Asks, framework_names, is_off, is_on, strings, technology, words};
use crate::analyze::registry::{Rule, RuleDoc};
use crate::analyze::rules::support::is_unresolved;
use crate::analyze::{Context, Sink};
use crate::compose::{EnvVar, Service};
use crate::recommend::Compliance;
use crate::report::{Category, Severity};

/// HIPAA, SOC 2 or PCI DSS in the profile's `compliance`: each asks for encryption in
/// transit.
pub const ASKS: Asks = Asks::Compliance(&[Compliance::Hipaa, Compliance::Soc2, Compliance::PciDss]);

pub const RULE: Rule = Rule {
    id: "unencrypted-database-connection",
    category: Category::Compliance,
    severity: Severity::Warning,
    blocking: false,
    check,
    doc: RuleDoc {
        summary: "A database connection does not require TLS (`sslmode=disable`, a \
                  `postgres://` URL without `sslmode=require`, `useSSL=false`, a MySQL \
                  server without `require_secure_transport`), and the profile's \
                  `compliance` lists `hipaa`, `soc2` or `pci-dss`.",
        why: "Runs only when the profile's `compliance` lists `hipaa`, `soc2` or `pci-dss`; \
              all three require data to be encrypted in transit. On a control plane the \
              application and its database may run on different hosts or zones, so a \
              plaintext connection carries credentials and records across a network the \
              product does not own. `sslmode=prefer`, the PostgreSQL default, silently \
              falls back to plaintext.",
        bad: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    environment:\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/app\n  db:\n    image: postgres:16\n",
        good: "services:\n  api:\n    image: ghcr.io/acme/api:1.4.2\n    environment:\n      DATABASE_URL: postgres://app:${DB_PASSWORD}@db:5432/app?sslmode=verify-full\n  db:\n    image: postgres:16\n",
        fix: "Require TLS on the client: `sslmode=require` (or `verify-full` with the CA) for \
              PostgreSQL, `ssl-mode=REQUIRED` or `sslMode=VERIFY_IDENTITY` for MySQL, \
              `tls=true` for MongoDB, `encrypt=true` for SQL Server; and on a MySQL or \
              MariaDB server add `--require-secure-transport=ON` to its command.",
        limitations: "Connection URLs and settings are read from the services' \
                      `environment`; a connection configured in a mounted file, or split \
                      into host, user and password variables with no TLS variable, is not \
                      judged. A variable that sets TLS for the whole service (`PGSSLMODE`, \
                      `DB_SSL`, `SQL_TLS`, ...) covers its URLs. Connections to `localhost` \
                      or a Unix socket are not reported. A MySQL or MariaDB server with a \
                      mounted configuration directory is not judged (the file may require \
                      TLS). PostgreSQL's server side (`pg_hba.conf` `hostssl`) cannot be \
                      seen. Caches and queues are not checked.",
    },
};

/// What a setting or a connection asks of TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tls {
    /// Encrypted, or the connection fails.
    Required,
    /// Encrypted if the server offers it, plaintext otherwise (`sslmode=prefer`).
    Optional,
    /// Plaintext.
    Off,
}

/// A database family, by the URL scheme that names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Postgres,
    Mysql,
    Mongo,
    /// `mongodb+srv://`, which turns TLS on by default.
    MongoSrv,
    SqlServer,
}

impl Family {
    fn name(self) -> &'static str {
        match self {
            Self::Postgres => "PostgreSQL",
            Self::Mysql => "MySQL",
            Self::Mongo | Self::MongoSrv => "MongoDB",
            Self::SqlServer => "SQL Server",
        }
    }

    /// What the family's drivers do when the connection says nothing of TLS: libpq and
    /// pgjdbc prefer it, MySQL drivers prefer it or leave it off, `mongodb://` leaves it off;
    /// `mongodb+srv://` and current SQL Server drivers require it.
    fn default_tls(self) -> Tls {
        match self {
            Self::Postgres | Self::Mysql => Tls::Optional,
            Self::Mongo => Tls::Off,
            Self::MongoSrv | Self::SqlServer => Tls::Required,
        }
    }
}

fn check(context: &Context<'_>, sink: &mut Sink<'_>) {
    let asked = ASKS.frameworks(context.profile);
    if asked.is_empty() {
        return;
    }
    let frameworks = framework_names(&asked);

    for service in context.project.enabled_services() {
        // a variable that requires TLS for the whole service covers its URLs
        let service_requires_tls = service.environment.iter().any(|var| {
            var.value.as_ref().is_some_and(|value| {
                !value.unresolved && setting(&var.name, &value.value) == Some(Tls::Required)
            })
        });
        for var in &service.environment {
            judge_variable(service, var, service_requires_tls, &frameworks, sink);
        }
        judge_mysql_server(service, &frameworks, sink);
    }
}

fn judge_variable(
    service: &Service,
    var: &EnvVar,
    service_requires_tls: bool,
    frameworks: &str,
    sink: &mut Sink<'_>,
) {
    let Some(value) = &var.value else {
        return;
    };
    let help = Some(format!(
        "require TLS for this connection ({frameworks} asks for encryption in transit): \
         sslmode=require or verify-full for PostgreSQL, ssl-mode=REQUIRED for MySQL, \
         tls=true for MongoDB, encrypt=true for SQL Server"
    ));

    // a TLS setting of its own: DB_SSL=false, PGSSLMODE=prefer
    if let Some(tls) = setting(&var.name, &value.value) {
        if value.unresolved {
            return;
        }
        let written = format!("{}={}", var.name, value.value.trim());
        match tls {
            Tls::Off => sink.report(
                var.span,
                format!(
                    "service {} turns TLS off for its database connection: {written}",
                    service.name
                ),
                help,
            ),
            Tls::Optional => sink.report(
                var.span,
                format!(
                    "service {} lets its database connection fall back to plaintext: \
                     {written}",
                    service.name
                ),
                help,
            ),
            Tls::Required => {}
        }
        return;
    }

    // what runs, or what was written when an unset (or failing) variable left a placeholder
    let judged = if value.unresolved || value.value.contains("${") {
        placeholders(value.as_written())
    } else {
        value.value.clone()
    };
    let Some(connection) = connection(&judged) else {
        return;
    };
    let database = connection
        .family
        .map_or("its database", |family| family.name());
    match connection.tls {
        Some((Tls::Off, param)) => sink.report(
            var.span,
            format!(
                "service {} connects to {database} with {param} in {}",
                service.name, var.name
            ),
            help,
        ),
        Some((Tls::Optional, param)) => sink.report(
            var.span,
            format!(
                "service {} connects to {database} with {param} in {}, which falls back to \
                 plaintext",
                service.name, var.name
            ),
            help,
        ),
        Some((Tls::Required, _)) => {}
        None => {
            let Some(family) = connection.family else {
                return;
            };
            let silent = service_requires_tls
                || family.default_tls() == Tls::Required
                || connection.local
                // the options may come from a variable that is not set here
                || (value.unresolved && connection.options_from_variable);
            if silent {
                return;
            }
            sink.report(
                var.span,
                format!(
                    "service {} connects to {} at {} in {} without requiring TLS",
                    service.name,
                    family.name(),
                    connection.host,
                    var.name
                ),
                help,
            );
        }
    }
}

/// The text as written with each `${NAME...}` expression shortened to `$NAME`, so that the
/// `:?` or `:-` inside an expression is not read as part of the URL around it.
fn placeholders(written: &str) -> String {
    let mut out = String::with_capacity(written.len());
    let mut rest = written;
    while let Some(at) = rest.find('$') {
        out.push_str(rest.get(..at).unwrap_or_default());
        let after = rest.get(at + 1..).unwrap_or_default();
        if let Some(escaped) = after.strip_prefix('$') {
            out.push_str("$$");
            rest = escaped;
            continue;
        }
        let Some(inner) = after.strip_prefix('{') else {
            out.push('$');
            rest = after;
            continue;
        };
        let mut depth = 1usize;
        let mut end = inner.len();
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let expression = inner.get(..end).unwrap_or_default();
        let name_end = expression
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(expression.len());
        out.push('$');
        out.push_str(expression.get(..name_end).unwrap_or_default());
        rest = inner.get(end + 1..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// A MySQL or MariaDB server that does not refuse plaintext clients.
fn judge_mysql_server(service: &Service, frameworks: &str, sink: &mut Sink<'_>) {
    let Some(server) = technology(service).filter(|t| matches!(t.id, "mysql" | "mariadb")) else {
        return;
    };
    let Some(image) = &service.image else {
        return;
    };
    // a mounted configuration file may require secure transport
    let configured = service
        .volumes
        .iter()
        .map(|m| m.target.as_str())
        .chain(
            service
                .node
                .get("configs")
                .and_then(|c| c.as_seq())
                .unwrap_or_default()
                .iter()
                .filter_map(|c| c.get("target").and_then(|t| t.as_str())),
        )
        .any(|target| target.starts_with("/etc/mysql") || target.starts_with("/etc/my.cnf"));
    let command = service.node.get("command");
    if configured || command.is_some_and(is_unresolved) {
        return;
    }

    let arguments = strings(command)
        .into_iter()
        .flat_map(str::split_whitespace)
        .chain(
            service
                .environment
                .iter()
                .filter_map(|var| var.value.as_ref())
                .flat_map(|v| v.value.split_whitespace()),
        );
    let mut required = None;
    for argument in arguments {
        let argument = argument.trim_start_matches('-').replace('-', "_");
        let Some(rest) = argument.strip_prefix("require_secure_transport") else {
            continue;
        };
        required = match rest.strip_prefix('=') {
            Some(value) => Some(is_on(value)),
            None if rest.is_empty() => Some(true),
            None => continue,
        };
    }
    if required == Some(true) {
        return;
    }

    let span = match (required, command) {
        (Some(false), Some(command)) => command.span,
        _ => image.span,
    };
    sink.report(
        span,
        format!(
            "service {} runs {} without require_secure_transport, so clients may connect \
             without TLS",
            service.name, server.name
        ),
        Some(format!(
            "add --require-secure-transport=ON to its command ({frameworks} asks for \
             encryption in transit); MariaDB also needs --ssl-cert and --ssl-key"
        )),
    );
}

/// Words in a variable's name that say it configures a database connection.
const DATABASE_WORDS: &[&str] = &[
    "DB",
    "DATABASE",
    "DATASOURCE",
    "SQL",
    "PG",
    "POSTGRES",
    "POSTGRESQL",
    "POSTGRESDB",
    "MYSQL",
    "MARIADB",
    "MONGO",
    "MONGODB",
    "MSSQL",
    "SQLSERVER",
];

/// What a variable that sets TLS for a database connection asks: `PGSSLMODE=require`,
/// `DB_SSL=false`, `DB_POSTGRESDB_SSL_ENABLED=true`, `SQL_TLS=true`; `None` for any
/// other variable, or a value it cannot read.
fn setting(name: &str, value: &str) -> Option<Tls> {
    let words = words(name);
    let about_database = words
        .iter()
        .any(|w| DATABASE_WORDS.contains(&w.as_str()) || w.starts_with("PG"));
    if !about_database {
        return None;
    }
    let (last, before) = match words.as_slice() {
        [.., before, last] => (last.as_str(), Some(before.as_str())),
        [last] => (last.as_str(), None),
        [] => return None,
    };

    let is_mode =
        last.ends_with("SSLMODE") || (last == "MODE" && matches!(before, Some("SSL" | "TLS")));
    if is_mode {
        return mode(value);
    }
    let is_switch = matches!(
        last,
        "SSL" | "TLS" | "USESSL" | "USETLS" | "REQUIRESSL" | "ENCRYPT"
    ) || (matches!(last, "ENABLED" | "ENABLE")
        && matches!(before, Some("SSL" | "TLS")));
    if !is_switch {
        return None;
    }
    if is_off(value) {
        Some(Tls::Off)
    } else if is_on(value) {
        Some(Tls::Required)
    } else {
        None
    }
}

/// An `sslmode`-like value: PostgreSQL's and MySQL's modes, in any case and spelling.
fn mode(value: &str) -> Option<Tls> {
    let value = normalize(value);
    match value.as_str() {
        "disable" | "disabled" | "allow" => Some(Tls::Off),
        "prefer" | "preferred" => Some(Tls::Optional),
        "require" | "required" | "verifyca" | "verifyfull" | "verifyidentity" => {
            Some(Tls::Required)
        }
        _ => None,
    }
}

/// A parameter of a connection URL or string that says what it asks of TLS.
fn parameter(key: &str, value: &str) -> Option<Tls> {
    match normalize(key).as_str() {
        "sslmode" => mode(value),
        "ssl" | "usessl" | "tls" | "usetls" | "requiressl" | "encrypt" | "sslenabled"
        | "tlsenabled" => {
            let lowered = normalize(value);
            if is_off(value) {
                Some(Tls::Off)
            } else if matches!(lowered.as_str(), "prefer" | "preferred" | "optional") {
                Some(Tls::Optional)
            } else if lowered.is_empty() {
                None
            } else {
                // true, strict, skip-verify, or the name of a registered TLS configuration
                Some(Tls::Required)
            }
        }
        // a CA file turns TLS on in MySQL's drivers and MongoDB's
        "sslca" | "tlscafile" => Some(Tls::Required),
        _ => None,
    }
}

fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A database connection read from a variable's value.
#[derive(Debug)]
struct Connection {
    /// `None` for a connection string without a URL (`host=db sslmode=disable`).
    family: Option<Family>,
    host: String,
    /// What its parameters ask of TLS, with the parameter as written; the strongest word
    /// wins: any parameter that turns TLS off, then one that requires it.
    tls: Option<(Tls, String)>,
    /// A local host or a Unix socket: the connection does not cross a network.
    local: bool,
    /// A variable supplies part of the options, so they cannot be judged as written.
    options_from_variable: bool,
}

/// The database connection in a value: a URL with a database scheme (`postgres://`,
/// `jdbc:mysql://`, `mongodb+srv://`, `sqlserver://`), or a connection string with a
/// host and TLS parameters (`host=db sslmode=disable`, `Server=db;Encrypt=False`).
fn connection(value: &str) -> Option<Connection> {
    if let Some(url) = url(value) {
        return Some(url);
    }

    let parameters = parameters(value);
    let names_a_host = parameters.iter().any(|(key, _)| {
        matches!(
            normalize(key).as_str(),
            "host" | "hostaddr" | "server" | "datasource" | "dbname" | "database"
        )
    });
    if !names_a_host {
        return None;
    }
    let tls = strongest(&parameters)?;
    Some(Connection {
        family: None,
        host: String::new(),
        tls: Some(tls),
        local: false,
        options_from_variable: false,
    })
}

fn url(value: &str) -> Option<Connection> {
    let mut search = 0;
    while let Some(found) = value.get(search..).and_then(|rest| rest.find("://")) {
        let at = search + found;
        search = at + 3;
        let before = value.get(..at).unwrap_or_default();
        let scheme_start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | ':' | '-')))
            .map_or(0, |i| i + 1);
        let scheme = before
            .get(scheme_start..)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let Some(family) = family(&scheme) else {
            continue;
        };

        let rest = value.get(search..).unwrap_or_default();
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\''))
            .unwrap_or(rest.len());
        let rest = rest.get(..end).unwrap_or_default();
        let authority_end = rest.find(['/', '?', '#', ';']).unwrap_or(rest.len());
        let authority = rest.get(..authority_end).unwrap_or_default();
        let tail = rest.get(authority_end..).unwrap_or_default();
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let first_host = host_port.split(',').next().unwrap_or_default();
        let host = match first_host.strip_prefix('[') {
            Some(bracketed) => bracketed.split(']').next().unwrap_or_default(),
            None => first_host.split(':').next().unwrap_or_default(),
        };
        let options = tail.split_once(['?', ';']).map_or("", |(_, o)| o);
        let parameters = parameters(options);
        // libpq takes a socket directory as the `host` parameter: postgres:///app?host=/run
        let socket = parameters
            .iter()
            .any(|(k, v)| normalize(k) == "host" && v.starts_with('/'));

        return Some(Connection {
            family: Some(family),
            host: host.to_string(),
            tls: strongest(&parameters),
            local: socket
                || matches!(host, "" | "localhost" | "127.0.0.1" | "::1")
                || host.to_ascii_lowercase().starts_with("%2f"),
            options_from_variable: options.contains('$'),
        });
    }
    None
}

fn family(scheme: &str) -> Option<Family> {
    let scheme = scheme.strip_prefix("jdbc:").unwrap_or(scheme);
    if scheme == "mongodb+srv" {
        return Some(Family::MongoSrv);
    }
    // postgresql+asyncpg, mysql+pymysql: the part before `+` names the database
    match scheme.split('+').next().unwrap_or(scheme) {
        "postgres" | "postgresql" | "pgsql" | "postgis" => Some(Family::Postgres),
        "mysql" | "mysqlx" | "mariadb" => Some(Family::Mysql),
        "mongodb" => Some(Family::Mongo),
        "sqlserver" | "mssql" => Some(Family::SqlServer),
        _ => None,
    }
}

/// The `key=value` parameters of a query string or a connection string, separated by
/// `&`, `;`, `?` or spaces; words without `=` before a key join it (`SSL Mode=Disable`).
fn parameters(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut words_before = String::new();
    for token in text.split(['&', ';', '?', ' ', '\t', '\n']) {
        match token.split_once('=') {
            Some((key, value)) => {
                found.push((format!("{words_before}{key}"), value.to_string()));
                words_before.clear();
            }
            None if !token.is_empty() && token.chars().all(|c| c.is_ascii_alphabetic()) => {
                words_before.push_str(token);
            }
            None => words_before.clear(),
        }
    }
    found
}

/// What the parameters ask of TLS, and the parameter that says it: one that turns TLS off
/// wins over one that requires it, which wins over one that only prefers it.
fn strongest(parameters: &[(String, String)]) -> Option<(Tls, String)> {
    let mut asked: Vec<(Tls, String)> = parameters
        .iter()
        .filter_map(|(key, value)| Some((parameter(key, value)?, format!("{key}={value}"))))
        .collect();
    let rank = |tls: Tls| match tls {
        Tls::Off => 0,
        Tls::Required => 1,
        Tls::Optional => 2,
    };
    crate::sort::sort_by_key(&mut asked, |(tls, _)| rank(*tls));
    asked.into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tls_of(value: &str) -> Option<Tls> {
        connection(value).and_then(|c| c.tls).map(|(tls, _)| tls)
    }

    #[test]
    fn urls_are_read_by_family() {
        let c = connection("postgresql+asyncpg://app:pw@db:5432/app").unwrap();
        assert_eq!(c.family, Some(Family::Postgres));
        assert_eq!(c.host, "db");
        assert_eq!(c.tls, None);
        assert!(!c.local);

        let c = connection("jdbc:mysql://mysql:3306/app?useSSL=false&serverTimezone=UTC").unwrap();
        assert_eq!(c.family, Some(Family::Mysql));
        assert_eq!(c.tls, Some((Tls::Off, "useSSL=false".to_string())));

        let c = connection("jdbc:sqlserver://sql:1433;databaseName=app;encrypt=false").unwrap();
        assert_eq!(c.family, Some(Family::SqlServer));
        assert_eq!(c.host, "sql");
        assert_eq!(
            tls_of("jdbc:sqlserver://sql:1433;encrypt=false"),
            Some(Tls::Off)
        );

        let c = connection("mongodb://a:27017,b:27017/app?replicaSet=rs0").unwrap();
        assert_eq!(c.host, "a");
        assert_eq!(c.family, Some(Family::Mongo));
        assert_eq!(
            connection("mongodb+srv://cluster.example.net/app")
                .unwrap()
                .family,
            Some(Family::MongoSrv)
        );
        assert!(connection("redis://cache:6379").is_none());
        assert!(connection("https://example.com/?sslmode=disable").is_none());
    }

    #[test]
    fn tls_parameters() {
        assert_eq!(
            tls_of("postgres://db/app?sslmode=require"),
            Some(Tls::Required)
        );
        assert_eq!(
            tls_of("postgres://db/app?sslmode=verify-full"),
            Some(Tls::Required)
        );
        assert_eq!(
            tls_of("postgres://db/app?sslmode=prefer"),
            Some(Tls::Optional)
        );
        assert_eq!(tls_of("postgres://db/app?sslmode=disable"), Some(Tls::Off));
        assert_eq!(
            tls_of("mysql://db/app?ssl-mode=REQUIRED"),
            Some(Tls::Required)
        );
        assert_eq!(
            tls_of("mysql://db/app?tls=skip-verify"),
            Some(Tls::Required)
        );
        assert_eq!(tls_of("mysql://db/app?tls=preferred"), Some(Tls::Optional));
        assert_eq!(tls_of("mongodb://db/app?tls=true"), Some(Tls::Required));
        assert_eq!(
            tls_of("postgres://db/app?sslmode=require&ssl=false"),
            Some(Tls::Off)
        );
        // keyword connection strings
        assert_eq!(tls_of("host=db dbname=app sslmode=disable"), Some(Tls::Off));
        assert_eq!(
            tls_of("Server=sql;Database=app;User Id=sa;Encrypt=False"),
            Some(Tls::Off)
        );
        assert_eq!(
            tls_of("Host=db;Database=app;SSL Mode=Disable"),
            Some(Tls::Off)
        );
        assert!(connection("Server=sql;Database=app").is_none());
        assert!(connection("sslmode=disable").is_none());
    }

    #[test]
    fn local_connections() {
        assert!(connection("postgres://app@localhost/app").unwrap().local);
        assert!(connection("postgres://app@[::1]:5432/app").unwrap().local);
        assert!(
            connection("postgres:///app?host=/var/run/postgresql")
                .unwrap()
                .local
        );
        assert!(
            connection("postgres://%2Fvar%2Frun%2Fpostgresql/app")
                .unwrap()
                .local
        );
    }

    #[test]
    fn settings_by_name() {
        assert_eq!(setting("PGSSLMODE", "require"), Some(Tls::Required));
        assert_eq!(setting("DB_SSLMODE", "disable"), Some(Tls::Off));
        assert_eq!(setting("DATABASE_SSL_MODE", "prefer"), Some(Tls::Optional));
        assert_eq!(setting("DB_SSL", "false"), Some(Tls::Off));
        assert_eq!(
            setting("DB_POSTGRESDB_SSL_ENABLED", "true"),
            Some(Tls::Required)
        );
        assert_eq!(setting("SQL_TLS", "true"), Some(Tls::Required));
        assert_eq!(setting("MYSQL_USE_SSL", "0"), Some(Tls::Off));
        assert_eq!(setting("MYSQL_USESSL", "0"), Some(Tls::Off));
        // not about a database, or not a TLS switch
        assert_eq!(setting("SMTP_TLS", "false"), None);
        assert_eq!(setting("REDIS_TLS", "false"), None);
        assert_eq!(setting("DB_SSL_CA", "/certs/ca.pem"), None);
        assert_eq!(setting("DB_HOST", "db"), None);
    }
}
