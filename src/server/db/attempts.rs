//! publish_attempts: one row per try, started by the claim (before the network is called) and
//! finished here.
use sqlx::PgConnection;
use uuid::Uuid;

/// `outcome` is one of published, retry, failed, unknown; `error` is already redacted.
pub async fn finish(
    conn: &mut PgConnection,
    target_id: Uuid,
    attempt: i32,
    outcome: &str,
    http_status: Option<u16>,
    error: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update publish_attempts set finished_at = now(), outcome = $3, http_status = $4, error = $5
         where target_id = $1 and attempt = $2 and finished_at is null",
        target_id,
        attempt,
        outcome,
        http_status.map(|s| s as i16),
        error
    )
    .execute(conn)
    .await?;
    Ok(())
}
