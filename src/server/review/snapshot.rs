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
    Ok(Snapshot {
        body: post.body.clone(),
        scheduled_at: post.scheduled_at,
        timezone: post.timezone.clone(),
        targets: targets
            .into_iter()
            .map(|(account_id, account, body_override)| SnapshotTarget {
                account_id,
                account,
                body_override,
            })
            .collect(),
    })
}

impl Snapshot {
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}
