//! The Calendar page: posts in a span of time, and moving one by dragging it.
use crate::domain::post::{PostStatus, TargetStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A post on the calendar or in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostSummary {
    pub id: Uuid,
    pub version: i32,
    pub status: PostStatus,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub timezone: String,
    pub excerpt: String,
    pub targets: Vec<TargetSummary>,
    pub kind: crate::domain::plan::PostKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetSummary {
    pub account_id: Uuid,
    pub status: TargetStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rescheduled {
    pub version: i32,
    pub scheduled_at: DateTime<Utc>,
}
