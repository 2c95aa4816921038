//! The generator: writes the compose spec of the seed's ladder for a recommended
//! architecture, and the handoff document for the next onboarding step.

mod handoff;
mod ladder;

use serde::Serialize;
use tsify::Tsify;

use crate::recommend::{Profile, Recommendation, recommend};

pub use ladder::{Stack, stack};

/// A file the generator wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct GeneratedFile {
    pub path: String,
    pub text: String,
}

/// What `generate` returns: the files, each with its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct Generated {
    pub files: Vec<GeneratedFile>,
}

/// Why nothing could be generated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateError {
    pub message: String,
}

impl std::fmt::Display for GenerateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for GenerateError {}

/// The iterations of the compose ladder that the generator writes.
pub const ITERATIONS: std::ops::RangeInclusive<u32> = 1..=1;

/// Writes `compose.yaml` at an iteration of the ladder, and `handoff.md`.
pub fn generate(profile: &Profile, iteration: u32) -> Result<Generated, GenerateError> {
    if !ITERATIONS.contains(&iteration) {
        return Err(GenerateError {
            message: format!(
                "iteration {iteration} is not one the generator writes (it writes {} to {})",
                ITERATIONS.start(),
                ITERATIONS.end()
            ),
        });
    }

    let recommendation: Recommendation = recommend(profile);
    let stack = stack(profile, &recommendation);
    let compose = ladder::compose(&stack, iteration);
    let handoff = handoff::markdown(profile, &recommendation, &stack);

    Ok(Generated {
        files: vec![
            GeneratedFile {
                path: "compose.yaml".to_string(),
                text: compose,
            },
            GeneratedFile {
                path: "handoff.md".to_string(),
                text: handoff,
            },
        ],
    })
}
