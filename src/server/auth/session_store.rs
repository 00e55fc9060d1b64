//! A tower-sessions store on our own sqlx pool. (tower-sessions-sqlx-store pins sqlx 0.8,
//! which would compile a second sqlx and open a second pool.)
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use std::time::Duration;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

#[derive(Debug, Clone)]
pub struct PgSessionStore {
    pool: PgPool,
}

impl PgSessionStore {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }

    pub async fn delete_expired(&self) -> sqlx::Result<u64> {
        let result = sqlx::query!("delete from sessions where expires_at < now()")
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected())
    }

    /// Deletes expired sessions every `period`, forever; a failed round is logged and retried.
    pub async fn delete_expired_every(self, period: Duration) {
        let mut interval = tokio::time::interval(period);
        loop {
            interval.tick().await;
            if let Err(error) = self.delete_expired().await {
                tracing::warn!(%error, "could not delete expired sessions");
            }
        }
    }
}

fn expires_at(record: &Record) -> session_store::Result<DateTime<Utc>> {
    DateTime::from_timestamp(
        record.expiry_date.unix_timestamp(),
        record.expiry_date.nanosecond(),
    )
    .ok_or_else(|| session_store::Error::Encode("session expiry out of range".into()))
}

fn backend(error: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

fn encode(record: &Record) -> session_store::Result<serde_json::Value> {
    serde_json::to_value(&record.data).map_err(|e| session_store::Error::Encode(e.to_string()))
}

#[async_trait]
impl SessionStore for PgSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A fresh random id colliding is all but impossible; if it happens, draw another.
        loop {
            let inserted = sqlx::query!(
                "insert into sessions (id, data, expires_at) values ($1, $2, $3)
                 on conflict (id) do nothing",
                record.id.to_string(),
                encode(record)?,
                expires_at(record)?
            )
            .execute(&self.pool)
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    /// Updates a session that still exists, never brings one back: a request that was in
    /// flight while its session signed out (or expired) must not undo that.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        sqlx::query!(
            "update sessions set data = $2, expires_at = $3 where id = $1",
            record.id.to_string(),
            encode(record)?,
            expires_at(record)?
        )
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row = sqlx::query!(
            "select data, expires_at from sessions where id = $1 and expires_at > now()",
            id.to_string()
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let data =
            serde_json::from_value(row.data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(row.expires_at.timestamp())
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query!("delete from sessions where id = $1", id.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
