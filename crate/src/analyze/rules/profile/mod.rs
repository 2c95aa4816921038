//! The rules that judge a file against the requirements profile: compliance rules driven by
//! the profile's `compliance` list, SLA rules by its `uptime` target. Each is silent when
//! the analysis has no profile or the profile does not ask for it.

pub mod data_residency_unstated;
pub mod hipaa_phi_in_cache;
pub mod missing_audit_logging;
pub mod plaintext_service_port;
pub mod shared_tenancy_for_regulated_data;
pub mod sla_database_not_replicated;
pub mod sla_missing_healthcheck;
pub mod sla_single_region_five_nines;
pub mod sla_single_replica;
pub mod support;
pub mod unencrypted_database_connection;

use super::super::registry::Rule;
use crate::recommend::Profile;
use support::Asks;

/// Every profile rule, in the order they run: compliance, then SLA.
pub static PROFILE_RULES: &[Rule] = &[
    hipaa_phi_in_cache::RULE,
    unencrypted_database_connection::RULE,
    missing_audit_logging::RULE,
    plaintext_service_port::RULE,
    data_residency_unstated::RULE,
    shared_tenancy_for_regulated_data::RULE,
    sla_single_replica::RULE,
    sla_missing_healthcheck::RULE,
    sla_database_not_replicated::RULE,
    sla_single_region_five_nines::RULE,
];

/// The profile answer each rule needs, by rule id.
static ASKED: &[(&str, Asks)] = &[
    (hipaa_phi_in_cache::RULE.id, hipaa_phi_in_cache::ASKS),
    (
        unencrypted_database_connection::RULE.id,
        unencrypted_database_connection::ASKS,
    ),
    (missing_audit_logging::RULE.id, missing_audit_logging::ASKS),
    (
        plaintext_service_port::RULE.id,
        plaintext_service_port::ASKS,
    ),
    (
        data_residency_unstated::RULE.id,
        data_residency_unstated::ASKS,
    ),
    (
        shared_tenancy_for_regulated_data::RULE.id,
        shared_tenancy_for_regulated_data::ASKS,
    ),
    (sla_single_replica::RULE.id, sla_single_replica::ASKS),
    (
        sla_missing_healthcheck::RULE.id,
        sla_missing_healthcheck::ASKS,
    ),
    (
        sla_database_not_replicated::RULE.id,
        sla_database_not_replicated::ASKS,
    ),
    (
        sla_single_region_five_nines::RULE.id,
        sla_single_region_five_nines::ASKS,
    ),
];

/// The profile answer a profile rule needs; `None` for any other rule.
pub fn asks(rule: &str) -> Option<Asks> {
    ASKED
        .iter()
        .find(|(id, _)| *id == rule)
        .map(|&(_, asks)| asks)
}

/// The smallest profile under which a profile rule runs, for its documented examples
/// (which the examples test analyzes with it); `None` for a rule that needs no profile.
pub fn example_profile(rule: &str) -> Option<Profile> {
    asks(rule).map(Asks::example)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_profile_rule_says_what_it_asks_for() {
        for rule in PROFILE_RULES {
            assert!(asks(rule.id).is_some(), "{} has no profile answer", rule.id);
        }
        assert_eq!(ASKED.len(), PROFILE_RULES.len());
        assert!(example_profile("missing-healthcheck").is_none());
    }
}
