//! Heals what a crash or an outage left behind, one instance at a time (advisory lock):
//! claims whose worker died, due targets with no live task, and posts missed by too much.
use super::engine::Engine;
use super::queue;
use crate::domain::platform::Platform;
use crate::domain::post::TargetStatus;
use crate::domain::publish::Event;
use crate::server::db::{attempts, targets};
use crate::server::platforms;
use std::sync::Arc;

/// An arbitrary constant: the sweeper's advisory lock.
const LOCK: i64 = 0x4845_5241_4c44; // "HERALD"

pub async fn run_every(engine: Arc<Engine>) {
    let mut interval = tokio::time::interval(engine.settings.sweep_interval());
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        interval.tick().await;
        match sweep(&engine).await {
            Ok(report) if report.is_empty() => {}
            Ok(report) => tracing::info!(?report, "sweeper healed targets"),
            Err(error) => tracing::warn!(error = format!("{error:#}"), "sweep failed; next time"),
        }
    }
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub recovered: usize,
    pub unknown: usize,
    pub missed: usize,
    pub requeued: usize,
    /// Finished task rows older than a week, deleted.
    pub purged: usize,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        *self == Report::default()
    }
}

/// One sweep; `None`-like empty report when another process holds the lock.
pub async fn sweep(engine: &Engine) -> anyhow::Result<Report> {
    let mut lock = engine.state.pool.begin().await?;
    let held = sqlx::query_scalar!(r#"select pg_try_advisory_xact_lock($1) as "held!""#, LOCK)
        .fetch_one(&mut *lock)
        .await?;
    if !held {
        return Ok(Report::default());
    }
    let mut report = Report::default();
    recover_dead_claims(engine, &mut report).await?;
    mark_missed(engine, &mut report).await?;
    requeue_orphans(engine, &mut report).await?;
    report.purged = purge_finished_tasks(engine).await?;
    lock.commit().await?;
    Ok(report)
}

/// `publishing` past its lease: its worker is gone. Resend where the network deduplicates;
/// elsewhere a person decides.
async fn recover_dead_claims(engine: &Engine, report: &mut Report) -> anyhow::Result<()> {
    let stale = sqlx::query!(
        r#"select t.id, a.platform as "platform: Platform", t.attempts
           from post_targets t join accounts a on a.id = t.account_id
           where t.status = 'publishing' and t.claimed_at < now() - make_interval(secs => $1)"#,
        engine.settings.lease().as_secs_f64()
    )
    .fetch_all(&engine.state.pool)
    .await?;
    for stale in stale {
        let (id, attempt) = (stale.id, stale.attempts);
        let safe = platforms::network(stale.platform).resend_is_safe();
        let mut tx = engine.state.pool.begin().await?;
        let Some(post_id) = targets::lock_post_of(&mut tx, id).await? else {
            continue;
        };
        let reason = "The worker stopped while publishing.";
        if safe {
            let moved = targets::mark(
                &mut tx,
                id,
                Event::RecoverIdempotent,
                Some(attempt),
                Some(("crashed", reason)),
            )
            .await?;
            if moved {
                sqlx::query!("update post_targets set due_at = now() where id = $1", id)
                    .execute(&mut *tx)
                    .await?;
                let version = targets::version_of(&mut tx, post_id).await?;
                queue::push_for_target(&mut tx, id, version).await?;
                attempts::finish(&mut tx, id, attempt, "retry", None, Some(reason)).await?;
                report.recovered += 1;
            }
        } else {
            let text = "The worker stopped while publishing, so Herald cannot tell whether it went out. \
                        Check the network, then mark it published or publish it again.";
            if targets::mark(
                &mut tx,
                id,
                Event::RecoverUnknown,
                Some(attempt),
                Some(("crashed", text)),
            )
            .await?
            {
                attempts::finish(&mut tx, id, attempt, "unknown", None, Some(reason)).await?;
                report.unknown += 1;
            }
        }
        targets::roll_up(&mut tx, post_id).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Due longer ago than the window: wait for a person rather than go out late.
async fn mark_missed(engine: &Engine, report: &mut Report) -> anyhow::Result<()> {
    let missed = sqlx::query_scalar!(
        "select id from post_targets
         where status = any($1) and due_at < now() - make_interval(secs => $2)",
        Event::Missed.from() as &[TargetStatus],
        engine.settings.missed_after().as_secs_f64()
    )
    .fetch_all(&engine.state.pool)
    .await?;
    for id in missed {
        let mut tx = engine.state.pool.begin().await?;
        let Some(post_id) = targets::lock_post_of(&mut tx, id).await? else {
            continue;
        };
        let reason = "Its time passed while Herald was not running. Publish it now or reschedule it.";
        if targets::mark(&mut tx, id, Event::Missed, None, Some(("missed", reason))).await? {
            report.missed += 1;
        }
        targets::roll_up(&mut tx, post_id).await?;
        tx.commit().await?;
    }
    Ok(())
}

/// Due (past a short grace) with no live task: the task was lost; push another.
async fn requeue_orphans(engine: &Engine, report: &mut Report) -> anyhow::Result<()> {
    let orphans = sqlx::query!(
        "select t.id, p.version from post_targets t join posts p on p.id = t.post_id
         where t.status in ('scheduled', 'retrying') and t.due_at < now() - interval '5 seconds'
           and not exists (
               select 1 from apalis.jobs j where j.id = t.task_id
               and (j.status in ('Pending', 'Queued', 'Running')
                    or (j.status = 'Failed' and j.attempts < j.max_attempts)))"
    )
    .fetch_all(&engine.state.pool)
    .await?;
    for orphan in orphans {
        let mut conn = engine.state.pool.acquire().await?;
        report.requeued += queue::push_for_target(&mut conn, orphan.id, orphan.version).await? as usize;
    }
    Ok(())
}

/// apalis keeps every finished row; the outcome lives in publish_attempts, so a week is plenty.
/// Worker rows go once no task refers to them.
async fn purge_finished_tasks(engine: &Engine) -> anyhow::Result<usize> {
    let purged = sqlx::query!(
        "delete from apalis.jobs where job_type = $1 and status in ('Done', 'Killed', 'Failed')
         and coalesce(done_at, run_at) < now() - interval '7 days'
         and (status <> 'Failed' or attempts >= max_attempts)",
        queue::QUEUE
    )
    .execute(&engine.state.pool)
    .await?;
    sqlx::query!(
        "delete from apalis.workers w where w.last_seen < now() - interval '1 day'
         and not exists (select 1 from apalis.jobs j where j.lock_by = w.id)"
    )
    .execute(&engine.state.pool)
    .await?;
    Ok(purged.rows_affected() as usize)
}
