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
    rules::dependency_without_healthy_condition::RULE,
    rules::unparameterized_configuration::RULE,
    rules::platform_ignored_key::RULE,
    rules::stateful_app_tier::RULE,
    rules::environment_becomes_parameter::RULE,
    rules::replicas_without_load_balancing::RULE,
    rules::privileged_container::RULE,
    rules::docker_socket_mount::RULE,
    rules::sensitive_host_path::RULE,
    rules::shared_mount_propagation::RULE,
    rules::host_network_mode::RULE,
    rules::host_pid_namespace::RULE,
    rules::host_ipc_namespace::RULE,
    rules::host_user_namespace::RULE,
    rules::host_uts_namespace::RULE,
    rules::dangerous_capability::RULE,
    rules::unconfined_security_profile::RULE,
    rules::no_new_privileges_missing::RULE,
    rules::port_bound_to_all_interfaces::RULE,
    rules::missing_memory_limit::RULE,
    rules::missing_pids_limit::RULE,
    rules::missing_cpu_limit::RULE,
    rules::healthcheck_cmd_misuse::RULE,
    rules::shell_variable_in_compose::RULE,
    rules::duplicate_published_port::RULE,
    rules::unbracketed_ipv6_port::RULE,
    rules::yaml11_sexagesimal_port::RULE,
    rules::yaml11_ambiguous_boolean::RULE,
];

/// Rules that run only when the configuration turns them on: true of nearly every file,
/// they would bury the findings that matter.
pub static OFF_BY_DEFAULT: &[&str] = &[
    // a hardening choice; the platform's own defaults decide it
    "no-new-privileges-missing",
    // every published port of a laptop file; the platform publishes ports itself
    "port-bound-to-all-interfaces",
    // a hardening choice, rarely set outside hardened stacks
    "missing-pids-limit",
    // sharing the host's hostname is harmless on its own
    "host-uts-namespace",
    // every service with an environment; a list for onboarding, not a hazard
    "environment-becomes-parameter",
];

/// Whether a rule runs when the configuration says nothing of it.
pub fn enabled_by_default(id: &str) -> bool {
    !OFF_BY_DEFAULT.contains(&id)
}

/// Every rule that runs: the list above, then the profile rules (compliance and SLA),
/// which keep their own list in `rules/profile/`.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    RULES.iter().chain(rules::profile::PROFILE_RULES)
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    all().find(|r| r.id == id)
}
