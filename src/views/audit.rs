//! What the audit server functions send and take; built on the server, read by the pages.
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntryView {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub summary: String,
    pub subject_type: String,
    pub subject_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntryView>,
    /// Everyone who appears in the log, for the filter.
    pub actors: Vec<(Uuid, String)>,
    /// Pass as `before` for the next (older) page.
    pub next: Option<i64>,
}

/// The groups of actions the filter offers.
pub const ACTION_GROUPS: [(&str, &str); 7] = [
    ("post", "Posts"),
    ("publish", "Publish attempts"),
    ("target", "Failed or unknown targets"),
    ("member", "Members and roles"),
    ("account", "Accounts"),
    ("session", "Sign-ins"),
    ("workspace", "Workspace settings"),
];

pub const PAGE_SIZE: i64 = 100;

/// The filter as the page's form (and the CSV link) sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub actor: String,
    /// `YYYY-MM-DD`, in the workspace's zone.
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}
