//! The bell: a person's notifications in this workspace, and what they want to hear of.
use super::error::AppError;
use crate::domain::notice::NoticeKind;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
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

#[server(endpoint = "notifications")]
pub async fn notifications() -> Result<Vec<NotificationView>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, db::notifications};

    let (request, member) = guard::require(Permission::Read).await?;
    let rows = notifications::list(&request.state.pool, member.user_id, member.workspace_id, 100)
        .await
        .map_err(AppError::unexpected)?;
    Ok(rows
        .into_iter()
        .map(|row| NotificationView {
            id: row.id,
            kind: row.kind,
            title: row.title,
            body: row.body,
            link: row.link,
            created_at: row.created_at,
            read: row.read_at.is_some(),
        })
        .collect())
}

/// The bell's number.
#[server(endpoint = "unread_notifications")]
pub async fn unread_notifications() -> Result<i64, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, db::notifications};

    let (request, member) = guard::require(Permission::Read).await?;
    notifications::unread(&request.state.pool, member.user_id, member.workspace_id)
        .await
        .map_err(AppError::unexpected)
}

/// Marks one of the person's notifications read, or all of them without `id`.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read(#[server(default)] id: Option<i64>) -> Result<u64, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, db::notifications};

    let (request, member) = guard::require(Permission::Read).await?;
    let marked = notifications::mark_read(&request.state.pool, member.user_id, member.workspace_id, id)
        .await
        .map_err(AppError::unexpected)?;
    if !super::posts::is_client_call() {
        leptos_axum::redirect("/notifications");
    }
    Ok(marked)
}

#[server(endpoint = "notification_settings")]
pub async fn notification_settings() -> Result<Vec<NoticeSetting>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, db::notifications};

    let (request, member) = guard::require(Permission::Read).await?;
    let saved = notifications::settings(&request.state.pool, member.user_id)
        .await
        .map_err(AppError::unexpected)?;
    Ok(NoticeKind::ALL
        .into_iter()
        .map(|kind| {
            let (in_app, email) = saved
                .iter()
                .find(|(k, _, _)| k == kind.as_str())
                .map(|(_, in_app, email)| (*in_app, *email))
                .unwrap_or((true, true));
            NoticeSetting { kind, in_app, email }
        })
        .collect())
}

/// One kind's setting. Checkboxes: an absent one is off.
#[server(endpoint = "update_notification_setting")]
pub async fn update_notification_setting(
    kind: NoticeKind,
    #[server(default)] in_app: bool,
    #[server(default)] email: bool,
) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, db::notifications};

    let (request, member) = guard::require(Permission::Read).await?;
    notifications::set_setting(&request.state.pool, member.user_id, kind.as_str(), in_app, email)
        .await
        .map_err(AppError::unexpected)?;
    if !super::posts::is_client_call() {
        leptos_axum::redirect("/notifications");
    }
    Ok(())
}
