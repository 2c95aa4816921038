//! The one list of rules. A rule is its id, category, default severity, the check that
//! reads the project, and its documentation in fixed sections beside its code.

use super::rules;
use super::{Context, Sink};
use crate::report::{Category, Severity};

/// A rule's user documentation; `bad` must trigger the rule and `good` must not (a test
/// runs both for every rule).
#[derive(Debug, Clone, Copy)]
pub struct RuleDoc {
    /// One line: what it flags.
    pub summary: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A compose file that the rule flags.
    pub bad: &'static str,
    /// The same file, fixed.
    pub good: &'static str,
    /// How to fix it.
    pub fix: &'static str,
    /// What the rule does not see.
    pub limitations: &'static str,
}

#[derive(Debug)]
pub struct Rule {
    /// Stable, kebab-case, named for the hazard.
    pub id: &'static str,
    pub category: Category,
    pub severity: Severity,
    /// Whether an error from this rule blocks onboarding onto the platform.
    pub blocking: bool,
    pub check: fn(&Context<'_>, &mut Sink<'_>),
    pub doc: RuleDoc,
}

/// Every rule, in the order they run.
pub static RULES: &[Rule] = &[
    rules::build_context::RULE,
    rules::hardcoded_secret::RULE,
    rules::missing_healthcheck::RULE,
    rules::unpinned_image::RULE,
];

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}
