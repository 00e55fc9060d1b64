//! The bell: a person's notifications in this workspace, and what they want to hear of.
use crate::domain::notice::NoticeKind;
use crate::error::AppError;
pub use crate::views::notifications::{NoticeSetting, NotificationView};
use leptos::prelude::*;

#[server(endpoint = "notifications")]
pub async fn notifications() -> Result<Vec<NotificationView>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, notifications};

    let (request, member) = guard::require(Permission::Read).await?;
    notifications::list(&request.state.pool, &member).await
}

/// The bell's number.
#[server(endpoint = "unread_notifications")]
pub async fn unread_notifications() -> Result<i64, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, notifications};

    let (request, member) = guard::require(Permission::Read).await?;
    notifications::unread(&request.state.pool, &member).await
}

/// Marks one of the person's notifications read, or all of them without `id`.
#[server(endpoint = "mark_notifications_read")]
pub async fn mark_notifications_read(#[server(default)] id: Option<i64>) -> Result<u64, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, notifications};

    let (request, member) = guard::require(Permission::Read).await?;
    let marked = notifications::mark_read(&request.state.pool, &member, id).await?;
    if !super::posts::is_client_call() {
        leptos_axum::redirect("/notifications");
    }
    Ok(marked)
}

#[server(endpoint = "notification_settings")]
pub async fn notification_settings() -> Result<Vec<NoticeSetting>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, notifications};

    let (request, member) = guard::require(Permission::Read).await?;
    notifications::settings(&request.state.pool, &member).await
}

/// One kind's setting. Checkboxes: an absent one is off.
#[server(endpoint = "update_notification_setting")]
pub async fn update_notification_setting(
    kind: NoticeKind,
    #[server(default)] in_app: bool,
    #[server(default)] email: bool,
) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, notifications};

    let (request, member) = guard::require(Permission::Read).await?;
    let setting = NoticeSetting { kind, in_app, email };
    notifications::set(&request.state.pool, &member, setting).await?;
    if !super::posts::is_client_call() {
        leptos_axum::redirect("/notifications");
    }
    Ok(())
}
