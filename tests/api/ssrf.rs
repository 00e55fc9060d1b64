//! Addresses people type (Mastodon instances, webhooks) may not point Herald at loopback,
//! private or link-local machines unless an admin allowed them.
use crate::calls::{Answer, mastodon};
use crate::fakes::{MASTODON_TOKEN, fake_mastodon};
use crate::helpers::{Browser, TestApp, spawn_app_with};
use herald::api::accounts::ConnectAccount;
use herald::domain::platform::Platform;
use sqlx::PgPool;
use uuid::Uuid;

/// Connects the fake Mastodon at `instance` (a loopback address).
async fn connect_mastodon(app: &TestApp, owner: &Browser, instance: &str) -> Answer<Uuid> {
    let form = ConnectAccount {
        display_name: "Target".into(),
        ..mastodon(instance, MASTODON_TOKEN)
    };
    app.connect_account(owner, &form).await
}

/// Connects a webhook that posts to `url`.
async fn connect_webhook(app: &TestApp, owner: &Browser, url: &str) -> Answer<Uuid> {
    let form = ConnectAccount {
        platform: Platform::Webhook,
        display_name: "Target".into(),
        colour: "#0EA5E9".into(),
        fields: [
            ("url".to_owned(), url.to_owned()),
            ("secret".to_owned(), String::new()),
        ]
        .into(),
    };
    app.connect_account(owner, &form).await
}

async fn accounts(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from accounts")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[sqlx::test]
async fn a_private_address_is_refused_and_never_called(pool: PgPool) {
    let app = spawn_app_with(pool, |settings| settings.outbound.allow_private.clear()).await;
    let mastodon = fake_mastodon().await;
    let owner = app.owner("olive@example.com", "Acme").await;

    let (status, message) = connect_mastodon(&app, &owner, &mastodon.uri()).await.refused();
    assert_eq!(status, 400);
    assert!(message.contains("link-local network"), "{message}");
    assert!(message.contains("outbound.allow_private"), "{message}");
    assert!(
        mastodon.received_requests().await.unwrap().is_empty(),
        "the fake was called"
    );

    for url in [
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost:9/hook",
        "http://[::1]:9/hook",
        "http://10.0.0.1/hook",
    ] {
        let (status, message) = connect_webhook(&app, &owner, url).await.refused();
        assert_eq!(
            (status, message.contains("link-local network")),
            (400, true),
            "{url}: {message}"
        );
    }
    assert_eq!(accounts(&app).await, 0);
}

#[sqlx::test]
async fn an_allowed_private_address_is_called(pool: PgPool) {
    // What tests/api/helpers.rs does for every other test, shown on its own.
    let app = spawn_app_with(pool, |settings| {
        settings.outbound.allow_private = vec!["127.0.0.1".into()]
    })
    .await;
    let mastodon = fake_mastodon().await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let response = connect_mastodon(&app, &owner, &mastodon.uri()).await;
    assert_eq!(response.status(), 200, "{}", response.body());
    assert_eq!(accounts(&app).await, 1);
}

#[sqlx::test]
async fn a_stored_account_that_points_inside_fails_to_publish_without_a_request(pool: PgPool) {
    use chrono::Utc;
    use herald::server::platforms::Credentials;
    // Connected while allowed; the admin then removed the allowance.
    let app = spawn_app_with(pool, |settings| settings.outbound.allow_private.clear()).await;
    let mastodon = fake_mastodon().await;
    let workspace = crate::seed::workspace(&app).await;
    let credentials = Credentials::Mastodon {
        instance_url: mastodon.uri(),
        access_token: MASTODON_TOKEN.into(),
    };
    let account = crate::seed::account(&app, workspace, &credentials).await;
    let (_, targets) = crate::seed::post(&app, workspace, &[account], Utc::now()).await;
    let engine = app.engine();
    let task = herald::server::publish::queue::PublishTask {
        target_id: targets[0],
        version: 1,
    };
    herald::server::publish::handler::run(&engine, task)
        .await
        .unwrap();
    let (status, error): (String, Option<String>) =
        sqlx::query_as("select status::text, last_error from post_targets where id = $1")
            .bind(targets[0])
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(status, "failed");
    let error = error.unwrap_or_default();
    assert!(error.contains("link-local network"), "{error}");
    assert!(
        mastodon.received_requests().await.unwrap().is_empty(),
        "the fake was called"
    );
}
