//! Links that let someone without a Herald login connect one account into a workspace.
use crate::domain::platform::Platform;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

pub struct NewLink<'a> {
    pub id: Uuid,
    pub token_hash: &'a [u8],
    pub workspace_id: Uuid,
    pub platform: Platform,
    pub note: &'a str,
    pub created_by: Uuid,
    pub valid_hours: i64,
}

pub struct LinkRow {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub workspace_name: String,
    pub platform: Platform,
    pub note: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub withdrawn_at: Option<DateTime<Utc>>,
    pub account_id: Option<Uuid>,
}

pub async fn insert(executor: impl PgExecutor<'_>, link: NewLink<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into connect_links (id, token_hash, workspace_id, platform, note, created_by, expires_at)
         values ($1, $2, $3, $4, $5, $6, now() + make_interval(hours => $7::bigint::int))",
        link.id,
        link.token_hash,
        link.workspace_id,
        link.platform as Platform,
        link.note,
        link.created_by,
        link.valid_hours
    )
    .execute(executor)
    .await?;
    Ok(())
}

pub async fn list(pool: &PgPool, workspace_id: Uuid) -> sqlx::Result<Vec<LinkRow>> {
    sqlx::query_as!(
        LinkRow,
        r#"select l.id, l.workspace_id, w.name as workspace_name, l.platform as "platform: Platform", l.note,
                  l.created_at, l.expires_at, l.used_at, l.withdrawn_at, l.account_id
           from connect_links l join workspaces w on w.id = l.workspace_id
           where l.workspace_id = $1 order by l.created_at desc limit 50"#,
        workspace_id
    )
    .fetch_all(pool)
    .await
}

pub async fn find(pool: &PgPool, id: Uuid) -> sqlx::Result<Option<LinkRow>> {
    sqlx::query_as!(
        LinkRow,
        r#"select l.id, l.workspace_id, w.name as workspace_name, l.platform as "platform: Platform", l.note,
                  l.created_at, l.expires_at, l.used_at, l.withdrawn_at, l.account_id
           from connect_links l join workspaces w on w.id = l.workspace_id
           where l.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await
}

pub async fn find_by_token(pool: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<LinkRow>> {
    sqlx::query_as!(
        LinkRow,
        r#"select l.id, l.workspace_id, w.name as workspace_name, l.platform as "platform: Platform", l.note,
                  l.created_at, l.expires_at, l.used_at, l.withdrawn_at, l.account_id
           from connect_links l join workspaces w on w.id = l.workspace_id
           where l.token_hash = $1"#,
        token_hash
    )
    .fetch_optional(pool)
    .await
}

/// Spends the link on the account being saved, in the same transaction; false when it was
/// used, withdrawn or expired meanwhile.
pub async fn spend(conn: &mut PgConnection, id: Uuid, account_id: Uuid) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update connect_links set used_at = now(), account_id = $2
         where id = $1 and used_at is null and withdrawn_at is null and expires_at > now()",
        id,
        account_id
    )
    .execute(conn)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn withdraw(executor: impl PgExecutor<'_>, workspace_id: Uuid, id: Uuid) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update connect_links set withdrawn_at = now()
         where workspace_id = $1 and id = $2 and used_at is null and withdrawn_at is null",
        workspace_id,
        id
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}
