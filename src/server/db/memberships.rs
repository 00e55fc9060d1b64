use crate::domain::role::Role;
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

/// A signed-in person as seen from one workspace.
#[derive(Debug, Clone)]
pub struct MemberRow {
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub workspace_id: Uuid,
    pub workspace_name: String,
    pub workspace_timezone: String,
    pub role: Role,
}

pub struct WorkspaceOfUser {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
}

/// Makes the person a member; false when they already were (their role stays).
pub async fn insert(
    executor: impl PgExecutor<'_>,
    workspace_id: Uuid,
    user_id: Uuid,
    role: Role,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "insert into memberships (workspace_id, user_id, role) values ($1, $2, $3)
         on conflict (workspace_id, user_id) do nothing",
        workspace_id,
        user_id,
        role as Role
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn find(pool: &PgPool, user_id: Uuid, workspace_id: Uuid) -> sqlx::Result<Option<MemberRow>> {
    sqlx::query_as!(
        MemberRow,
        r#"select u.id as user_id, u.email, u.name, w.id as workspace_id,
                  w.name as workspace_name, w.timezone as workspace_timezone, m.role as "role: Role"
           from memberships m
           join users u on u.id = m.user_id
           join workspaces w on w.id = m.workspace_id
           where m.user_id = $1 and m.workspace_id = $2"#,
        user_id,
        workspace_id
    )
    .fetch_optional(pool)
    .await
}

/// The workspaces a person belongs to, oldest membership first.
pub async fn workspaces_of(pool: &PgPool, user_id: Uuid) -> sqlx::Result<Vec<WorkspaceOfUser>> {
    sqlx::query_as!(
        WorkspaceOfUser,
        r#"select w.id, w.name, m.role as "role: Role"
           from memberships m join workspaces w on w.id = m.workspace_id
           where m.user_id = $1
           order by m.created_at, w.name"#,
        user_id
    )
    .fetch_all(pool)
    .await
}

pub struct MemberListRow {
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub role: Role,
}

pub async fn list(pool: &PgPool, workspace_id: Uuid) -> sqlx::Result<Vec<MemberListRow>> {
    sqlx::query_as!(
        MemberListRow,
        r#"select u.id as user_id, u.email, u.name, m.role as "role: Role"
           from memberships m join users u on u.id = m.user_id
           where m.workspace_id = $1
           order by case m.role when 'owner' then 0 when 'admin' then 1 when 'editor' then 2
                                when 'contributor' then 3 else 4 end, lower(u.name)"#,
        workspace_id
    )
    .fetch_all(pool)
    .await
}

pub async fn role_of(
    executor: impl PgExecutor<'_>,
    workspace_id: Uuid,
    user_id: Uuid,
) -> sqlx::Result<Option<Role>> {
    sqlx::query_scalar!(
        r#"select role as "role: Role" from memberships where workspace_id = $1 and user_id = $2"#,
        workspace_id,
        user_id
    )
    .fetch_optional(executor)
    .await
}

/// Whether someone with this email is a member of the workspace.
pub async fn has_email(executor: impl PgExecutor<'_>, workspace_id: Uuid, email: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from memberships m join users u on u.id = m.user_id
                          where m.workspace_id = $1 and lower(u.email) = lower($2)) as "exists!""#,
        workspace_id,
        email
    )
    .fetch_one(executor)
    .await
}

/// Owners left in a workspace; locks their rows so two demotions cannot both pass the check.
pub async fn count_owners_for_update(executor: impl PgExecutor<'_>, workspace_id: Uuid) -> sqlx::Result<i64> {
    let owners = sqlx::query_scalar!(
        "select user_id from memberships where workspace_id = $1 and role = 'owner' for update",
        workspace_id
    )
    .fetch_all(executor)
    .await?;
    Ok(owners.len() as i64)
}

pub async fn set_role(
    executor: impl PgExecutor<'_>,
    workspace_id: Uuid,
    user_id: Uuid,
    role: Role,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update memberships set role = $3 where workspace_id = $1 and user_id = $2",
        workspace_id,
        user_id,
        role as Role
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn delete(executor: impl PgExecutor<'_>, workspace_id: Uuid, user_id: Uuid) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "delete from memberships where workspace_id = $1 and user_id = $2",
        workspace_id,
        user_id
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}
