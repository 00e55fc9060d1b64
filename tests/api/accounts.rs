use crate::helpers::{error, json, spawn_app};
use herald::api::accounts::{AccountView, ConnectionTest};
use herald::domain::account::AccountState;
use herald::domain::platform::Platform;
use sqlx::PgPool;
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

use crate::fakes::{MASTODON_TOKEN as TOKEN, fake_mastodon};

async fn connect_mastodon(
    app: &crate::helpers::TestApp,
    browser: &crate::helpers::Browser,
    instance: &str,
    token: &str,
) -> reqwest::Response {
    app.call(
        browser,
        "connect_account",
        &[
            ("platform", "mastodon"),
            ("display_name", ""),
            ("colour", "#0EA5E9"),
            ("fields[instance_url]", instance),
            ("fields[access_token]", token),
        ],
    )
    .await
}

#[sqlx::test]
async fn connecting_mastodon_checks_the_token_and_seals_it(pool: PgPool) {
    let app = spawn_app(pool).await;
    let mastodon = fake_mastodon().await;
    let owner = app.owner("olive@example.com", "Acme").await;

    let response = connect_mastodon(&app, &owner, &mastodon.uri(), TOKEN).await;
    assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    let accounts: Vec<AccountView> = json(app.call(&owner, "accounts", &[]).await).await;
    assert_eq!(accounts.len(), 1);
    let account = &accounts[0];
    assert_eq!(
        (account.platform, account.state),
        (Platform::Mastodon, AccountState::Connected)
    );
    assert_eq!(account.display_name, "Herald Test");
    assert!(
        account.handle.starts_with("@herald@127.0.0.1"),
        "{}",
        account.handle
    );
    assert_eq!(account.colour, "#0ea5e9");
    assert_eq!(
        account.text.max_characters,
        Some(1000),
        "the instance's own limit is kept"
    );

    let stored: Vec<u8> = sqlx::query_scalar("select credentials from accounts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        !stored.windows(TOKEN.len()).any(|w| w == TOKEN.as_bytes()),
        "the token is not stored in plain text"
    );
    let dump: String = sqlx::query_scalar("select row_to_json(a)::text from accounts a")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(!dump.contains(TOKEN));
}

#[sqlx::test]
async fn a_refused_token_is_explained_and_nothing_is_saved(pool: PgPool) {
    let app = spawn_app(pool).await;
    let mastodon = fake_mastodon().await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let (status, message) = error(connect_mastodon(&app, &owner, &mastodon.uri(), "wrong-token").await).await;
    assert_eq!(status, 400);
    assert_eq!(
        message,
        "Mastodon refused the credentials: The access token is invalid"
    );
    let (status, message) = error(connect_mastodon(&app, &owner, &mastodon.uri(), "").await).await;
    assert_eq!(
        (status, message.as_str()),
        (400, "Access token: this is required.")
    );
    let (status, message) = error(connect_mastodon(&app, &owner, "http://127.0.0.1:9/", TOKEN).await).await;
    assert_eq!(status, 400);
    assert!(message.starts_with("Could not reach Mastodon"), "{message}");
    let count: i64 = sqlx::query_scalar("select count(*) from accounts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}

#[sqlx::test]
async fn a_test_after_revocation_flags_the_account(pool: PgPool) {
    let app = spawn_app(pool).await;
    let mastodon = fake_mastodon().await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let id: uuid::Uuid = json(connect_mastodon(&app, &owner, &mastodon.uri(), TOKEN).await).await;

    let test: ConnectionTest = json(app.call(&owner, "test_account", &[("id", &id.to_string())]).await).await;
    assert!(test.ok, "{}", test.message);

    // The token is revoked on the instance: the next test says so and flags the account.
    mastodon.reset().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(serde_json::json!({"error": "The access token was revoked"})),
        )
        .mount(&mastodon)
        .await;
    let test: ConnectionTest = json(app.call(&owner, "test_account", &[("id", &id.to_string())]).await).await;
    assert!(!test.ok);
    assert_eq!(
        test.message,
        "Mastodon refused the credentials: The access token was revoked"
    );
    let accounts: Vec<AccountView> = json(app.call(&owner, "accounts", &[]).await).await;
    assert_eq!(accounts[0].state, AccountState::NeedsReauth);

    // Pausing and resuming keeps the need for new credentials visible.
    app.call(
        &owner,
        "pause_account",
        &[("id", &id.to_string()), ("paused", "true")],
    )
    .await;
    let accounts: Vec<AccountView> = json(app.call(&owner, "accounts", &[]).await).await;
    assert_eq!(accounts[0].state, AccountState::Paused);
    app.call(
        &owner,
        "pause_account",
        &[("id", &id.to_string()), ("paused", "false")],
    )
    .await;
    let accounts: Vec<AccountView> = json(app.call(&owner, "accounts", &[]).await).await;
    assert_eq!(accounts[0].state, AccountState::NeedsReauth);
}

#[sqlx::test]
async fn accounts_are_private_to_their_workspace_and_role(pool: PgPool) {
    let app = spawn_app(pool).await;
    let mastodon = fake_mastodon().await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let id: uuid::Uuid = json(connect_mastodon(&app, &owner, &mastodon.uri(), TOKEN).await).await;
    let id = id.to_string();

    let stranger = app.owner("sam@example.com", "Beta").await;
    let listed: Vec<AccountView> = json(app.call(&stranger, "accounts", &[]).await).await;
    assert!(listed.is_empty());
    for (function, form) in [
        ("test_account", vec![("id", id.as_str())]),
        ("pause_account", vec![("id", id.as_str()), ("paused", "true")]),
        (
            "update_account",
            vec![
                ("id", id.as_str()),
                ("display_name", "Mine"),
                ("colour", "#000000"),
            ],
        ),
        ("remove_account", vec![("id", id.as_str())]),
    ] {
        let (status, _) = error(app.call(&stranger, function, &form).await).await;
        assert_eq!(status, 404, "{function} from another workspace");
    }

    let viewer = app.member(&owner, "vic@example.com", "viewer").await;
    assert_eq!(app.call(&viewer, "accounts", &[]).await.status(), 200);
    assert_eq!(
        app.call(&viewer, "remove_account", &[("id", &id)]).await.status(),
        403
    );
    assert_eq!(
        connect_mastodon(&app, &viewer, &mastodon.uri(), TOKEN)
            .await
            .status(),
        403
    );
    let count: i64 = sqlx::query_scalar("select count(*) from accounts where state = 'connected'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

#[sqlx::test]
async fn connecting_bluesky_uses_the_app_password_on_the_given_pds(pool: PgPool) {
    use crate::fakes::{BLUESKY_APP_PASSWORD, BLUESKY_HANDLE, mount_bluesky};
    let app = spawn_app(pool).await;
    let pds = wiremock::MockServer::start().await;
    mount_bluesky(&pds).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let connect = |password: &'static str| {
        let pds = pds.uri();
        let app = &app;
        let owner = &owner;
        async move {
            app.call(
                owner,
                "connect_account",
                &[
                    ("platform", "bluesky"),
                    ("colour", "#0ea5e9"),
                    ("fields[handle]", &format!("@{BLUESKY_HANDLE}")),
                    ("fields[app_password]", password),
                    ("fields[pds_url]", &pds),
                ],
            )
            .await
        }
    };
    let (status, message) = error(connect("not-the-password").await).await;
    assert_eq!(status, 400);
    assert_eq!(
        message,
        "Bluesky refused the credentials: Invalid identifier or password"
    );
    assert_eq!(connect(BLUESKY_APP_PASSWORD).await.status(), 200);
    let accounts: Vec<AccountView> = json(app.call(&owner, "accounts", &[]).await).await;
    assert_eq!(accounts[0].handle, format!("@{BLUESKY_HANDLE}"));
}

/// Accounts are managed by owners and admins (an admin "manages members, accounts and
/// settings"); an editor writes and schedules posts on them.
#[sqlx::test]
async fn editors_use_accounts_but_only_owners_and_admins_manage_them(pool: PgPool) {
    let app = spawn_app(pool).await;
    let mastodon = fake_mastodon().await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let id: uuid::Uuid = json(connect_mastodon(&app, &owner, &mastodon.uri(), TOKEN).await).await;
    let editor = app.member(&owner, "eddie@example.com", "editor").await;
    let admin = app.member(&owner, "ada@example.com", "admin").await;

    let (status, message) = error(connect_mastodon(&app, &editor, &mastodon.uri(), TOKEN).await).await;
    assert_eq!(status, 403);
    assert!(
        message.contains("cannot connect or change the workspace's accounts"),
        "{message}"
    );
    let pause = [("id", id.to_string()), ("paused", "true".into())];
    let pause: Vec<(&str, &str)> = pause.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(app.call(&editor, "pause_account", &pause).await.status(), 403);
    assert_eq!(app.call(&editor, "accounts", &[]).await.status(), 200);
    assert_eq!(app.call(&admin, "pause_account", &pause).await.status(), 200);
    assert_eq!(
        connect_mastodon(&app, &admin, &mastodon.uri(), TOKEN)
            .await
            .status(),
        200
    );
}
