//! Recording who did what (in the caller's transaction), and reading it back for the Audit page.
mod export;
mod filter;
mod page;

pub use export::csv;
pub use filter::filter;
pub use page::page;

use crate::server::db::audit::{self, Entry};
use crate::server::db::memberships::MemberRow as Member;
use sqlx::PgExecutor;
use uuid::Uuid;

/// Records something `member` did to a post; returns the event id.
pub async fn post(
    executor: impl PgExecutor<'_>,
    member: &Member,
    action: &str,
    post_id: Uuid,
    summary: String,
    details: serde_json::Value,
) -> sqlx::Result<i64> {
    by_member(
        executor,
        member,
        action,
        "post",
        Some(post_id.to_string()),
        summary,
        details,
    )
    .await
}

pub async fn by_member(
    executor: impl PgExecutor<'_>,
    member: &Member,
    action: &str,
    subject_type: &str,
    subject_id: Option<String>,
    summary: String,
    details: serde_json::Value,
) -> sqlx::Result<i64> {
    audit::record(
        executor,
        Entry {
            workspace_id: Some(member.workspace_id),
            actor: Some((member.user_id, &member.name)),
            action,
            subject_type,
            subject_id,
            summary,
            details,
        },
    )
    .await
}

/// Records something done without a Herald login (a client's connect link).
pub async fn record(
    executor: impl PgExecutor<'_>,
    workspace_id: Uuid,
    action: &str,
    subject_type: &str,
    subject_id: Uuid,
    summary: String,
    details: serde_json::Value,
) -> sqlx::Result<i64> {
    audit::record(
        executor,
        Entry {
            workspace_id: Some(workspace_id),
            actor: None,
            action,
            subject_type,
            subject_id: Some(subject_id.to_string()),
            summary,
            details,
        },
    )
    .await
}

/// The first line of a post's text, short enough for a log line or a notification.
pub fn excerpt(body: &str) -> String {
    let line = body.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    let mut short: String = line.chars().take(60).collect();
    if line.chars().count() > 60 {
        short.push('…');
    }
    if short.is_empty() {
        "(no text)".to_owned()
    } else {
        short
    }
}
