//! The Compose model: `.env` files, interpolation, merging several files, profiles and
//! normalization into one typed project whose every value remembers where it was written.

pub mod dotenv;
pub mod interpolate;
mod load;
mod merge;
mod model;
pub mod normalize;
mod references;
mod resolve;

pub use load::{Input, Loaded, MAX_FILE_BYTES, MAX_FILES, Problem, ProblemKind, load};
pub use merge::merge;
pub use model::{
    Build, Dependency, EnvVar, HealthTest, Healthcheck, Mount, Port, Project, Reference, Resource,
    Resources, Service, Text,
};
