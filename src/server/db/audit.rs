//! audit_log: append-only. This module only inserts and reads; the schema refuses the rest.
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

/// One thing someone did.
pub struct Entry<'a> {
    pub workspace_id: Option<Uuid>,
    /// `None` for Herald itself.
    pub actor: Option<(Uuid, &'a str)>,
    pub action: &'a str,
    pub subject_type: &'a str,
    pub subject_id: Option<String>,
    pub summary: String,
    pub details: serde_json::Value,
}

/// Records `entry` and returns its id (the event id notifications hang on).
pub async fn record(executor: impl PgExecutor<'_>, entry: Entry<'_>) -> sqlx::Result<i64> {
    let (actor_id, actor_name) = entry.actor.unzip();
    sqlx::query_scalar!(
        "insert into audit_log (workspace_id, actor_id, actor_name, action, subject_type, subject_id, summary, details)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        entry.workspace_id,
        actor_id,
        actor_name.unwrap_or("Herald"),
        entry.action,
        entry.subject_type,
        entry.subject_id,
        entry.summary,
        entry.details
    )
    .fetch_one(executor)
    .await
}

#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// An action or its group: `post` matches `post.approved`, `post.created`, …
    pub action: Option<String>,
    pub actor_id: Option<Uuid>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    /// Only entries older than this id (the next page).
    pub before: Option<i64>,
}

pub struct Row {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_name: String,
    pub action: String,
    pub subject_type: String,
    pub subject_id: Option<String>,
    pub summary: String,
    pub details: serde_json::Value,
}

/// A workspace's entries, newest first.
pub async fn list(pool: &PgPool, workspace_id: Uuid, filter: &Filter, limit: i64) -> sqlx::Result<Vec<Row>> {
    sqlx::query_as!(
        Row,
        "select id, created_at, actor_id, actor_name, action, subject_type, subject_id, summary, details
         from audit_log
         where workspace_id = $1
           and ($2::text is null or action = $2 or action like $2 || '.%')
           and ($3::uuid is null or actor_id = $3)
           and ($4::timestamptz is null or created_at >= $4)
           and ($5::timestamptz is null or created_at < $5)
           and ($6::bigint is null or id < $6)
         order by id desc
         limit $7",
        workspace_id,
        filter.action,
        filter.actor_id,
        filter.from,
        filter.to,
        filter.before,
        limit
    )
    .fetch_all(pool)
    .await
}

/// The people who appear in a workspace's log, for the filter.
pub async fn actors(pool: &PgPool, workspace_id: Uuid) -> sqlx::Result<Vec<(Uuid, String)>> {
    let rows = sqlx::query!(
        r#"select distinct on (actor_id) actor_id as "actor_id!", actor_name
           from audit_log where workspace_id = $1 and actor_id is not null
           order by actor_id, id desc"#,
        workspace_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.actor_id, r.actor_name)).collect())
}
