//! Claiming targets for a batch of tasks in one transaction: lock their posts (in id order),
//! take every target that is due and current (within its account's rate limit; the others are
//! re-queued for when they may go), hold back those whose account or workspace is paused or
//! whose time was missed, roll up the posts' status, and commit — all before any network is
//! called.
use super::queue::PublishTask;
use super::rate_limit;
use crate::domain::publish::{Event, RateLimit};
use crate::server::config::PublishSettings;
use crate::server::db::claims::{self, Claimed, Held};
use crate::server::db::{post_status, targets};
use chrono::Utc;
use sqlx::{PgConnection, PgPool};
use std::collections::{HashMap, HashSet};
use std::time::Duration;
use uuid::Uuid;

/// What decides whether a due target may go now.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    /// A target due longer ago than this waits for a person.
    pub missed_after: Duration,
    /// Per network (`mastodon`, …).
    pub rate_limits: HashMap<String, RateLimit>,
}

impl Rules {
    pub fn of(settings: &PublishSettings) -> Self {
        Self {
            missed_after: settings.missed_after(),
            rate_limits: settings.rate_limits.clone(),
        }
    }
}

/// One answer per task, in order: the claimed target, or `None` (stale, held, waiting for its
/// account's rate limit, or a repeat of a task earlier in the batch).
pub async fn batch(
    pool: &PgPool,
    worker: &str,
    rules: &Rules,
    tasks: &[PublishTask],
) -> anyhow::Result<Vec<Option<Claimed>>> {
    let missed_after = rules.missed_after;
    let mut seen = HashSet::new();
    let unique: Vec<(Uuid, i32)> = tasks
        .iter()
        .map(|task| (task.target_id, task.version))
        .filter(|pair| seen.insert(*pair))
        .collect();
    let target_ids: Vec<Uuid> = unique.iter().map(|(target, _)| *target).collect();
    let mut tx = pool.begin().await?;
    post_status::lock_of_targets(&mut tx, &target_ids).await?;
    let eligible = claims::eligible(&mut tx, &unique, missed_after).await?;
    let (admitted, deferrals) = rate_limit::apply(&mut tx, &rules.rate_limits, eligible, Utc::now()).await?;
    let claimed = if admitted.is_empty() {
        Vec::new()
    } else {
        claims::claim(&mut tx, &admitted, worker, missed_after).await?
    };
    if !deferrals.is_empty() {
        rate_limit::defer(&mut tx, &deferrals).await?;
    }
    let deferred: HashSet<(Uuid, i32)> = deferrals.iter().map(|d| (d.target_id, d.version)).collect();
    let mut touched: HashSet<Uuid> = claimed.iter().map(|c| c.post_id).collect();
    let mut by_task: HashMap<(Uuid, i32), Claimed> = claimed
        .into_iter()
        .map(|c| ((c.target_id, c.version), c))
        .collect();
    let unclaimed: Vec<(Uuid, i32)> = unique
        .iter()
        .filter(|pair| !by_task.contains_key(*pair) && !deferred.contains(*pair))
        .copied()
        .collect();
    if !unclaimed.is_empty() {
        touched.extend(hold(&mut tx, &unclaimed, missed_after).await?);
    }
    attach_images(&mut tx, &mut by_task).await?;
    let touched: Vec<Uuid> = touched.into_iter().collect();
    post_status::roll_up(&mut tx, &touched).await?;
    tx.commit().await?;
    // A repeated task finds its pair already taken: only the first gets the claim.
    Ok(tasks
        .iter()
        .map(|task| by_task.remove(&(task.target_id, task.version)))
        .collect())
}

/// Marks held targets missed or paused; returns their posts.
async fn hold(
    conn: &mut PgConnection,
    unclaimed: &[(Uuid, i32)],
    missed_after: Duration,
) -> sqlx::Result<Vec<Uuid>> {
    let mut held = Vec::new();
    for (target, why) in claims::why_unclaimed(conn, unclaimed, missed_after).await? {
        let (event, reason) = match why {
            Held::Missed => (
                Event::Missed,
                (
                    "missed",
                    "Its time passed while Herald was not running. Publish it now or reschedule it."
                        .to_owned(),
                ),
            ),
            Held::Paused(reason) => (Event::Pause, ("paused", reason)),
        };
        targets::mark(conn, target, event, None, Some((reason.0, &reason.1))).await?;
        held.push(target);
    }
    if held.is_empty() {
        return Ok(held);
    }
    sqlx::query_scalar!(
        "select distinct post_id from post_targets where id = any($1)",
        &held
    )
    .fetch_all(conn)
    .await
}

async fn attach_images(
    conn: &mut PgConnection,
    claimed: &mut HashMap<(Uuid, i32), Claimed>,
) -> sqlx::Result<()> {
    if claimed.is_empty() {
        return Ok(());
    }
    let posts: Vec<Uuid> = claimed.values().map(|c| c.post_id).collect();
    let images = claims::images(conn, &posts).await?;
    if images.is_empty() {
        return Ok(());
    }
    for target in claimed.values_mut() {
        target.images = images
            .iter()
            .filter(|image| image.post_id == target.post_id)
            .cloned()
            .collect();
    }
    Ok(())
}
