//! Connected accounts. Every query is scoped by workspace, so an id from another workspace
//! finds nothing.
use crate::domain::account::AccountState;
use crate::domain::platform::Platform;
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

pub struct NewAccount<'a> {
    pub id: Uuid,
    pub workspace_id: Uuid,
    pub platform: Platform,
    pub display_name: &'a str,
    pub handle: &'a str,
    pub instance_url: Option<&'a str>,
    pub colour: &'a str,
    pub sealed_credentials: &'a [u8],
    pub max_characters: Option<i32>,
    pub characters_reserved_per_url: Option<i32>,
    pub created_by: Option<Uuid>,
    pub grant: Option<Grant<'a>>,
}

/// What a sign-in ("Sign in with …") adds to a token: how to renew it, and when it runs out.
#[derive(Clone, Copy)]
pub struct Grant<'a> {
    /// Sealed; None where the network hands out none (the token then lasts).
    pub refresh_token: Option<&'a [u8]>,
    pub expires_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct AccountRow {
    pub id: Uuid,
    pub platform: Platform,
    pub display_name: String,
    pub handle: String,
    pub instance_url: Option<String>,
    pub colour: String,
    pub state: AccountState,
    pub state_reason: Option<String>,
    pub max_characters: Option<i32>,
    pub characters_reserved_per_url: Option<i32>,
    pub last_tested_at: Option<DateTime<Utc>>,
    pub last_test_ok: Option<bool>,
    pub last_test_message: Option<String>,
    pub renews_itself: bool,
    pub token_expires_at: Option<DateTime<Utc>>,
    pub token_refreshed_at: Option<DateTime<Utc>>,
    pub token_error: Option<String>,
}

pub async fn insert(executor: impl PgExecutor<'_>, account: NewAccount<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into accounts (id, workspace_id, platform, display_name, handle, instance_url, colour,
                               credentials, max_characters, characters_reserved_per_url, created_by,
                               last_tested_at, last_test_ok, last_test_message,
                               refresh_token, token_expires_at, token_refreshed_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, now(), true, 'Connected.', $12, $13,
                 case when $14 then now() end)",
        account.id,
        account.workspace_id,
        account.platform as Platform,
        account.display_name,
        account.handle,
        account.instance_url,
        account.colour,
        account.sealed_credentials,
        account.max_characters,
        account.characters_reserved_per_url,
        account.created_by,
        account.grant.and_then(|grant| grant.refresh_token),
        account.grant.and_then(|grant| grant.expires_at),
        account.grant.is_some()
    )
    .execute(executor)
    .await?;
    Ok(())
}

pub async fn list(pool: &PgPool, workspace_id: Uuid) -> sqlx::Result<Vec<AccountRow>> {
    sqlx::query_as!(
        AccountRow,
        r#"select id, platform as "platform: Platform", display_name, handle, instance_url, colour,
                  state as "state: AccountState", state_reason, max_characters,
                  characters_reserved_per_url, last_tested_at, last_test_ok, last_test_message,
                  refresh_token is not null as "renews_itself!", token_expires_at, token_refreshed_at, token_error
           from accounts where workspace_id = $1 order by created_at, id"#,
        workspace_id
    )
    .fetch_all(pool)
    .await
}

pub async fn find(pool: &PgPool, workspace_id: Uuid, id: Uuid) -> sqlx::Result<Option<AccountRow>> {
    sqlx::query_as!(
        AccountRow,
        r#"select id, platform as "platform: Platform", display_name, handle, instance_url, colour,
                  state as "state: AccountState", state_reason, max_characters,
                  characters_reserved_per_url, last_tested_at, last_test_ok, last_test_message,
                  refresh_token is not null as "renews_itself!", token_expires_at, token_refreshed_at, token_error
           from accounts where workspace_id = $1 and id = $2"#,
        workspace_id,
        id
    )
    .fetch_optional(pool)
    .await
}

pub async fn sealed_credentials(
    pool: &PgPool,
    workspace_id: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<Vec<u8>>> {
    sqlx::query_scalar!(
        "select credentials from accounts where workspace_id = $1 and id = $2",
        workspace_id,
        id
    )
    .fetch_optional(pool)
    .await
}

/// The most recently connected account's id and sealed credentials, to try the key on.
pub async fn newest_sealed(pool: &PgPool) -> sqlx::Result<Option<(Uuid, Vec<u8>)>> {
    let row = sqlx::query!("select id, credentials from accounts order by created_at desc limit 1")
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|row| (row.id, row.credentials)))
}

pub struct TestOutcome<'a> {
    pub ok: bool,
    pub message: &'a str,
    /// On success: what the network reported.
    pub handle: Option<&'a str>,
    pub max_characters: Option<i32>,
    pub characters_reserved_per_url: Option<i32>,
}

/// Records a connection test. A success clears "needs re-auth" (not "paused": a person
/// paused it); a refusal of the credentials sets it.
pub async fn record_test(
    pool: &PgPool,
    workspace_id: Uuid,
    id: Uuid,
    outcome: TestOutcome<'_>,
    refused_credentials: bool,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update accounts set
            last_tested_at = now(), last_test_ok = $3, last_test_message = $4,
            handle = coalesce($5, handle),
            max_characters = case when $3 then $6 else max_characters end,
            characters_reserved_per_url = case when $3 then $7 else characters_reserved_per_url end,
            state = case when $3 and state = 'needs_reauth' then 'connected'
                         when $8 and state <> 'paused' then 'needs_reauth' else state end,
            state_reason = case when $3 and state = 'needs_reauth' then null
                                when $8 and state <> 'paused' then $4 else state_reason end,
            updated_at = now()
         where workspace_id = $1 and id = $2",
        workspace_id,
        id,
        outcome.ok,
        outcome.message,
        outcome.handle,
        outcome.max_characters,
        outcome.characters_reserved_per_url,
        refused_credentials
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn set_paused(
    executor: impl PgExecutor<'_>,
    workspace_id: Uuid,
    id: Uuid,
    paused: bool,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update accounts set
            state = case when $3 then 'paused' when last_test_ok is false then 'needs_reauth' else 'connected' end,
            state_reason = case when $3 then 'Paused by a person.' else null end,
            updated_at = now()
         where workspace_id = $1 and id = $2",
        workspace_id,
        id,
        paused
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn update_details(
    pool: &PgPool,
    workspace_id: Uuid,
    id: Uuid,
    display_name: &str,
    colour: &str,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update accounts set display_name = $3, colour = $4, updated_at = now()
         where workspace_id = $1 and id = $2",
        workspace_id,
        id,
        display_name,
        colour
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub struct NewCredentials<'a> {
    pub sealed: &'a [u8],
    pub handle: &'a str,
    pub instance_url: Option<&'a str>,
    pub max_characters: Option<i32>,
    pub characters_reserved_per_url: Option<i32>,
    /// None: a pasted token, which neither expires nor refreshes as far as Herald knows.
    pub grant: Option<Grant<'a>>,
}

/// Replaces the credentials after a successful test (re-authentication).
pub async fn replace_credentials(
    executor: impl PgExecutor<'_>,
    workspace_id: Uuid,
    id: Uuid,
    new: NewCredentials<'_>,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update accounts set credentials = $3, handle = $4, instance_url = $5, max_characters = $6,
            characters_reserved_per_url = $7, state = case when state = 'paused' then 'paused' else 'connected' end,
            state_reason = case when state = 'paused' then state_reason else null end,
            last_tested_at = now(), last_test_ok = true, last_test_message = 'Connected.', updated_at = now(),
            -- a sign-in that hands out no new refresh token keeps the one it has
            refresh_token = case when $8 then coalesce($9, refresh_token) end,
            token_expires_at = $10, token_refreshed_at = case when $8 then now() end, token_error = null
         where workspace_id = $1 and id = $2",
        workspace_id,
        id,
        new.sealed,
        new.handle,
        new.instance_url,
        new.max_characters,
        new.characters_reserved_per_url,
        new.grant.is_some(),
        new.grant.and_then(|grant| grant.refresh_token),
        new.grant.and_then(|grant| grant.expires_at)
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn delete(executor: impl PgExecutor<'_>, workspace_id: Uuid, id: Uuid) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "delete from accounts where workspace_id = $1 and id = $2",
        workspace_id,
        id
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}
