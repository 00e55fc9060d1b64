//! The Audit page: the workspace's log, filtered, newest first (owners and admins).
use super::error::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
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

#[server(endpoint = "audit_log")]
pub async fn audit_log(
    #[server(default)] query: AuditQuery,
    #[server(default)] before: Option<i64>,
) -> Result<AuditPage, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{audit, auth::guard, db};

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    let mut filter = audit::filter(&query, &member.workspace_timezone)?;
    filter.before = before;
    let pool = &request.state.pool;
    let rows = db::audit::list(pool, member.workspace_id, &filter, PAGE_SIZE)
        .await
        .map_err(AppError::unexpected)?;
    let actors = db::audit::actors(pool, member.workspace_id)
        .await
        .map_err(AppError::unexpected)?;
    let next = (rows.len() as i64 == PAGE_SIZE)
        .then(|| rows.last().map(|r| r.id))
        .flatten();
    Ok(AuditPage {
        entries: rows
            .into_iter()
            .map(|row| AuditEntryView {
                id: row.id,
                at: row.created_at,
                actor: row.actor_name,
                action: row.action,
                summary: row.summary,
                subject_type: row.subject_type,
                subject_id: row.subject_id,
            })
            .collect(),
        actors,
        next,
    })
}
