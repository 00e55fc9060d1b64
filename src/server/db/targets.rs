//! post_targets as the publishing engine moves them. Every UPDATE takes its "from" states from
//! the domain's state machine (`Event::from`), and locks the post first (then targets),
//! so concurrent outcomes of one post serialise and never deadlock.
use crate::domain::post::TargetStatus;
use crate::domain::publish::Event;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// Locks the target's post; `None` when the target is gone (the post was edited or deleted).
pub async fn lock_post_of(conn: &mut PgConnection, target_id: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select p.id from posts p join post_targets t on t.post_id = p.id where t.id = $1 for update of p",
        target_id
    )
    .fetch_optional(conn)
    .await
}

/// Moves a target by `event` with a reason (or none); `attempt` guards outcomes of one attempt.
pub async fn mark(
    conn: &mut PgConnection,
    target_id: Uuid,
    event: Event,
    attempt: Option<i32>,
    reason: Option<(&str, &str)>,
) -> sqlx::Result<bool> {
    let (kind, text) = reason.unzip();
    let done = sqlx::query!(
        "update post_targets set status = $2, error_kind = $4, last_error = $5, claimed_at = null
         where id = $1 and status = any($3) and ($6::int is null or attempts = $6)",
        target_id,
        event.to() as TargetStatus,
        event.from() as &[TargetStatus],
        kind,
        text,
        attempt
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_retrying(
    conn: &mut PgConnection,
    target_id: Uuid,
    attempt: i32,
    at: DateTime<Utc>,
    reason: (&str, &str),
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update post_targets set status = 'retrying', due_at = $3, claimed_at = null,
                error_kind = $4, last_error = $5
         where id = $1 and status = any($6) and attempts = $2",
        target_id,
        attempt,
        at,
        reason.0,
        reason.1,
        Event::WillRetry.from() as &[TargetStatus]
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Keeps a claim alive while a slow publish is under way.
pub async fn extend_claim(conn: &mut PgConnection, target_id: Uuid, worker: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update post_targets set claimed_at = now() where id = $1 and status = 'publishing' and claimed_by = $2",
        target_id,
        worker
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Sets the post's status from its targets'. The caller holds the post's lock.
pub async fn roll_up(conn: &mut PgConnection, post_id: Uuid) -> sqlx::Result<()> {
    super::post_status::roll_up(conn, &[post_id]).await
}

pub async fn version_of(conn: &mut PgConnection, post_id: Uuid) -> sqlx::Result<i32> {
    sqlx::query_scalar!("select version from posts where id = $1", post_id)
        .fetch_one(conn)
        .await
}
