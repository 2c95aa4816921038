//! Fixes `missing-healthcheck` for well-known images: adds the health check the image
//! catalogue knows for the image (the one the finding suggests), with an interval,
//! timeout and retries, at the service's own indentation.
//!
//! Limits: a service whose image the catalogue does not know is skipped (only the team
//! knows what proves it answers), as is a health check that is turned off or empty on
//! purpose, and a service written in flow style.

use super::{Change, Context, Fix, text};
use crate::analyze::parse_image;
use crate::recommend::catalogue;
use crate::report::Diagnostic;

pub const FIX: Fix = Fix {
    rule: "missing-healthcheck",
    summary: "Adds the catalogue's health check for a well-known image.",
    make,
};

fn make(context: &Context<'_>, diagnostic: &Diagnostic) -> Result<Change, String> {
    let written = context.service_at(diagnostic.span)?;
    let service = written.service;
    if service.healthcheck.is_some() {
        return Err(format!(
            "service {} turns its health check off or leaves it empty; write its test by hand",
            service.name
        ));
    }
    let image = service
        .image
        .as_ref()
        .ok_or_else(|| format!("service {} names no image", service.name))?;
    // an unset tag variable still leaves the image's name to read
    let name = if image.unresolved {
        image.as_written()
    } else {
        image.value.as_str()
    };
    let test = catalogue::for_image(&parse_image(name).repository)
        .and_then(|technology| technology.healthcheck)
        .ok_or_else(|| {
            format!(
                "no health check is known for the image {name}; write one whose test proves the service answers"
            )
        })?;

    let unit = " ".repeat(written.unit);
    let lines = [
        "healthcheck:".to_string(),
        format!("{unit}test: {test}"),
        format!("{unit}interval: 10s"),
        format!("{unit}timeout: 5s"),
        format!("{unit}retries: 5"),
    ];
    let edit = text::append_to_mapping(written.text, &written.entry.value, &lines)?;

    Ok(Change {
        edits: vec![edit],
        message: format!(
            "added the health check of {name} to service {}",
            service.name
        ),
        ..Change::default()
    })
}
