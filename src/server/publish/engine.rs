//! The publishing engine's shared parts: the app's state, the settings, this process's worker
//! name, and the batchers that claim targets and write outcomes.
use super::batch::{Batcher, retry_conflicts};
use super::claim;
use super::commit_outcomes::{self, Report};
use super::queue::PublishTask;
use crate::server::config::PublishSettings;
use crate::server::db::claims::Claimed;
use crate::server::state::AppState;
use std::sync::Arc;

/// What every task and the sweeper share.
pub struct Engine {
    pub state: AppState,
    pub settings: PublishSettings,
    /// This process start's worker name (apalis needs it unique to recover orphans).
    pub worker: String,
    /// Claims of many tasks, one transaction per batch.
    pub claims: Batcher<PublishTask, Option<Claimed>>,
    /// Outcomes of many attempts, one transaction per batch.
    pub outcomes: Batcher<Report, bool>,
}

impl Engine {
    /// Spawns the claim and outcome batch loops (they end with the engine).
    pub fn new(state: AppState) -> Arc<Self> {
        let settings = state.settings.publishing.clone();
        let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "herald".into());
        let short = uuid::Uuid::new_v4().simple().to_string();
        let worker = format!("{host}-{}-{}", std::process::id(), &short[..8]);
        let (max, in_flight) = (settings.batch_max, settings.batches_in_flight);
        let (pool, name) = (state.pool.clone(), worker.clone());
        let rules = Arc::new(claim::Rules::of(&settings));
        let claims = Batcher::spawn(max, in_flight, move |tasks: Vec<PublishTask>| {
            let (pool, name, rules) = (pool.clone(), name.clone(), rules.clone());
            async move { retry_conflicts(|| claim::batch(&pool, &name, &rules, &tasks)).await }
        });
        let pool = state.pool.clone();
        let outcomes = Batcher::spawn(max, in_flight, move |reports: Vec<Report>| {
            let pool = pool.clone();
            async move { retry_conflicts(|| commit_outcomes::batch(&pool, &reports)).await }
        });
        Arc::new(Self {
            state,
            settings,
            worker,
            claims,
            outcomes,
        })
    }
}
