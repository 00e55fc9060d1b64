//! The queue's reads and its lock: what an account has coming, and one adder at a time.
use crate::domain::plan::Placement;
use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

/// A post that holds a time on an account.
#[derive(Debug, Clone)]
pub struct Booked {
    pub post_id: Uuid,
    pub version: i32,
    pub at: DateTime<Utc>,
    pub placement: Placement,
}

/// Waits for, then holds until the transaction ends, the queue of each account (callers pass
/// them sorted, so two adders never wait on each other crosswise).
pub async fn lock_accounts(conn: &mut PgConnection, accounts: &[Uuid]) -> sqlx::Result<()> {
    for account in accounts {
        sqlx::query!(
            "select pg_advisory_xact_lock(hashtextextended('herald.queue:' || $1::uuid::text, 0))",
            account
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The account's posts from `from` on that will go out or wait for review, in time order.
pub async fn booked(
    executor: impl PgExecutor<'_>,
    account_id: Uuid,
    from: DateTime<Utc>,
) -> sqlx::Result<Vec<Booked>> {
    sqlx::query_as!(
        Booked,
        r#"select p.id as post_id, p.version, p.scheduled_at as "at!", p.placement as "placement: Placement"
           from posts p join post_targets t on t.post_id = p.id
           where t.account_id = $1 and p.scheduled_at >= $2
             and p.status in ('in_review', 'changes_requested', 'approved', 'scheduled')
           order by p.scheduled_at, p.created_at"#,
        account_id,
        from
    )
    .fetch_all(executor)
    .await
}
