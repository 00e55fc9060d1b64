//! The bell's service: a person's notifications in their workspace, and what they want to
//! hear of.
use crate::domain::notice::NoticeKind;
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::notifications;
use crate::views::notifications::{NoticeSetting, NotificationView};
use anyhow::Context;
use sqlx::PgPool;

/// The latest this many; older ones are not shown.
const SHOWN: i64 = 100;

pub async fn list(pool: &PgPool, member: &Member) -> Result<Vec<NotificationView>, AppError> {
    let rows = notifications::list(pool, member.user_id, member.workspace_id, SHOWN)
        .await
        .context("loading the person's notifications")?;
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

pub async fn unread(pool: &PgPool, member: &Member) -> Result<i64, AppError> {
    Ok(notifications::unread(pool, member.user_id, member.workspace_id)
        .await
        .context("counting unread notifications")?)
}

/// Marks one notification read, or all of them without `id`; returns how many.
pub async fn mark_read(pool: &PgPool, member: &Member, id: Option<i64>) -> Result<u64, AppError> {
    Ok(
        notifications::mark_read(pool, member.user_id, member.workspace_id, id)
            .await
            .context("marking notifications read")?,
    )
}

/// Every kind, on (in the app and by mail) unless the person turned it off.
pub async fn settings(pool: &PgPool, member: &Member) -> Result<Vec<NoticeSetting>, AppError> {
    let saved = notifications::settings(pool, member.user_id)
        .await
        .context("loading notification settings")?;
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

pub async fn set(pool: &PgPool, member: &Member, setting: NoticeSetting) -> Result<(), AppError> {
    notifications::set_setting(
        pool,
        member.user_id,
        setting.kind.as_str(),
        setting.in_app,
        setting.email,
    )
    .await
    .context("storing a notification setting")?;
    Ok(())
}
