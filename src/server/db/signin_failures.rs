use sqlx::PgPool;

pub struct RecentFailures {
    pub by_email: i64,
    pub by_ip: i64,
}

pub async fn record(pool: &PgPool, email: &str, ip: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into signin_failures (email, ip) values ($1, $2)",
        email,
        ip
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn recent(
    pool: &PgPool,
    email: &str,
    ip: &str,
    window_seconds: i64,
) -> sqlx::Result<RecentFailures> {
    let row = sqlx::query!(
        r#"select count(*) filter (where email = $1) as "by_email!",
                  count(*) filter (where ip = $2) as "by_ip!"
           from signin_failures
           where failed_at > now() - make_interval(secs => $3::bigint::double precision)
             and (email = $1 or ip = $2)"#,
        email,
        ip,
        window_seconds
    )
    .fetch_one(pool)
    .await?;
    Ok(RecentFailures {
        by_email: row.by_email,
        by_ip: row.by_ip,
    })
}

/// Forgets an email's failures once its owner signs in.
pub async fn clear_email(pool: &PgPool, email: &str) -> sqlx::Result<()> {
    sqlx::query!("delete from signin_failures where email = $1", email)
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
