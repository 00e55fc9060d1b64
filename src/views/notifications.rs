//! What the notifications server functions send and take; built on the server, read by the pages.
use crate::domain::notice::NoticeKind;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationView {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoticeSetting {
    pub kind: NoticeKind,
    pub in_app: bool,
    pub email: bool,
}
