//! compose-architect: reads Docker Compose files the way a solutions architect does.
//! It reports what blocks onboarding onto a control plane that runs plain compose,
//! recommends an architecture from a requirements profile, and generates the compose
//! spec and handoff for the next step. Everything runs in the user's browser.

pub mod analyze;
pub mod compose;
pub mod diagram;
pub mod fix;
pub mod generate;
mod json;
pub mod recommend;
pub mod report;
mod sort;
pub mod source;
mod typed;
pub mod wasm;
pub mod yaml;

pub use analyze::analyze;
pub use compose::Input;
pub use diagram::diagram;
pub use fix::fix;
pub use generate::generate;
pub use recommend::recommend;
pub use source::SourceFile;

/// The version of this package.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
