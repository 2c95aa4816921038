//! Fixes `missing-memory-limit` and `missing-cpu-limit`: adds
//! `deploy.resources.limits` with the missing `memory` and `cpus`, creating only the
//! levels that are not there yet. The values are the answer `resources.SERVICE`, else a
//! default for the kind of image (a database, a cache, a proxy) or a generic one, and the
//! result says so. One edit adds both limits, so it fixes both findings.
//!
//! Limits: a limit of `0` or `-1` written on purpose is left to the author; a `deploy`
//! written in flow style, under an anchor or merged in is skipped.

use super::{Change, Context, Fix, text};
use crate::analyze::parse_image;
use crate::recommend::catalogue::{self, Kind};
use crate::report::Diagnostic;

pub const MEMORY: Fix = Fix {
    rule: "missing-memory-limit",
    summary: "Adds a memory limit (and a CPU limit where that is missing too).",
    make,
};

pub const CPU: Fix = Fix {
    rule: "missing-cpu-limit",
    summary: "Adds a CPU limit (and a memory limit where that is missing too).",
    make,
};

/// CPUs and memory for a kind of image, when the answers say nothing.
fn default_for(kind: Option<Kind>) -> (&'static str, &'static str, &'static str) {
    match kind {
        Some(Kind::Relational | Kind::Document | Kind::TimeSeries | Kind::Graph) => {
            ("1.0", "1G", "a database")
        }
        Some(Kind::Cache | Kind::Queue) => ("0.5", "512M", "a cache or queue"),
        Some(Kind::ObjectStorage | Kind::FileStorage) => ("0.5", "512M", "a storage service"),
        Some(Kind::Proxy) => ("0.25", "128M", "a proxy"),
        Some(Kind::Framework) | None => ("0.5", "512M", "a service"),
    }
}

fn make(context: &Context<'_>, diagnostic: &Diagnostic) -> Result<Change, String> {
    let written = context.service_at(diagnostic.span)?;
    let service = written.service;
    let name = service.name.as_str();
    if diagnostic.span != service.span {
        return Err("the limit is set to mean no limit; choose a real one by hand".to_string());
    }

    let other_cpu_bound = ["cpu_quota", "cpuset"]
        .iter()
        .any(|key| service.node.get(key).is_some_and(|v| !v.is_null()));
    let need_memory = service.resources.memory_limit.is_none();
    let need_cpus = service.resources.cpus_limit.is_none() && !other_cpu_bound;

    let kind = service
        .image
        .as_ref()
        .and_then(|image| catalogue::for_image(&parse_image(&image.value).repository))
        .map(|technology| technology.kind);
    let (default_cpus, default_memory, what) = default_for(kind);
    let answer = context.answers.resources.get(name);
    let cpus = answer.and_then(|a| a.cpus.clone());
    let memory = answer.and_then(|a| a.memory.clone());
    let mut defaults = Vec::new();
    if need_cpus && cpus.is_none() {
        defaults.push(format!("cpus {default_cpus}"));
    }
    if need_memory && memory.is_none() {
        defaults.push(format!("memory {default_memory}"));
    }
    let cpus = cpus.unwrap_or_else(|| default_cpus.to_string());
    let memory = memory.unwrap_or_else(|| default_memory.to_string());
    let allowed =
        |v: &str| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
    if !allowed(&cpus) || !allowed(&memory) {
        return Err(format!(
            "the resource answer for {name} is not a number with a unit"
        ));
    }

    let mut limits = Vec::new();
    if need_cpus {
        limits.push(format!("cpus: \"{cpus}\""));
    }
    if need_memory {
        limits.push(format!("memory: {memory}"));
    }

    let edit = insert_limits(context, &written, &limits)?;
    let set: Vec<String> = limits
        .iter()
        .map(|l| l.replace(": ", " ").replace('"', ""))
        .collect();
    let used_default = (!defaults.is_empty()).then(|| {
        format!(
            "used the default for {what} ({}); answer resources.{name} with what it needs at peak",
            defaults.join(", ")
        )
    });
    Ok(Change {
        edits: vec![edit],
        message: format!("limited service {name} to {}", set.join(" and ")),
        used_default,
        ..Change::default()
    })
}

/// Adds the limit lines at the deepest level of `deploy.resources.limits` that exists.
fn insert_limits(
    context: &Context<'_>,
    written: &super::Written<'_>,
    limits: &[String],
) -> Result<super::Edit, String> {
    let unit = " ".repeat(written.unit);
    let service = &written.entry.value;
    let nest = |levels: &[&str]| {
        let mut lines = Vec::new();
        for (depth, level) in levels.iter().enumerate() {
            lines.push(format!("{}{level}:", unit.repeat(depth)));
        }
        for limit in limits {
            lines.push(format!("{}{limit}", unit.repeat(levels.len())));
        }
        lines
    };

    let mut parent = service;
    let mut missing: &[&str] = &["deploy", "resources", "limits"];
    while let Some((first, rest)) = missing.split_first() {
        match text::local_entry(parent, first) {
            Some(entry)
                if entry.value.as_map().is_some() && !text::is_alias(written.text, entry) =>
            {
                parent = &entry.value;
                missing = rest;
            }
            Some(entry) if entry.value.is_null() => {
                return Err(format!(
                    "{first} is written with no value; fill it in by hand"
                ));
            }
            Some(_) => return Err(format!("{first} is not a mapping written here")),
            None if text::has_key(parent, first) => {
                return Err(format!(
                    "{first} comes from a merge key; a change there would change other services"
                ));
            }
            None => break,
        }
    }
    if let Some(reason) = context.shared(parent) {
        return Err(reason);
    }
    text::append_to_mapping(written.text, parent, &nest(missing))
}
