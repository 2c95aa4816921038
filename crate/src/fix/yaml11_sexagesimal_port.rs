//! Fixes `yaml11-sexagesimal-port`: quotes the port, `- 2122:22` becoming
//! `- "2122:22"`, so that YAML 1.1 tools read the string Compose reads.
//!
//! Limits: a port written inside an anchor, or copied in by an alias or merge key, is
//! skipped.

use super::{Change, Context, Edit, Fix, text};
use crate::report::Diagnostic;

pub const FIX: Fix = Fix {
    rule: "yaml11-sexagesimal-port",
    summary: "Quotes the port.",
    make,
};

fn make(context: &Context<'_>, diagnostic: &Diagnostic) -> Result<Change, String> {
    let written = context.service_at(diagnostic.span)?;
    let item = text::find(&written.entry.value, diagnostic.span)
        .ok_or_else(|| "the port is not written in this service".to_string())?;
    if let Some(reason) = context.shared(item) {
        return Err(reason);
    }
    let (start, port) = text::verbatim(written.text, item)
        .ok_or_else(|| "the port is not written as a plain value".to_string())?;

    Ok(Change {
        edits: vec![Edit::replace(
            diagnostic.span.file,
            start,
            start + port.len(),
            format!("\"{port}\""),
        )],
        message: format!("quoted the port \"{port}\""),
        ..Change::default()
    })
}
