//! What per-account rate limits need from the database: the accounts' locks (so claims of one
//! account, from any process, count one after another), their recent attempts, targets moved
//! to the instant they may go, and the instant a network told an account to wait until.
use crate::domain::post::TargetStatus;
use crate::domain::publish::{Event, Window};
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use std::collections::HashMap;
use std::time::Duration;
use uuid::Uuid;

/// Locks these accounts in id order. Callers hold their posts' locks already (posts first).
/// `no key update` leaves inserts of targets that refer to them free to proceed.
pub async fn lock(conn: &mut PgConnection, account_ids: &[Uuid]) -> sqlx::Result<()> {
    sqlx::query_scalar!(
        "select id from accounts where id = any($1) order by id for no key update",
        account_ids
    )
    .fetch_all(conn)
    .await?;
    Ok(())
}

/// Per account: its attempts within `per` of now (counted up to `cap`) and the start times of
/// the oldest `oldest` of them.
pub async fn windows(
    conn: &mut PgConnection,
    accounts: &[(Uuid, Duration, usize, usize)],
) -> sqlx::Result<HashMap<Uuid, Window>> {
    let ids: Vec<Uuid> = accounts.iter().map(|a| a.0).collect();
    let pers: Vec<f64> = accounts.iter().map(|a| a.1.as_secs_f64()).collect();
    let caps: Vec<i64> = accounts.iter().map(|a| a.2 as i64).collect();
    let oldest: Vec<i64> = accounts.iter().map(|a| a.3 as i64).collect();
    let rows = sqlx::query!(
        r#"select r.account_id as "account_id!",
                  (select count(*) from (
                       select 1 from publish_attempts pa
                       where pa.account_id = r.account_id
                         and pa.started_at > now() - make_interval(secs => r.per)
                       limit r.cap) as counted) as "used!",
                  array(select pa.started_at from publish_attempts pa
                        where pa.account_id = r.account_id
                          and pa.started_at > now() - make_interval(secs => r.per)
                        order by pa.started_at limit r.oldest) as "oldest!"
           from unnest($1::uuid[], $2::float8[], $3::int8[], $4::int8[])
               as r(account_id, per, cap, oldest)"#,
        &ids,
        &pers,
        &caps,
        &oldest
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let window = Window {
                used: r.used as usize,
                oldest: r.oldest,
            };
            (r.account_id, window)
        })
        .collect())
}

/// Moves each target's time to when it may go, saying why; its status and attempts stay.
pub async fn defer(
    conn: &mut PgConnection,
    targets: &[Uuid],
    at: &[DateTime<Utc>],
    reasons: &[String],
) -> sqlx::Result<()> {
    sqlx::query!(
        "update post_targets t set due_at = req.at, error_kind = 'rate_limited', last_error = req.reason
         from unnest($1::uuid[], $2::timestamptz[], $3::text[]) as req(target_id, at, reason)
         where t.id = req.target_id and t.status = any($4)",
        targets,
        at,
        reasons,
        Event::Claim.from() as &[TargetStatus]
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The network answered 429 for this account: nothing more goes out for it until `until`.
pub async fn hold_until(conn: &mut PgConnection, account_id: Uuid, until: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query!(
        "update accounts set rate_limited_until = greatest(rate_limited_until, $2) where id = $1",
        account_id,
        until
    )
    .execute(conn)
    .await?;
    Ok(())
}
