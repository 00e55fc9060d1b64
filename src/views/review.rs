//! What the review server functions send and take; built on the server, read by the pages.
use super::posts::PostView;
use chrono::{DateTime, Utc};
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
