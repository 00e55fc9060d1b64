//! The Drafts page's read: the workspace's drafts, newest change first.
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::posts;
use crate::server::state::AppState;
use crate::views::posts::DraftSummary;
use anyhow::Context;

/// More than a page of drafts is a backlog, not a list; the page says when it shows only these.
pub const SHOWN: i64 = 200;

pub async fn list(state: &AppState, member: &Member) -> Result<Vec<DraftSummary>, AppError> {
    let rows = posts::drafts(&state.pool, member.workspace_id, SHOWN)
        .await
        .context("listing the drafts")?;
    Ok(rows
        .into_iter()
        .map(|row| DraftSummary {
            id: row.id,
            version: row.version,
            excerpt: row.excerpt,
            updated_at: row.updated_at,
            accounts: row.accounts,
        })
        .collect())
}
