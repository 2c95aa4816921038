//! The services a recommendation turns into: the API, the backing services the
//! catalogue has images for, the web tier and worker the pattern calls for, and the
//! managed services that stay outside the compose file.

use crate::recommend::catalogue::{self, Kind, Technology};
use crate::recommend::{Decision, Recommendation};

use super::GenerateError;

/// What a service does in the architecture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Database,
    Store,
    Cache,
    Queue,
    ObjectStorage,
}

impl Role {
    pub fn describe(self) -> &'static str {
        match self {
            Role::Database => "the primary database",
            Role::Store => "a further store beside the database",
            Role::Cache => "the cache, for sessions, rate limits and hot reads",
            Role::Queue => "the queue, for work handed from the API to the worker",
            Role::ObjectStorage => "object storage, for files and raw data off the app tier",
        }
    }
}

/// A backing service that runs as a container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Component {
    /// The compose service name.
    pub service: String,
    pub role: Role,
    pub technology: &'static Technology,
    /// The prefix of the service's own parameters (`DB` in `DB_PASSWORD`).
    pub prefix: String,
    /// The prefix of what clients connect with (`DATABASE` in `DATABASE_URL`).
    pub client: String,
    /// The iteration of the ladder that adds it.
    pub since: u32,
}

/// A managed service the recommendation chose that has no container: clients get its
/// address as a required parameter, and the handoff names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct External {
    pub role: Role,
    pub technology: &'static Technology,
    /// The parameter with its address (`QUEUE_URL`).
    pub parameter: String,
}

/// The services a recommendation turns into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stack {
    /// A compose-safe project name.
    pub project: String,
    pub framework: &'static Technology,
    pub pattern: String,
    pub components: Vec<Component>,
    pub externals: Vec<External>,
    /// A web tier (NGINX) in front of the API, from iteration 4.
    pub web: bool,
    /// A background worker, from iteration 4.
    pub worker: bool,
    /// Replicas of each stateless service, from the SLA design.
    pub replicas: u32,
    /// `shared`, `siloed` or `hybrid`.
    pub tenancy: String,
}

/// The stack for a recommendation, refusing choices the catalogue does not know or that
/// do not fit the place they were put in (a user may have edited the recommendation).
pub fn stack(name: Option<&str>, recommendation: &Recommendation) -> Result<Stack, GenerateError> {
    let project = name
        .map(project_name)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "myapp".to_string());
    let framework = required("framework", &recommendation.framework, &[Kind::Framework])?;
    if !crate::recommend::PATTERNS
        .iter()
        .any(|(id, _)| *id == recommendation.pattern.choice)
    {
        let known: Vec<&str> = crate::recommend::PATTERNS
            .iter()
            .map(|(id, _)| *id)
            .collect();
        return Err(GenerateError::field(
            "pattern.choice",
            format!(
                "unknown pattern `{}`; use one of {}",
                recommendation.pattern.choice,
                known.join(", ")
            ),
        ));
    }

    let data = [
        Kind::Relational,
        Kind::Document,
        Kind::TimeSeries,
        Kind::Graph,
    ];
    let mut components = Vec::new();
    let mut externals = Vec::new();
    let mut place = |role: Role, technology: &'static Technology, service: &str| {
        let (prefix, client) = match role {
            Role::Database => ("DB".to_string(), "DATABASE".to_string()),
            Role::Cache => ("CACHE".to_string(), "CACHE".to_string()),
            Role::Queue => ("QUEUE".to_string(), "QUEUE".to_string()),
            Role::ObjectStorage => ("STORAGE".to_string(), "STORAGE".to_string()),
            Role::Store => {
                let upper = technology.id.to_ascii_uppercase().replace('-', "_");
                (upper.clone(), upper)
            }
        };
        if technology.runs_as_container() {
            components.push(Component {
                service: service.to_string(),
                role,
                technology,
                prefix,
                client,
                since: if role == Role::Database { 1 } else { 2 },
            });
        } else {
            externals.push(External {
                role,
                technology,
                parameter: format!("{client}_URL"),
            });
        }
    };

    let database = required("database", &recommendation.database, &data)?;
    place(Role::Database, database, "database");
    for (at, store) in recommendation.stores.iter().enumerate() {
        let field = format!("stores[{at}]");
        if let Some(technology) = technology(&field, store, &data)? {
            if technology.id != database.id {
                place(Role::Store, technology, technology.id);
            }
        }
    }
    if let Some(cache) = technology("cache", &recommendation.cache, &[Kind::Cache])? {
        place(Role::Cache, cache, "cache");
    }
    if let Some(queue) = technology("queue", &recommendation.queue, &[Kind::Queue])? {
        place(Role::Queue, queue, "queue");
    }
    let storage_kinds = [Kind::ObjectStorage, Kind::FileStorage];
    if let Some(storage) = technology(
        "objectStorage",
        &recommendation.object_storage,
        &storage_kinds,
    )? {
        place(Role::ObjectStorage, storage, "storage");
    }

    let pattern = recommendation.pattern.choice.clone();
    let queued = recommendation.queue.choice != "none";
    Ok(Stack {
        project,
        framework,
        web: pattern == "three-tier",
        worker: queued
            || matches!(
                pattern.as_str(),
                "data-pipeline" | "ai-ml" | "real-time-analytics"
            ),
        pattern,
        components,
        externals,
        replicas: recommendation.sla.replicas.clamp(1, 50),
        tenancy: recommendation.tenancy.model.choice.clone(),
    })
}

/// The catalogue entry a decision chose, `None` for `none`; an unknown id or one of the
/// wrong kind is an error naming the field.
fn technology(
    field: &str,
    decision: &Decision,
    kinds: &[Kind],
) -> Result<Option<&'static Technology>, GenerateError> {
    if decision.choice == "none" {
        return Ok(None);
    }
    required(field, decision, kinds).map(Some)
}

/// The catalogue entry a decision chose, which may not be `none`.
fn required(
    field: &str,
    decision: &Decision,
    kinds: &[Kind],
) -> Result<&'static Technology, GenerateError> {
    let Some(technology) = catalogue::get(&decision.choice) else {
        return Err(GenerateError::field(
            &format!("{field}.choice"),
            format!(
                "unknown technology `{}`; use one of {}",
                decision.choice,
                ids(kinds).join(", ")
            ),
        ));
    };
    if !kinds.contains(&technology.kind) {
        return Err(GenerateError::field(
            &format!("{field}.choice"),
            format!(
                "`{}` cannot be used here; use one of {}",
                decision.choice,
                ids(kinds).join(", ")
            ),
        ));
    }
    Ok(technology)
}

fn ids(kinds: &[Kind]) -> Vec<&'static str> {
    catalogue::CATALOGUE
        .iter()
        .filter(|t| kinds.contains(&t.kind))
        .map(|t| t.id)
        .collect()
}

/// The longest project name generated: a DNS label's length, so that image names,
/// volume names and host names made from it stay within every limit.
pub const MAX_PROJECT_NAME: usize = 63;

/// Lowercase letters, digits, `-` and `_`, starting with a letter or digit, at most
/// [`MAX_PROJECT_NAME`] characters; accented Latin letters lose their accents.
pub fn project_name(name: &str) -> String {
    let mut collapsed = String::with_capacity(name.len());
    for c in name.to_lowercase().chars() {
        let c = if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            unaccented(c).unwrap_or('-')
        };
        if !(c == '-' && collapsed.ends_with('-')) {
            collapsed.push(c);
        }
    }

    let trimmed = collapsed.trim_matches(['-', '_']);
    let short = trimmed.get(..MAX_PROJECT_NAME).unwrap_or(trimmed);
    short.trim_end_matches(['-', '_']).to_string()
}

/// The plain letter of a lowercase accented Latin letter.
fn unaccented(c: char) -> Option<char> {
    const LETTERS: [(&str, char); 16] = [
        ("àáâãäåāăą", 'a'),
        ("çćĉċč", 'c'),
        ("ďđ", 'd'),
        ("èéêëēĕėęě", 'e'),
        ("ĝğġģ", 'g'),
        ("ìíîïĩīĭįı", 'i'),
        ("ĺļľŀł", 'l'),
        ("ñńņňŉ", 'n'),
        ("òóôõöøōŏő", 'o'),
        ("ŕŗř", 'r'),
        ("śŝşš", 's'),
        ("ţťŧ", 't'),
        ("ùúûüũūŭůűų", 'u'),
        ("ŵ", 'w'),
        ("ýÿŷ", 'y'),
        ("źżž", 'z'),
    ];
    LETTERS
        .iter()
        .find(|(accented, _)| accented.contains(c))
        .map(|(_, plain)| *plain)
}
