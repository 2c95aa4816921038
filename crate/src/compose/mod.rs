//! The Compose model: `.env` files, interpolation, merging several files, profiles and
//! normalization into one typed project whose every value remembers where it was written.

mod canonical;
pub mod dotenv;
mod image;
pub mod interpolate;
mod load;
mod merge;
mod model;
pub mod normalize;
mod references;
mod resolve;
pub mod schema;
mod validate;

pub use image::{ImageError, ImageName, check_image, parse_image};
pub use load::{Input, Loaded, MAX_FILE_BYTES, MAX_FILES, Problem, ProblemKind, load};
pub use merge::merge;
pub use model::{
    Build, Dependency, DependencyEdge, DependencyKind, EnvVar, HealthTest, Healthcheck, Mount,
    Port, Project, Reference, Resource, Resources, Service, Text,
};

pub use canonical::{Canon, ConfigFormat};

/// The canonical resolved project, as `docker compose config` prints it; the first problem
/// that would make Compose refuse the project is the error.
pub fn config(input: &Input, format: ConfigFormat) -> Result<String, Problem> {
    let loaded = load(input);
    if let Some(problem) = loaded.problems.iter().find(|p| p.kind.is_fatal()) {
        return Err(problem.clone());
    }

    let name = project_name(input, &loaded.project);
    let enabled = |name: &str| loaded.project.service(name).is_some_and(|s| s.enabled);
    let canon = match &loaded.root {
        Some(root) => canonical::canonical(root, &name, &enabled),
        None => Canon::Map(vec![("name".to_string(), Canon::Str(name))]),
    };
    Ok(canonical::write(&canon, format))
}

/// The project's name: its `name:`, else the directory of the first compose file, made
/// lowercase with only letters, digits, `-` and `_`.
pub fn project_name(input: &Input, project: &Project) -> String {
    let raw = project.name.as_ref().map(|n| n.value.clone()).or_else(|| {
        let first = input.files.iter().find(|f| !f.is_env_file())?;
        let dir = first.path.rsplit_once(['/', '\\'])?.0;
        dir.rsplit(['/', '\\']).next().map(str::to_string)
    });
    let cleaned = normalize_project_name(&raw.unwrap_or_default());
    if cleaned.is_empty() {
        "project".to_string()
    } else {
        cleaned
    }
}

/// A name as Compose normalizes it: lowercase, only letters, digits, `-` and `_` kept, no
/// leading `-` or `_`; empty when nothing is left.
pub fn normalize_project_name(raw: &str) -> String {
    let cleaned: String = raw
        .to_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    cleaned.trim_start_matches(['-', '_']).to_string()
}
