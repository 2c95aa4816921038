//! Scenarios drawn from the solutions-architect seed: each profile, the decisions the
//! recommender must reach, and the reasons it must give.

mod common;

use common::scenarios::scenario;
use compose_architect::recommend::{
    Compliance, CustomerSegment, Decision, DeploymentModel, Domain, Profile, Recommendation,
    downtime_budget, questions, recommend,
};

use Compliance::{Gdpr, Soc2};

fn run(profile: &Profile) -> Recommendation {
    recommend(profile)
}

fn mentions(decision: &Decision, words: &str) -> bool {
    decision
        .reasons
        .iter()
        .any(|r| r.to_lowercase().contains(&words.to_lowercase()))
}

fn conflict_ids(r: &Recommendation) -> Vec<&str> {
    r.conflicts.iter().map(|c| c.id.as_str()).collect()
}

fn store_ids(r: &Recommendation) -> Vec<&str> {
    r.stores.iter().map(|d| d.choice.as_str()).collect()
}

#[test]
fn an_empty_profile_gets_a_default_design_and_every_open_question() {
    let r = run(&Profile::default());
    assert_eq!(r.framework.choice, "node-express");
    assert_eq!(r.database.choice, "postgresql");
    assert_eq!(r.cache.choice, "redis");
    assert_eq!(r.pattern.choice, "simple-api");
    assert_eq!(r.queue.choice, "none");
    assert_eq!(r.object_storage.choice, "none");
    assert!(r.stores.is_empty());
    assert_eq!(r.tenancy.model.choice, "shared");
    assert_eq!(r.deployments.len(), 1);
    assert_eq!(r.deployments[0].segment, "all");
    assert_eq!(r.deployments[0].decision.choice, "provider-account");
    assert_eq!(r.sla.uptime, 99.9);
    assert_eq!(r.sla.topology.choice, "single-zone");
    assert!(r.compliance.is_empty());
    assert!(r.conflicts.is_empty());
    assert!(r.domain_guidance.is_none());
    let plans: Vec<&str> = r.plans.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(plans, ["free", "pro", "enterprise"]);

    let every: Vec<String> = questions().into_iter().map(|q| q.id).collect();
    assert_eq!(r.open_questions, every);
    assert!(!r.sla.topology.open_questions.is_empty());
    assert!(!r.tenancy.model.open_questions.is_empty());
}

#[test]
fn questions_cover_the_four_discovery_groups() {
    use compose_architect::recommend::QuestionGroup::*;
    let all = questions();
    for group in [Business, Technical, Compliance, Sla] {
        assert!(all.iter().any(|q| q.group == group), "{group:?}");
    }
    let uptime = all.iter().find(|q| q.id == "uptime").unwrap();
    assert!(uptime.options.contains(&"99.99".to_string()));
    assert!(uptime.moves.contains(&"sla".to_string()));
}

#[test]
fn healthcare_with_hipaa_gets_siloed_phi_encrypted_postgresql_and_no_phi_in_cache() {
    let r = run(&scenario(
        "healthcare_with_hipaa_gets_siloed_phi_encrypted_postgresql_and_no_phi_in_cache",
    ));
    assert_eq!(r.tenancy.model.choice, "siloed");
    assert_eq!(r.tenancy.data_tier.choice, "siloed");
    assert!(mentions(&r.tenancy.model, "no shared tenancy for PHI"));
    assert!(mentions(&r.tenancy.data_tier, "encrypted"));
    assert_eq!(r.database.choice, "postgresql");
    assert!(mentions(&r.database, "encryption"));
    assert!(mentions(&r.cache, "no PHI in the cache"));
    let hipaa = r.compliance.iter().find(|c| c.id == "hipaa").unwrap();
    assert!(
        hipaa
            .compose
            .iter()
            .any(|c| c.contains("no PHI in the cache"))
    );
    assert!(
        hipaa
            .compose
            .iter()
            .any(|c| c.contains("encrypted PostgreSQL"))
    );
    assert_eq!(r.pattern.choice, "three-tier");
}

#[test]
fn hipaa_with_shared_tenancy_is_a_conflict_resolved_by_a_siloed_data_tier() {
    let r = run(&scenario(
        "hipaa_with_shared_tenancy_is_a_conflict_resolved_by_a_siloed_data_tier",
    ));
    assert!(conflict_ids(&r).contains(&"hipaa-shared-tenancy"));
    assert_eq!(r.tenancy.model.choice, "hybrid");
    assert_eq!(r.tenancy.app_tier.choice, "shared");
    assert_eq!(r.tenancy.data_tier.choice, "siloed");
    let free = r.plans.iter().find(|p| p.id == "free").unwrap();
    assert!(free.notes.iter().any(|n| n.contains("no PHI")));
}

#[test]
fn a_global_five_nines_target_gets_active_active_on_a_distributed_database() {
    let r = run(&scenario(
        "a_global_five_nines_target_gets_active_active_on_a_distributed_database",
    ));
    assert_eq!(r.sla.topology.choice, "active-active");
    assert!(r.sla.regions >= 3);
    assert!(r.sla.replicas >= 3);
    assert_eq!(r.database.choice, "cockroachdb");
    assert!(mentions(&r.database, "distributed database"));
    assert!(r.sla.database_replication.contains("distributed"));
    assert_eq!(r.sla.downtime_minutes_per_year, 5.26);
    assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
}

#[test]
fn five_nines_in_one_region_is_a_named_conflict_with_a_way_out() {
    let r = run(&scenario(
        "five_nines_in_one_region_is_a_named_conflict_with_a_way_out",
    ));
    let conflict = r
        .conflicts
        .iter()
        .find(|c| c.id == "availability-in-one-region")
        .unwrap();
    assert!(conflict.resolution.contains("99.95%"));
    assert!(conflict.inputs.contains(&"drRegions".to_string()));
}

#[test]
fn five_nines_on_a_graph_store_names_the_missing_distributed_database() {
    let r = run(&scenario(
        "five_nines_on_a_graph_store_names_the_missing_distributed_database",
    ));
    assert_eq!(r.database.choice, "neo4j");
    assert!(conflict_ids(&r).contains(&"availability-needs-distributed-database"));
}

#[test]
fn a_write_heavy_time_series_workload_gets_a_time_series_store() {
    let r = run(&scenario(
        "a_write_heavy_time_series_workload_gets_a_time_series_store",
    ));
    assert_eq!(r.database.choice, "timescaledb");
    assert!(mentions(&r.database, "time series"));
    assert!(r.database.inputs.contains(&"writeHeavy".to_string()));
    // accounts and metadata stay relational beside it
    assert_eq!(store_ids(&r), ["postgresql"]);
    assert_eq!(r.queue.choice, "kafka");
    assert_eq!(r.pattern.choice, "real-time-analytics");
}

#[test]
fn real_time_analytics_gets_a_stream_a_time_series_store_and_archives() {
    let r = run(&scenario(
        "real_time_analytics_gets_a_stream_a_time_series_store_and_archives",
    ));
    assert_eq!(r.pattern.choice, "real-time-analytics");
    assert_eq!(r.queue.choice, "kafka");
    assert!(store_ids(&r).contains(&"timescaledb"));
    assert_eq!(r.object_storage.choice, "s3");
    assert!(mentions(&r.object_storage, "archived"));
    assert_eq!(r.framework.choice, "python-fastapi");
    assert_eq!(r.domain_guidance.as_ref().unwrap().domain, "analytics");
}

#[test]
fn a_data_pipeline_gets_a_queue_and_object_storage_for_raw_data() {
    let r = run(&scenario(
        "a_data_pipeline_gets_a_queue_and_object_storage_for_raw_data",
    ));
    assert_eq!(r.pattern.choice, "data-pipeline");
    assert_eq!(r.queue.choice, "kafka");
    assert!(r.queue.alternatives.iter().any(|a| a.choice == "rabbitmq"));
    assert!(mentions(&r.object_storage, "raw data"));
}

#[test]
fn an_ai_ml_service_gets_fastapi_model_storage_and_request_queuing() {
    let r = run(&scenario(
        "an_ai_ml_service_gets_fastapi_model_storage_and_request_queuing",
    ));
    assert_eq!(r.pattern.choice, "ai-ml");
    assert_eq!(r.framework.choice, "python-fastapi");
    assert!(mentions(&r.object_storage, "model weights"));
    assert_eq!(r.queue.choice, "rabbitmq");
    let guidance = r.domain_guidance.unwrap();
    assert!(guidance.key_decisions.iter().any(|d| d.contains("GPU")));
}

#[test]
fn byoc_copilot_with_a_cloud_only_managed_queue_is_a_conflict() {
    let r = run(&scenario(
        "byoc_copilot_with_a_cloud_only_managed_queue_is_a_conflict",
    ));
    let conflict = r
        .conflicts
        .iter()
        .find(|c| c.id == "self-contained-needs-sqs")
        .unwrap();
    assert!(conflict.resolution.contains("RabbitMQ"));
    assert_ne!(r.queue.choice, "sqs");
    assert_eq!(r.deployments[0].decision.choice, "byoc-copilot");
}

#[test]
fn on_premises_instances_get_self_hosted_object_storage() {
    let r = run(&scenario(
        "on_premises_instances_get_self_hosted_object_storage",
    ));
    assert_eq!(r.object_storage.choice, "minio");
    assert!(r.object_storage.inputs.contains(&"deployments".to_string()));
    let plan = &r.deployments[0].models[0];
    assert!(plan.implies.iter().any(|i| i.contains("air-gapped")));
}

#[test]
fn documents_with_a_flexible_schema_get_mongodb_and_relational_metadata() {
    let r = run(&scenario(
        "documents_with_a_flexible_schema_get_mongodb_and_relational_metadata",
    ));
    assert_eq!(r.database.choice, "mongodb");
    assert!(mentions(&r.database, "flexible schema"));
    assert_eq!(store_ids(&r), ["postgresql"]);
}

#[test]
fn a_graph_of_relationships_gets_neo4j() {
    let r = run(&scenario("a_graph_of_relationships_gets_neo4j"));
    assert_eq!(r.database.choice, "neo4j");
    assert!(r.database.inputs.contains(&"queryPatterns".to_string()));
    assert!(
        r.database
            .alternatives
            .iter()
            .any(|a| a.choice == "postgresql")
    );
}

#[test]
fn traversals_over_relational_data_add_a_graph_store() {
    let r = run(&scenario(
        "traversals_over_relational_data_add_a_graph_store",
    ));
    assert_eq!(r.database.choice, "postgresql");
    assert_eq!(store_ids(&r), ["neo4j"]);
}

#[test]
fn write_heavy_key_value_goes_wide_column_unless_it_must_be_strongly_consistent() {
    let eventual = run(&scenario(
        "write_heavy_key_value_goes_wide_column_unless_it_must_be_strongly_consistent_1",
    ));
    assert_eq!(eventual.database.choice, "cassandra");

    let strong = run(&scenario(
        "write_heavy_key_value_goes_wide_column_unless_it_must_be_strongly_consistent_2",
    ));
    assert_eq!(strong.database.choice, "postgresql");
    let cassandra = strong
        .database
        .alternatives
        .iter()
        .find(|a| a.choice == "cassandra")
        .unwrap();
    assert!(cassandra.score < eventual.database.score);
}

#[test]
fn a_fintech_jvm_team_gets_spring_boot() {
    let r = run(&scenario("a_fintech_jvm_team_gets_spring_boot"));
    assert_eq!(r.framework.choice, "java-spring");
    assert!(r.framework.inputs.contains(&"domain".to_string()));
    let pci = r.compliance.iter().find(|c| c.id == "pci-dss").unwrap();
    assert!(pci.compose.iter().any(|c| c.contains("payment gateway")));
    assert_eq!(r.tenancy.model.choice, "hybrid");
}

#[test]
fn a_tight_latency_target_gets_go_and_a_cache() {
    let r = run(&scenario("a_tight_latency_target_gets_go_and_a_cache"));
    assert_eq!(r.framework.choice, "go");
    assert_eq!(r.cache.choice, "redis");
    assert!(r.cache.inputs.contains(&"requestsPerSecond".to_string()));
}

#[test]
fn low_traffic_needs_no_cache() {
    let r = run(&scenario("low_traffic_needs_no_cache"));
    assert_eq!(r.cache.choice, "none");
}

#[test]
fn the_downtime_budget_follows_the_seed() {
    assert_eq!(downtime_budget(99.9).0, 525.6); // 8.76 hours
    assert_eq!(downtime_budget(99.95).0, 262.8); // 4.38 hours
    assert_eq!(downtime_budget(99.99).0, 52.56);
    assert_eq!(downtime_budget(99.999).0, 5.26);
    assert_eq!(downtime_budget(99.9).1, 43.2);
}

#[test]
fn ninety_nine_ninety_five_is_multi_zone_with_replicas() {
    let r = run(&scenario(
        "ninety_nine_ninety_five_is_multi_zone_with_replicas",
    ));
    assert_eq!(r.sla.topology.choice, "multi-zone");
    assert_eq!(r.sla.regions, 1);
    assert!(r.sla.zones >= 2 && r.sla.replicas >= 2);
    assert!(mentions(&r.sla.topology, "262.8 minutes"));
}

#[test]
fn four_nines_is_multi_region_active_passive_with_automated_failover() {
    let r = run(&scenario(
        "four_nines_is_multi_region_active_passive_with_automated_failover",
    ));
    assert_eq!(r.sla.topology.choice, "active-passive");
    assert_eq!(r.sla.regions, 2);
    assert!(r.sla.replicas >= 3);
    assert!(r.sla.failover.contains("automated"));
    assert!(r.sla.database_replication.contains("standby"));
}

#[test]
fn a_short_rto_and_no_maintenance_windows_rule_out_manual_failover() {
    let r = run(&scenario(
        "a_short_rto_and_no_maintenance_windows_rule_out_manual_failover",
    ));
    assert!(r.sla.failover.contains("automated"));
    assert!(r.sla.replicas >= 2);
    assert_eq!(r.sla.regions, 2);
    assert!(r.sla.database_replication.contains("synchronous"));
    for input in ["rtoMinutes", "rpoMinutes", "drRegions"] {
        assert!(
            r.sla.topology.inputs.contains(&input.to_string()),
            "{input}"
        );
    }
}

#[test]
fn gdpr_with_eu_residency_gets_residency_controls() {
    let r = run(&scenario(
        "gdpr_with_eu_residency_gets_residency_controls_1",
    ));
    let ids: Vec<&str> = r.compliance.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["gdpr", "soc2", "data-residency"]);
    let gdpr = &r.compliance[0];
    assert!(gdpr.compose.iter().any(|c| c.contains("deletion")));
    assert!(r.compliance[2].requirements[0].contains("eu"));
    assert!(r.conflicts.is_empty());

    let unstated = run(&scenario(
        "gdpr_with_eu_residency_gets_residency_controls_2",
    ));
    assert!(conflict_ids(&unstated).contains(&"gdpr-without-residency"));
}

#[test]
fn a_mixed_customer_base_gets_hybrid_tenancy() {
    let r = run(&scenario("a_mixed_customer_base_gets_hybrid_tenancy"));
    assert_eq!(r.tenancy.model.choice, "hybrid");
    assert_eq!(r.tenancy.app_tier.choice, "shared");
    assert_eq!(r.tenancy.data_tier.choice, "siloed");
    assert!(mentions(&r.tenancy.model, "mixed customer base"));
    let segments: Vec<&str> = r.deployments.iter().map(|s| s.segment.as_str()).collect();
    assert_eq!(segments, ["startups", "enterprise"]);
}

#[test]
fn freemium_startups_share_everything() {
    let r = run(&scenario("freemium_startups_share_everything"));
    assert_eq!(r.tenancy.model.choice, "shared");
    assert_eq!(r.tenancy.data_tier.choice, "shared");
    assert!(mentions(&r.tenancy.data_tier, "tenant_id"));
}

#[test]
fn government_customers_get_byoc_copilot() {
    let r = run(&scenario("government_customers_get_byoc_copilot"));
    assert_eq!(r.deployments[0].decision.choice, "byoc-copilot");
    assert!(
        r.deployments[0].models[0]
            .implies
            .iter()
            .any(|i| i.contains("self-contained"))
    );
}

#[test]
fn enterprise_segments_get_byoc_with_what_it_implies() {
    let r = run(&scenario(
        "enterprise_segments_get_byoc_with_what_it_implies",
    ));
    assert_eq!(r.deployments[0].decision.choice, "provider-account");
    let enterprise = &r.deployments[1];
    assert_eq!(enterprise.segment, "enterprise");
    assert_eq!(enterprise.decision.choice, "byoc");
    assert_eq!(enterprise.models.len(), 2);
    assert!(
        enterprise.models[0]
            .implies
            .iter()
            .any(|i| i.contains("IAM"))
    );
    let plan = r.plans.iter().find(|p| p.id == "enterprise").unwrap();
    assert!(plan.deployment_models.contains(&DeploymentModel::Byoc));
    assert_eq!(r.tenancy.model.choice, "hybrid");
    assert!(r.tenancy.model.inputs.contains(&"deployments".to_string()));
}

#[test]
fn plans_carry_limits_that_grow_with_the_tier() {
    let r = run(&scenario("plans_carry_limits_that_grow_with_the_tier"));
    let [free, pro, enterprise] = r.plans.as_slice() else {
        panic!("three plans expected");
    };
    assert_eq!(free.limits.replicas, 1);
    assert_eq!(free.limits.backups, "none");
    assert!(pro.limits.autoscaling && pro.limits.replicas >= 2);
    assert_eq!(pro.limits.backups, "daily");
    assert!(enterprise.limits.storage_gb.is_none());
    assert_eq!(enterprise.limits.uptime, Some(99.99));
    assert_eq!(enterprise.tenancy, "siloed");
}

#[test]
fn the_existing_stack_is_kept_where_it_fits() {
    let r = run(&scenario("the_existing_stack_is_kept_where_it_fits"));
    assert_eq!(r.database.choice, "mysql");
    assert_eq!(r.queue.choice, "rabbitmq");
    assert!(r.queue.inputs.contains(&"existingStack".to_string()));
}

#[test]
fn a_database_service_gets_replication_and_pooling_guidance() {
    let r = run(&scenario(
        "a_database_service_gets_replication_and_pooling_guidance",
    ));
    assert_eq!(r.database.choice, "postgresql");
    let guidance = r.domain_guidance.unwrap();
    assert_eq!(guidance.domain, "database-service");
    assert!(guidance.services.iter().any(|s| s.contains("pgbouncer")));
}

#[test]
fn an_api_platform_gets_gateway_guidance() {
    let r = run(&scenario("an_api_platform_gets_gateway_guidance"));
    assert_eq!(r.pattern.choice, "simple-api");
    let guidance = r.domain_guidance.unwrap();
    assert_eq!(guidance.domain, "api-platform");
    assert!(
        guidance
            .key_decisions
            .iter()
            .any(|d| d.contains("rate-limiting"))
    );
}

#[test]
fn every_decision_of_a_full_profile_has_a_score_inputs_and_alternatives() {
    let profile = Profile::from_yaml(
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
    .unwrap();
    let r = run(&profile);
    for decision in [
        &r.framework,
        &r.database,
        &r.cache,
        &r.pattern,
        &r.queue,
        &r.object_storage,
        &r.tenancy.model,
        &r.sla.topology,
    ] {
        assert!(decision.score > 0, "{}", decision.choice);
        assert!(!decision.inputs.is_empty(), "{}", decision.choice);
        assert!(!decision.alternatives.is_empty(), "{}", decision.choice);
        assert!(
            decision.alternatives.iter().all(|a| !a.tradeoff.is_empty()),
            "{}",
            decision.choice
        );
    }
    assert_eq!(r.tenancy.model.choice, "siloed");
    assert!(!r.open_questions.contains(&"compliance".to_string()));
    assert!(r.open_questions.contains(&"rto".to_string()));
}

#[test]
fn the_same_profile_always_gives_the_same_answer() {
    let profile = Profile {
        domain: Some(Domain::Analytics),
        customers: Some(vec![CustomerSegment::Enterprise, CustomerSegment::Startups]),
        compliance: Some(vec![Soc2, Gdpr, Soc2]),
        data_residency: Some(vec!["eu".into()]),
        uptime: Some(99.99),
        ..Profile::default()
    };
    let first = serde_json::to_string(&run(&profile)).unwrap();
    for _ in 0..5 {
        assert_eq!(serde_json::to_string(&run(&profile)).unwrap(), first);
    }
    // a repeated framework gives one set of controls
    let r = run(&profile);
    assert_eq!(r.compliance.iter().filter(|c| c.id == "soc2").count(), 1);
}

#[test]
fn many_users_get_a_scaled_app_tier_and_shared_sessions() {
    let r = run(&scenario(
        "many_users_get_a_scaled_app_tier_and_shared_sessions",
    ));
    assert_eq!(r.sla.replicas, 3);
    assert!(r.sla.topology.inputs.contains(&"users".to_string()));
    assert!(mentions(&r.cache, "sessions"));
    assert!(r.cache.inputs.contains(&"users".to_string()));
}

#[test]
fn profiles_read_from_json_and_yaml_alike_and_refuse_mistakes() {
    let json = r#"{"domain":"ai-ml","deployments":[{"segment":"enterprise","models":["byoc"]}],"rtoMinutes":30}"#;
    let yaml = "domain: ai-ml\ndeployments:\n  - segment: enterprise\n    models: [byoc]\nrtoMinutes: 30\n";
    let from_json = Profile::from_json(json).unwrap();
    assert_eq!(Profile::from_yaml(yaml).unwrap(), from_json);
    assert_eq!(Profile::from_yaml(&from_json.to_yaml()).unwrap(), from_json);
    assert_eq!(Profile::from_json(&from_json.to_json()).unwrap(), from_json);

    let error =
        Profile::from_yaml("deployments:\n  - segment: enterprise\n    models: []\n").unwrap_err();
    assert!(error.message.contains("no deployment model"), "{error}");
    let error = Profile::from_yaml("customers: [aliens]\n").unwrap_err();
    assert!(error.message.contains("customers"), "{error}");
}
