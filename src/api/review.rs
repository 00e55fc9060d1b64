//! The review workflow: the queue, a post under review, decisions and comments.
use crate::error::AppError;
pub use crate::views::review::{
    ChangesView, CommentView, Decided, DiffKind, DiffPart, PostUnderReview, ReviewItem, TargetChange,
};
use leptos::prelude::*;
use uuid::Uuid;

#[server(endpoint = "review_queue")]
pub async fn review_queue() -> Result<Vec<ReviewItem>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, review};

    let (request, member) = guard::require(Permission::Read).await?;
    review::queue(&request.state, &member, chrono::Utc::now()).await
}

/// How many posts wait for review (the navigation's badge).
#[server(endpoint = "review_count")]
pub async fn review_count() -> Result<i64, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, review};

    let (request, member) = guard::require(Permission::Read).await?;
    review::waiting(&request.state.pool, &member).await
}

#[server(endpoint = "review_detail")]
pub async fn review_detail(id: Uuid) -> Result<PostUnderReview, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, review};

    let (request, member) = guard::require(Permission::Read).await?;
    review::detail(&request.state, &member, id, chrono::Utc::now()).await
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
    let decided = review::approve(&request.state, &member, id, version, &note, chrono::Utc::now()).await?;
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
