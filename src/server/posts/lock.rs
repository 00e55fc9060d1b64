//! Every change to a post starts the same way: a transaction that locks the post's row, so
//! saves, reschedules, decisions and the publishing engine take turns on it.
use crate::error::AppError;
use crate::server::db::posts::{self, PostRow};
use anyhow::Context;
use sqlx::{PgPool, PgTransaction};
use uuid::Uuid;

/// The post, locked in a new transaction; `NotFound` when it is not in the workspace.
pub async fn lock(
    pool: &PgPool,
    workspace_id: Uuid,
    id: Uuid,
) -> Result<(PgTransaction<'static>, PostRow), AppError> {
    let mut tx = pool.begin().await.context("starting a change to a post")?;
    let post = posts::find_for_update(&mut tx, workspace_id, id)
        .await
        .context("locking the post")?
        .ok_or_else(missing)?;
    Ok((tx, post))
}

/// As `lock`, for a change made to the version the person saw: a post changed since, or no
/// longer editable, is refused with the reason.
pub async fn lock_at_version(
    pool: &PgPool,
    workspace_id: Uuid,
    id: Uuid,
    seen_version: i32,
) -> Result<(PgTransaction<'static>, PostRow), AppError> {
    let (tx, post) = lock(pool, workspace_id, id).await?;
    if post.version != seen_version {
        drop(tx);
        return Err(stale_or_missing(pool, workspace_id, id).await);
    }
    Ok((tx, post))
}

/// As `lock_at_version`, inside a transaction the caller already holds.
pub async fn lock_in(
    tx: &mut PgTransaction<'_>,
    workspace_id: Uuid,
    id: Uuid,
    seen_version: i32,
) -> Result<PostRow, AppError> {
    let post = posts::find_for_update(tx, workspace_id, id)
        .await
        .context("locking the post")?
        .ok_or_else(missing)?;
    if post.version != seen_version {
        return Err(changed(&post));
    }
    Ok(post)
}

pub fn missing() -> AppError {
    AppError::NotFound("This post does not exist in this workspace (it may have been deleted).".into())
}

/// Why a change matched nothing: gone, not editable any more, or edited by someone else.
pub async fn stale_or_missing(pool: &PgPool, workspace_id: Uuid, id: Uuid) -> AppError {
    match posts::find(pool, workspace_id, id).await {
        Err(error) => {
            AppError::unexpected(anyhow::Error::new(error).context("reading why a change missed the post"))
        }
        Ok(None) => missing(),
        Ok(Some(post)) => changed(&post),
    }
}

/// Why a change to `post` (as it stands now) missed: not editable any more, or edited since.
pub fn changed(post: &PostRow) -> AppError {
    if !post.status.is_editable() {
        return AppError::Conflict(format!(
            "This post is {} and can no longer be changed.",
            post.status.label().to_lowercase()
        ));
    }
    AppError::Conflict(
        "This post was changed by someone else since you opened it. Reload it to see their changes.".into(),
    )
}
