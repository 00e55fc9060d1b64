use crate::domain::email::Email;
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

pub struct UserCredentials {
    pub id: Uuid,
    pub password_hash: String,
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

/// Inserts a person with their password; the very first is the instance's admin. Fails with the `users_email_key` unique violation
/// when the email is taken.
pub async fn insert(
    executor: impl PgExecutor<'_>,
    email: &Email,
    name: &str,
    password_hash: &str,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into users (email, name, password_hash, instance_admin)
         values ($1, $2, $3, not exists (select 1 from users)) returning id",
        email.as_str(),
        name,
        password_hash
    )
    .fetch_one(executor)
    .await
}

pub async fn email(executor: impl PgExecutor<'_>, user_id: Uuid) -> sqlx::Result<String> {
    sqlx::query_scalar!("select email from users where id = $1", user_id)
        .fetch_one(executor)
        .await
}

pub async fn name(executor: impl PgExecutor<'_>, user_id: Uuid) -> sqlx::Result<String> {
    sqlx::query_scalar!("select name from users where id = $1", user_id)
        .fetch_one(executor)
        .await
}

/// Whether the person runs this Herald (enters the networks' apps).
pub async fn is_instance_admin(executor: impl PgExecutor<'_>, user_id: Uuid) -> sqlx::Result<bool> {
    let admin = sqlx::query_scalar!("select instance_admin from users where id = $1", user_id)
        .fetch_optional(executor)
        .await?;
    Ok(admin.unwrap_or(false))
}
