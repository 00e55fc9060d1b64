use crate::calls::{Answer, mastodon};
use crate::fakes::{MASTODON_TOKEN as TOKEN, fake_mastodon};
use crate::helpers::{Browser, TestApp, spawn_app};
use herald::api::accounts::ConnectAccount;
use herald::domain::account::AccountState;
use herald::domain::platform::Platform;
use herald::domain::role::Role;
use sqlx::PgPool;
use uuid::Uuid;
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

async fn connect_mastodon(app: &TestApp, browser: &Browser, instance: &str, token: &str) -> Answer<Uuid> {
    app.connect_account(browser, &mastodon(instance, token)).await
}

#[sqlx::test]
async fn connecting_mastodon_checks_the_token_and_seals_it(pool: PgPool) {
    let app = spawn_app(pool).await;
    let mastodon = fake_mastodon().await;
    let owner = app.owner("olive@example.com", "Acme").await;

    connect_mastodon(&app, &owner, &mastodon.uri(), TOKEN).await.ok();
    let accounts = app.list_accounts(&owner).await.ok();
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
    assert_eq!(account.colour, "#0ea5e9", "sent as #0EA5E9");
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
    let (status, message) = connect_mastodon(&app, &owner, &mastodon.uri(), "wrong-token")
        .await
        .refused();
    assert_eq!(status, 400);
    assert_eq!(
        message,
        "Mastodon refused the credentials: The access token is invalid"
    );
    let (status, message) = connect_mastodon(&app, &owner, &mastodon.uri(), "")
        .await
        .refused();
    assert_eq!(
        (status, message.as_str()),
        (400, "Access token: this is required.")
    );
    let (status, message) = connect_mastodon(&app, &owner, "http://127.0.0.1:9/", TOKEN)
        .await
        .refused();
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
    let id = connect_mastodon(&app, &owner, &mastodon.uri(), TOKEN).await.ok();

    let test = app.test_account(&owner, id).await.ok();
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
    let test = app.test_account(&owner, id).await.ok();
    assert!(!test.ok);
    assert_eq!(
        test.message,
        "Mastodon refused the credentials: The access token was revoked"
    );
    let accounts = app.list_accounts(&owner).await.ok();
    assert_eq!(accounts[0].state, AccountState::NeedsReauth);

    // Pausing and resuming keeps the need for new credentials visible.
    app.pause_account(&owner, id, true).await.ok();
    let accounts = app.list_accounts(&owner).await.ok();
    assert_eq!(accounts[0].state, AccountState::Paused);
    app.pause_account(&owner, id, false).await.ok();
    let accounts = app.list_accounts(&owner).await.ok();
    assert_eq!(accounts[0].state, AccountState::NeedsReauth);
}

#[sqlx::test]
async fn accounts_are_private_to_their_workspace_and_role(pool: PgPool) {
    let app = spawn_app(pool).await;
    let mastodon = fake_mastodon().await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let id = connect_mastodon(&app, &owner, &mastodon.uri(), TOKEN).await.ok();

    let stranger = app.owner("sam@example.com", "Beta").await;
    let listed = app.list_accounts(&stranger).await.ok();
    assert!(listed.is_empty());
    let refusals = [
        ("test_account", app.test_account(&stranger, id).await.refused()),
        (
            "pause_account",
            app.pause_account(&stranger, id, true).await.refused(),
        ),
        (
            "update_account",
            app.update_account(&stranger, id, "Mine", "#000000")
                .await
                .refused(),
        ),
        (
            "remove_account",
            app.remove_account(&stranger, id).await.refused(),
        ),
    ];
    for (function, (status, _)) in refusals {
        assert_eq!(status, 404, "{function} from another workspace");
    }

    let viewer = app.member(&owner, "vic@example.com", Role::Viewer).await;
    assert_eq!(app.list_accounts(&viewer).await.status(), 200);
    assert_eq!(app.remove_account(&viewer, id).await.status(), 403);
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
    let bluesky = |password: &str| ConnectAccount {
        platform: Platform::Bluesky,
        display_name: String::new(),
        colour: "#0ea5e9".into(),
        fields: [
            ("handle".to_owned(), format!("@{BLUESKY_HANDLE}")),
            ("app_password".to_owned(), password.to_owned()),
            ("pds_url".to_owned(), pds.uri()),
        ]
        .into(),
    };
    let (status, message) = app
        .connect_account(&owner, &bluesky("not-the-password"))
        .await
        .refused();
    assert_eq!(status, 400);
    assert_eq!(
        message,
        "Bluesky refused the credentials: Invalid identifier or password"
    );
    assert_eq!(
        app.connect_account(&owner, &bluesky(BLUESKY_APP_PASSWORD))
            .await
            .status(),
        200
    );
    let accounts = app.list_accounts(&owner).await.ok();
    assert_eq!(accounts[0].handle, format!("@{BLUESKY_HANDLE}"));
}

/// Accounts are managed by owners and admins (an admin "manages members, accounts and
/// settings"); an editor writes and schedules posts on them.
#[sqlx::test]
async fn editors_use_accounts_but_only_owners_and_admins_manage_them(pool: PgPool) {
    let app = spawn_app(pool).await;
    let mastodon = fake_mastodon().await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let id = connect_mastodon(&app, &owner, &mastodon.uri(), TOKEN).await.ok();
    let editor = app.member(&owner, "eddie@example.com", Role::Editor).await;
    let admin = app.member(&owner, "ada@example.com", Role::Admin).await;

    let (status, message) = connect_mastodon(&app, &editor, &mastodon.uri(), TOKEN)
        .await
        .refused();
    assert_eq!(status, 403);
    assert!(
        message.contains("cannot connect or change the workspace's accounts"),
        "{message}"
    );
    assert_eq!(app.pause_account(&editor, id, true).await.status(), 403);
    assert_eq!(app.list_accounts(&editor).await.status(), 200);
    assert_eq!(app.pause_account(&admin, id, true).await.status(), 200);
    assert_eq!(
        connect_mastodon(&app, &admin, &mastodon.uri(), TOKEN)
            .await
            .status(),
        200
    );
}
