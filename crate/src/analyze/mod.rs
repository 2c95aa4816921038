//! The analyzer: runs every rule of the registry over the loaded project and gathers
//! the loader's problems and the rules' findings into one report.

mod inventory;
mod loader;
mod registry;
pub mod rules;

use crate::compose::{self, Input, ProblemKind, Project};
use crate::report::{self, Category, Diagnostic, Report, Severity};
use crate::source::SourceFile;
use crate::yaml::Span;

pub use inventory::{image_inventory, parse_image};
pub use registry::{RULES, Rule, RuleDoc, rule};

/// What a rule sees: the project, and the files it came from (for positions only).
#[derive(Debug)]
pub struct Context<'a> {
    pub project: &'a Project,
    pub files: &'a [SourceFile],
}

/// Collects one rule's findings, stamped with its id, category and severity.
#[derive(Debug)]
pub struct Sink<'r> {
    rule: &'r Rule,
    diagnostics: Vec<Diagnostic>,
}

impl Sink<'_> {
    /// Reports a finding at a span with the rule's default severity.
    pub fn report(&mut self, span: Span, message: impl Into<String>, help: Option<String>) {
        self.report_as(self.rule.severity, span, message, help);
    }

    /// Reports a finding whose severity differs from the rule's default.
    pub fn report_as(
        &mut self,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.diagnostics.push(Diagnostic {
            rule: self.rule.id,
            category: self.rule.category,
            severity,
            message: message.into(),
            help,
            span,
        });
    }
}

/// Loads the files and runs every rule.
pub fn analyze(input: &Input) -> Report {
    let loaded = compose::load(input);
    let context = Context {
        project: &loaded.project,
        files: &input.files,
    };

    // an incomplete value is the consequence of an unset variable, which is reported
    let mut diagnostics: Vec<Diagnostic> = loaded
        .problems
        .iter()
        .filter(|p| p.kind != ProblemKind::PlaceholderValue)
        .map(loader::diagnostic)
        .collect();
    let mut blocking = 0;
    for rule in RULES {
        let mut sink = Sink {
            rule,
            diagnostics: Vec::new(),
        };
        (rule.check)(&context, &mut sink);
        if rule.blocking {
            blocking += sink
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count();
        }
        diagnostics.append(&mut sink.diagnostics);
    }

    let findings = report::findings(&input.files, &diagnostics);
    let services = loaded.project.enabled_services().count();
    let syntax_errors = findings
        .iter()
        .filter(|f| f.category == Category::Syntax && f.severity == Severity::Error)
        .count();
    let summary = report::summarize(&findings, services, blocking + syntax_errors);

    Report {
        version: 1,
        inventory: image_inventory(&loaded.project),
        findings,
        summary,
    }
}
