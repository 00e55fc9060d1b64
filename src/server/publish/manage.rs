//! What a person does about a target from the dashboard: publish again (after a failure, a
//! miss or an unknown outcome), mark it published (they checked the network), or cancel it;
//! and pausing publishing for the whole workspace.
use super::{hold, queue};
use crate::domain::post::TargetStatus;
use crate::domain::publish::Event;
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::post_status;
use crate::server::state::AppState;
use anyhow::Context;
use uuid::Uuid;

/// Which person-driven move.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    PublishAgain,
    MarkPublished { url: String },
    Cancel,
}

pub async fn resolve(
    state: &AppState,
    member: &Member,
    target_id: Uuid,
    resolution: Resolution,
) -> Result<(), AppError> {
    let url = match &resolution {
        Resolution::MarkPublished { url } => Some(parse_url(url)?),
        _ => None,
    };
    let event = match resolution {
        Resolution::PublishAgain => Event::PublishAgain,
        Resolution::MarkPublished { .. } => Event::MarkPublished,
        Resolution::Cancel => Event::Cancel,
    };
    if apply(state, member, &[target_id], event, url.as_deref()).await? == 0 {
        let status = sqlx::query_scalar!(
            r#"select status as "status: TargetStatus" from post_targets where id = $1"#,
            target_id
        )
        .fetch_one(&state.pool)
        .await
        .context("loading the status of the target that did not move")?;
        return Err(AppError::Conflict(format!(
            "This target is {}; that cannot be done now. Reload to see its state.",
            status.as_str()
        )));
    }
    tracing::info!(%target_id, ?event, user_id = %member.user_id, "target resolved by a person");
    Ok(())
}

/// Bulk retry from the dashboard: every target that can go again does, in one transaction.
pub async fn publish_again_all(state: &AppState, member: &Member, ids: &[Uuid]) -> Result<usize, AppError> {
    if ids.is_empty() {
        return Err(AppError::bad_request("Choose at least one target to retry."));
    }
    if ids.len() > MAX_BULK {
        return Err(AppError::bad_request(format!(
            "Retry at most {MAX_BULK} targets at once."
        )));
    }
    let moved = apply(state, member, ids, Event::PublishAgain, None).await?;
    tracing::info!(asked = ids.len(), moved, user_id = %member.user_id, "targets retried in bulk");
    Ok(moved)
}

const MAX_BULK: usize = 1000;

/// Moves the workspace's targets among `ids` that `event` may leave from; returns how many moved.
async fn apply(
    state: &AppState,
    member: &Member,
    ids: &[Uuid],
    event: Event,
    url: Option<&str>,
) -> Result<usize, AppError> {
    let mut tx = state
        .pool
        .begin()
        .await
        .context("starting the transaction that moves targets")?;
    // Posts first, in one order, as the workers lock them: no deadlock with a worker or
    // another bulk action.
    let posts: Vec<Uuid> = sqlx::query_scalar!(
        "select p.id from posts p
         where p.workspace_id = $2
           and p.id in (select post_id from post_targets where id = any($1))
         order by p.id for update",
        ids,
        member.workspace_id
    )
    .fetch_all(&mut *tx)
    .await
    .context("locking the posts of the targets to move")?;
    if posts.is_empty() {
        return Err(AppError::NotFound(
            "There is no such target in this workspace.".into(),
        ));
    }
    let moved = sqlx::query!(
        "update post_targets t set status = $2, error_kind = null, last_error = null, claimed_at = null,
                due_at = case when $2 = 'scheduled' then now() else t.due_at end,
                remote_url = coalesce($4, t.remote_url),
                published_at = case when $2 = 'published' then now() else t.published_at end
         from posts p
         where t.id = any($1) and p.id = t.post_id and p.id = any($5) and t.status = any($3)
         returning t.id, p.version",
        ids,
        event.to() as TargetStatus,
        event.from() as &[TargetStatus],
        url,
        &posts
    )
    .fetch_all(&mut *tx)
    .await
    .context("moving the targets")?;
    if event == Event::PublishAgain {
        for target in &moved {
            queue::push_for_target(&mut tx, target.id, target.version)
                .await
                .context("queueing a target to publish again")?;
        }
    }
    post_status::roll_up(&mut tx, &posts)
        .await
        .context("rolling up the status of the moved targets' posts")?;
    tx.commit().await.context("committing the moved targets")?;
    Ok(moved.len())
}

fn parse_url(url: &str) -> Result<String, AppError> {
    let url = url.trim();
    match url::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Ok(url.to_owned()),
        _ => Err(AppError::bad_request(
            "Link: give the post's address on the network (https://…).",
        )),
    }
}

/// Stops (or restarts) all publishing of the workspace; held targets go back when it resumes.
pub async fn pause_workspace(state: &AppState, member: &Member, paused: bool) -> Result<(), AppError> {
    // One transaction: resumed means its held targets are queued again, even after a crash.
    let mut tx = state
        .pool
        .begin()
        .await
        .context("starting the transaction that pauses or resumes publishing")?;
    sqlx::query!(
        "update workspaces set publishing_paused = $2 where id = $1",
        member.workspace_id,
        paused
    )
    .execute(&mut *tx)
    .await
    .context("pausing or resuming the workspace's publishing")?;
    if !paused {
        let accounts = sqlx::query_scalar!(
            "select id from accounts where workspace_id = $1",
            member.workspace_id
        )
        .fetch_all(&mut *tx)
        .await
        .context("listing the workspace's accounts to release their held targets")?;
        for account in accounts {
            hold::release_account_in(&mut tx, account)
                .await
                .context("releasing an account's held targets")?;
        }
    }
    tx.commit()
        .await
        .context("committing the paused or resumed publishing")?;
    tracing::info!(workspace_id = %member.workspace_id, paused, "workspace publishing paused or resumed");
    Ok(())
}
