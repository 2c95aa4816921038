//! The recommender's scenarios, drawn from the solutions-architect seed: named profiles
//! that the recommendation tests check decisions on and the generation tests generate
//! every iteration of.

// Test helpers: a failed unwrap, index or panic is a failed test, with its message.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use compose_architect::recommend::{
    Compliance, Consistency, CustomerSegment, DataModel, DeploymentModel, Domain, Isolation,
    Language, Pricing, Profile, QueryPattern, SegmentDeployment,
};

use Compliance::{Gdpr, Hipaa, PciDss, Soc2};

pub fn segments(list: &[(CustomerSegment, &[DeploymentModel])]) -> Option<Vec<SegmentDeployment>> {
    Some(
        list.iter()
            .map(|(segment, models)| SegmentDeployment {
                segment: *segment,
                models: models.to_vec(),
            })
            .collect(),
    )
}

/// The profile of the scenario with this name.
pub fn scenario(name: &str) -> Profile {
    scenarios()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, profile)| profile)
        .unwrap_or_else(|| panic!("no scenario named {name}"))
}

/// Every scenario, by name.
pub fn scenarios() -> Vec<(&'static str, Profile)> {
    vec![
        ("empty", Profile::default()),
        (
            "full_clinic_cloud",
            Profile::from_yaml(
                "name: Clinic Cloud\n\
                 domain: healthcare\n\
                 customers: [mid-market, enterprise]\n\
                 pricing: tiered\n\
                 teamLanguages: [typescript]\n\
                 dataModel: relational\n\
                 requestsPerSecond: 800\n\
                 latencyMs: 200\n\
                 compliance: [hipaa, soc2]\n\
                 uptime: 99.95\n",
            )
            .unwrap(),
        ),
        (
            "analytics_for_enterprises_and_startups_in_the_eu",
            Profile {
                domain: Some(Domain::Analytics),
                customers: Some(vec![CustomerSegment::Enterprise, CustomerSegment::Startups]),
                compliance: Some(vec![Soc2, Gdpr, Soc2]),
                data_residency: Some(vec!["eu".into()]),
                uptime: Some(99.99),
                ..Profile::default()
            },
        ),
        (
            "healthcare_with_hipaa_gets_siloed_phi_encrypted_postgresql_and_no_phi_in_cache",
            Profile {
                domain: Some(Domain::Healthcare),
                compliance: Some(vec![Hipaa]),
                ..Profile::default()
            },
        ),
        (
            "hipaa_with_shared_tenancy_is_a_conflict_resolved_by_a_siloed_data_tier",
            Profile {
                compliance: Some(vec![Hipaa]),
                pricing: Some(Pricing::Freemium),
                isolation: Some(Isolation::Logical),
                ..Profile::default()
            },
        ),
        (
            "a_global_five_nines_target_gets_active_active_on_a_distributed_database",
            Profile {
                uptime: Some(99.999),
                data_residency: Some(vec!["eu".into(), "us".into()]),
                ..Profile::default()
            },
        ),
        (
            "five_nines_in_one_region_is_a_named_conflict_with_a_way_out",
            Profile {
                uptime: Some(99.999),
                dr_regions: Some(0),
                ..Profile::default()
            },
        ),
        (
            "five_nines_on_a_graph_store_names_the_missing_distributed_database",
            Profile {
                uptime: Some(99.999),
                data_model: Some(DataModel::Graph),
                ..Profile::default()
            },
        ),
        (
            "a_write_heavy_time_series_workload_gets_a_time_series_store",
            Profile {
                data_model: Some(DataModel::TimeSeries),
                write_heavy: Some(true),
                ..Profile::default()
            },
        ),
        (
            "real_time_analytics_gets_a_stream_a_time_series_store_and_archives",
            Profile {
                domain: Some(Domain::Analytics),
                ..Profile::default()
            },
        ),
        (
            "a_data_pipeline_gets_a_queue_and_object_storage_for_raw_data",
            Profile {
                domain: Some(Domain::DataPipeline),
                ..Profile::default()
            },
        ),
        (
            "an_ai_ml_service_gets_fastapi_model_storage_and_request_queuing",
            Profile {
                domain: Some(Domain::AiMl),
                team_languages: Some(vec![Language::Python]),
                ..Profile::default()
            },
        ),
        (
            "byoc_copilot_with_a_cloud_only_managed_queue_is_a_conflict",
            Profile {
                existing_stack: Some(vec!["sqs".into()]),
                deployments: segments(&[(
                    CustomerSegment::Government,
                    &[DeploymentModel::ByocCopilot],
                )]),
                ..Profile::default()
            },
        ),
        (
            "on_premises_instances_get_self_hosted_object_storage",
            Profile {
                domain: Some(Domain::AiMl),
                deployments: segments(&[(
                    CustomerSegment::Enterprise,
                    &[DeploymentModel::OnPremises],
                )]),
                ..Profile::default()
            },
        ),
        (
            "documents_with_a_flexible_schema_get_mongodb_and_relational_metadata",
            Profile {
                data_model: Some(DataModel::Document),
                ..Profile::default()
            },
        ),
        (
            "a_graph_of_relationships_gets_neo4j",
            Profile {
                data_model: Some(DataModel::Graph),
                query_patterns: Some(vec![QueryPattern::Traversals]),
                ..Profile::default()
            },
        ),
        (
            "traversals_over_relational_data_add_a_graph_store",
            Profile {
                data_model: Some(DataModel::Relational),
                query_patterns: Some(vec![QueryPattern::ComplexJoins, QueryPattern::Traversals]),
                ..Profile::default()
            },
        ),
        (
            "write_heavy_key_value_goes_wide_column_unless_it_must_be_strongly_consistent_1",
            Profile {
                data_model: Some(DataModel::KeyValue),
                write_heavy: Some(true),
                consistency: Some(Consistency::Eventual),
                ..Profile::default()
            },
        ),
        (
            "write_heavy_key_value_goes_wide_column_unless_it_must_be_strongly_consistent_2",
            Profile {
                data_model: Some(DataModel::KeyValue),
                write_heavy: Some(true),
                consistency: Some(Consistency::Strong),
                ..Profile::default()
            },
        ),
        (
            "a_fintech_jvm_team_gets_spring_boot",
            Profile {
                domain: Some(Domain::Fintech),
                team_languages: Some(vec![Language::Java]),
                compliance: Some(vec![PciDss]),
                ..Profile::default()
            },
        ),
        (
            "a_tight_latency_target_gets_go_and_a_cache",
            Profile {
                latency_ms: Some(20),
                requests_per_second: Some(2000),
                ..Profile::default()
            },
        ),
        (
            "low_traffic_needs_no_cache",
            Profile {
                requests_per_second: Some(10),
                ..Profile::default()
            },
        ),
        (
            "ninety_nine_ninety_five_is_multi_zone_with_replicas",
            Profile {
                uptime: Some(99.95),
                ..Profile::default()
            },
        ),
        (
            "four_nines_is_multi_region_active_passive_with_automated_failover",
            Profile {
                uptime: Some(99.99),
                ..Profile::default()
            },
        ),
        (
            "a_short_rto_and_no_maintenance_windows_rule_out_manual_failover",
            Profile {
                uptime: Some(99.9),
                rto_minutes: Some(15),
                rpo_minutes: Some(0),
                maintenance_windows: Some(false),
                dr_regions: Some(1),
                ..Profile::default()
            },
        ),
        (
            "gdpr_with_eu_residency_gets_residency_controls_1",
            Profile {
                compliance: Some(vec![Gdpr, Soc2]),
                data_residency: Some(vec!["eu".into()]),
                ..Profile::default()
            },
        ),
        (
            "gdpr_with_eu_residency_gets_residency_controls_2",
            Profile {
                compliance: Some(vec![Gdpr]),
                ..Profile::default()
            },
        ),
        (
            "a_mixed_customer_base_gets_hybrid_tenancy",
            Profile {
                customers: Some(vec![CustomerSegment::Startups, CustomerSegment::Enterprise]),
                ..Profile::default()
            },
        ),
        (
            "freemium_startups_share_everything",
            Profile {
                customers: Some(vec![CustomerSegment::Startups]),
                pricing: Some(Pricing::Freemium),
                ..Profile::default()
            },
        ),
        (
            "government_customers_get_byoc_copilot",
            Profile {
                customers: Some(vec![CustomerSegment::Government]),
                ..Profile::default()
            },
        ),
        (
            "enterprise_segments_get_byoc_with_what_it_implies",
            Profile {
                deployments: segments(&[
                    (
                        CustomerSegment::Startups,
                        &[DeploymentModel::ProviderAccount],
                    ),
                    (
                        CustomerSegment::Enterprise,
                        &[DeploymentModel::Byoc, DeploymentModel::ProviderAccount],
                    ),
                ]),
                ..Profile::default()
            },
        ),
        (
            "plans_carry_limits_that_grow_with_the_tier",
            Profile {
                uptime: Some(99.99),
                ..Profile::default()
            },
        ),
        (
            "the_existing_stack_is_kept_where_it_fits",
            Profile {
                existing_stack: Some(vec!["mysql".into(), "rabbitmq".into()]),
                ..Profile::default()
            },
        ),
        (
            "a_database_service_gets_replication_and_pooling_guidance",
            Profile {
                domain: Some(Domain::DatabaseService),
                ..Profile::default()
            },
        ),
        (
            "an_api_platform_gets_gateway_guidance",
            Profile {
                domain: Some(Domain::Api),
                ..Profile::default()
            },
        ),
        (
            "many_users_get_a_scaled_app_tier_and_shared_sessions",
            Profile {
                users: Some(250_000),
                ..Profile::default()
            },
        ),
    ]
}
