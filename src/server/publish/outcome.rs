//! Recording what an attempt led to: published, a retry later, or failure with a reason.
use super::queue::{self, PublishTask};
use super::worker::Engine;
use crate::domain::publish::{Event, Failure, Next, after_failure};
use crate::server::accounts::redact;
use crate::server::db::{attempts, targets};
use crate::server::metrics::{FAILED, PUBLISH_LATENCY, PUBLISHED, RETRIED};
use crate::server::platforms::{Credentials, NetworkError, Published};
use chrono::Utc;
use rand::Rng;
use sqlx::PgConnection;
use std::time::Duration;

pub async fn record(
    engine: &Engine,
    task: PublishTask,
    claimed: &targets::Claimed,
    result: Result<(Published, Credentials), (NetworkError, Option<Credentials>)>,
) -> anyhow::Result<()> {
    let id = task.target_id;
    let attempt = claimed.attempt;
    let mut tx = engine.state.pool.begin().await?;
    let Some(post_id) = targets::lock_post_of(&mut tx, id).await? else {
        return Ok(());
    };
    match result {
        Ok((published, _)) => {
            let url = published.url.as_deref();
            if !targets::mark_published(&mut tx, id, attempt, &published.remote_id, url).await? {
                tracing::warn!(%id, "published, but the target had moved on meanwhile");
            }
            attempts::finish(&mut tx, id, attempt, "published", None, None).await?;
            tracing::info!(remote_id = %published.remote_id, "published");
            let late = (Utc::now() - claimed.due_at).num_microseconds().unwrap_or(0) as f64 / 1e6;
            metrics::histogram!(PUBLISH_LATENCY, "network" => claimed.platform.clone()).record(late.max(0.0));
            metrics::counter!(PUBLISHED, "network" => claimed.platform.clone()).increment(1);
        }
        Err((error, credentials)) => {
            let reason = match &credentials {
                Some(credentials) => redact(error.to_string(), credentials),
                None => error.to_string(),
            };
            let failure = match &error {
                NetworkError::Unavailable { retry_after, .. } => Failure::Transient {
                    retry_after: *retry_after,
                },
                _ => Failure::Permanent,
            };
            let spread = rand::rng().random_range(-1.0..=1.0);
            let next = after_failure(
                &engine.settings.retry_policy(),
                attempt as u32,
                &failure,
                Utc::now(),
                spread,
            );
            match next {
                Next::RetryAt(at) => {
                    targets::mark_retrying(&mut tx, id, attempt, at, &reason).await?;
                    let version = targets::version_of(&mut tx, post_id).await?;
                    queue::push_for_target(&mut tx, id, version).await?;
                    attempts::finish(&mut tx, id, attempt, "retry", status_of(&error), Some(&reason)).await?;
                    tracing::warn!(%reason, retry_at = %at, "publish failed; will retry");
                    metrics::counter!(RETRIED, "network" => claimed.platform.clone()).increment(1);
                }
                Next::GiveUp => {
                    let kind = kind_of(&error);
                    targets::mark(&mut tx, id, Event::Failed, Some(attempt), Some((kind, &reason))).await?;
                    attempts::finish(&mut tx, id, attempt, "failed", status_of(&error), Some(&reason))
                        .await?;
                    if matches!(error, NetworkError::Unauthorized(_)) {
                        needs_reauth(&mut tx, claimed, &reason).await?;
                    }
                    tracing::warn!(%reason, "publish failed");
                    metrics::counter!(FAILED, "network" => claimed.platform.clone()).increment(1);
                }
            }
        }
    }
    targets::roll_up(&mut tx, post_id).await?;
    tx.commit().await?;
    Ok(())
}

/// A task that could not claim its target: mark it missed or paused when that is why.
pub async fn hold_if_needed(
    conn: &mut PgConnection,
    task: PublishTask,
    window: Duration,
) -> sqlx::Result<()> {
    match targets::why_unclaimed(conn, task.target_id, task.version, window).await? {
        Some(targets::Held::Missed) => {
            let reason = "Its time passed while Herald was not running. Publish it now or reschedule it.";
            targets::mark(
                conn,
                task.target_id,
                Event::Missed,
                None,
                Some(("missed", reason)),
            )
            .await?;
        }
        Some(targets::Held::Paused(reason)) => {
            targets::mark(
                conn,
                task.target_id,
                Event::Pause,
                None,
                Some(("paused", &reason)),
            )
            .await?;
        }
        None => tracing::debug!("stale task: nothing to do"),
    }
    Ok(())
}

/// The network refused the credentials: flag the account and hold its other targets.
async fn needs_reauth(conn: &mut PgConnection, claimed: &targets::Claimed, reason: &str) -> sqlx::Result<()> {
    sqlx::query(
        "update accounts set state = 'needs_reauth', state_reason = $2, updated_at = now()
         where id = $1 and state = 'connected'",
    )
    .bind(claimed.account_id)
    .bind(reason)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "update post_targets set status = 'paused', error_kind = 'paused',
                last_error = 'The account needs to be connected again: ' || $2
         where account_id = $1 and status = any($3)",
    )
    .bind(claimed.account_id)
    .bind(reason)
    .bind(Event::Pause.from_names())
    .execute(conn)
    .await?;
    Ok(())
}

fn kind_of(error: &NetworkError) -> &'static str {
    match error {
        NetworkError::Unauthorized(_) => "unauthorized",
        NetworkError::Rejected { .. } => "rejected",
        NetworkError::Unavailable { .. } => "transient",
        NetworkError::Protocol(_) => "protocol",
    }
}

fn status_of(error: &NetworkError) -> Option<u16> {
    match error {
        NetworkError::Rejected { status, .. } if *status > 0 => Some(*status),
        NetworkError::Unavailable { status, .. } => *status,
        _ => None,
    }
}
