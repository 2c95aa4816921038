//! The generator: from a profile or a recommendation, the compose spec at an iteration
//! of the seed's ladder, its `.env.example` and the handoff; from a user's own compose
//! project, the `.env.example` and the handoff (the user's files are not rewritten);
//! both with the architecture diagram, embedded in the handoff and as `architecture.svg`.

mod env_file;
mod handoff;
mod ladder;
mod stack;

use serde::Serialize;
use tsify::Tsify;

use crate::analyze::rules::hardcoded_secret::is_secret_name;
use crate::analyze::{Options, analyze_with};
use crate::compose::interpolate::variables;
use crate::compose::{Input, Project, load};
use crate::diagram::Diagram;
use crate::recommend::{Profile, Recommendation, recommend};
use crate::source::SourceFile;
use crate::yaml::{Node, Value};

pub use handoff::{
    Architecture, Backups, DIAGRAM_FILE, DecisionPart, DiagramPart, ExternalPart, Handoff,
    Observability, RegistryHost, Scaling, ServicePart, TenancyPart,
};
pub use ladder::{DEV_SECRET, LAST as LAST_ITERATION, Parameter, TITLES, full_name, quote};
pub use stack::{Component, External, Role, Stack, project_name, stack};

/// A file the generator wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct GeneratedFile {
    pub path: String,
    pub text: String,
}

/// The files, and the handoff they were rendered from.
#[derive(Debug, Clone, PartialEq, Serialize, Tsify)]
pub struct Generated {
    /// `compose.yaml` (not for a user's project), `.env.example`, `handoff.md`,
    /// `handoff.json` and `architecture.svg`, in this order.
    pub files: Vec<GeneratedFile>,
    pub handoff: Handoff,
}

/// Why nothing could be generated: the message names the field at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateError {
    /// The field at fault (`database.choice`), when one is.
    pub field: Option<String>,
    pub message: String,
}

impl GenerateError {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: Some(field.to_string()),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.field {
            Some(field) => write!(f, "invalid input at {field}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for GenerateError {}

/// The iterations of the compose ladder that the generator writes.
pub const ITERATIONS: std::ops::RangeInclusive<u32> = 1..=ladder::LAST;

/// What generation starts from.
#[derive(Debug, Clone, Copy)]
pub enum Start<'a> {
    /// A requirements profile: it is recommended first.
    Profile(&'a Profile),
    /// A recommendation, possibly edited; `name` names the project.
    Recommendation {
        recommendation: &'a Recommendation,
        name: Option<&'a str>,
    },
    /// A user's own compose project; the profile, when given, fills the design parts
    /// of the handoff (plans, SLA, compliance).
    Project {
        input: &'a Input,
        profile: Option<&'a Profile>,
    },
}

/// Writes the files of an iteration of the ladder for a profile.
pub fn generate(profile: &Profile, iteration: u32) -> Result<Generated, GenerateError> {
    generate_from(Start::Profile(profile), iteration)
}

/// Writes the files for any starting point; a user's project ignores the iteration.
pub fn generate_from(start: Start<'_>, iteration: u32) -> Result<Generated, GenerateError> {
    match start {
        Start::Profile(profile) => {
            check_iteration(iteration)?;
            let recommendation = recommend(profile);
            from_recommendation(
                &recommendation,
                profile.name.as_deref(),
                Some(profile),
                "profile",
                iteration,
            )
        }
        Start::Recommendation {
            recommendation,
            name,
        } => {
            check_iteration(iteration)?;
            from_recommendation(recommendation, name, None, "recommendation", iteration)
        }
        Start::Project { input, profile } => from_project(input, profile),
    }
}

fn check_iteration(iteration: u32) -> Result<(), GenerateError> {
    if ITERATIONS.contains(&iteration) {
        return Ok(());
    }
    Err(GenerateError::field(
        "iteration",
        format!(
            "iteration {iteration} is not one the generator writes (it writes {} to {})",
            ITERATIONS.start(),
            ITERATIONS.end()
        ),
    ))
}

fn from_recommendation(
    recommendation: &Recommendation,
    name: Option<&str>,
    profile: Option<&Profile>,
    source: &str,
    iteration: u32,
) -> Result<Generated, GenerateError> {
    let stack = stack(name, recommendation)?;
    let (compose, parameters) = ladder::compose(&stack, iteration);
    let env = env_file::render(&stack.project, &parameters);

    let input = Input {
        files: vec![SourceFile::new("compose.yaml", compose.as_str())],
        ..Input::default()
    };
    let options = Options {
        profile: profile.cloned(),
        ..Options::default()
    };
    let report = analyze_with(&input, &options);
    let loaded = load(&input);
    let diagram = crate::diagram::diagram(&loaded.project);
    let external = stack
        .externals
        .iter()
        .map(|e| ExternalPart {
            technology: e.technology.name.to_string(),
            parameter: e.parameter.clone(),
        })
        .collect();
    let handoff = handoff::handoff(&handoff::Sources {
        project_name: &stack.project,
        source,
        iteration: Some(iteration),
        project: &loaded.project,
        report: &report,
        recommendation: Some(recommendation),
        external,
        rpo_minutes: profile.and_then(|p| p.rpo_minutes),
        rto_minutes: profile.and_then(|p| p.rto_minutes),
        diagram: &diagram,
    });

    Ok(files(Some(compose), env, handoff, diagram))
}

fn from_project(input: &Input, profile: Option<&Profile>) -> Result<Generated, GenerateError> {
    if !input.files.iter().any(|f| !f.is_env_file()) {
        return Err(GenerateError::field(
            "files",
            "give at least one compose file (a path that is not a .env file)",
        ));
    }

    let options = Options {
        profile: profile.cloned(),
        ..Options::default()
    };
    let report = analyze_with(input, &options);
    let loaded = load(input);
    let diagram = crate::diagram::diagram(&loaded.project);
    let name = project_title(input, &loaded.project);
    let parameters = loaded
        .root
        .as_ref()
        .map(|root| project_parameters(root, &loaded.project))
        .unwrap_or_default();
    let env = env_file::render(&name, &parameters);

    let recommendation = profile.map(recommend);
    let mut handoff = handoff::handoff(&handoff::Sources {
        project_name: &name,
        source: "project",
        iteration: None,
        project: &loaded.project,
        report: &report,
        recommendation: recommendation.as_ref(),
        external: Vec::new(),
        rpo_minutes: profile.and_then(|p| p.rpo_minutes),
        rto_minutes: profile.and_then(|p| p.rto_minutes),
        diagram: &diagram,
    });
    // the design's pattern and decisions describe a generated stack, not this one
    handoff.architecture.pattern = None;
    handoff.architecture.decisions.clear();

    Ok(files(None, env, handoff, diagram))
}

fn files(compose: Option<String>, env: String, handoff: Handoff, diagram: Diagram) -> Generated {
    let mut files = Vec::new();
    if let Some(compose) = compose {
        files.push(GeneratedFile {
            path: "compose.yaml".to_string(),
            text: compose,
        });
    }
    files.push(GeneratedFile {
        path: ".env.example".to_string(),
        text: env,
    });
    files.push(GeneratedFile {
        path: "handoff.md".to_string(),
        text: handoff::markdown(&handoff),
    });
    let mut json = crate::json::pretty(&handoff);
    json.push('\n');
    files.push(GeneratedFile {
        path: "handoff.json".to_string(),
        text: json,
    });
    files.push(GeneratedFile {
        path: DIAGRAM_FILE.to_string(),
        text: diagram.svg,
    });
    Generated { files, handoff }
}

/// The project's name: its `name:`, or the directory or file it came from.
fn project_title(input: &Input, project: &Project) -> String {
    if let Some(name) = project.name.as_ref().map(|n| project_name(&n.value)) {
        if !name.is_empty() {
            return name;
        }
    }
    let path = input
        .files
        .iter()
        .find(|f| !f.is_env_file())
        .map(|f| f.path.as_str())
        .unwrap_or("");
    let mut parts = path.rsplit(['/', '\\']);
    let file = parts.next().unwrap_or("");
    let directory = parts.next().map(project_name).filter(|d| !d.is_empty());
    directory
        .or_else(|| {
            let stem = file.split('.').next().unwrap_or("");
            Some(project_name(stem)).filter(|s| !s.is_empty())
        })
        .unwrap_or_else(|| "project".to_string())
}

/// Every variable a user's project references, in the order first written, each with
/// the services that use it.
fn project_parameters(root: &Node, project: &Project) -> Vec<Parameter> {
    let mut found: Vec<(Parameter, Vec<String>)> = Vec::new();
    let mut visit = |node: &Node, place: &str| {
        let mut written = Vec::new();
        written_scalars(node, &mut written);
        for text in &written {
            for reference in variables(text) {
                match found.iter_mut().find(|(p, _)| p.name == reference.name) {
                    Some((parameter, places)) => {
                        if parameter.default.is_none() && !reference.required {
                            parameter.default = reference.default.clone();
                        }
                        if !places.iter().any(|p| p == place) {
                            places.push(place.to_string());
                        }
                    }
                    None => found.push((
                        Parameter {
                            secret: is_secret_name(&reference.name),
                            default: if reference.required {
                                None
                            } else {
                                reference.default.clone()
                            },
                            name: reference.name.clone(),
                            purpose: String::new(),
                        },
                        vec![place.to_string()],
                    )),
                }
            }
        }
    };

    for service in &project.services {
        visit(&service.node, &format!("service {}", service.name));
    }
    if let Some(entries) = root.as_map() {
        for entry in entries {
            if entry.key.as_str() != Some("services") {
                let key = entry.key.as_str().unwrap_or("");
                visit(&entry.value, &format!("top-level {key}"));
            }
        }
    }

    found
        .into_iter()
        .map(|(mut parameter, places)| {
            if parameter.secret {
                parameter.default = None;
            }
            parameter.purpose = format!("used by {}", places.join(", "));
            parameter
        })
        .collect()
}

/// The scalars under a node as they were written, before interpolation.
fn written_scalars(node: &Node, out: &mut Vec<String>) {
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Scalar(scalar) => out.push(
                scalar
                    .original
                    .clone()
                    .unwrap_or_else(|| scalar.text.clone()),
            ),
            Value::Seq(items) => stack.extend(items.iter().rev()),
            Value::Map(entries) => {
                for entry in entries.iter().rev() {
                    stack.push(&entry.value);
                    stack.push(&entry.key);
                }
            }
        }
    }
}
