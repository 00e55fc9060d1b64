//! The evergreen pool: posts marked evergreen are shared again in posting slots still empty a
//! set time ahead (`fill`, run by the planning job). Its settings live on the workspace.
pub mod fill;

use crate::domain::plan::evergreen::PoolSettings;
use crate::error::AppError;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::{evergreen, posts as post_rows};
use crate::server::posts;
use crate::server::state::AppState;
use crate::views::plan::{PoolEntryView, PoolView};
use anyhow::Context;
use uuid::Uuid;

/// Puts a post into the pool or takes it out. Shares already made stay on the calendar.
pub async fn set_pooled(state: &AppState, member: &Member, id: Uuid, pooled: bool) -> Result<(), AppError> {
    let post = post_rows::find(&state.pool, member.workspace_id, id)
        .await
        .context("loading the post")?
        .ok_or_else(posts::missing)?;
    if pooled {
        if post.evergreen_of.is_some() {
            return Err(AppError::bad_request(
                "This post is a share of an evergreen post; put the original in the pool instead.",
            ));
        }
        let targets = post_rows::targets(&state.pool, id)
            .await
            .context("loading the post's accounts")?;
        if targets.is_empty() {
            return Err(AppError::bad_request(
                "Choose at least one account for the post first: the pool shares it there.",
            ));
        }
    }
    let mut tx = state.pool.begin().await.context("starting the pool change")?;
    evergreen::set_pooled(&mut *tx, member.workspace_id, id, pooled)
        .await
        .context("changing the post's place in the pool")?;
    let (action, summary) = if pooled {
        ("post.evergreen", "Put a post in the evergreen pool")
    } else {
        ("post.not_evergreen", "Took a post out of the evergreen pool")
    };
    audit::by_member(
        &mut *tx,
        member,
        action,
        "post",
        Some(id.to_string()),
        summary.to_owned(),
        serde_json::Value::Null,
    )
    .await
    .context("recording the pool change in the audit log")?;
    tx.commit().await.context("committing the pool change")?;
    tracing::info!(%id, pooled, "evergreen pool changed");
    Ok(())
}

/// The pool's settings and posts, for the Settings page.
pub async fn view(state: &AppState, member: &Member) -> Result<PoolView, AppError> {
    let settings = evergreen::settings(&state.pool, member.workspace_id)
        .await
        .context("loading the pool's settings")?;
    let posts = evergreen::entries(&state.pool, member.workspace_id)
        .await
        .context("loading the pool's posts")?
        .into_iter()
        .map(|entry| PoolEntryView {
            id: entry.id,
            excerpt: entry.excerpt,
            shares: entry.shares,
            last_shared: entry.last_shared,
        })
        .collect();
    Ok(PoolView { settings, posts })
}

pub async fn set_settings(state: &AppState, member: &Member, settings: PoolSettings) -> Result<(), AppError> {
    let settings = settings.checked().map_err(AppError::BadRequest)?;
    let mut tx = state
        .pool
        .begin()
        .await
        .context("starting the pool settings change")?;
    evergreen::set_settings(&mut *tx, member.workspace_id, settings)
        .await
        .context("storing the pool's settings")?;
    let summary = if settings.paused {
        "Paused the evergreen pool"
    } else {
        "Changed the evergreen pool's settings"
    };
    audit::by_member(
        &mut *tx,
        member,
        "workspace.evergreen",
        "workspace",
        Some(member.workspace_id.to_string()),
        summary.to_owned(),
        serde_json::to_value(settings).unwrap_or_default(),
    )
    .await
    .context("recording the pool settings in the audit log")?;
    tx.commit().await.context("committing the pool settings")?;
    Ok(())
}
