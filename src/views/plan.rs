//! Planning the week: an account's posting slots, the slots on the calendar, and what the queue did.
use crate::domain::plan::slots::Slot;
use chrono::{DateTime, Utc, Weekday};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// An account's posting slots, in its own zone or (when `timezone` is `None`) the workspace's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlotPlan {
    pub account_id: Uuid,
    pub timezone: Option<String>,
    pub workspace_timezone: String,
    pub slots: Vec<Slot>,
}

/// One weekday's posting times as the slots form sends them ("09:00, 12:30").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayTimes {
    pub day: Weekday,
    #[serde(default)]
    pub times: String,
}

/// A draft to queue, at the version the person saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: Uuid,
    pub version: i32,
}

/// Where the queue put a post, or moved it to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queued {
    pub post_id: Uuid,
    pub account_id: Uuid,
    pub version: i32,
    pub at: DateTime<Utc>,
}

/// One posting slot of one account, for the calendar's week view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotTime {
    pub account_id: Uuid,
    pub at: DateTime<Utc>,
}

/// The evergreen pool as the Settings page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolView {
    pub settings: crate::domain::plan::evergreen::PoolSettings,
    pub posts: Vec<PoolEntryView>,
}

/// A post in the pool, with how often it was shared again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoolEntryView {
    pub id: Uuid,
    pub excerpt: String,
    pub shares: i64,
    pub last_shared: Option<DateTime<Utc>>,
}
