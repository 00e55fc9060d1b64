//! post_targets as the publishing engine moves them. Every UPDATE takes its "from" states from
//! the domain's state machine (`Event::from_names`), and locks the post first (then targets),
//! so concurrent outcomes of one post serialise and never deadlock.
use crate::domain::post::TargetStatus;
use crate::domain::publish::{Event, post_status};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use std::time::Duration;
use uuid::Uuid;

/// A target a worker now owns, with what it needs to publish it.
#[derive(Debug, sqlx::FromRow)]
pub struct Claimed {
    pub post_id: Uuid,
    pub attempt: i32,
    pub account_id: Uuid,
    pub platform: String,
    pub credentials: Vec<u8>,
    pub text: String,
    pub due_at: DateTime<Utc>,
}

/// Locks the target's post; `None` when the target is gone (the post was edited or deleted).
pub async fn lock_post_of(conn: &mut PgConnection, target_id: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "select p.id from posts p join post_targets t on t.post_id = p.id where t.id = $1 for update of p",
    )
    .bind(target_id)
    .fetch_optional(conn)
    .await
}

/// Takes the target if it is due, its task is current, and nothing holds it back.
pub async fn claim(
    conn: &mut PgConnection,
    target_id: Uuid,
    version: i32,
    worker: &str,
    missed_after: Duration,
) -> sqlx::Result<Option<Claimed>> {
    sqlx::query_as(
        "update post_targets t
         set status = 'publishing', attempts = t.attempts + 1, claimed_at = now(), claimed_by = $3,
             last_error = null, error_kind = null
         from posts p, accounts a, workspaces w
         where t.id = $1 and p.id = t.post_id and p.version = $2 and t.status = any($4)
           and t.due_at <= now() and t.due_at > now() - make_interval(secs => $5)
           and a.id = t.account_id and a.state = 'connected'
           and w.id = p.workspace_id and not w.publishing_paused
         returning t.post_id, t.attempts as attempt, t.account_id, a.platform,
                   a.credentials, coalesce(nullif(t.body_override, ''), p.body) as text, t.due_at",
    )
    .bind(target_id)
    .bind(version)
    .bind(worker)
    .bind(Event::Claim.from_names())
    .bind(missed_after.as_secs_f64())
    .fetch_optional(conn)
    .await
}

/// Why a current task could not claim its target, if it is not simply stale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Held {
    Missed,
    Paused(String),
}

pub async fn why_unclaimed(
    conn: &mut PgConnection,
    target_id: Uuid,
    version: i32,
    missed_after: Duration,
) -> sqlx::Result<Option<Held>> {
    let row: Option<(bool, String, Option<String>, bool, String)> = sqlx::query_as(
        "select t.due_at <= now() - make_interval(secs => $3), a.state, a.state_reason,
                w.publishing_paused, a.display_name
         from post_targets t join posts p on p.id = t.post_id
         join accounts a on a.id = t.account_id join workspaces w on w.id = p.workspace_id
         where t.id = $1 and p.version = $2 and t.status = any($4) and t.due_at <= now()",
    )
    .bind(target_id)
    .bind(version)
    .bind(missed_after.as_secs_f64())
    .bind(Event::Claim.from_names())
    .fetch_optional(conn)
    .await?;
    Ok(row.and_then(|(missed, state, reason, workspace_paused, name)| {
        if workspace_paused {
            Some(Held::Paused("Publishing is paused for this workspace.".into()))
        } else if state == "needs_reauth" {
            Some(Held::Paused(format!(
                "{name} needs to be connected again{}.",
                reason.map(|r| format!(" ({r})")).unwrap_or_default()
            )))
        } else if state == "paused" {
            Some(Held::Paused(format!("{name} is paused.")))
        } else if missed {
            Some(Held::Missed)
        } else {
            None
        }
    }))
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
    let done = sqlx::query(
        "update post_targets set status = $2, error_kind = $4, last_error = $5, claimed_at = null
         where id = $1 and status = any($3) and ($6::int is null or attempts = $6)",
    )
    .bind(target_id)
    .bind(event.to().as_str())
    .bind(event.from_names())
    .bind(kind)
    .bind(text)
    .bind(attempt)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_published(
    conn: &mut PgConnection,
    target_id: Uuid,
    attempt: i32,
    remote_id: &str,
    remote_url: Option<&str>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update post_targets set status = 'published', remote_id = $3, remote_url = $4,
                published_at = now(), claimed_at = null, last_error = null, error_kind = null
         where id = $1 and status = any($5) and attempts = $2",
    )
    .bind(target_id)
    .bind(attempt)
    .bind(remote_id)
    .bind(remote_url)
    .bind(Event::Published.from_names())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_retrying(
    conn: &mut PgConnection,
    target_id: Uuid,
    attempt: i32,
    at: DateTime<Utc>,
    reason: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update post_targets set status = 'retrying', due_at = $3, claimed_at = null,
                error_kind = 'transient', last_error = $4
         where id = $1 and status = any($5) and attempts = $2",
    )
    .bind(target_id)
    .bind(attempt)
    .bind(at)
    .bind(reason)
    .bind(Event::WillRetry.from_names())
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Keeps a claim alive while a slow publish is under way.
pub async fn extend_claim(conn: &mut PgConnection, target_id: Uuid, worker: &str) -> sqlx::Result<()> {
    sqlx::query("update post_targets set claimed_at = now() where id = $1 and status = 'publishing' and claimed_by = $2")
        .bind(target_id)
        .bind(worker)
        .execute(conn)
        .await?;
    Ok(())
}

/// Sets the post's status from its targets'. The caller holds the post's lock.
pub async fn roll_up(conn: &mut PgConnection, post_id: Uuid) -> sqlx::Result<()> {
    let statuses: Vec<String> = sqlx::query_scalar("select status from post_targets where post_id = $1")
        .bind(post_id)
        .fetch_all(&mut *conn)
        .await?;
    let statuses: Vec<TargetStatus> = statuses.iter().filter_map(|s| s.parse().ok()).collect();
    let status = post_status(&statuses);
    sqlx::query("update posts set status = $2, updated_at = now() where id = $1 and status <> $2")
        .bind(post_id)
        .bind(status.as_str())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn version_of(conn: &mut PgConnection, post_id: Uuid) -> sqlx::Result<i32> {
    sqlx::query_scalar("select version from posts where id = $1")
        .bind(post_id)
        .fetch_one(conn)
        .await
}
