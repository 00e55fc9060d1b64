//! What the posts server functions send and take; built on the server, read by the pages.
use crate::domain::post::{PostStatus, TargetStatus};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostView {
    pub id: Uuid,
    pub version: i32,
    pub status: PostStatus,
    pub body: String,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub timezone: String,
    /// The scheduled time as wall-clock time in `timezone` (for the form's inputs).
    pub local_date: String,
    pub local_time: String,
    pub targets: Vec<TargetView>,
    pub media: Vec<MediaView>,
    pub author_id: Option<Uuid>,
    /// An approval covers its current text and accounts.
    pub approved: bool,
    /// The recurring series this post is one of.
    pub series: Option<crate::views::series::SeriesView>,
    /// In a posting slot the queue gave (it moves along when the queue is re-flowed).
    pub queued: bool,
    /// In the evergreen pool: shared again in empty posting slots.
    pub evergreen: bool,
    /// The evergreen post this post shares again (made by the pool).
    pub evergreen_of: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetView {
    pub account_id: Uuid,
    pub body_override: Option<String>,
    pub status: TargetStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediaView {
    pub id: Uuid,
    pub alt_text: String,
    pub width: i32,
    pub height: i32,
}

impl MediaView {
    pub fn url(&self) -> String {
        format!("/media/{}", self.id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedPost {
    pub id: Uuid,
    pub version: i32,
    pub status: PostStatus,
    pub scheduled_at: Option<DateTime<Utc>>,
    /// Told to the person when their time happened twice (clocks went back).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UploadedImage {
    pub id: Uuid,
    pub width: u32,
    pub height: u32,
}

/// One account row of the composer: `targets[i][account_id]` always, `targets[i][selected]=true`
/// when ticked, `targets[i][body_override]` for its own text. (Indexed rather than keyed by
/// account id: the form decoder reads a bracketed key starting with a digit as an index.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetForm {
    pub account_id: Uuid,
    #[serde(default)]
    pub selected: bool,
    #[serde(default)]
    pub body_override: String,
}

/// An attached image, in order: `images[i][media_id]`, `images[i][alt_text]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImageForm {
    pub media_id: Uuid,
    #[serde(default)]
    pub alt_text: String,
}

/// A draft on the Drafts page, at the version the list was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftSummary {
    pub id: Uuid,
    pub version: i32,
    pub excerpt: String,
    pub updated_at: DateTime<Utc>,
    /// The names of its accounts.
    pub accounts: Vec<String>,
}
