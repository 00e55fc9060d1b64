//! Each workspace's turns per minute in the publish queue (see `publish::queue`).
use sqlx::PgPool;

/// Forgets the turns of minutes longer ago than `hours`: tasks due then are long fetched.
pub async fn purge_older_than(pool: &PgPool, hours: i64) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from publish_turns where minute < now() - make_interval(hours => $1::bigint::int)",
        hours
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}
