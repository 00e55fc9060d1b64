use super::record::{self, Change};
use super::save::stale_or_missing;
use crate::api::error::AppError;
use crate::domain::post::{PostStatus, TargetStatus};
use crate::domain::schedule::{self, IanaZone};
use crate::domain::workflow::{self, Actor};
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::{posts, workspaces};
use crate::server::publish;
use crate::server::review::refused;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgTransaction;
use uuid::Uuid;

/// Moves a post to a new wall-clock time given in `zone` (the zone the calendar shows); the
/// post keeps its own zone. Returns the new version and instant.
pub async fn reschedule(
    state: &AppState,
    member: &Member,
    id: Uuid,
    expected_version: i32,
    (date, time, zone): (&str, &str, &str),
    now: DateTime<Utc>,
) -> Result<(i32, DateTime<Utc>), AppError> {
    let zone = IanaZone::parse(zone).map_err(|e| AppError::BadRequest(format!("Time zone: {e}")))?;
    let local =
        schedule::parse_local(date, time).map_err(|e| AppError::BadRequest(format!("Date and time: {e}")))?;
    let resolved =
        schedule::resolve(local, &zone).map_err(|e| AppError::BadRequest(format!("Date and time: {e}")))?;
    schedule::ensure_future(resolved.at, now)
        .map_err(|e| AppError::BadRequest(format!("Date and time: {e}")))?;
    let policy = workspaces::policy(&state.pool, member.workspace_id)
        .await
        .map_err(AppError::unexpected)?;
    let mut tx = state.pool.begin().await.map_err(AppError::unexpected)?;
    let post = posts::find_for_update(&mut tx, member.workspace_id, id)
        .await
        .map_err(AppError::unexpected)?;
    let Some(post) = post.filter(|post| post.version == expected_version) else {
        drop(tx);
        return Err(stale_or_missing(state, member, id).await);
    };
    let actor = Actor {
        role: member.role,
        is_author: post.author_id == Some(member.user_id),
    };
    let status = workflow::reschedule(post.status, actor, policy).map_err(refused)?;
    let version = posts::reschedule(
        &mut tx,
        member.workspace_id,
        id,
        expected_version,
        resolved.at,
        status,
    )
    .await
    .map_err(AppError::unexpected)?;
    let Some(version) = version else {
        drop(tx);
        return Err(stale_or_missing(state, member, id).await);
    };
    match (post.status, status) {
        (PostStatus::Approved, PostStatus::Scheduled) => {
            posts::set_target_statuses(&mut tx, id, TargetStatus::Scheduled)
                .await
                .map_err(AppError::unexpected)?;
        }
        // Back to review: new target rows, so tasks pushed for them find nothing.
        (_, PostStatus::InReview) if post.status != PostStatus::InReview => {
            renew_targets(&mut tx, id, TargetStatus::Draft)
                .await
                .map_err(AppError::unexpected)?;
        }
        _ => {}
    }
    if status == PostStatus::Scheduled {
        // Tasks pushed for the old time carry the old version and will do nothing.
        publish::queue::schedule_post(&mut tx, id, version, resolved.at)
            .await
            .map_err(AppError::unexpected)?;
    }
    let change = Change {
        id,
        version,
        before: Some(post.status),
        after: status,
        content_changed: false,
        old_time: post.scheduled_at,
        new_time: Some(resolved.at),
        body: &post.body,
    };
    record::saved(&mut tx, member, &change)
        .await
        .map_err(AppError::unexpected)?;
    tx.commit().await.map_err(AppError::unexpected)?;
    tracing::info!(%id, version, "post rescheduled");
    Ok((version, resolved.at))
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

pub async fn cancel(state: &AppState, member: &Member, id: Uuid) -> Result<i32, AppError> {
    let mut tx = state.pool.begin().await.map_err(AppError::unexpected)?;
    let post = posts::find_for_update(&mut tx, member.workspace_id, id)
        .await
        .map_err(AppError::unexpected)?
        .ok_or_else(missing)?;
    let version = posts::cancel(&mut tx, member.workspace_id, id)
        .await
        .map_err(AppError::unexpected)?;
    let Some(version) = version else {
        return Err(AppError::Conflict(format!(
            "Only a scheduled post can be cancelled; this one is {}.",
            post.status.label().to_lowercase()
        )));
    };
    let summary = format!("Cancelled “{}”", audit::excerpt(&post.body));
    audit::post(
        &mut *tx,
        member,
        "post.cancelled",
        id,
        summary,
        json!({"version": version}),
    )
    .await
    .map_err(AppError::unexpected)?;
    tx.commit().await.map_err(AppError::unexpected)?;
    tracing::info!(%id, "post cancelled");
    Ok(version)
}

pub async fn delete(state: &AppState, member: &Member, id: Uuid) -> Result<(), AppError> {
    let mut tx = state.pool.begin().await.map_err(AppError::unexpected)?;
    let post = posts::find_for_update(&mut tx, member.workspace_id, id)
        .await
        .map_err(AppError::unexpected)?
        .ok_or_else(missing)?;
    let actor = Actor {
        role: member.role,
        is_author: post.author_id == Some(member.user_id),
    };
    workflow::delete(post.status, actor).map_err(|refusal| match refusal {
        workflow::Refusal::NotEditable(status) => AppError::Conflict(format!(
            "A {} post stays on record and cannot be deleted.",
            status.label().to_lowercase()
        )),
        other => refused(other),
    })?;
    posts::delete(&mut *tx, member.workspace_id, id)
        .await
        .map_err(AppError::unexpected)?;
    let summary = format!("Deleted “{}”", audit::excerpt(&post.body));
    audit::post(
        &mut *tx,
        member,
        "post.deleted",
        id,
        summary,
        json!({"status": post.status.as_str()}),
    )
    .await
    .map_err(AppError::unexpected)?;
    tx.commit().await.map_err(AppError::unexpected)?;
    tracing::info!(%id, "post deleted");
    Ok(())
}

/// A new draft with the same text, accounts and images, and no time yet.
pub async fn duplicate(state: &AppState, member: &Member, id: Uuid) -> Result<Uuid, AppError> {
    let pool = &state.pool;
    let post = posts::find(pool, member.workspace_id, id)
        .await
        .map_err(AppError::unexpected)?
        .ok_or_else(missing)?;
    let targets = posts::targets(pool, id).await.map_err(AppError::unexpected)?;
    let media = posts::media(pool, id).await.map_err(AppError::unexpected)?;
    let mut tx = pool.begin().await.map_err(AppError::unexpected)?;
    let fields = posts::PostFields {
        body: &post.body,
        status: PostStatus::Draft,
        scheduled_at: None,
        timezone: &post.timezone,
    };
    let copy = posts::insert(&mut tx, member.workspace_id, member.user_id, &fields)
        .await
        .map_err(AppError::unexpected)?;
    let target_fields: Vec<posts::TargetFields> = targets
        .iter()
        .map(|t| posts::TargetFields {
            account_id: t.account_id,
            body_override: t.body_override.as_deref(),
        })
        .collect();
    posts::replace_targets(&mut tx, copy, TargetStatus::Draft, &target_fields)
        .await
        .map_err(AppError::unexpected)?;
    let media_fields: Vec<posts::MediaFields> = media
        .iter()
        .map(|m| posts::MediaFields {
            media_id: m.media_id,
            alt_text: &m.alt_text,
        })
        .collect();
    posts::replace_media(&mut tx, copy, &media_fields)
        .await
        .map_err(AppError::unexpected)?;
    let change = Change {
        id: copy,
        version: 1,
        before: None,
        after: PostStatus::Draft,
        content_changed: true,
        old_time: None,
        new_time: None,
        body: &post.body,
    };
    record::saved(&mut tx, member, &change)
        .await
        .map_err(AppError::unexpected)?;
    tx.commit().await.map_err(AppError::unexpected)?;
    Ok(copy)
}

fn missing() -> AppError {
    AppError::NotFound("This post does not exist in this workspace.".into())
}
