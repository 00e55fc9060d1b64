//! The planning job: makes running series ahead, then fills empty slots from the evergreen
//! pool, one process at a time (advisory lock), every 15 minutes.
use super::{evergreen, series};
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// An arbitrary constant: the planning job's advisory lock.
const LOCK: i64 = 0x4845_5241_4c53; // "HERALS"
/// Often enough that a series made a month ahead never runs short, and an empty slot a day
/// ahead is filled long before it comes.
const EVERY: Duration = Duration::from_secs(15 * 60);

/// What one round made.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub occurrences: usize,
    pub shares: usize,
}

pub async fn run_every(state: AppState) {
    let mut interval = tokio::time::interval(EVERY);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        match run_once(&state, Utc::now()).await {
            Ok(round) if round == Round::default() => {}
            Ok(Round { occurrences, shares }) => {
                tracing::info!(occurrences, shares, "planning job made posts")
            }
            Err(error) => tracing::warn!(error = format!("{error:#}"), "planning job failed; next time"),
        }
    }
}

/// One round (nothing when another process holds the lock). Series go first, so that an
/// occurrence takes its time before the pool looks for empty slots.
pub async fn run_once(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<Round> {
    let mut lock = state.pool.begin().await?;
    let held = sqlx::query_scalar!(r#"select pg_try_advisory_xact_lock($1) as "held!""#, LOCK)
        .fetch_one(&mut *lock)
        .await?;
    if !held {
        return Ok(Round::default());
    }
    let occurrences = series::make_due(state, now).await?;
    let shares = evergreen::fill::run_once(state, now).await?;
    lock.commit().await?;
    Ok(Round { occurrences, shares })
}
