use super::{Policy, Refusal};
use crate::domain::post::{Intent, PostStatus};
use crate::domain::role::Role;
use chrono::{DateTime, Utc};

/// Who acts, as far as the workflow cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    /// Wrote the post (always true for a new one).
    pub is_author: bool,
}

/// A saved post as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Current {
    pub status: PostStatus,
    /// An approval covers its current text and accounts.
    pub approved: bool,
}

/// Where saving the composer with `intent` takes a post (`None`: a new one).
/// `content_changed`: text, accounts, per-account text or images differ from what is stored.
pub fn save(
    current: Option<Current>,
    intent: Intent,
    actor: Actor,
    policy: Policy,
    content_changed: bool,
) -> Result<PostStatus, Refusal> {
    may_write(current.map(|c| c.status), actor)?;
    match intent {
        Intent::Draft => Ok(PostStatus::Draft),
        Intent::Submit => Ok(PostStatus::InReview),
        Intent::Schedule | Intent::PublishNow => {
            if policy.needs_approval(actor.role) {
                return Err(Refusal::NeedsApproval);
            }
            let Some(current) = current else {
                return Ok(PostStatus::Scheduled);
            };
            match current.status {
                // Changes go to the reviewer; scheduling unchanged is what Approve is for.
                PostStatus::InReview | PostStatus::ChangesRequested if content_changed => {
                    Ok(PostStatus::InReview)
                }
                PostStatus::InReview | PostStatus::ChangesRequested => Err(Refusal::AwaitingReview),
                // What was approved is not what would go out.
                _ if current.approved && content_changed => Ok(PostStatus::InReview),
                _ => Ok(PostStatus::Scheduled),
            }
        }
    }
}

/// Where a time-only move (the calendar's drag, or a new time for an approved post) takes it.
pub fn reschedule(current: PostStatus, actor: Actor, policy: Policy) -> Result<PostStatus, Refusal> {
    may_write(Some(current), actor)?;
    if !current.can_reschedule() {
        return Err(Refusal::NotEditable(current));
    }
    Ok(match current {
        PostStatus::Approved | PostStatus::Scheduled | PostStatus::Missed => {
            // An approver's new time needs no second look; anyone else's does.
            if Policy::may_approve(actor.role) || !policy.needs_approval(actor.role) {
                PostStatus::Scheduled
            } else {
                PostStatus::InReview
            }
        }
        other => other,
    })
}

/// Approving the version the reviewer saw: scheduled, or approved and flagged when its time
/// passed while it waited (never published late).
pub fn approve(
    current: PostStatus,
    actor: Actor,
    policy: Policy,
    (seen_version, version): (i32, i32),
    time_passed: bool,
) -> Result<PostStatus, Refusal> {
    review(current, actor, (seen_version, version))?;
    if actor.is_author && !policy.self_approval {
        return Err(Refusal::SelfApproval);
    }
    Ok(if time_passed {
        PostStatus::Approved
    } else {
        PostStatus::Scheduled
    })
}

pub fn request_changes(
    current: PostStatus,
    actor: Actor,
    note: &str,
    (seen_version, version): (i32, i32),
) -> Result<PostStatus, Refusal> {
    if Policy::may_approve(actor.role) && note.trim().is_empty() {
        return Err(Refusal::NoteRequired);
    }
    review(current, actor, (seen_version, version))?;
    Ok(PostStatus::ChangesRequested)
}

/// Deleting: the author's or an editor's, and only before anything went out.
pub fn delete(current: PostStatus, actor: Actor) -> Result<(), Refusal> {
    may_write(Some(current), actor)?;
    if current.can_delete() {
        Ok(())
    } else {
        Err(Refusal::NotEditable(current))
    }
}

/// Anyone who may write may discuss a post, whatever its status.
pub fn comment(actor: Actor) -> Result<(), Refusal> {
    match actor.role {
        Role::Viewer => Err(Refusal::ReadOnly),
        _ => Ok(()),
    }
}

/// Waiting for a person while its time passed: shown as overdue, and never sent late.
pub fn is_overdue(status: PostStatus, scheduled_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    status.is_in_workflow() && scheduled_at.is_some_and(|at| at <= now)
}

fn may_write(current: Option<PostStatus>, actor: Actor) -> Result<(), Refusal> {
    match actor.role {
        Role::Viewer => return Err(Refusal::ReadOnly),
        Role::Contributor if current.is_some() && !actor.is_author => return Err(Refusal::NotAuthor),
        _ => {}
    }
    match current {
        Some(status) if !status.is_editable() => Err(Refusal::NotEditable(status)),
        _ => Ok(()),
    }
}

fn review(current: PostStatus, actor: Actor, (seen_version, version): (i32, i32)) -> Result<(), Refusal> {
    if !Policy::may_approve(actor.role) {
        return Err(Refusal::NotApprover);
    }
    if current != PostStatus::InReview {
        return Err(Refusal::NotInReview(current));
    }
    if seen_version != version {
        return Err(Refusal::Stale);
    }
    Ok(())
}
