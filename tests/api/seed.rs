//! Rows written straight into the database for the engine's tests: workspaces, accounts with
//! sealed credentials, and scheduled posts with their tasks.
use crate::helpers::TestApp;
use chrono::{DateTime, Utc};
use herald::server::crypto::Cipher;
use herald::server::platforms::Credentials;
use herald::server::publish::queue;
use uuid::Uuid;

pub async fn workspace(app: &TestApp) -> Uuid {
    sqlx::query_scalar("insert into workspaces (name) values ('Seeded') returning id")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// An account with sealed credentials.
pub async fn account(app: &TestApp, workspace: Uuid, credentials: &Credentials) -> Uuid {
    let id = Uuid::new_v4();
    let cipher = Cipher::from_settings(&app.settings).unwrap();
    let platform = credentials.platform();
    sqlx::query(
        "insert into accounts (id, workspace_id, platform, display_name, handle, colour, credentials)
         values ($1, $2, $3, $3, '@seeded', '#6366f1', $4)",
    )
    .bind(id)
    .bind(workspace)
    .bind(platform.as_str())
    .bind(cipher.seal(&credentials.to_json(), id.as_bytes()))
    .execute(&app.pool)
    .await
    .unwrap();
    id
}

pub fn mastodon(instance_url: &str) -> Credentials {
    Credentials::Mastodon {
        instance_url: instance_url.to_owned(),
        access_token: "token".into(),
    }
}

/// A scheduled post (version 1) with one target per account, due at `at`, tasks pushed.
/// Returns the post and its targets in the accounts' order.
pub async fn post(app: &TestApp, workspace: Uuid, accounts: &[Uuid], at: DateTime<Utc>) -> (Uuid, Vec<Uuid>) {
    post_in(&app.pool, workspace, accounts, at).await
}

/// `post`, for a database no TestApp serves (a Herald in its own process).
pub async fn post_in(
    pool: &sqlx::PgPool,
    workspace: Uuid,
    accounts: &[Uuid],
    at: DateTime<Utc>,
) -> (Uuid, Vec<Uuid>) {
    let mut tx = pool.begin().await.unwrap();
    let post: Uuid = sqlx::query_scalar(
        "insert into posts (workspace_id, body, status, scheduled_at, timezone)
         values ($1, 'Seeded post', 'scheduled', $2, 'UTC') returning id",
    )
    .bind(workspace)
    .bind(at)
    .fetch_one(&mut *tx)
    .await
    .unwrap();
    let mut targets = Vec::new();
    for account in accounts {
        let target: Uuid = sqlx::query_scalar(
            "insert into post_targets (post_id, account_id, status) values ($1, $2, 'scheduled')
             returning id",
        )
        .bind(post)
        .bind(account)
        .fetch_one(&mut *tx)
        .await
        .unwrap();
        targets.push(target);
    }
    queue::schedule_post(&mut tx, post, 1, at).await.unwrap();
    tx.commit().await.unwrap();
    (post, targets)
}
