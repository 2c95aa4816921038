//! Fixes `build-context`: the `build:` section gives way to `image:`, and the result
//! carries the `docker build` and `docker push` commands that make that image. The image
//! is the answer `images.SERVICE`, else `REGISTRY/SERVICE:TAG` from the answers, else
//! the default `docker.io/PROJECT/SERVICE:0.1.0` (and the result says so). A service
//! that already names a pushable image only loses its `build:`; a `pull_policy: build`
//! goes with it, since nothing is left to build.
//!
//! Limits: comments inside the `build:` section are kept on their own lines where it
//! stood. A `build:` written under an anchor, merged in, or in a service that others
//! extend is skipped.

use super::{Change, Context, Edit, Fix, text};
use crate::analyze::rules::build_context::{build_command, context_of, push_command};
use crate::compose::check_image;
use crate::report::{Diagnostic, Severity};

pub const FIX: Fix = Fix {
    rule: "build-context",
    summary: "Replaces the build context with an image reference, and gives the commands that build and push it.",
    make,
};

/// The tag of a built image when the answers name none.
const DEFAULT_TAG: &str = "0.1.0";

fn make(context: &Context<'_>, diagnostic: &Diagnostic) -> Result<Change, String> {
    let written = context.service_at(diagnostic.span)?;
    let service = written.service;
    let name = service.name.as_str();
    let build = service
        .build
        .as_ref()
        .ok_or_else(|| format!("service {name} has no build section"))?;
    let entry = text::local_entry(&written.entry.value, "build")
        .filter(|entry| entry.key.span == diagnostic.span)
        .ok_or_else(|| "the build section is not written in this service".to_string())?;
    if text::is_alias(written.text, entry) {
        return Err("the build section is an alias; other services share it".to_string());
    }
    let comments = &context
        .trees
        .get(diagnostic.span.file)
        .ok_or_else(|| "the finding points into no file".to_string())?
        .parsed
        .comments;

    // a pushable image already named: the platform pulls it once it is pushed
    let existing = text::local_entry(&written.entry.value, "image");
    let keep = diagnostic.severity == Severity::Warning && existing.is_some();
    let (image, used_default) = if keep {
        let image = service
            .image
            .as_ref()
            .map(|i| i.value.clone())
            .unwrap_or_default();
        (image, None)
    } else {
        image_for(context, name)
    };
    if !text::is_reference(&image) {
        return Err(format!(
            "{image:?} is not an image reference that can be written as it is"
        ));
    }
    // a name made from the answers must be one Docker accepts
    if !keep {
        if let Err(error) = check_image(&image) {
            return Err(format!(
                "{image} is not an image reference Docker accepts: {}",
                error.reason
            ));
        }
    }

    let mut edits = Vec::new();
    match existing {
        Some(image_entry) if !keep => {
            // an image name that cannot be pushed gives way to the new one
            if context.shared(&image_entry.value).is_some()
                || text::is_alias(written.text, image_entry)
            {
                return Err("the image name is shared through an anchor".to_string());
            }
            let (start, old) = text::verbatim(written.text, &image_entry.value)
                .ok_or_else(|| "the image name is not written as a plain value".to_string())?;
            edits.push(Edit::replace(
                diagnostic.span.file,
                start,
                start + old.len(),
                image.clone(),
            ));
            edits.push(text::remove_entry(written.text, entry, comments, None)?);
        }
        Some(_) => edits.push(text::remove_entry(written.text, entry, comments, None)?),
        None => edits.push(text::remove_entry(
            written.text,
            entry,
            comments,
            Some(&format!("image: {image}")),
        )?),
    }

    // `pull_policy: build` would have Compose build what is no longer there
    if let Some(policy) = text::local_entry(&written.entry.value, "pull_policy")
        .filter(|p| p.value.as_scalar().is_some_and(|s| s.text == "build"))
    {
        if text::is_alias(written.text, policy) {
            return Err("the pull policy is an alias; other services share it".to_string());
        }
        edits.push(text::remove_entry(written.text, policy, comments, None)?);
    }

    let source = context_of(build);
    let message = if keep {
        format!(
            "removed the build section of service {name}, which pulls {image} once it is pushed"
        )
    } else {
        format!("service {name} now pulls {image} instead of building from {source}")
    };
    Ok(Change {
        edits,
        message,
        used_default,
        commands: vec![build_command(build, &source, &image), push_command(&image)],
        ..Change::default()
    })
}

/// The image a service that builds will pull, from the answers or the default; with a
/// note when a default was used.
fn image_for(context: &Context<'_>, service: &str) -> (String, Option<String>) {
    let answers = context.answers;
    let repository = service.to_lowercase();
    if let Some(image) = answers.images.get(service) {
        return (image.clone(), None);
    }

    let tag = answers.tag.as_deref().unwrap_or(DEFAULT_TAG);
    match &answers.registry {
        Some(registry) => {
            let image = format!("{}/{repository}:{tag}", registry.trim_end_matches('/'));
            let note = answers.tag.is_none().then(|| {
                format!("used the tag {DEFAULT_TAG}; answer tag (or images.{service}) with the version you push")
            });
            (image, note)
        }
        None => {
            let image = format!("docker.io/{}/{repository}:{tag}", context.project_name);
            let note = format!(
                "used the image name {image}; answer images.{service} (or registry and tag) with the name you push"
            );
            (image, Some(note))
        }
    }
}
