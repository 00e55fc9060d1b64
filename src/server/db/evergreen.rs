//! The evergreen pool: its settings, its posts, and the shares made from them.
use crate::domain::plan::evergreen::PoolSettings;
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgTransaction};
use uuid::Uuid;

pub async fn settings(executor: impl PgExecutor<'_>, workspace_id: Uuid) -> sqlx::Result<PoolSettings> {
    sqlx::query_as!(
        PoolSettings,
        r#"select evergreen_cooldown_days as cooldown_days, evergreen_lead_hours as lead_hours,
                  evergreen_no_two_in_a_row as no_two_in_a_row, evergreen_paused as paused
           from workspaces where id = $1"#,
        workspace_id
    )
    .fetch_one(executor)
    .await
}

pub async fn set_settings(
    executor: impl PgExecutor<'_>,
    workspace_id: Uuid,
    settings: PoolSettings,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update workspaces set evergreen_cooldown_days = $2, evergreen_lead_hours = $3,
            evergreen_no_two_in_a_row = $4, evergreen_paused = $5
         where id = $1",
        workspace_id,
        settings.cooldown_days,
        settings.lead_hours,
        settings.no_two_in_a_row,
        settings.paused
    )
    .execute(executor)
    .await?;
    Ok(())
}

/// Puts the post into the pool (keeping the time it first joined) or takes it out; `false`
/// when no such post is in the workspace.
pub async fn set_pooled(
    executor: impl PgExecutor<'_>,
    workspace_id: Uuid,
    post_id: Uuid,
    pooled: bool,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update posts set evergreen_since = case when $3 then coalesce(evergreen_since, now()) end
         where workspace_id = $1 and id = $2",
        workspace_id,
        post_id,
        pooled
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Workspaces whose pool is not paused and holds a post.
pub async fn active_workspaces(executor: impl PgExecutor<'_>) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "select w.id from workspaces w
         where not w.evergreen_paused
           and exists (select 1 from posts p where p.workspace_id = w.id and p.evergreen_since is not null)
         order by w.id"
    )
    .fetch_all(executor)
    .await
}

/// A pool post with the connected accounts it may be shared on.
pub struct PoolRow {
    pub id: Uuid,
    pub author_id: Option<Uuid>,
    pub body: String,
    pub added_at: DateTime<Utc>,
    pub accounts: Vec<Uuid>,
}

pub async fn pool(executor: impl PgExecutor<'_>, workspace_id: Uuid) -> sqlx::Result<Vec<PoolRow>> {
    sqlx::query_as!(
        PoolRow,
        r#"select p.id, p.author_id, p.body, p.evergreen_since as "added_at!",
                  array_agg(t.account_id order by t.account_id) as "accounts!"
           from posts p
           join post_targets t on t.post_id = p.id
           join accounts a on a.id = t.account_id and a.state = 'connected'
           where p.workspace_id = $1 and p.evergreen_since is not null
           group by p.id
           order by p.evergreen_since, p.id"#,
        workspace_id
    )
    .fetch_all(executor)
    .await
}

/// A post on an account in a span of time; `from_pool` names the pool post it shares (a pool
/// post going out itself shares itself).
pub struct PlacedRow {
    pub account_id: Uuid,
    pub at: DateTime<Utc>,
    pub from_pool: Option<Uuid>,
}

/// What goes out (or went out, or waits for review) on the accounts in `[from, to)`.
pub async fn placed(
    executor: impl PgExecutor<'_>,
    accounts: &[Uuid],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> sqlx::Result<Vec<PlacedRow>> {
    sqlx::query_as!(
        PlacedRow,
        r#"select t.account_id, p.scheduled_at as "at!",
                  coalesce(p.evergreen_of, case when p.evergreen_since is not null then p.id end) as from_pool
           from posts p join post_targets t on t.post_id = p.id
           where t.account_id = any($1) and p.scheduled_at >= $2 and p.scheduled_at < $3
             and p.status not in ('draft', 'cancelled', 'failed')
             and t.status not in ('failed', 'cancelled')"#,
        accounts,
        from,
        to
    )
    .fetch_all(executor)
    .await
}

/// Links a share the fill job made to its pool post.
pub async fn mark_share(tx: &mut PgTransaction<'_>, post_id: Uuid, pool_post_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update posts set evergreen_of = $2 where id = $1",
        post_id,
        pool_post_id
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The pool's posts for its Settings card, newest first.
pub struct PoolEntry {
    pub id: Uuid,
    pub excerpt: String,
    pub shares: i64,
    pub last_shared: Option<DateTime<Utc>>,
}

pub async fn entries(executor: impl PgExecutor<'_>, workspace_id: Uuid) -> sqlx::Result<Vec<PoolEntry>> {
    sqlx::query_as!(
        PoolEntry,
        r#"select p.id, left(p.body, 120) as "excerpt!", count(s.id) as "shares!",
                  max(s.scheduled_at) as last_shared
           from posts p left join posts s on s.evergreen_of = p.id and s.status <> 'cancelled'
           where p.workspace_id = $1 and p.evergreen_since is not null
           group by p.id
           order by p.evergreen_since desc, p.id"#,
        workspace_id
    )
    .fetch_all(executor)
    .await
}
