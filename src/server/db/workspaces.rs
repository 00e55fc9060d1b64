use sqlx::PgExecutor;
use uuid::Uuid;

pub async fn insert(executor: impl PgExecutor<'_>, name: &str, timezone: &str) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into workspaces (name, timezone) values ($1, $2) returning id",
        name,
        timezone
    )
    .fetch_one(executor)
    .await
}

pub async fn find_id_by_name(executor: impl PgExecutor<'_>, name: &str) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "select id from workspaces where name = $1 order by created_at",
        name
    )
    .fetch_all(executor)
    .await
}

pub async fn rename(executor: impl PgExecutor<'_>, id: Uuid, name: &str, timezone: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update workspaces set name = $2, timezone = $3 where id = $1",
        id,
        name,
        timezone
    )
    .execute(executor)
    .await?;
    Ok(())
}
