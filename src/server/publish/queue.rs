//! Pushing publish tasks into apalis' table, inside the caller's transaction.
//!
//! We insert rows ourselves rather than through apalis' `push_tasks`: that one rounds `run_at`
//! down to whole seconds (posts would go out up to a second early), and we want the task id
//! on the target in the same statement so the sweeper can see a live task without parsing
//! payloads.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use uuid::Uuid;

/// apalis' `job_type` for our tasks.
pub const QUEUE: &str = "herald::publish";

/// apalis retries a task whose handler errs at once, with no backoff; our handler errs only
/// when the database is unreachable, and the sweeper heals after that.
pub const TASK_ATTEMPTS: i32 = 3;

/// What a task carries: the target, and the post version it was pushed for. A task whose
/// version is no longer the post's (edited, rescheduled, cancelled) does nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishTask {
    pub target_id: Uuid,
    pub version: i32,
}

/// Sets the post's scheduled targets due at `at` and pushes one task each. Called in the
/// transaction that schedules, reschedules or edits the post (whose version it carries).
pub async fn schedule_post(
    conn: &mut PgConnection,
    post_id: Uuid,
    version: i32,
    at: DateTime<Utc>,
) -> sqlx::Result<u64> {
    let targets = sqlx::query_scalar!(
        "update post_targets set due_at = $2 where post_id = $1 and status = 'scheduled' returning id",
        post_id,
        at
    )
    .fetch_all(&mut *conn)
    .await?;
    let tasks: Vec<(Uuid, i32)> = targets.into_iter().map(|target| (target, version)).collect();
    push_for_targets(conn, &tasks).await
}

/// One task for a single target (a retry, a recovery, a healed or resumed target).
pub async fn push_for_target(conn: &mut PgConnection, target_id: Uuid, version: i32) -> sqlx::Result<u64> {
    push_for_targets(conn, &[(target_id, version)]).await
}

/// One task each for these (target, version) pairs that are still waiting to go, at each
/// target's time. Each takes its workspace's next turn in the minute it is due (see
/// migrations/*_fair_publish_turns.sql): apalis fetches by priority first, so a workspace's
/// thousandth task of a minute waits for every other workspace's first.
pub async fn push_for_targets(conn: &mut PgConnection, tasks: &[(Uuid, i32)]) -> sqlx::Result<u64> {
    if tasks.is_empty() {
        return Ok(0);
    }
    let (targets, versions): (Vec<Uuid>, Vec<i32>) = tasks.iter().copied().unzip();
    // The payload is what apalis' JSON codec reads back into `PublishTask`.
    let done = sqlx::query!(
        "with req as (select * from unnest($1::uuid[], $2::int[]) as r(target_id, version)),
         due as (
             select t.id, t.due_at, req.version, p.workspace_id,
                    date_trunc('minute', t.due_at) as minute,
                    row_number() over turn as nth,
                    count(*) over (partition by p.workspace_id, date_trunc('minute', t.due_at)) as in_minute
             from req
             join post_targets t on t.id = req.target_id
             join posts p on p.id = t.post_id
             where t.status in ('scheduled', 'retrying') and t.due_at is not null
             window turn as (partition by p.workspace_id, date_trunc('minute', t.due_at) order by t.due_at, t.id)
         ),
         turns as (
             insert into publish_turns (workspace_id, minute, taken)
             select workspace_id, minute, count(*) from due group by workspace_id, minute
             on conflict (workspace_id, minute) do update set taken = publish_turns.taken + excluded.taken
             returning workspace_id, minute, taken
         ),
         jobs as (
             insert into apalis.jobs (id, job_type, job, status, attempts, max_attempts, run_at, priority)
             select apalis.generate_ulid(), $3,
                    convert_to(json_build_object('target_id', due.id, 'version', due.version)::text, 'UTF8'),
                    'Pending', 0, $4, due.due_at,
                    -(floor(extract(epoch from due.due_at - timestamptz '2020-01-01 00:00:00+00'))::bigint
                      + turns.taken - due.in_minute + due.nth - 1)::int
             from due join turns using (workspace_id, minute)
             returning id, job
         )
         update post_targets t set task_id = jobs.id
         from jobs
         where t.id = (convert_from(jobs.job, 'UTF8')::jsonb ->> 'target_id')::uuid",
        &targets,
        &versions,
        QUEUE,
        TASK_ATTEMPTS
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
