//! Moving a post to another time: the calendar's drag, or the queue moving its own posts along.
use super::audit_trail::{self, Change};
use super::lock::lock_in;
use crate::domain::plan::Placement;
use crate::domain::post::{PostStatus, TargetStatus};
use crate::domain::schedule::{self, IanaZone};
use crate::domain::workflow::{self, Actor, Policy};
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::{posts, workspaces};
use crate::server::publish;
use crate::server::state::AppState;
use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::PgTransaction;
use uuid::Uuid;

/// Moves a post to a new wall-clock time given in `zone` (the zone the calendar shows); the
/// post keeps its own zone and becomes placed by hand. Returns the new version and instant.
pub async fn reschedule(
    state: &AppState,
    member: &Member,
    (id, expected_version): (Uuid, i32),
    (date, time, zone): (&str, &str, &str),
    now: DateTime<Utc>,
) -> Result<(i32, DateTime<Utc>), AppError> {
    let field = |e: &dyn std::fmt::Display| AppError::BadRequest(format!("Date and time: {e}"));
    let zone = IanaZone::parse(zone).map_err(|e| AppError::BadRequest(format!("Time zone: {e}")))?;
    let local = schedule::parse_local(date, time).map_err(|e| field(&e))?;
    let resolved = schedule::resolve(local, &zone).map_err(|e| field(&e))?;
    schedule::ensure_future(resolved.at, now).map_err(|e| field(&e))?;
    let policy = workspaces::policy(&state.pool, member.workspace_id)
        .await
        .context("loading the workspace's approval policy")?;
    let mut tx = state.pool.begin().await.context("starting the move")?;
    let version = move_in(
        &mut tx,
        member,
        (id, expected_version),
        resolved.at,
        Placement::Manual,
        policy,
    )
    .await?;
    tx.commit().await.context("committing the new time")?;
    tracing::info!(%id, version, "post rescheduled");
    Ok((version, resolved.at))
}

/// The move itself, in the caller's transaction; returns the new version.
pub async fn move_in(
    tx: &mut PgTransaction<'_>,
    member: &Member,
    (id, expected_version): (Uuid, i32),
    at: DateTime<Utc>,
    placement: Placement,
    policy: Policy,
) -> Result<i32, AppError> {
    let post = lock_in(tx, member.workspace_id, id, expected_version).await?;
    let actor = Actor {
        role: member.role,
        is_author: post.author_id == Some(member.user_id),
    };
    let status = workflow::reschedule(post.status, actor, policy).map_err(AppError::from)?;
    let version = posts::reschedule(
        tx,
        member.workspace_id,
        id,
        expected_version,
        at,
        status,
        placement,
    )
    .await
    .context("moving the post to its new time")?
    .ok_or_else(|| super::lock::changed(&post))?;
    match (post.status, status) {
        (PostStatus::Approved, PostStatus::Scheduled) => {
            posts::set_target_statuses(tx, id, TargetStatus::Scheduled)
                .await
                .context("scheduling the post's targets")?;
        }
        // Back to review: new target rows, so tasks pushed for them find nothing.
        (_, PostStatus::InReview) if post.status != PostStatus::InReview => {
            renew_targets(tx, id, TargetStatus::Draft)
                .await
                .context("renewing the post's targets for review")?;
        }
        _ => {}
    }
    if status == PostStatus::Scheduled {
        // Tasks pushed for the old time carry the old version and will do nothing.
        publish::queue::schedule_post(tx, id, version, at)
            .await
            .context("queueing the post at its new time")?;
    }
    let change = Change {
        id,
        version,
        before: Some(post.status),
        after: status,
        content_changed: false,
        old_time: post.scheduled_at,
        new_time: Some(at),
        body: &post.body,
    };
    audit_trail::saved(tx, member, &change)
        .await
        .context("recording the new time")?;
    Ok(version)
}

async fn renew_targets(tx: &mut PgTransaction<'_>, id: Uuid, status: TargetStatus) -> sqlx::Result<()> {
    let targets = posts::targets(&mut **tx, id).await?;
    let fields: Vec<posts::TargetFields> = targets
        .iter()
        .map(|t| posts::TargetFields {
            account_id: t.account_id,
            body_override: t.body_override.as_deref(),
        })
        .collect();
    posts::replace_targets(tx, id, status, &fields).await
}
