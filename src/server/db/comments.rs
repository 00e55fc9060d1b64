//! comments: threaded discussion on a post.
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

pub struct NewComment<'a> {
    pub workspace_id: Uuid,
    pub post_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub author_id: Uuid,
    pub body: &'a str,
    pub kind: &'a str,
}

/// Adds a comment if the post is in the workspace (and the parent on the same post);
/// `None` when either is gone.
pub async fn insert(executor: impl PgExecutor<'_>, comment: NewComment<'_>) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "insert into comments (post_id, parent_id, author_id, body, kind)
         select p.id, $3, $4, $5, $6 from posts p
         where p.workspace_id = $1 and p.id = $2
           and ($3::uuid is null or exists (select 1 from comments c where c.id = $3 and c.post_id = p.id))
         returning id",
        comment.workspace_id,
        comment.post_id,
        comment.parent_id,
        comment.author_id,
        comment.body,
        comment.kind
    )
    .fetch_optional(executor)
    .await
}

pub struct Row {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub author_id: Option<Uuid>,
    pub author_name: Option<String>,
    pub body: String,
    pub kind: String,
    pub created_at: DateTime<Utc>,
}

/// A post's comments, oldest first.
pub async fn list(pool: &PgPool, post_id: Uuid) -> sqlx::Result<Vec<Row>> {
    sqlx::query_as!(
        Row,
        r#"select c.id, c.parent_id, c.author_id, u.name as "author_name?", c.body, c.kind, c.created_at
           from comments c left join users u on u.id = c.author_id
           where c.post_id = $1 order by c.created_at, c.id"#,
        post_id
    )
    .fetch_all(pool)
    .await
}
