//! The review workflow on the server: the queue, decisions, comments and what changed.
//! Every decision is one transaction with its audit row and notifications.
mod comment;
mod decide;
mod detail;
mod diff;

pub use comment::{comment, comments};
pub use decide::{approve, request_changes};
pub use detail::{detail, queue};

use crate::error::AppError;
use crate::server::auth::guard::Member;
use anyhow::Context;

/// How many posts wait for review (the navigation's badge).
pub async fn waiting(pool: &sqlx::PgPool, member: &Member) -> Result<i64, AppError> {
    Ok(crate::server::db::reviews::queue_count(pool, member.workspace_id)
        .await
        .context("counting the posts waiting for review")?)
}
