//! notifications, the per-person settings, and who hears of an event.
use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

/// An event to tell some members of a workspace about (see `herald_notify` in the schema).
pub struct Notice<'a> {
    pub event_id: i64,
    pub workspace_id: Uuid,
    pub kind: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub link: &'a str,
}

/// Tells the workspace's members with one of `roles`, and the people in `users`, except
/// `except` (who caused it).
pub async fn notify(
    executor: impl PgExecutor<'_>,
    notice: &Notice<'_>,
    roles: &[&str],
    users: &[Uuid],
    except: Uuid,
) -> sqlx::Result<()> {
    let roles: Vec<String> = roles.iter().map(|r| (*r).to_owned()).collect();
    sqlx::query!(
        r#"select herald_notify($1, $2, m.user_id, $3, $4, $5, $6) as "told!"
         from memberships m
         where m.workspace_id = $2 and (m.role = any($7) or m.user_id = any($8)) and m.user_id <> $9"#,
        notice.event_id,
        notice.workspace_id,
        notice.kind,
        notice.title,
        notice.body,
        notice.link,
        &roles,
        users,
        except
    )
    .fetch_all(executor)
    .await?;
    Ok(())
}

pub struct Row {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

pub async fn list(pool: &PgPool, user_id: Uuid, workspace_id: Uuid, limit: i64) -> sqlx::Result<Vec<Row>> {
    sqlx::query_as!(
        Row,
        "select id, kind, title, body, link, created_at, read_at from notifications
         where user_id = $1 and workspace_id = $2 order by id desc limit $3",
        user_id,
        workspace_id,
        limit
    )
    .fetch_all(pool)
    .await
}

pub async fn unread(pool: &PgPool, user_id: Uuid, workspace_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "count!" from notifications
           where user_id = $1 and workspace_id = $2 and read_at is null"#,
        user_id,
        workspace_id
    )
    .fetch_one(pool)
    .await
}

/// Marks one notification read (or all of them when `id` is `None`); only the person's own.
pub async fn mark_read(
    pool: &PgPool,
    user_id: Uuid,
    workspace_id: Uuid,
    id: Option<i64>,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update notifications set read_at = now()
         where user_id = $1 and workspace_id = $2 and read_at is null and ($3::bigint is null or id = $3)",
        user_id,
        workspace_id,
        id
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// (kind, in_app, email) for the kinds the person changed; others are both on.
pub async fn settings(pool: &PgPool, user_id: Uuid) -> sqlx::Result<Vec<(String, bool, bool)>> {
    let rows = sqlx::query!(
        "select kind, in_app, email from notification_settings where user_id = $1",
        user_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.kind, r.in_app, r.email)).collect())
}

pub async fn set_setting(
    executor: impl PgExecutor<'_>,
    user_id: Uuid,
    kind: &str,
    in_app: bool,
    email: bool,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into notification_settings (user_id, kind, in_app, email) values ($1, $2, $3, $4)
         on conflict (user_id, kind) do update set in_app = excluded.in_app, email = excluded.email",
        user_id,
        kind,
        in_app,
        email
    )
    .execute(executor)
    .await?;
    Ok(())
}
