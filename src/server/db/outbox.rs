//! email_outbox: mail waiting to go, claimed one row at a time across processes.
use chrono::{DateTime, Utc};
use sqlx::PgPool;

pub struct Claimed {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub link: String,
    pub attempts: i32,
}

/// Takes the oldest due message. Once claimed, a message is sent at most once: only an
/// explicit `retry_later` makes it due again.
pub async fn claim(pool: &PgPool) -> sqlx::Result<Option<Claimed>> {
    sqlx::query_as!(
        Claimed,
        "update email_outbox set claimed_at = now(), attempts = attempts + 1
         where id = (select id from email_outbox
                     where sent_at is null and claimed_at is null and next_attempt_at <= now()
                     order by id limit 1 for update skip locked)
         returning id, to_address, subject, body, link, attempts",
    )
    .fetch_optional(pool)
    .await
}

pub async fn mark_sent(pool: &PgPool, id: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "update email_outbox set sent_at = now(), last_error = null where id = $1",
        id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The server refused it for now: due again at `at`.
pub async fn retry_later(pool: &PgPool, id: i64, at: DateTime<Utc>, error: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update email_outbox set claimed_at = null, next_attempt_at = $2, last_error = $3 where id = $1",
        id,
        at,
        error
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Given up on (or its fate is unknown): it stays claimed, so it is never sent again.
pub async fn give_up(pool: &PgPool, id: i64, error: &str) -> sqlx::Result<()> {
    sqlx::query!("update email_outbox set last_error = $2 where id = $1", id, error)
        .execute(pool)
        .await?;
    Ok(())
}
