//! The analyzer: runs every rule of the registry over the loaded project and gathers
//! the loader's problems and the rules' findings into one report.

mod checklist;
mod info;
mod inventory;
mod loader;
mod registry;
pub mod rules;
mod suppress;

use std::collections::BTreeMap;

use crate::compose::{self, Input, ProblemKind, Project};
use crate::recommend::Profile;
use crate::report::{self, Category, Diagnostic, ImageRef, Report, Severity};
use crate::source::SourceFile;
use crate::yaml::Span;

pub use crate::report::RuleInfo;
pub use info::{markdown as rules_markdown, rules};
pub use inventory::{image_inventory, is_public, parse_image};
pub use registry::{OFF_BY_DEFAULT, RULES, Rule, RuleDoc, enabled_by_default, rule};
pub use suppress::{RuleSetting, RulesConfig, Suppressed};

/// What a rule sees: the project, and the files it came from (for positions only).
#[derive(Debug)]
pub struct Context<'a> {
    pub project: &'a Project,
    pub files: &'a [SourceFile],
    /// The requirements profile, when the analysis was given one: compliance and SLA
    /// rules judge the file against it and stay silent without it.
    pub profile: Option<&'a Profile>,
    /// The variables interpolation used: the shell environment over the `.env` files.
    pub env: &'a BTreeMap<String, String>,
    /// The image inventory, built once for every rule that needs it.
    pub inventory: &'a [ImageRef],
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

/// How an analysis is configured.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A setting per rule id: off, or another severity.
    pub rules: RulesConfig,
    /// The requirements profile the project must meet.
    pub profile: Option<Profile>,
}

/// Loads the files and runs every rule, with the default configuration.
pub fn analyze(input: &Input) -> Report {
    analyze_with(input, &Options::default())
}

/// Loads the files, runs every rule, and applies the configuration and the inline
/// suppression comments.
pub fn analyze_with(input: &Input, options: &Options) -> Report {
    let Analysis {
        loaded,
        inventory,
        diagnostics,
        suppressed,
    } = run(input, options);

    // what blocks onboarding: errors of blocking rules, and files that cannot be read
    let blocking = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .filter(|d| d.category == Category::Syntax || rule(d.rule).is_some_and(|r| r.blocking))
        .count();

    let findings = report::findings(&input.files, &diagnostics);
    let services = loaded.project.enabled_services().count();
    let mut summary = report::summarize(&findings, services, blocking);
    // a service that still builds has no image to pull, whatever was suppressed
    summary.ready &= !inventory.iter().any(|image| image.needs_push);
    summary.suppressed_inline = suppressed.inline;
    summary.suppressed_by_configuration = suppressed.configuration;

    let checklist = checklist::checklist(&loaded.project, &input.files, &findings, &inventory);

    Report {
        version: 1,
        inventory,
        checklist,
        findings,
        summary,
    }
}

/// What one run of the rules gives before it is rendered: the loaded project, the image
/// inventory, and the findings with their spans that survived suppression.
#[derive(Debug)]
pub struct Analysis {
    pub loaded: compose::Loaded,
    pub inventory: Vec<ImageRef>,
    pub diagnostics: Vec<Diagnostic>,
    pub suppressed: suppress::Suppressed,
}

/// Loads the files, runs every rule the configuration enables, and drops what it or an
/// inline comment suppresses; the fixer reads the spans this keeps.
pub fn run(input: &Input, options: &Options) -> Analysis {
    let loaded = compose::load(input);
    let inventory = image_inventory(&loaded.project);
    let context = Context {
        project: &loaded.project,
        files: &input.files,
        profile: options.profile.as_ref(),
        env: &loaded.env,
        inventory: &inventory,
    };

    // an incomplete value is the consequence of an unset variable, which is reported
    let mut diagnostics: Vec<Diagnostic> = loaded
        .problems
        .iter()
        .filter(|p| p.kind != ProblemKind::PlaceholderValue)
        .map(loader::diagnostic)
        .collect();
    for rule in registry::all() {
        // a rule the configuration names runs (its findings are counted when it is
        // off); one it does not name runs if it is on by default
        let runs = options.rules.contains_key(rule.id) || registry::enabled_by_default(rule.id);
        if !runs {
            continue;
        }
        let mut sink = Sink {
            rule,
            diagnostics: Vec::new(),
        };
        (rule.check)(&context, &mut sink);
        diagnostics.append(&mut sink.diagnostics);
    }

    let known = |id: &str| rule(id).is_some() || loader::is_loader_rule(id);
    let (diagnostics, suppressed) = suppress::apply(
        diagnostics,
        &options.rules,
        &loaded.comments,
        &input.files,
        &known,
    );

    Analysis {
        loaded,
        inventory,
        diagnostics,
        suppressed,
    }
}
