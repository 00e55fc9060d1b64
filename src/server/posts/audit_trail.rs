//! What a save puts on record: an audit row, and for a submission the reviewer's snapshot
//! and a notice to the approvers, all in the save's transaction.
use super::snapshot;
use crate::domain::post::PostStatus;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::{notifications, posts, reviews};
use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgTransaction;
use uuid::Uuid;

pub struct Change<'a> {
    pub id: Uuid,
    pub version: i32,
    pub before: Option<PostStatus>,
    pub after: PostStatus,
    pub content_changed: bool,
    pub old_time: Option<DateTime<Utc>>,
    pub new_time: Option<DateTime<Utc>>,
    pub body: &'a str,
}

/// Roles told when a post is submitted.
pub const APPROVERS: [&str; 3] = ["owner", "admin", "editor"];

pub async fn saved(tx: &mut PgTransaction<'_>, member: &Member, change: &Change<'_>) -> sqlx::Result<()> {
    let excerpt = audit::excerpt(change.body);
    let submitted = change.after == PostStatus::InReview && change.before != Some(PostStatus::InReview);
    let (action, summary) = if submitted {
        ("post.submitted", format!("Submitted “{excerpt}” for review"))
    } else if change.before.is_none() {
        (
            "post.created",
            format!("Created “{excerpt}” ({})", change.after.label().to_lowercase()),
        )
    } else if !change.content_changed && change.old_time != change.new_time {
        ("post.rescheduled", format!("Moved “{excerpt}”"))
    } else {
        (
            "post.edited",
            format!("Edited “{excerpt}” ({})", change.after.label().to_lowercase()),
        )
    };
    let details = json!({
        "version": change.version,
        "from": change.before.map(PostStatus::as_str),
        "to": change.after.as_str(),
        "content_changed": change.content_changed,
        "old_time": change.old_time,
        "new_time": change.new_time,
    });
    let event = audit::post(&mut **tx, member, action, change.id, summary, details).await?;
    if change.after == PostStatus::InReview && (submitted || change.content_changed) {
        let post = posts::find_for_update(tx, member.workspace_id, change.id)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        let seen = snapshot::take(tx, &post).await?;
        reviews::insert(
            &mut **tx,
            reviews::NewReview {
                post_id: change.id,
                version: change.version,
                actor_id: member.user_id,
                decision: "submitted",
                note: None,
                snapshot: seen.to_json(),
            },
        )
        .await?;
    }
    if submitted {
        let title = format!("{} asks you to review a post", member.name);
        let link = format!("/review/{}", change.id);
        let notice = notifications::Notice {
            event_id: event,
            workspace_id: member.workspace_id,
            kind: "submitted",
            title: &title,
            body: &format!("“{excerpt}”"),
            link: &link,
        };
        notifications::notify(&mut **tx, &notice, &APPROVERS, &[], member.user_id).await?;
    }
    Ok(())
}
