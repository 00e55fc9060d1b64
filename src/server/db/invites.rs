//! Invitations to a workspace, by email. Only a hash of each token is kept.
use crate::domain::role::Role;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

pub struct NewInvite<'a> {
    pub token_hash: &'a [u8],
    pub workspace_id: Uuid,
    pub email: &'a str,
    pub role: Role,
    pub invited_by: Option<Uuid>,
    pub expires_at: DateTime<Utc>,
}

pub struct OpenInvite {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub workspace_name: String,
    pub email: String,
    pub role: Role,
}

pub struct PendingInvite {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    pub expires_at: DateTime<Utc>,
}

/// Opens an invite for the address, or gives its open invite a new token, role and expiry
/// (the old link stops working).
pub async fn open(executor: impl PgExecutor<'_>, invite: NewInvite<'_>) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into invites (token_hash, workspace_id, email, role, invited_by, expires_at)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (workspace_id, lower(email)) where used_at is null
         do update set token_hash = excluded.token_hash, role = excluded.role,
                       invited_by = excluded.invited_by, expires_at = excluded.expires_at,
                       created_at = now()
         returning id",
        invite.token_hash,
        invite.workspace_id,
        invite.email,
        invite.role as Role,
        invite.invited_by,
        invite.expires_at
    )
    .fetch_one(executor)
    .await
}

/// The unused, unexpired invite with this token hash.
pub async fn find_open(pool: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<OpenInvite>> {
    sqlx::query_as!(
        OpenInvite,
        r#"select i.id, i.workspace_id, w.name as workspace_name, i.email, i.role as "role: Role"
           from invites i join workspaces w on w.id = i.workspace_id
           where i.token_hash = $1 and i.used_at is null and i.expires_at > now()"#,
        token_hash
    )
    .fetch_optional(pool)
    .await
}

/// As `find_open`, holding the invite until the transaction ends: of two acceptances at
/// once, the second finds it used.
pub async fn lock_open(conn: &mut PgConnection, token_hash: &[u8]) -> sqlx::Result<Option<OpenInvite>> {
    sqlx::query_as!(
        OpenInvite,
        r#"select i.id, i.workspace_id, w.name as workspace_name, i.email, i.role as "role: Role"
           from invites i join workspaces w on w.id = i.workspace_id
           where i.token_hash = $1 and i.used_at is null and i.expires_at > now()
           for update of i"#,
        token_hash
    )
    .fetch_optional(conn)
    .await
}

/// Spends a locked invite on the person who accepted it.
pub async fn mark_accepted(conn: &mut PgConnection, id: Uuid, user_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update invites set used_at = now(), accepted_by = $2 where id = $1",
        id,
        user_id
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn list_pending(pool: &PgPool, workspace_id: Uuid) -> sqlx::Result<Vec<PendingInvite>> {
    sqlx::query_as!(
        PendingInvite,
        r#"select id, email, role as "role: Role", expires_at from invites
           where workspace_id = $1 and used_at is null
           order by created_at desc"#,
        workspace_id
    )
    .fetch_all(pool)
    .await
}

/// Gives a workspace's open invite a new token and expiry; its email and role, or `None`
/// when there is no such open invite.
pub async fn renew(
    executor: impl PgExecutor<'_>,
    workspace_id: Uuid,
    id: Uuid,
    token_hash: &[u8],
    expires_at: DateTime<Utc>,
) -> sqlx::Result<Option<(String, Role)>> {
    let row = sqlx::query!(
        r#"update invites set token_hash = $3, expires_at = $4, created_at = now()
           where workspace_id = $1 and id = $2 and used_at is null
           returning email, role as "role: Role""#,
        workspace_id,
        id,
        token_hash,
        expires_at
    )
    .fetch_optional(executor)
    .await?;
    Ok(row.map(|r| (r.email, r.role)))
}

/// Withdraws a workspace's open invite; its email, or `None` when there was none.
pub async fn withdraw(
    executor: impl PgExecutor<'_>,
    workspace_id: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "delete from invites where workspace_id = $1 and id = $2 and used_at is null returning email",
        workspace_id,
        id
    )
    .fetch_optional(executor)
    .await
}
