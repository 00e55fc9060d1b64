//! A workspace, its accounts, and a burst of posts (one target each) with their apalis tasks,
//! written in bulk SQL as `benches/publish.rs` does, with tasks pushed by `queue::push_for_targets`.
use crate::fake::Fake;
use anyhow::Result;
use chrono::{DateTime, Utc};
use herald::server::config::Settings;
use herald::server::crypto::Cipher;
use herald::server::platforms::Credentials;
use sqlx::PgPool;
use std::time::Duration;
use uuid::Uuid;

/// A fresh secrets key (base64 of 32 bytes) for Herald and the seeder alike.
pub fn secrets_key() -> String {
    let key = [Uuid::new_v4().into_bytes(), Uuid::new_v4().into_bytes()].concat();
    base64::Engine::encode(&base64::engine::general_purpose::STANDARD, key)
}

/// A burst of `targets` posts to one Mastodon account at `fake`; returns Herald's secrets key.
pub async fn mastodon_burst(
    pool: &PgPool,
    fake: &Fake,
    targets: usize,
    start: DateTime<Utc>,
    span: Duration,
) -> Result<String> {
    let key = secrets_key();
    let account = Credentials::Mastodon {
        instance_url: fake.address.clone(),
        access_token: "chaos".into(),
    };
    burst(pool, &key, &[(account, targets)], start, span).await?;
    Ok(key)
}

/// Accounts with how many targets each: post `n` is "Chaos post n", due at
/// `start + span * n / total`, so the accounts' targets interleave over the span.
pub async fn burst(
    pool: &PgPool,
    key: &str,
    accounts: &[(Credentials, usize)],
    start: DateTime<Utc>,
    span: Duration,
) -> Result<usize> {
    let mut settings = Settings::load(None)?;
    settings.secrets.key = Some(key.to_owned().into());
    let cipher = Cipher::from_settings(&settings)?;
    let workspace: Uuid = sqlx::query_scalar("insert into workspaces (name) values ('Chaos') returning id")
        .fetch_one(pool)
        .await?;
    let total: usize = accounts.iter().map(|(_, count)| count).sum();
    // Round-robin, so every account's targets spread over the whole span.
    let mut owner = Vec::with_capacity(total);
    let mut left: Vec<usize> = accounts.iter().map(|(_, count)| *count).collect();
    while owner.len() < total {
        for (index, remaining) in left.iter_mut().enumerate() {
            if *remaining > 0 {
                *remaining -= 1;
                owner.push(index);
            }
        }
    }
    let mut ids = Vec::with_capacity(accounts.len());
    for (credentials, _) in accounts {
        let account = Uuid::new_v4();
        let platform = credentials.platform();
        sqlx::query(
            "insert into accounts (id, workspace_id, platform, display_name, handle, colour, credentials)
             values ($1, $2, $3, 'Chaos', '@chaos', '#6366f1', $4)",
        )
        .bind(account)
        .bind(workspace)
        .bind(platform.as_str())
        .bind(cipher.seal(&credentials.to_json(), account.as_bytes()))
        .execute(pool)
        .await?;
        ids.push(account);
    }
    let owners: Vec<Uuid> = owner.iter().map(|index| ids[*index]).collect();
    let spread_ms = span.as_millis() as f64 / total as f64;
    let mut tx = pool.begin().await?;
    sqlx::query(
        "with posts as (
             insert into posts (workspace_id, body, status, scheduled_at, timezone)
             select $1, 'Chaos post ' || (n - 1), 'scheduled',
                    $2 + make_interval(secs => (n - 1) * $3 / 1000.0), 'UTC'
             from unnest($4::uuid[]) with ordinality as o(account, n)
             returning id, body
         )
         insert into post_targets (post_id, account_id, status, due_at)
         select p.id, o.account, 'scheduled', $2 + make_interval(secs => (o.n - 1) * $3 / 1000.0)
         from posts p join unnest($4::uuid[]) with ordinality as o(account, n)
           on p.body = 'Chaos post ' || (o.n - 1)",
    )
    .bind(workspace)
    .bind(start)
    .bind(spread_ms)
    .bind(&owners)
    .execute(&mut *tx)
    .await?;
    let tasks: Vec<(Uuid, i32)> = sqlx::query_as(
        "select t.id, p.version from post_targets t join posts p on p.id = t.post_id
         where p.workspace_id = $1",
    )
    .bind(workspace)
    .fetch_all(&mut *tx)
    .await?;
    herald::server::publish::queue::push_for_targets(&mut tx, &tasks).await?;
    tx.commit().await?;
    Ok(total)
}
