//! The review workflow: the queue, a post under review, decisions and comments.
use super::error::AppError;
use super::posts::PostView;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A post waiting for a reviewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub id: Uuid,
    pub excerpt: String,
    pub author: String,
    pub accounts: Vec<String>,
    pub scheduled_at: Option<DateTime<Utc>>,
    /// Its time, in its zone, for people to read.
    pub when: String,
    pub submitted_at: DateTime<Utc>,
    /// Its time passed while it waited: approving it will not publish it late.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub author: String,
    pub body: String,
    /// comment, changes_requested or approved
    pub kind: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Same,
    Added,
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffPart {
    pub kind: DiffKind,
    pub text: String,
}

/// One account's own text, before and after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetChange {
    pub account: String,
    pub parts: Vec<DiffPart>,
}

/// What changed since the last decision on the post.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangesView {
    pub reviewer: String,
    pub decision: String,
    pub note: Option<String>,
    pub reviewed_at: DateTime<Utc>,
    pub body: Vec<DiffPart>,
    pub body_changed: bool,
    pub targets: Vec<TargetChange>,
    /// Old and new time, when it moved.
    pub time: Option<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostUnderReview {
    pub post: PostView,
    pub author: String,
    pub comments: Vec<CommentView>,
    pub changes: Option<ChangesView>,
    pub can_review: bool,
    pub can_comment: bool,
    pub overdue: bool,
    pub when: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decided {
    pub status: crate::domain::post::PostStatus,
    pub version: i32,
    /// Said when approving did not schedule it (its time passed).
    pub note: Option<String>,
}

#[server(endpoint = "review_queue")]
pub async fn review_queue() -> Result<Vec<ReviewItem>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, review};

    let (request, member) = guard::require(Permission::Read).await?;
    review::queue(&request.state, &member, Utc::now()).await
}

/// How many posts wait for review (the navigation's badge).
#[server(endpoint = "review_count")]
pub async fn review_count() -> Result<i64, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, db::reviews};

    let (request, member) = guard::require(Permission::Read).await?;
    reviews::queue_count(&request.state.pool, member.workspace_id)
        .await
        .map_err(AppError::unexpected)
}

#[server(endpoint = "review_detail")]
pub async fn review_detail(id: Uuid) -> Result<PostUnderReview, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, review};

    let (request, member) = guard::require(Permission::Read).await?;
    review::detail(&request.state, &member, id, Utc::now()).await
}

#[server(endpoint = "post_comments")]
pub async fn post_comments(post_id: Uuid) -> Result<Vec<CommentView>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, review};

    let (request, member) = guard::require(Permission::Read).await?;
    review::comments(&request.state, &member, post_id).await
}

/// Approves the version the reviewer saw (`version`); a newer one is refused.
#[server(endpoint = "approve_post")]
pub async fn approve_post(
    id: Uuid,
    version: i32,
    #[server(default)] note: String,
) -> Result<Decided, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, review};

    let (request, member) = guard::require(Permission::Approve).await?;
    let decided = review::approve(&request.state, &member, id, version, &note, Utc::now()).await?;
    back_to_review(id, "approved");
    Ok(decided)
}

#[server(endpoint = "request_changes")]
pub async fn request_changes(
    id: Uuid,
    version: i32,
    #[server(default)] note: String,
) -> Result<Decided, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, review};

    let (request, member) = guard::require(Permission::Approve).await?;
    let decided = review::request_changes(&request.state, &member, id, version, &note).await?;
    back_to_review(id, "changes_requested");
    Ok(decided)
}

#[server(endpoint = "comment_post")]
pub async fn comment_post(
    post_id: Uuid,
    #[server(default)] parent_id: Option<Uuid>,
    #[server(default)] body: String,
) -> Result<CommentView, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, review};

    let (request, member) = guard::require(Permission::Contribute).await?;
    let comment = review::comment(&request.state, &member, post_id, parent_id, &body).await?;
    if !super::posts::is_client_call() {
        use crate::server::web::return_to;
        let referer = request
            .parts
            .headers
            .get(http::header::REFERER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let base_url = request.state.settings.server.base_url();
        let back = return_to::referring_page_or(base_url, referer, &format!("/review/{post_id}"));
        leptos_axum::redirect(&back);
    }
    Ok(comment)
}

/// A plain form post lands back on the review page, saying what happened.
#[cfg(feature = "ssr")]
fn back_to_review(id: Uuid, done: &str) {
    if !super::posts::is_client_call() {
        leptos_axum::redirect(&format!("/review/{id}?done={done}"));
    }
}
