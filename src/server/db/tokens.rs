//! Access tokens that expire, and their refresh. A refresh runs in one transaction per
//! account under an advisory lock, so a rotated refresh token is spent once and never lost.
use crate::domain::platform::Platform;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

pub struct Held {
    pub platform: Platform,
    pub credentials: Vec<u8>,
    pub refresh_token: Option<Vec<u8>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub needs_reauth: bool,
}

/// Waits for any other refresh of this account to finish (the lock lasts until the
/// transaction ends), then reads what it left.
pub async fn lock(conn: &mut PgConnection, account_id: Uuid) -> sqlx::Result<Option<Held>> {
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('token-refresh:' || $1::uuid::text, 0))",
        account_id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query_as!(
        Held,
        r#"select platform as "platform: Platform", credentials, refresh_token, token_expires_at as expires_at,
                  state = 'needs_reauth' as "needs_reauth!"
           from accounts where id = $1"#,
        account_id
    )
    .fetch_optional(conn)
    .await
}

/// The new tokens; `refresh_token` None keeps the one stored (a network that does not rotate).
pub async fn store(
    conn: &mut PgConnection,
    account_id: Uuid,
    credentials: &[u8],
    refresh_token: Option<&[u8]>,
    expires_at: Option<DateTime<Utc>>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set credentials = $2, refresh_token = coalesce($3, refresh_token),
             token_expires_at = $4, token_refreshed_at = now(), token_error = null, updated_at = now()
         where id = $1",
        account_id,
        credentials,
        refresh_token,
        expires_at
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A refresh that failed for now (timeout, 5xx, 429): the account stays connected.
pub async fn record_error(conn: &mut PgConnection, account_id: Uuid, error: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set token_error = $2, updated_at = now() where id = $1",
        account_id,
        error
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The network refused the refresh token (revoked, `invalid_grant`): a person signs in again.
pub async fn refused(conn: &mut PgConnection, account_id: Uuid, reason: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set token_error = $2,
             state = case when state = 'paused' then state else 'needs_reauth' end,
             state_reason = case when state = 'paused' then state_reason else $2 end,
             updated_at = now()
         where id = $1",
        account_id,
        reason
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Connected accounts whose token runs out within `seconds`.
pub async fn expiring_within(pool: &PgPool, seconds: i64) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "select id from accounts
         where refresh_token is not null and state = 'connected'
           and token_expires_at < now() + make_interval(secs => $1::bigint::double precision)
         order by token_expires_at",
        seconds
    )
    .fetch_all(pool)
    .await
}
