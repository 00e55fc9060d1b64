//! This instance's OAuth app at each network, entered by its admin. The secret stays sealed.
use crate::domain::platform::Platform;
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

pub struct NetworkAppRow {
    pub platform: Platform,
    pub client_id: String,
    pub client_secret: Option<Vec<u8>>,
    /// LinkedIn: the app may post to organisation pages.
    pub organisations: bool,
    pub updated_at: DateTime<Utc>,
}

pub async fn list(pool: &PgPool) -> sqlx::Result<Vec<NetworkAppRow>> {
    sqlx::query_as!(
        NetworkAppRow,
        r#"select platform as "platform: Platform", client_id, client_secret, organisations, updated_at
           from network_apps order by platform"#
    )
    .fetch_all(pool)
    .await
}

pub async fn find(executor: impl PgExecutor<'_>, platform: Platform) -> sqlx::Result<Option<NetworkAppRow>> {
    sqlx::query_as!(
        NetworkAppRow,
        r#"select platform as "platform: Platform", client_id, client_secret, organisations, updated_at
           from network_apps where platform = $1"#,
        platform as Platform
    )
    .fetch_optional(executor)
    .await
}

/// Saves the app; a missing secret keeps the one already saved.
pub async fn save(
    executor: impl PgExecutor<'_>,
    platform: Platform,
    client_id: &str,
    sealed_secret: Option<&[u8]>,
    organisations: bool,
    updated_by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into network_apps (platform, client_id, client_secret, organisations, updated_by)
         values ($1, $2, $3, $4, $5)
         on conflict (platform) do update set client_id = excluded.client_id,
             client_secret = coalesce(excluded.client_secret, network_apps.client_secret),
             organisations = excluded.organisations,
             updated_by = excluded.updated_by, updated_at = now()",
        platform as Platform,
        client_id,
        sealed_secret,
        organisations,
        updated_by
    )
    .execute(executor)
    .await?;
    Ok(())
}

pub async fn delete(executor: impl PgExecutor<'_>, platform: Platform) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "delete from network_apps where platform = $1",
        platform as Platform
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}
