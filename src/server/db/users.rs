use crate::domain::email::Email;
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

pub struct UserCredentials {
    pub id: Uuid,
    pub password_hash: Option<String>,
}

pub async fn count(pool: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select count(*) as "count!" from users"#)
        .fetch_one(pool)
        .await
}

pub async fn find_credentials(pool: &PgPool, email: &Email) -> sqlx::Result<Option<UserCredentials>> {
    sqlx::query_as!(
        UserCredentials,
        "select id, password_hash from users where lower(email) = $1",
        email.as_str()
    )
    .fetch_optional(pool)
    .await
}

pub async fn find_id_by_email(executor: impl PgExecutor<'_>, email: &Email) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!("select id from users where lower(email) = $1", email.as_str())
        .fetch_optional(executor)
        .await
}

/// Inserts a user; `password_hash` is `None` for someone invited who has not set one yet.
/// Fails with the `users_email_key` unique violation when the email is taken.
pub async fn insert(
    executor: impl PgExecutor<'_>,
    email: &Email,
    name: &str,
    password_hash: Option<&str>,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into users (email, name, password_hash) values ($1, $2, $3) returning id",
        email.as_str(),
        name,
        password_hash
    )
    .fetch_one(executor)
    .await
}

/// Sets the name and first password of an invited person; false when they already have one
/// (an invite link must never reset an existing password).
pub async fn set_initial_password(
    executor: impl PgExecutor<'_>,
    user_id: Uuid,
    name: &str,
    password_hash: &str,
) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "update users set name = $2, password_hash = $3 where id = $1 and password_hash is null",
        user_id,
        name,
        password_hash
    )
    .execute(executor)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn has_password(executor: impl PgExecutor<'_>, user_id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select password_hash is not null as "has_password!" from users where id = $1"#,
        user_id
    )
    .fetch_one(executor)
    .await
}

pub async fn email(executor: impl PgExecutor<'_>, user_id: Uuid) -> sqlx::Result<String> {
    sqlx::query_scalar!("select email from users where id = $1", user_id)
        .fetch_one(executor)
        .await
}
