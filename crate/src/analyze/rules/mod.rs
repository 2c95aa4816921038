//! One file per rule; each file holds the rule's check and its documentation.

pub mod build_context;
pub mod hardcoded_secret;
pub mod missing_healthcheck;
pub mod unpinned_image;
