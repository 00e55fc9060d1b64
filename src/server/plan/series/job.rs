//! Keeps every running series made a horizon ahead, one instance at a time (advisory lock).
use super::{HORIZON, make::make};
use crate::server::db::series;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use std::time::Duration;

/// An arbitrary constant: the series job's advisory lock.
const LOCK: i64 = 0x4845_5241_4c53; // "HERALS"
/// Often enough that a series made a month ahead never runs short.
const EVERY: Duration = Duration::from_secs(15 * 60);

pub async fn run_every(state: AppState) {
    let mut interval = tokio::time::interval(EVERY);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        match run_once(&state, Utc::now()).await {
            Ok(0) => {}
            Ok(made) => tracing::info!(made, "series occurrences made"),
            Err(error) => tracing::warn!(error = format!("{error:#}"), "series job failed; next time"),
        }
    }
}

/// One round: makes every due series' occurrences up to `now + HORIZON`; returns how many
/// posts it made (0 when another process holds the lock). A series that fails is logged and
/// tried again next round; the others go on.
pub async fn run_once(state: &AppState, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let mut lock = state.pool.begin().await?;
    let held = sqlx::query_scalar!(r#"select pg_try_advisory_xact_lock($1) as "held!""#, LOCK)
        .fetch_one(&mut *lock)
        .await?;
    if !held {
        return Ok(0);
    }
    let until = now + HORIZON;
    let mut made = 0;
    for id in series::due(&state.pool, until).await? {
        let mut tx = state.pool.begin().await?;
        let Some(row) = series::lock(&mut tx, None, id).await? else {
            continue;
        };
        match make(&mut tx, state, &row, until, now).await {
            Ok(count) => {
                tx.commit().await?;
                made += count;
            }
            Err(error) => tracing::warn!(series = %id, %error, "could not make the series' posts"),
        }
    }
    lock.commit().await?;
    Ok(made)
}
