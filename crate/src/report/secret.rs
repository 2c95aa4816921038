//! What a secret looks like in text, shared by the rule that finds hard-coded secrets and
//! by every output that must never show one: secret-looking names, passwords inside URLs,
//! and secrets given to programs on their command lines.

/// Names whose last word says they hold something other than the secret itself.
const NOT_SECRET_SUFFIXES: &[&str] = &[
    "FILE",
    "PATH",
    "DIR",
    "USER",
    "USERNAME",
    "HOST",
    "HOSTNAME",
    "PORT",
    "ID",
    "NAME",
    "URL",
    "URI",
    "TYPE",
    "LENGTH",
    "EXPIRY",
    "EXPIRES",
    "TTL",
    "ENABLED",
    "MODE",
    "METHOD",
    "POLICY",
    "HEADER",
    "ALGORITHM",
    "ISSUER",
    "AUDIENCE",
    "PREFIX",
    "LOCATION",
    "VERSION",
    "REQUIRED",
];

/// Words in a name that make a rendering hide its value: wider than what the analyzer
/// reports as a secret (any `KEY`, `AUTH`, `PAT`), since hiding a value that was no
/// secret costs the reader little and showing one that was costs much.
pub(crate) const MASKED_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASS",
    "PWD",
    "SECRET",
    "TOKEN",
    "KEY",
    "CREDENTIAL",
    "AUTH",
    "PAT",
];

const SECRET_WORDS: &[&str] = &[
    "PASSWORD",
    "PASSWD",
    "PASS",
    "PWD",
    "SECRET",
    "TOKEN",
    "APIKEY",
    "CREDENTIAL",
    "CREDENTIALS",
    "PRIVATEKEY",
];

/// Words that make a following `KEY` a secret key (`API_KEY`, `ACCESS_KEY`).
const KEY_QUALIFIERS: &[&str] = &[
    "API",
    "ACCESS",
    "PRIVATE",
    "SECRET",
    "ENCRYPTION",
    "SIGNING",
    "MASTER",
    "LICENSE",
    "CLIENT",
    "APP",
    "AUTH",
    "SESSION",
    "JWT",
];

/// Variables that well-known clients read a password from, named without a secret word.
const CLIENT_SECRET_NAMES: &[&str] = &["PGPASSWORD", "REDISCLI_AUTH"];

/// Whether an environment variable's name says it holds a secret.
pub fn is_secret_name(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    if CLIENT_SECRET_NAMES.contains(&upper.as_str()) {
        return true;
    }
    let words: Vec<&str> = upper
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words
        .last()
        .is_some_and(|last| NOT_SECRET_SUFFIXES.contains(last))
    {
        return false;
    }

    words.iter().enumerate().any(|(at, word)| {
        SECRET_WORDS.contains(word)
            || (*word == "KEY"
                && at
                    .checked_sub(1)
                    .and_then(|before| words.get(before))
                    .is_some_and(|before| KEY_QUALIFIERS.contains(before)))
    })
}

/// A yes/no setting about a secret rather than the secret itself:
/// `MYSQL_ALLOW_EMPTY_PASSWORD: "yes"`, `REQUIRE_PASSWORD: "true"`.
pub fn is_switch(value: &str) -> bool {
    matches!(
        value.trim().to_ascii_lowercase().as_str(),
        "yes"
            | "no"
            | "y"
            | "n"
            | "true"
            | "false"
            | "on"
            | "off"
            | "0"
            | "1"
            | "enabled"
            | "disabled"
    )
}

/// Whether a URL carries a literal password: `scheme://user:password@host`.
pub fn url_has_password(value: &str) -> bool {
    let Some((_, rest)) = value.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let Some((userinfo, _host)) = authority.rsplit_once('@') else {
        return false;
    };
    match userinfo.split_once(':') {
        Some((_, password)) => !password.is_empty() && !password.contains('$'),
        None => false,
    }
}

/// Whether a connection string of `key=value;` pairs (ADO.NET, ODBC, JDBC properties)
/// carries a literal password: `Server=db;User Id=sa;Password=s3cret;`.
pub fn connection_string_has_password(value: &str) -> bool {
    value.contains(';')
        && value.split(';').any(|pair| {
            let Some((key, secret)) = pair.split_once('=') else {
                return false;
            };
            let key = key.trim().to_ascii_lowercase();
            let secret = secret.trim().trim_matches(['\'', '"']);
            matches!(key.as_str(), "password" | "pwd")
                && !secret.is_empty()
                && !secret.contains('$')
        })
}

/// A secret written on a command line: the byte range of its value in the line, and the
/// option or variable it is given to (`--requirepass`, `-P`, `PGPASSWORD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandLineSecret {
    pub start: usize,
    pub end: usize,
    pub option: String,
}

/// How a program's short option takes a password.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Takes {
    /// Written against the option only: `mysql -psecret` (`-p secret` asks for one).
    Attached(&'static str),
    /// Attached or as the next word: `sqlcmd -P secret`.
    Either(&'static str),
    /// As the next word: `redis-cli -a secret`.
    Next(&'static str),
    /// As the next word, after `user:`: `curl -u user:secret`.
    AfterUser(&'static str),
}

/// Programs whose short options take a password, by the name they are run as.
const PASSWORD_OPTIONS: &[(&[&str], Takes)] = &[
    (
        &[
            "mysql",
            "mysqladmin",
            "mysqldump",
            "mariadb",
            "mariadb-admin",
            "mariadb-dump",
        ],
        Takes::Attached("-p"),
    ),
    (&["sqlcmd"], Takes::Either("-P")),
    (&["redis-cli", "valkey-cli", "keydb-cli"], Takes::Next("-a")),
    (&["mongosh", "mongo"], Takes::Next("-p")),
    (&["curl"], Takes::AfterUser("-u")),
];

/// Long options that name a secret without a secret word in them.
const SECRET_OPTIONS: &[&str] = &["REQUIREPASS", "MASTERAUTH"];

/// The secrets a command line gives to programs as literal values: `--password=x`,
/// `--requirepass x`, `PGPASSWORD=x psql`, the short password options of well-known
/// clients, and URLs with a password. A value taken from a variable (`$VAR`, `${VAR}`,
/// `$(cat /run/secrets/x)`), a secret file and a yes/no switch are no secrets.
pub fn command_line_secrets(line: &str) -> Vec<CommandLineSecret> {
    let words = words(line);
    let mut secrets = Vec::new();
    let mut takes: Option<Takes> = None;

    let mut push = |value: &str, option: &str| {
        if is_literal(value) {
            let start = offset(line, value);
            secrets.push(CommandLineSecret {
                start,
                end: start + value.len(),
                option: option.to_string(),
            });
        }
    };
    for (at, word) in words.iter().enumerate() {
        let next = words.get(at + 1).copied().filter(|w| !w.starts_with('-'));
        let program = word.rsplit('/').next().unwrap_or(word);
        if let Some((_, option)) = PASSWORD_OPTIONS
            .iter()
            .find(|(programs, _)| programs.contains(&program))
        {
            takes = Some(*option);
            continue;
        }

        if let Some(flag) = word.strip_prefix('-') {
            match (word.split_once('='), takes) {
                (Some((option, value)), _) if is_secret_option(option) => push(value, option),
                (Some(_), _) => {}
                (None, _) if flag.starts_with('-') && is_secret_option(word) => {
                    if let Some(value) = next {
                        push(value, word);
                    }
                }
                (None, Some(Takes::Attached(option) | Takes::Either(option)))
                    if word.len() > option.len() && word.starts_with(option) =>
                {
                    push(word.get(option.len()..).unwrap_or_default(), option);
                }
                (None, Some(Takes::Either(option) | Takes::Next(option))) if *word == option => {
                    if let Some(value) = next {
                        push(value, option);
                    }
                }
                (None, Some(Takes::AfterUser(option))) if *word == option || *word == "--user" => {
                    if let Some((_, password)) = next.and_then(|v| v.split_once(':')) {
                        push(password, word);
                    }
                }
                _ => {}
            }
            continue;
        }

        if let Some((name, value)) = word.split_once('=') {
            if is_variable_name(name) && is_secret_name(name) {
                push(value, name);
                continue;
            }
        }
        if url_has_password(word) {
            if let Some(password) = url_password(word) {
                push(password, "a URL");
            }
        }
    }
    secrets
}

/// The words of a command line, each without the quotes, brackets and commas around it
/// (a YAML flow list or a shell string alike).
fn words(line: &str) -> Vec<&str> {
    line.split(|c: char| c.is_whitespace() || matches!(c, ';' | '|' | '&'))
        .map(|word| {
            word.trim_start_matches(['[', '"', '\''])
                .trim_end_matches([']', ',', '"', '\'', ')'])
        })
        .filter(|word| !word.is_empty())
        .collect()
}

/// Where `part`, a slice of `line`, starts in it.
fn offset(line: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(line.as_ptr() as usize)
        .min(line.len())
}

fn is_secret_option(option: &str) -> bool {
    let name = option.trim_start_matches('-');
    if name.starts_with("no-") {
        return false;
    }
    let name = name.replace(['-', '.'], "_").to_ascii_uppercase();
    is_secret_name(&name) || SECRET_OPTIONS.contains(&name.as_str())
}

fn is_variable_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A value written as it is, not taken from a variable, a command or a secret file.
fn is_literal(value: &str) -> bool {
    let value = value.trim_matches(['"', '\'']);
    !value.is_empty()
        && !value.starts_with(['$', '`', '<', '-'])
        && !value.starts_with("/run/secrets/")
        && !is_switch(value)
}

/// The password of `scheme://user:password@host`, as a slice of the URL.
fn url_password(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let (userinfo, _host) = authority.rsplit_once('@')?;
    let (_, password) = userinfo.split_once(':')?;
    Some(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(line: &str) -> Vec<(&str, String)> {
        command_line_secrets(line)
            .into_iter()
            .map(|s| (line.get(s.start..s.end).unwrap_or("?"), s.option))
            .collect()
    }

    #[test]
    fn options_that_take_a_secret() {
        assert_eq!(
            found("redis-server --requirepass s3cret --appendonly yes"),
            [("s3cret", "--requirepass".to_string())]
        );
        assert_eq!(
            found("app --admin-password=hunter22 --port 80"),
            [("hunter22", "--admin-password".to_string())]
        );
        assert_eq!(
            found("--api-key \"abc123\""),
            [("abc123", "--api-key".to_string())]
        );
        assert_eq!(
            found("sh -c 'PGPASSWORD=pgpass psql -h db'"),
            [("pgpass", "PGPASSWORD".to_string())]
        );
        assert_eq!(
            found("worker --broker amqp://guest:guestpw@queue:5672/"),
            [("guestpw", "a URL".to_string())]
        );
    }

    #[test]
    fn short_password_options_of_well_known_clients() {
        assert_eq!(
            found("mysqladmin ping -h localhost -uroot -prootpw"),
            [("rootpw", "-p".to_string())]
        );
        assert_eq!(
            found("/opt/mssql-tools/bin/sqlcmd -S localhost -U sa -P example_123 -Q 'SELECT 1'"),
            [("example_123", "-P".to_string())]
        );
        assert_eq!(
            found("[\"CMD\", \"redis-cli\", \"-a\", \"cachepw\", \"ping\"]"),
            [("cachepw", "-a".to_string())]
        );
        assert_eq!(
            found("curl -fsS -u admin:adminpw http://localhost/health"),
            [("adminpw", "-u".to_string())]
        );
        // the same letters mean something else to other programs
        assert_eq!(found("app -p 8080 -a all"), []);
        assert_eq!(found("mysql -p mydb"), []);
    }

    #[test]
    fn connection_strings_with_a_literal_password() {
        assert!(connection_string_has_password(
            "Server=db;Database=shop;User Id=sa;Password=MsSqlPw9988;"
        ));
        assert!(connection_string_has_password(
            "Driver={x};PWD='s3cret';UID=app"
        ));
        assert!(!connection_string_has_password(
            "Server=db;User Id=sa;Password=${SA_PASSWORD};"
        ));
        assert!(!connection_string_has_password("Server=db;Password=;"));
        assert!(!connection_string_has_password("password=s3cret"));
    }

    #[test]
    fn values_from_variables_files_and_switches_are_no_secrets() {
        for line in [
            "mysqladmin ping -h 127.0.0.1 --password=\"$$(cat /run/secrets/db-password)\" --silent",
            "[ $$(valkey-cli --pass \"$${REDIS_PASSWORD}\" ping) = 'PONG' ]",
            "redis-server --requirepass ${REDIS_PASSWORD:?set it}",
            "app --password-file /run/secrets/pw --token-ttl 3600",
            "mysqld --default-authentication-plugin=mysql_native_password",
            "psql --no-password mydb",
            "app --password $PASSWORD --secret /run/secrets/key",
            "app --auth-required=true REQUIRE_PASSWORD=yes",
            "curl -u admin http://localhost/",
        ] {
            assert_eq!(found(line), [], "{line}");
        }
    }
}
