//! Approve, or ask for changes: checked by the workflow, written in one transaction with the
//! snapshot the reviewer saw, the note in the thread, the audit row and the author's notice.
use crate::domain::post::{PostStatus, TargetStatus};
use crate::domain::workflow::{self, Actor};
use crate::error::AppError;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::{comments, notifications, posts, reviews, workspaces};
use crate::server::posts::lock;
use crate::server::posts::snapshot;
use crate::server::publish;
use crate::server::state::AppState;
use crate::views::review::Decided;
use anyhow::Context;
use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::PgTransaction;
use uuid::Uuid;

const MAX_NOTE_CHARS: usize = 5_000;

#[tracing::instrument(skip_all, fields(workspace_id = %member.workspace_id, post_id = %id))]
pub async fn approve(
    state: &AppState,
    member: &Member,
    id: Uuid,
    seen_version: i32,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Decided, AppError> {
    let note = checked_note(note)?;
    let policy = workspaces::policy(&state.pool, member.workspace_id)
        .await
        .context("loading the workspace's approval policy")?;
    let (mut tx, post) = lock(&state.pool, member.workspace_id, id).await?;
    let time_passed = post.scheduled_at.is_none_or(|at| at <= now);
    let status = workflow::approve(
        post.status,
        actor(member, post.author_id),
        policy,
        (seen_version, post.version),
        time_passed,
    )
    .map_err(AppError::from)?;
    let version = posts::set_status(&mut tx, id, status)
        .await
        .context("storing the post's new status")?;
    posts::set_approval(&mut tx, id, Some(member.user_id))
        .await
        .context("recording who approved the post")?;
    if let (PostStatus::Scheduled, Some(at)) = (status, post.scheduled_at) {
        posts::set_target_statuses(&mut tx, id, TargetStatus::Scheduled)
            .await
            .context("scheduling the post's targets")?;
        publish::queue::schedule_post(&mut tx, id, version, at)
            .await
            .context("queueing the approved post for publishing")?;
    }
    let decision = Decision {
        post: &post,
        version,
        kind: "approved",
        note,
    };
    let event = decision
        .record(&mut tx, member)
        .await
        .context("recording the review decision")?;
    let excerpt = audit::excerpt(&post.body);
    let body = match status {
        PostStatus::Scheduled => format!("“{excerpt}” is scheduled."),
        _ => format!("“{excerpt}” was approved, but its time has passed: pick a new time."),
    };
    tell_author(
        &mut tx,
        member,
        &post,
        event,
        "approved",
        &format!("{} approved your post", member.name),
        &body,
    )
    .await
    .context("telling the author of the decision")?;
    tx.commit().await.context("committing the review decision")?;
    tracing::info!(version, status = status.as_str(), "post approved");
    Ok(Decided {
        status,
        version,
        note: (status == PostStatus::Approved)
            .then(|| "Approved, but its time has passed, so it was not scheduled: pick a new time.".into()),
    })
}

#[tracing::instrument(skip_all, fields(workspace_id = %member.workspace_id, post_id = %id))]
pub async fn request_changes(
    state: &AppState,
    member: &Member,
    id: Uuid,
    seen_version: i32,
    note: &str,
) -> Result<Decided, AppError> {
    let note = checked_note(note)?;
    let (mut tx, post) = lock(&state.pool, member.workspace_id, id).await?;
    let status = workflow::request_changes(
        post.status,
        actor(member, post.author_id),
        note.unwrap_or(""),
        (seen_version, post.version),
    )
    .map_err(AppError::from)?;
    let version = posts::set_status(&mut tx, id, status)
        .await
        .context("storing the post's new status")?;
    let decision = Decision {
        post: &post,
        version,
        kind: "changes_requested",
        note,
    };
    let event = decision
        .record(&mut tx, member)
        .await
        .context("recording the review decision")?;
    let title = format!("{} asks for changes", member.name);
    tell_author(
        &mut tx,
        member,
        &post,
        event,
        "changes_requested",
        &title,
        note.unwrap_or(""),
    )
    .await
    .context("telling the author of the decision")?;
    tx.commit().await.context("committing the review decision")?;
    tracing::info!(version, "changes requested");
    Ok(Decided {
        status,
        version,
        note: None,
    })
}

fn actor(member: &Member, author_id: Option<Uuid>) -> Actor {
    Actor {
        role: member.role,
        is_author: author_id == Some(member.user_id),
    }
}

fn checked_note(note: &str) -> Result<Option<&str>, AppError> {
    let note = note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::bad_request(format!(
            "Note: keep it under {MAX_NOTE_CHARS} characters."
        )));
    }
    Ok((!note.is_empty()).then_some(note))
}

struct Decision<'a> {
    post: &'a posts::PostRow,
    version: i32,
    kind: &'a str,
    note: Option<&'a str>,
}

impl Decision<'_> {
    /// The review with what was seen, the note in the thread, and the audit row (its id).
    async fn record(&self, tx: &mut PgTransaction<'_>, member: &Member) -> sqlx::Result<i64> {
        let seen = snapshot::take(tx, self.post).await?;
        reviews::insert(
            &mut **tx,
            reviews::NewReview {
                post_id: self.post.id,
                version: self.version,
                actor_id: member.user_id,
                decision: self.kind,
                note: self.note,
                snapshot: seen.to_json(),
            },
        )
        .await?;
        if let Some(note) = self.note {
            comments::insert(
                &mut **tx,
                comments::NewComment {
                    workspace_id: member.workspace_id,
                    post_id: self.post.id,
                    parent_id: None,
                    author_id: member.user_id,
                    body: note,
                    kind: self.kind,
                },
            )
            .await?;
        }
        let excerpt = audit::excerpt(&self.post.body);
        let (action, summary) = match self.kind {
            "approved" => ("post.approved", format!("Approved “{excerpt}”")),
            _ => (
                "post.changes_requested",
                format!("Asked for changes to “{excerpt}”"),
            ),
        };
        let details = json!({"version": self.version, "seen_version": self.post.version, "note": self.note});
        audit::post(&mut **tx, member, action, self.post.id, summary, details).await
    }
}

async fn tell_author(
    tx: &mut PgTransaction<'_>,
    member: &Member,
    post: &posts::PostRow,
    event: i64,
    kind: &str,
    title: &str,
    body: &str,
) -> sqlx::Result<()> {
    let Some(author) = post.author_id else {
        return Ok(());
    };
    let link = format!("/compose?post={}", post.id);
    let notice = notifications::Notice {
        event_id: event,
        workspace_id: member.workspace_id,
        kind,
        title,
        body,
        link: &link,
    };
    notifications::notify(&mut **tx, &notice, &[], &[author], member.user_id).await
}
