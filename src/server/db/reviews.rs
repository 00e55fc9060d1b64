//! post_reviews: submissions and decisions, each with the post as it was then.
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

pub struct NewReview<'a> {
    pub post_id: Uuid,
    pub version: i32,
    pub actor_id: Uuid,
    pub decision: &'a str,
    pub note: Option<&'a str>,
    pub snapshot: serde_json::Value,
}

pub async fn insert(executor: impl PgExecutor<'_>, review: NewReview<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into post_reviews (post_id, version, actor_id, decision, note, snapshot)
         values ($1, $2, $3, $4, $5, $6)",
        review.post_id,
        review.version,
        review.actor_id,
        review.decision,
        review.note,
        review.snapshot
    )
    .execute(executor)
    .await?;
    Ok(())
}

pub struct Decision {
    pub decision: String,
    pub note: Option<String>,
    pub snapshot: serde_json::Value,
    pub reviewer: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The latest approval or request for changes on a post.
pub async fn last_decision(pool: &PgPool, post_id: Uuid) -> sqlx::Result<Option<Decision>> {
    sqlx::query_as!(
        Decision,
        "select r.decision, r.note, r.snapshot, u.name as \"reviewer?\", r.created_at
         from post_reviews r left join users u on u.id = r.actor_id
         where r.post_id = $1 and r.decision <> 'submitted'
         order by r.id desc limit 1",
        post_id
    )
    .fetch_optional(pool)
    .await
}

/// A post's targets with their accounts' names, in account order.
pub async fn target_names(
    executor: impl PgExecutor<'_>,
    post_id: Uuid,
) -> sqlx::Result<Vec<(Uuid, String, Option<String>)>> {
    let rows = sqlx::query!(
        "select t.account_id, a.display_name, t.body_override
         from post_targets t join accounts a on a.id = t.account_id
         where t.post_id = $1 order by a.created_at, a.id",
        post_id
    )
    .fetch_all(executor)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.account_id, r.display_name, r.body_override))
        .collect())
}

pub struct QueueRow {
    pub id: Uuid,
    pub version: i32,
    pub excerpt: String,
    pub author: Option<String>,
    pub author_id: Option<Uuid>,
    pub scheduled_at: Option<DateTime<Utc>>,
    pub timezone: String,
    pub submitted_at: DateTime<Utc>,
    pub accounts: Vec<String>,
}

/// Posts waiting for a reviewer, longest-waiting first.
pub async fn queue(pool: &PgPool, workspace_id: Uuid) -> sqlx::Result<Vec<QueueRow>> {
    sqlx::query_as!(
        QueueRow,
        r#"select p.id, p.version, left(p.body, 160) as "excerpt!", u.name as "author?", p.author_id,
                  p.scheduled_at, p.timezone, p.updated_at as submitted_at,
                  array(select a.display_name from post_targets t join accounts a on a.id = t.account_id
                        where t.post_id = p.id order by a.created_at, a.id) as "accounts!"
           from posts p left join users u on u.id = p.author_id
           where p.workspace_id = $1 and p.status = 'in_review'
           order by p.updated_at, p.id"#,
        workspace_id
    )
    .fetch_all(pool)
    .await
}

pub async fn queue_count(pool: &PgPool, workspace_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "count!" from posts where workspace_id = $1 and status = 'in_review'"#,
        workspace_id
    )
    .fetch_one(pool)
    .await
}

/// The name of the person who wrote the post.
pub async fn author_name(pool: &PgPool, post_id: Uuid) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "select u.name from posts p join users u on u.id = p.author_id where p.id = $1",
        post_id
    )
    .fetch_optional(pool)
    .await
}
