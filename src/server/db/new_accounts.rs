//! Accounts being created per client address (sign-ups and accepted invites), counted to
//! limit how many password hashes one address can ask for.
use sqlx::PgPool;

/// Records an attempt unless the address already made `limit` in the window; whether it was
/// recorded. Attempts from one address are counted one at a time (an advisory lock), so a
/// burst cannot pass the limit.
pub async fn record_within(pool: &PgPool, ip: &str, limit: i64, window_seconds: i64) -> sqlx::Result<bool> {
    let mut tx = pool.begin().await?;
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended('new-account:' || $1, 0))",
        ip
    )
    .execute(&mut *tx)
    .await?;
    let made = sqlx::query_scalar!(
        r#"select count(*) as "count!" from new_account_attempts
           where ip = $1 and attempted_at > now() - make_interval(secs => $2::bigint::double precision)"#,
        ip,
        window_seconds
    )
    .fetch_one(&mut *tx)
    .await?;
    if made >= limit {
        return Ok(false);
    }
    sqlx::query!("insert into new_account_attempts (ip) values ($1)", ip)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn purge_older_than(pool: &PgPool, seconds: i64) -> sqlx::Result<u64> {
    let result = sqlx::query!(
        "delete from new_account_attempts where attempted_at < now() - make_interval(secs => $1::bigint::double precision)",
        seconds
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected())
}
