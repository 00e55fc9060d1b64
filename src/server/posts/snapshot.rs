//! The post as a reviewer saw it, kept with each submission and decision.
use crate::server::db::{posts::PostRow, reviews};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub body: String,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub timezone: String,
    pub targets: Vec<SnapshotTarget>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SnapshotTarget {
    pub account_id: Uuid,
    pub account: String,
    pub body_override: Option<String>,
}

/// Reads the post's current targets (call after writing them, in the same transaction).
pub async fn take(conn: &mut PgConnection, post: &PostRow) -> sqlx::Result<Snapshot> {
    let targets = reviews::target_names(conn, post.id).await?;
    Ok(Snapshot::of(
        post.body.clone(),
        post.scheduled_at,
        post.timezone.clone(),
        targets,
    ))
}

impl Snapshot {
    /// From the post's fields and its targets as `reviews::target_names` reads them.
    pub fn of(
        body: String,
        scheduled_at: Option<DateTime<Utc>>,
        timezone: String,
        targets: Vec<(Uuid, String, Option<String>)>,
    ) -> Self {
        Snapshot {
            body,
            scheduled_at,
            timezone,
            targets: targets
                .into_iter()
                .map(|(account_id, account, body_override)| SnapshotTarget {
                    account_id,
                    account,
                    body_override,
                })
                .collect(),
        }
    }
}

impl Snapshot {
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}
