use super::record::{self, Change};
use super::stored::Stored;
use super::validate;
use crate::api::error::AppError;
use crate::domain::post::{Intent, PostStatus, TargetStatus};
use crate::domain::workflow::{self, Actor, Current};
use crate::server::auth::guard::Member;
use crate::server::db::{media, posts, workspaces};
use crate::server::publish;
use crate::server::review::refused;
use crate::server::state::AppState;
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A composer submission.
pub struct PostInput {
    /// Absent for a new post.
    pub post_id: Option<Uuid>,
    /// The version the composer loaded; a save over a newer version is refused.
    pub expected_version: Option<i32>,
    pub body: String,
    pub targets: Vec<TargetInput>,
    pub media: Vec<MediaInput>,
    pub date: String,
    pub time: String,
    pub timezone: String,
    pub intent: Intent,
}

pub struct TargetInput {
    pub account_id: Uuid,
    /// `None` (or empty) sends the post's text.
    pub body_override: Option<String>,
}

pub struct MediaInput {
    pub media_id: Uuid,
    pub alt_text: String,
}

pub struct Saved {
    pub id: Uuid,
    pub version: i32,
    pub status: PostStatus,
    pub scheduled_at: Option<DateTime<Utc>>,
    /// Said to the person when their time was ambiguous (clocks went back).
    pub note: Option<String>,
}

#[tracing::instrument(skip_all, fields(workspace_id = %member.workspace_id, post_id = ?input.post_id))]
pub async fn save(
    state: &AppState,
    member: &Member,
    mut input: PostInput,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    for target in &mut input.targets {
        target.body_override = target.body_override.take().filter(|text| !text.trim().is_empty());
    }
    validate::body(&input)?;
    let when = validate::when(&input, now)?;
    let account_ids: Vec<Uuid> = input.targets.iter().map(|t| t.account_id).collect();
    let accounts = posts::target_accounts(&state.pool, member.workspace_id, &account_ids)
        .await
        .map_err(AppError::unexpected)?;
    validate::targets(&input, &accounts)?;
    let media_ids: Vec<Uuid> = input.media.iter().map(|m| m.media_id).collect();
    let owned = media::count_owned(&state.pool, member.workspace_id, &media_ids)
        .await
        .map_err(AppError::unexpected)?;
    if owned != media_ids.len() as i64 {
        return Err(AppError::NotFound(
            "Images: one of the images is not in this workspace.".into(),
        ));
    }

    let policy = workspaces::policy(&state.pool, member.workspace_id)
        .await
        .map_err(AppError::unexpected)?;
    let mut tx = state.pool.begin().await.map_err(AppError::unexpected)?;
    let before = match input.post_id {
        None => None,
        Some(id) => {
            let expected = input
                .expected_version
                .ok_or_else(|| AppError::bad_request("The post's version is missing; reload the page."))?;
            let post = posts::find_for_update(&mut tx, member.workspace_id, id)
                .await
                .map_err(AppError::unexpected)?;
            let Some(post) = post.filter(|post| post.version == expected) else {
                drop(tx);
                return Err(stale_or_missing(state, member, id).await);
            };
            let stored = Stored::load(&mut tx, id).await.map_err(AppError::unexpected)?;
            Some((post, stored))
        }
    };
    let content_changed = before
        .as_ref()
        .is_none_or(|(post, stored)| stored.differs(post, &input));
    let actor = Actor {
        role: member.role,
        is_author: before
            .as_ref()
            .is_none_or(|(post, _)| post.author_id == Some(member.user_id)),
    };
    let current = before.as_ref().map(|(post, _)| Current {
        status: post.status,
        approved: post.approved_at.is_some(),
    });
    let status = workflow::save(current, input.intent, actor, policy, content_changed).map_err(refused)?;

    let fields = posts::PostFields {
        body: &input.body,
        status,
        scheduled_at: when.at,
        timezone: when.zone.name(),
    };
    let (id, version) = match &before {
        None => (
            posts::insert(&mut tx, member.workspace_id, member.user_id, &fields)
                .await
                .map_err(AppError::unexpected)?,
            1,
        ),
        Some((post, _)) => {
            let version = posts::update(&mut tx, member.workspace_id, post.id, post.version, &fields)
                .await
                .map_err(AppError::unexpected)?;
            match version {
                Some(version) => (post.id, version),
                None => {
                    drop(tx);
                    return Err(stale_or_missing(state, member, post.id).await);
                }
            }
        }
    };
    let targets: Vec<posts::TargetFields> = input
        .targets
        .iter()
        .map(|t| posts::TargetFields {
            account_id: t.account_id,
            body_override: t.body_override.as_deref(),
        })
        .collect();
    posts::replace_targets(&mut tx, id, TargetStatus::for_post(status), &targets)
        .await
        .map_err(AppError::unexpected)?;
    let media: Vec<posts::MediaFields> = input
        .media
        .iter()
        .map(|m| posts::MediaFields {
            media_id: m.media_id,
            alt_text: m.alt_text.trim(),
        })
        .collect();
    posts::replace_media(&mut tx, id, &media)
        .await
        .map_err(AppError::unexpected)?;
    if content_changed && current.is_some_and(|c| c.approved) {
        // What was approved is not what would go out any more.
        posts::set_approval(&mut tx, id, None)
            .await
            .map_err(AppError::unexpected)?;
    }
    if let (PostStatus::Scheduled, Some(at)) = (status, when.at) {
        publish::queue::schedule_post(&mut tx, id, version, at)
            .await
            .map_err(AppError::unexpected)?;
    }
    let change = Change {
        id,
        version,
        before: current.map(|c| c.status),
        after: status,
        content_changed,
        old_time: before.as_ref().and_then(|(post, _)| post.scheduled_at),
        new_time: when.at,
        body: &input.body,
    };
    record::saved(&mut tx, member, &change)
        .await
        .map_err(AppError::unexpected)?;
    tx.commit().await.map_err(AppError::unexpected)?;
    tracing::info!(%id, version, status = status.as_str(), "post saved");
    Ok(Saved {
        id,
        version,
        status,
        scheduled_at: when.at,
        note: when.resolved.and_then(|r| r.note()),
    })
}

/// Why an update matched nothing: gone, not editable any more, or edited by someone else.
pub async fn stale_or_missing(state: &AppState, member: &Member, id: Uuid) -> AppError {
    match posts::find(&state.pool, member.workspace_id, id).await {
        Err(error) => AppError::unexpected(error),
        Ok(None) => AppError::NotFound(
            "This post does not exist in this workspace (it may have been deleted).".into(),
        ),
        Ok(Some(post)) if !post.status.is_editable() => AppError::Conflict(format!(
            "This post is {} and can no longer be changed.",
            post.status.label().to_lowercase()
        )),
        Ok(Some(_)) => AppError::Conflict(
            "This post was changed by someone else since you opened it. Reload it to see their changes."
                .into(),
        ),
    }
}
