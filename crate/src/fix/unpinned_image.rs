//! Fixes `unpinned-image` where the answers give the version: `images.SERVICE` (a whole
//! reference) or `tags.SERVICE` (the tag) replaces the floating tag, or adds one.
//!
//! Limits: without an answer the fix is skipped, since only the team knows which
//! version it runs. An image name that comes from a variable is left alone.

use super::{Change, Context, Edit, Fix, text};
use crate::analyze::parse_image;
use crate::report::Diagnostic;

pub const FIX: Fix = Fix {
    rule: "unpinned-image",
    summary: "Pins the image to the tag the answers give.",
    make,
};

fn make(context: &Context<'_>, diagnostic: &Diagnostic) -> Result<Change, String> {
    let written = context.service_at(diagnostic.span)?;
    let name = written.service.name.as_str();
    let node = text::find(&written.entry.value, diagnostic.span)
        .ok_or_else(|| "the image is not written in this service".to_string())?;
    if let Some(reason) = context.shared(node) {
        return Err(reason);
    }
    let (start, image) = text::verbatim(written.text, node)
        .ok_or_else(|| "the image is not written as a plain value".to_string())?;
    if image.contains('$') {
        return Err(
            "the image name comes from a variable; pin it where the variable is set".to_string(),
        );
    }

    let pinned = match (
        context.answers.images.get(name),
        context.answers.tags.get(name),
    ) {
        (Some(image), _) => image.clone(),
        (None, Some(tag)) => {
            let reference = parse_image(image);
            let without_tag = match &reference.tag {
                Some(old) => image
                    .strip_suffix(old.as_str())
                    .and_then(|rest| rest.strip_suffix(':'))
                    .unwrap_or(image),
                None => image,
            };
            format!("{without_tag}:{}", tag.trim_start_matches(':'))
        }
        (None, None) => {
            return Err(format!(
                "no version is known for {image}; answer tags.{name} with the tag to pin"
            ));
        }
    };
    if !text::is_reference(&pinned) {
        return Err(format!("the answer for {name} is not an image reference"));
    }

    Ok(Change {
        edits: vec![Edit::replace(
            diagnostic.span.file,
            start,
            start + image.len(),
            pinned.clone(),
        )],
        message: format!("pinned the image {image} to {pinned}"),
        ..Change::default()
    })
}
