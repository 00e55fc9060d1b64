//! Threaded comments on a post; its author hears of them.
use crate::domain::workflow::{self, Actor};
use crate::error::AppError;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::{comments, notifications, posts};
use crate::server::posts::missing as missing_post;
use crate::server::state::AppState;
use crate::views::review::CommentView;
use anyhow::Context;
use serde_json::json;
use uuid::Uuid;

const MAX_COMMENT_CHARS: usize = 5_000;

pub async fn comment(
    state: &AppState,
    member: &Member,
    post_id: Uuid,
    parent_id: Option<Uuid>,
    body: &str,
) -> Result<CommentView, AppError> {
    workflow::comment(Actor {
        role: member.role,
        is_author: false,
    })
    .map_err(AppError::from)?;
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::bad_request("Comment: write something first."));
    }
    if body.chars().count() > MAX_COMMENT_CHARS {
        return Err(AppError::bad_request(format!(
            "Comment: keep it under {MAX_COMMENT_CHARS} characters."
        )));
    }
    let mut tx = state
        .pool
        .begin()
        .await
        .context("starting the comment transaction")?;
    let new = comments::NewComment {
        workspace_id: member.workspace_id,
        post_id,
        parent_id,
        author_id: member.user_id,
        body,
        kind: "comment",
    };
    let Some(id) = comments::insert(&mut *tx, new)
        .await
        .context("saving the comment")?
    else {
        drop(tx);
        return Err(gone(state, member, post_id).await);
    };
    let post = posts::find_for_update(&mut tx, member.workspace_id, post_id)
        .await
        .context("locking the commented post")?
        .ok_or_else(missing_post)?;
    let excerpt = audit::excerpt(&post.body);
    let event = audit::post(
        &mut *tx,
        member,
        "post.commented",
        post_id,
        format!("Commented on “{excerpt}”"),
        json!({"comment_id": id, "parent_id": parent_id}),
    )
    .await
    .context("recording the comment in the audit log")?;
    if let Some(author) = post.author_id {
        let title = format!("{} commented on your post", member.name);
        let link = format!("/compose?post={post_id}");
        let notice = notifications::Notice {
            event_id: event,
            workspace_id: member.workspace_id,
            kind: "commented",
            title: &title,
            body,
            link: &link,
        };
        notifications::notify(&mut *tx, &notice, &[], &[author], member.user_id)
            .await
            .context("notifying the post's author of the comment")?;
    }
    tx.commit().await.context("committing the comment")?;
    Ok(CommentView {
        id,
        parent_id,
        author: member.name.clone(),
        body: body.to_owned(),
        kind: "comment".into(),
        created_at: chrono::Utc::now(),
    })
}

/// Why nothing was inserted: the post is gone (or another workspace's), or the reply's parent is.
async fn gone(state: &AppState, member: &Member, post_id: Uuid) -> AppError {
    match posts::find(&state.pool, member.workspace_id, post_id).await {
        Ok(Some(_)) => AppError::NotFound(
            "The comment you replied to is not on this post any more; your comment was not saved.".into(),
        ),
        Ok(None) => AppError::NotFound(
            "This post does not exist any more (it may have been deleted); your comment was not saved."
                .into(),
        ),
        Err(error) => anyhow::Error::new(error)
            .context("checking why the comment was not saved")
            .into(),
    }
}

pub async fn comments(
    state: &AppState,
    member: &Member,
    post_id: Uuid,
) -> Result<Vec<CommentView>, AppError> {
    posts::find(&state.pool, member.workspace_id, post_id)
        .await
        .context("loading the post for its comments")?
        .ok_or_else(missing_post)?;
    let rows = comments::list(&state.pool, post_id)
        .await
        .context("loading the post's comments")?;
    Ok(rows
        .into_iter()
        .map(|row| CommentView {
            id: row.id,
            parent_id: row.parent_id,
            author: row.author_name.unwrap_or_else(|| "A former member".into()),
            body: row.body,
            kind: row.kind,
            created_at: row.created_at,
        })
        .collect())
}
