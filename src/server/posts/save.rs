//! Saving the composer: validate, lock the post, write it, queue it, record it — one
//! transaction, which bumps the post's version.
use super::audit_trail::{self, Change};
use super::input::PostInput;
use super::lock::{changed, lock_in, missing};
use super::stored::Stored;
use super::validate::{self, When};
use crate::domain::plan::Placement;
use crate::domain::post::{PostStatus, TargetStatus};
use crate::domain::workflow::{self, Actor, Current, Policy};
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::posts::{self, PostRow};
use crate::server::db::workspaces;
use crate::server::publish;
use crate::server::state::AppState;
use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::PgTransaction;
use uuid::Uuid;

pub struct Saved {
    pub id: Uuid,
    pub version: i32,
    pub status: PostStatus,
    pub scheduled_at: Option<DateTime<Utc>>,
    /// Said to the person when their time was ambiguous (clocks went back).
    pub note: Option<String>,
}

/// The post as it was before this save (none for a new post).
struct Before {
    post: PostRow,
    content_changed: bool,
}

#[tracing::instrument(skip_all, fields(workspace_id = %member.workspace_id, post_id = ?input.post_id))]
pub async fn save(
    state: &AppState,
    member: &Member,
    mut input: PostInput,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    input.drop_empty_overrides();
    let when = validate::submission(&state.pool, member, &input, now).await?;
    let policy = workspaces::policy(&state.pool, member.workspace_id)
        .await
        .context("loading the workspace's approval policy")?;
    let mut tx = state.pool.begin().await.context("starting the save")?;
    let saved = save_in(&mut tx, member, &input, when, policy).await?;
    tx.commit().await.context("committing the save")?;
    tracing::info!(id = %saved.id, version = saved.version, status = saved.status.as_str(), "post saved");
    Ok(saved)
}

/// The save itself, in the caller's transaction, for a submission already checked
/// (`validate::content` and a `When`). The queue saves this way under its account locks.
pub async fn save_in(
    tx: &mut PgTransaction<'_>,
    member: &Member,
    input: &PostInput,
    when: When,
    policy: Policy,
) -> Result<Saved, AppError> {
    let before = lock(tx, member, input).await?;
    let current = before.as_ref().map(|b| Current {
        status: b.post.status,
        approved: b.post.approved_at.is_some(),
    });
    let content_changed = before.as_ref().is_none_or(|b| b.content_changed);
    let actor = Actor {
        role: member.role,
        is_author: before
            .as_ref()
            .is_none_or(|b| b.post.author_id == Some(member.user_id)),
    };
    let status = workflow::save(current, input.intent, actor, policy, content_changed)?;

    let (id, version) = write(tx, member, input, before.as_ref(), status, &when).await?;
    let Some(version) = version else {
        return Err(before.map_or_else(missing, |b| changed(&b.post)));
    };
    if content_changed && current.is_some_and(|c| c.approved) {
        // What was approved is not what would go out any more.
        posts::set_approval(tx, id, None)
            .await
            .context("withdrawing the approval of the changed post")?;
    }
    if let (PostStatus::Scheduled, Some(at)) = (status, when.at) {
        publish::queue::schedule_post(tx, id, version, at)
            .await
            .context("queueing the post for publishing")?;
    }
    let change = Change {
        id,
        version,
        before: current.map(|c| c.status),
        after: status,
        content_changed,
        old_time: before.as_ref().and_then(|b| b.post.scheduled_at),
        new_time: when.at,
        body: &input.body,
    };
    audit_trail::saved(tx, member, &change)
        .await
        .context("recording the save")?;
    Ok(Saved {
        id,
        version,
        status,
        scheduled_at: when.at,
        note: when.resolved.and_then(|r| r.note()),
    })
}

/// Locks an existing post at the version the composer loaded (none for a new post).
async fn lock(
    tx: &mut PgTransaction<'_>,
    member: &Member,
    input: &PostInput,
) -> Result<Option<Before>, AppError> {
    let Some(id) = input.post_id else {
        return Ok(None);
    };
    let seen = input
        .expected_version
        .ok_or_else(|| AppError::bad_request("The post's version is missing; reload the page."))?;
    let post = lock_in(tx, member.workspace_id, id, seen).await?;
    let stored = Stored::load(tx, id)
        .await
        .context("loading the post's accounts and images")?;
    let content_changed = stored.differs(&post, input);
    Ok(Some(Before {
        post,
        content_changed,
    }))
}

/// A time the queue gave stays the queue's until a person picks another.
fn placement(input: &PostInput, before: Option<&Before>, when: &When) -> Placement {
    match before {
        _ if input.placement == Placement::Queue => Placement::Queue,
        Some(before) if before.post.scheduled_at == when.at => before.post.placement,
        _ => Placement::Manual,
    }
}

/// Writes the post, its targets and its images; returns its id and new version (`None`
/// when someone changed it in between).
async fn write(
    tx: &mut PgTransaction<'_>,
    member: &Member,
    input: &PostInput,
    before: Option<&Before>,
    status: PostStatus,
    when: &When,
) -> Result<(Uuid, Option<i32>), AppError> {
    let fields = posts::PostFields {
        body: &input.body,
        status,
        scheduled_at: when.at,
        timezone: when.zone.name(),
        placement: placement(input, before, when),
    };
    let (id, version) = match before {
        None => {
            let id = posts::insert(tx, member.workspace_id, member.user_id, &fields)
                .await
                .context("inserting the post")?;
            (id, Some(1))
        }
        Some(before) => {
            let post = &before.post;
            let version = posts::update(
                tx,
                member.workspace_id,
                post.id,
                post.version,
                &fields,
                before.content_changed,
            )
            .await
            .context("updating the post")?;
            (post.id, version)
        }
    };
    if version.is_none() {
        return Ok((id, None));
    }
    let targets: Vec<posts::TargetFields> = input
        .targets
        .iter()
        .map(|t| posts::TargetFields {
            account_id: t.account_id,
            body_override: t.body_override.as_deref(),
        })
        .collect();
    posts::replace_targets(tx, id, TargetStatus::for_post(status), &targets)
        .await
        .context("writing the post's targets")?;
    let media: Vec<posts::MediaFields> = input
        .media
        .iter()
        .map(|m| posts::MediaFields {
            media_id: m.media_id,
            alt_text: m.alt_text.trim(),
        })
        .collect();
    posts::replace_media(tx, id, &media)
        .await
        .context("writing the post's images")?;
    Ok((id, version))
}
