//! Sign-in attempts, counted over a short window to throttle password guessing. A row is
//! written before the password is checked and removed when it was right, so what stays are
//! failures.
use sqlx::{PgConnection, PgPool};

pub struct Recent {
    /// From browsers not known for this email.
    pub by_email: i64,
    /// From this address, by browsers not known for the email they tried.
    pub by_ip: i64,
    /// From this known browser.
    pub by_device: i64,
}

/// Holds the counters an attempt is checked against until the transaction ends, so attempts
/// made at once are counted one after another (never all against the same, low count).
pub async fn lock(conn: &mut PgConnection, keys: &[String]) -> sqlx::Result<()> {
    let mut keys = keys.to_vec();
    keys.sort(); // one order everywhere: no deadlock between two attempts
    for key in keys {
        sqlx::query!("select pg_advisory_xact_lock(hashtextextended($1, 0))", key)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Records an attempt; its id, to forget it if the password was right.
pub async fn record(
    conn: &mut PgConnection,
    email: &str,
    ip: &str,
    device: Option<&str>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into signin_failures (email, ip, device) values ($1, $2, $3) returning id",
        email,
        ip,
        device
    )
    .fetch_one(conn)
    .await
}

/// Attempts in the window.
pub async fn recent(
    conn: &mut PgConnection,
    email: &str,
    ip: &str,
    device: Option<&str>,
    window_seconds: i64,
) -> sqlx::Result<Recent> {
    let row = sqlx::query!(
        r#"select count(*) filter (where email = $1 and device is null) as "by_email!",
                  count(*) filter (where ip = $2 and device is null) as "by_ip!",
                  count(*) filter (where device = $3) as "by_device!"
           from signin_failures
           where failed_at > now() - make_interval(secs => $4::bigint::double precision)
             and (email = $1 or ip = $2 or device = $3)"#,
        email,
        ip,
        device,
        window_seconds
    )
    .fetch_one(conn)
    .await?;
    Ok(Recent {
        by_email: row.by_email,
        by_ip: row.by_ip,
        by_device: row.by_device,
    })
}

/// After a right password: this attempt, and the failures it outlived (from browsers not
/// known for the email, or from this known browser).
pub async fn forget(pool: &PgPool, id: i64, email: &str, device: Option<&str>) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from signin_failures
         where id = $1
            or (email = $2 and device is null and $3::text is null)
            or device = $3",
        id,
        email,
        device
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn purge_older_than(pool: &PgPool, seconds: i64) -> sqlx::Result<u64> {
    let result = sqlx::query!(
        "delete from signin_failures where failed_at < now() - make_interval(secs => $1::bigint::double precision)",
        seconds
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected())
}
