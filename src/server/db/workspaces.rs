use crate::domain::workflow::Policy;
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

/// The workspace's approval setting.
pub async fn policy(executor: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Policy> {
    let row = sqlx::query!(
        "select approval_required, editors_need_approval, self_approval from workspaces where id = $1",
        id
    )
    .fetch_one(executor)
    .await?;
    Ok(Policy {
        required: row.approval_required,
        editors_need_approval: row.editors_need_approval,
        self_approval: row.self_approval,
    })
}

pub async fn set_policy(executor: impl PgExecutor<'_>, id: Uuid, policy: Policy) -> sqlx::Result<()> {
    sqlx::query!(
        "update workspaces set approval_required = $2, editors_need_approval = $3, self_approval = $4
         where id = $1",
        id,
        policy.required,
        policy.editors_need_approval,
        policy.self_approval
    )
    .execute(executor)
    .await?;
    Ok(())
}

pub async fn name(executor: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<String> {
    sqlx::query_scalar!("select name from workspaces where id = $1", id)
        .fetch_one(executor)
        .await
}

/// How much a database holds, so that a restore never replaces data unasked.
#[derive(Debug)]
pub struct Holdings {
    pub workspaces: i64,
    pub people: i64,
}

impl Holdings {
    pub fn is_empty(&self) -> bool {
        self.workspaces == 0 && self.people == 0
    }
}

pub async fn holdings(executor: impl PgExecutor<'_>) -> sqlx::Result<Holdings> {
    sqlx::query_as!(
        Holdings,
        r#"select (select count(*) from workspaces) as "workspaces!", (select count(*) from users) as "people!""#
    )
    .fetch_one(executor)
    .await
}
