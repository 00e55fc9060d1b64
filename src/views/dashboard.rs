//! What the dashboard server functions send and take; built on the server, read by the pages.
use crate::domain::account::AccountState;
use crate::domain::platform::Platform;
use crate::domain::post::TargetStatus;
use crate::domain::publish::FailureCause;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One read of the workspace's publishing, as the dashboard shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Overview {
    pub as_of: DateTime<Utc>,
    pub workspace_paused: bool,
    pub counts: Counts,
    /// Scheduled or held, due in the next 24 hours, soonest first.
    pub upcoming: Vec<TargetRow>,
    /// Publishing now, or waiting for their next retry.
    pub in_flight: Vec<TargetRow>,
    pub failures: Vec<FailureGroup>,
    /// Unknown outcomes and missed times: a person decides.
    pub undecided: Vec<TargetRow>,
    /// The latest published, newest first.
    pub published: Vec<TargetRow>,
    pub accounts: Vec<AccountQueue>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub scheduled: i64,
    pub due_next_day: i64,
    pub in_flight: i64,
    pub published: i64,
    pub failed: i64,
    pub undecided: i64,
    pub held: i64,
}

/// A target with what a person needs to act on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetRow {
    pub id: Uuid,
    pub post_id: Uuid,
    pub excerpt: String,
    pub account_name: String,
    pub platform: Platform,
    pub colour: String,
    pub status: TargetStatus,
    pub due_at: Option<DateTime<Utc>>,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub remote_url: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
}

impl TargetRow {
    /// What a row's rendering depends on: a row re-renders only when this changes, so a link
    /// being typed into another row survives the next refresh.
    pub fn render_key(&self) -> (Uuid, TargetStatus, i32, Option<DateTime<Utc>>, Option<String>) {
        (
            self.id,
            self.status,
            self.attempts,
            self.due_at,
            self.last_error.clone(),
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FailureGroup {
    pub cause: FailureCause,
    pub rows: Vec<TargetRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountQueue {
    pub id: Uuid,
    pub display_name: String,
    pub platform: Platform,
    pub colour: String,
    pub state: AccountState,
    pub state_reason: Option<String>,
    /// Targets waiting to go out on it (scheduled, retrying or held).
    pub queued: i64,
}

/// What a person decided about a failed, missed or unknown target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetAction {
    PublishAgain,
    MarkPublished,
    Cancel,
}

impl TargetAction {
    /// As a form field spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetAction::PublishAgain => "publish_again",
            TargetAction::MarkPublished => "mark_published",
            TargetAction::Cancel => "cancel",
        }
    }
}
