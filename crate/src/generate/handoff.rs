//! The handoff document: what the next onboarding step needs to know, in Markdown.

use std::fmt::Write;

use super::Stack;
use crate::recommend::{Decision, Profile, Recommendation};

pub fn markdown(profile: &Profile, recommendation: &Recommendation, stack: &Stack) -> String {
    let mut out = String::new();
    let database = stack.database;
    let (db_image, db_tag) = database.image.unwrap_or(("postgres", "16-alpine"));

    let _ = writeln!(out, "# Handoff: {}\n", stack.project);
    let _ = writeln!(out, "## Architecture\n");
    let _ = writeln!(
        out,
        "{}: `app` ({}) → `database` ({}).\n",
        recommendation.pattern.name, stack.framework, database.name
    );
    let _ = writeln!(
        out,
        "```text\nInternet → app:8080 → database:{}\n```\n",
        database.port.unwrap_or(5432)
    );

    let _ = writeln!(out, "## Decisions\n");
    for (title, decision) in [
        ("Application framework", &recommendation.framework),
        ("Database", &recommendation.database),
        ("Cache", &recommendation.cache),
        ("Architecture pattern", &recommendation.pattern),
    ] {
        decision_section(&mut out, title, decision);
    }

    let _ = writeln!(out, "## Container images\n");
    let _ = writeln!(out, "| service | image | registry | kind |");
    let _ = writeln!(out, "|---|---|---|---|");
    let _ = writeln!(
        out,
        "| app | `{}` | docker.io | custom: build and push it before onboarding |",
        stack.app_image
    );
    let _ = writeln!(
        out,
        "| database | `{db_image}:{db_tag}` | docker.io | public |\n"
    );

    let _ = writeln!(out, "## Open questions\n");
    let mut any = false;
    for decision in [
        &recommendation.framework,
        &recommendation.database,
        &recommendation.cache,
        &recommendation.pattern,
    ] {
        for question in &decision.open_questions {
            any = true;
            let _ = writeln!(out, "- {question}");
        }
    }
    if profile.compliance.is_none() {
        any = true;
        let _ = writeln!(
            out,
            "- Which compliance certifications do you need (SOC2, HIPAA, GDPR, ISO 27001)?"
        );
    }
    if profile.uptime.is_none() {
        any = true;
        let _ = writeln!(out, "- What uptime do you promise (99.9%, 99.95%, 99.99%)?");
    }
    if !any {
        let _ = writeln!(out, "None.");
    }
    out
}

fn decision_section(out: &mut String, title: &str, decision: &Decision) {
    let _ = writeln!(
        out,
        "### {title}: {} (score {})\n",
        decision.name, decision.score
    );
    for reason in &decision.reasons {
        let _ = writeln!(out, "- {reason}");
    }
    if let Some(next) = decision.alternatives.first() {
        let _ = writeln!(out, "- Alternative: {} — {}", next.name, next.tradeoff);
    }
    out.push('\n');
}
