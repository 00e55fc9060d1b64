use super::audit_trail::{self, Change};
use super::content::{self, Content};
use super::lock::{lock, missing};
use crate::domain::plan::Placement;
use crate::domain::post::{PostStatus, TargetStatus};
use crate::domain::workflow::{self, Actor};
use crate::error::AppError;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::{posts, series};
use crate::server::state::AppState;
use anyhow::Context;
use serde_json::json;
use uuid::Uuid;

pub async fn cancel(state: &AppState, member: &Member, id: Uuid) -> Result<i32, AppError> {
    let (mut tx, post) = lock(&state.pool, member.workspace_id, id).await?;
    let version = posts::cancel(&mut tx, member.workspace_id, id)
        .await
        .context("cancelling the post")?;
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
    .context("recording the cancellation")?;
    tx.commit().await.context("committing the cancellation")?;
    tracing::info!(%id, "post cancelled");
    Ok(version)
}

pub async fn delete(state: &AppState, member: &Member, id: Uuid) -> Result<(), AppError> {
    let (mut tx, post) = lock(&state.pool, member.workspace_id, id).await?;
    let actor = Actor {
        role: member.role,
        is_author: post.author_id == Some(member.user_id),
    };
    workflow::delete(post.status, actor).map_err(|refusal| match refusal {
        workflow::Refusal::NotEditable(status) => AppError::Conflict(format!(
            "A {} post stays on record and cannot be deleted.",
            status.label().to_lowercase()
        )),
        other => AppError::from(other),
    })?;
    // A series' occurrence deleted is a date skipped: editing the series does not bring it back.
    series::skip_occurrence_of(&mut tx, id)
        .await
        .context("skipping the series' date")?;
    posts::delete(&mut *tx, member.workspace_id, id)
        .await
        .context("deleting the post")?;
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
    .context("recording the deletion")?;
    tx.commit().await.context("committing the deletion")?;
    tracing::info!(%id, "post deleted");
    Ok(())
}

/// A new draft with the same text, accounts and images, and no time yet.
pub async fn duplicate(state: &AppState, member: &Member, id: Uuid) -> Result<Uuid, AppError> {
    let pool = &state.pool;
    let post = posts::find(pool, member.workspace_id, id)
        .await
        .context("loading the post to duplicate")?
        .ok_or_else(missing)?;
    let mut tx = pool.begin().await.context("starting the copy")?;
    let Content { targets, media } = content::read(&mut tx, id)
        .await
        .context("loading the accounts and images to copy")?;
    let fields = posts::PostFields {
        body: &post.body,
        status: PostStatus::Draft,
        scheduled_at: None,
        timezone: &post.timezone,
        placement: Placement::Manual,
    };
    let copy = posts::insert(&mut tx, member.workspace_id, member.user_id, &fields)
        .await
        .context("inserting the copy")?;
    let target_fields: Vec<posts::TargetFields> = targets
        .iter()
        .map(|t| posts::TargetFields {
            account_id: t.account_id,
            body_override: t.body_override.as_deref(),
        })
        .collect();
    posts::replace_targets(&mut tx, copy, TargetStatus::Draft, &target_fields)
        .await
        .context("writing the copy's targets")?;
    let media_fields: Vec<posts::MediaFields> = media
        .iter()
        .map(|m| posts::MediaFields {
            media_id: m.media_id,
            alt_text: &m.alt_text,
        })
        .collect();
    posts::replace_media(&mut tx, copy, &media_fields)
        .await
        .context("writing the copy's images")?;
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
    audit_trail::saved(&mut tx, member, &change)
        .await
        .context("recording the copy")?;
    tx.commit().await.context("committing the copy")?;
    Ok(copy)
}
