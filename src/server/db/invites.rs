use crate::domain::role::Role;
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

pub struct NewInvite<'a> {
    pub token_hash: &'a [u8],
    pub workspace_id: Uuid,
    pub user_id: Uuid,
    pub role: Role,
    pub invited_by: Option<Uuid>,
    pub expires_at: DateTime<Utc>,
}

pub struct OpenInvite {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub workspace_name: String,
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
}

pub struct PendingInvite {
    pub id: Uuid,
    pub user_id: Uuid,
    pub email: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(executor: impl PgExecutor<'_>, invite: NewInvite<'_>) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into invites (token_hash, workspace_id, user_id, role, invited_by, expires_at)
         values ($1, $2, $3, $4, $5, $6) returning id",
        invite.token_hash,
        invite.workspace_id,
        invite.user_id,
        invite.role.as_str(),
        invite.invited_by,
        invite.expires_at
    )
    .fetch_one(executor)
    .await
}

/// An unused, unexpired invite with this token hash.
pub async fn find_open(pool: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<OpenInvite>> {
    let row = sqlx::query!(
        r#"select i.id, i.workspace_id, w.name as workspace_name, i.user_id, u.email, u.name,
                  i.role, i.expires_at
           from invites i
           join workspaces w on w.id = i.workspace_id
           join users u on u.id = i.user_id
           where i.token_hash = $1 and i.used_at is null and i.expires_at > now()"#,
        token_hash
    )
    .fetch_optional(pool)
    .await?;
    row.map(|r| {
        Ok(OpenInvite {
            id: r.id,
            workspace_id: r.workspace_id,
            workspace_name: r.workspace_name,
            user_id: r.user_id,
            email: r.email,
            name: r.name,
            role: r.role.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
            expires_at: r.expires_at,
        })
    })
    .transpose()
}

/// Marks the invite used; false when it was used or withdrawn meanwhile (one use only).
pub async fn mark_used(executor: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update invites set used_at = now() where id = $1 and used_at is null and expires_at > now()",
        id
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn list_pending(pool: &PgPool, workspace_id: Uuid) -> sqlx::Result<Vec<PendingInvite>> {
    let rows = sqlx::query!(
        r#"select i.id, i.user_id, u.email, i.role, i.expires_at
           from invites i join users u on u.id = i.user_id
           where i.workspace_id = $1 and i.used_at is null
           order by i.created_at desc"#,
        workspace_id
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(PendingInvite {
                id: r.id,
                user_id: r.user_id,
                email: r.email,
                role: r.role.parse().map_err(|e| sqlx::Error::Decode(Box::new(e)))?,
                expires_at: r.expires_at,
            })
        })
        .collect()
}

/// Withdraws every unused invite of a person to a workspace (before a new one, or on removal).
pub async fn withdraw_for(
    executor: impl PgExecutor<'_>,
    workspace_id: Uuid,
    user_id: Uuid,
) -> sqlx::Result<u64> {
    let result = sqlx::query!(
        "delete from invites where workspace_id = $1 and user_id = $2 and used_at is null",
        workspace_id,
        user_id
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected())
}

pub async fn withdraw_all_for_user(executor: impl PgExecutor<'_>, user_id: Uuid) -> sqlx::Result<u64> {
    let result = sqlx::query!(
        "delete from invites where user_id = $1 and used_at is null",
        user_id
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected())
}
