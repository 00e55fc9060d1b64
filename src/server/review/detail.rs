//! The Needs review list, and one post under review with its thread and what changed.
use super::{comments, diff};
use crate::domain::post::PostStatus;
use crate::domain::role::{Permission, Role};
use crate::domain::workflow;
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::reviews;
use crate::server::posts;
use crate::server::posts::snapshot::Snapshot;
use crate::server::state::AppState;
use crate::views::review::{PostUnderReview, ReviewItem};
use anyhow::Context;
use chrono::{DateTime, Utc};
use uuid::Uuid;

pub async fn queue(
    state: &AppState,
    member: &Member,
    now: DateTime<Utc>,
) -> Result<Vec<ReviewItem>, AppError> {
    let rows = reviews::queue(&state.pool, member.workspace_id)
        .await
        .context("loading the review queue")?;
    Ok(rows
        .into_iter()
        .map(|row| ReviewItem {
            id: row.id,
            excerpt: row.excerpt,
            author: row.author.unwrap_or_else(|| "A former member".into()),
            accounts: row.accounts,
            overdue: workflow::is_overdue(PostStatus::InReview, row.scheduled_at, now),
            when: diff::when(row.scheduled_at, &row.timezone),
            scheduled_at: row.scheduled_at,
            submitted_at: row.submitted_at,
        })
        .collect())
}

pub async fn detail(
    state: &AppState,
    member: &Member,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<PostUnderReview, AppError> {
    let post = posts::get(state, member, id).await?;
    let pool = &state.pool;
    let author = reviews::author_name(pool, id)
        .await
        .context("loading the post's author")?
        .unwrap_or_else(|| "A former member".into());
    let comments = comments(state, member, id).await?;
    let last = reviews::last_decision(pool, id)
        .await
        .context("loading the post's last review decision")?;
    let changes = match last {
        Some(decision) => {
            let targets = reviews::target_names(pool, id)
                .await
                .context("loading the post's target accounts")?;
            let now_snapshot = Snapshot::of(
                post.body.clone(),
                post.scheduled_at,
                post.timezone.clone(),
                targets,
            );
            // Off the async runtime: a diff is CPU work, bounded but not free.
            let changes = tokio::task::spawn_blocking(move || diff::since(decision, &now_snapshot))
                .await
                .context("diffing the post against its last review decision")?;
            Some(changes)
        }
        None => None,
    };
    Ok(PostUnderReview {
        author,
        comments,
        changes,
        can_review: member.role.can(Permission::Approve) && post.status == PostStatus::InReview,
        can_comment: member.role != Role::Viewer,
        overdue: workflow::is_overdue(post.status, post.scheduled_at, now),
        when: diff::when(post.scheduled_at, &post.timezone),
        post,
    })
}
