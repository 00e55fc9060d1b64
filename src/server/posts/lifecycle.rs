use super::save::stale_or_missing;
use crate::api::error::AppError;
use crate::domain::post::{PostStatus, TargetStatus};
use crate::domain::schedule::{self, IanaZone};
use crate::server::auth::guard::Member;
use crate::server::db::posts;
use crate::server::publish;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
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
    let mut tx = state.pool.begin().await.map_err(AppError::unexpected)?;
    let version = posts::reschedule(&mut tx, member.workspace_id, id, expected_version, resolved.at)
        .await
        .map_err(AppError::unexpected)?;
    let Some(version) = version else {
        return Err(stale_or_missing(state, member, id).await);
    };
    // Tasks pushed for the old time carry the old version and will do nothing.
    publish::queue::schedule_post(&mut tx, id, version, resolved.at)
        .await
        .map_err(AppError::unexpected)?;
    tx.commit().await.map_err(AppError::unexpected)?;
    tracing::info!(%id, version, "post rescheduled");
    Ok((version, resolved.at))
}

pub async fn cancel(state: &AppState, member: &Member, id: Uuid) -> Result<i32, AppError> {
    let mut tx = state.pool.begin().await.map_err(AppError::unexpected)?;
    let version = posts::cancel(&mut tx, member.workspace_id, id)
        .await
        .map_err(AppError::unexpected)?;
    let Some(version) = version else {
        return Err(match posts::find(&state.pool, member.workspace_id, id).await {
            Ok(Some(post)) => AppError::Conflict(format!(
                "Only a scheduled post can be cancelled; this one is {}.",
                post.status.label().to_lowercase()
            )),
            Ok(None) => AppError::NotFound("This post does not exist in this workspace.".into()),
            Err(error) => AppError::unexpected(error),
        });
    };
    tx.commit().await.map_err(AppError::unexpected)?;
    tracing::info!(%id, "post cancelled");
    Ok(version)
}

pub async fn delete(state: &AppState, member: &Member, id: Uuid) -> Result<(), AppError> {
    if posts::delete(&state.pool, member.workspace_id, id)
        .await
        .map_err(AppError::unexpected)?
    {
        tracing::info!(%id, "post deleted");
        return Ok(());
    }
    Err(match posts::find(&state.pool, member.workspace_id, id).await {
        Ok(Some(post)) => AppError::Conflict(format!(
            "A {} post stays on record and cannot be deleted.",
            post.status.label().to_lowercase()
        )),
        Ok(None) => AppError::NotFound("This post does not exist in this workspace.".into()),
        Err(error) => AppError::unexpected(error),
    })
}

/// A new draft with the same text, accounts and images, and no time yet.
pub async fn duplicate(state: &AppState, member: &Member, id: Uuid) -> Result<Uuid, AppError> {
    let pool = &state.pool;
    let post = posts::find(pool, member.workspace_id, id)
        .await
        .map_err(AppError::unexpected)?
        .ok_or_else(|| AppError::NotFound("This post does not exist in this workspace.".into()))?;
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
    tx.commit().await.map_err(AppError::unexpected)?;
    Ok(copy)
}
