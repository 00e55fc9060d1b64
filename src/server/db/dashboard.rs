//! The dashboard's reads: the targets worth showing, counts by status, and each account's
//! queue. Scoped by workspace; bounded so a long history stays cheap.
use crate::domain::account::AccountState;
use crate::domain::platform::Platform;
use crate::domain::post::TargetStatus;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// Rows kept per status (published: the latest only).
const ROWS_PER_STATUS: i64 = 200;
const PUBLISHED_ROWS: i64 = 20;

#[derive(Debug)]
pub struct TargetLine {
    pub id: Uuid,
    pub post_id: Uuid,
    pub excerpt: String,
    pub account_name: String,
    pub platform: Platform,
    pub colour: String,
    pub status: TargetStatus,
    pub due_at: Option<DateTime<Utc>>,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub error_kind: Option<String>,
    pub remote_url: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
}

/// Everything in flight or needing a person, what is due within a day, and the latest published.
pub async fn targets(pool: &PgPool, workspace_id: Uuid) -> sqlx::Result<Vec<TargetLine>> {
    sqlx::query_as!(
        TargetLine,
        r#"select id as "id!", post_id as "post_id!", excerpt as "excerpt!",
                  account_name as "account_name!", platform as "platform!: Platform", colour as "colour!",
                  status as "status!: TargetStatus", due_at, attempts as "attempts!", last_error, error_kind,
                  remote_url, published_at
           from (
             select t.id, t.post_id, left(coalesce(nullif(t.body_override, ''), p.body), 160) as excerpt,
                    a.display_name as account_name, a.platform, a.colour, t.status, t.due_at,
                    t.attempts, t.last_error, t.error_kind, t.remote_url, t.published_at,
                    row_number() over (partition by t.status
                        order by t.published_at desc nulls last, t.due_at, t.id) as rank
             from post_targets t
             join posts p on p.id = t.post_id
             join accounts a on a.id = t.account_id
             where p.workspace_id = $1 and (
                 t.status in ('publishing', 'retrying', 'failed', 'unknown', 'missed', 'paused')
                 or (t.status = 'scheduled' and t.due_at < now() + interval '24 hours')
                 or (t.status = 'published' and t.published_at > now() - interval '30 days'))
           ) ranked
           where rank <= case when status = 'published' then $3::bigint else $2::bigint end
           order by due_at nulls last, id"#,
        workspace_id,
        ROWS_PER_STATUS,
        PUBLISHED_ROWS
    )
    .fetch_all(pool)
    .await
}

/// How many targets are in each status, and of those how many are due within a day.
pub struct StatusCount {
    pub status: TargetStatus,
    pub all: i64,
    pub due_next_day: i64,
}

pub async fn counts(pool: &PgPool, workspace_id: Uuid) -> sqlx::Result<Vec<StatusCount>> {
    sqlx::query_as!(
        StatusCount,
        r#"select t.status as "status: TargetStatus", count(*) as "all!",
                  count(*) filter (where t.due_at < now() + interval '24 hours') as "due_next_day!"
           from post_targets t join posts p on p.id = t.post_id
           where p.workspace_id = $1
           group by t.status"#,
        workspace_id
    )
    .fetch_all(pool)
    .await
}

pub struct AccountLine {
    pub id: Uuid,
    pub display_name: String,
    pub platform: Platform,
    pub colour: String,
    pub state: AccountState,
    pub state_reason: Option<String>,
    pub queued: i64,
}

pub async fn accounts(pool: &PgPool, workspace_id: Uuid) -> sqlx::Result<Vec<AccountLine>> {
    sqlx::query_as!(
        AccountLine,
        r#"select a.id, a.display_name, a.platform as "platform: Platform", a.colour,
                  a.state as "state: AccountState", a.state_reason,
                  count(t.id) filter (where t.status in ('scheduled', 'retrying', 'paused')) as "queued!"
           from accounts a left join post_targets t on t.account_id = a.id
           where a.workspace_id = $1
           group by a.id
           order by lower(a.display_name), a.id"#,
        workspace_id
    )
    .fetch_all(pool)
    .await
}

pub async fn workspace_paused(pool: &PgPool, workspace_id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        "select publishing_paused from workspaces where id = $1",
        workspace_id
    )
    .fetch_one(pool)
    .await
}
