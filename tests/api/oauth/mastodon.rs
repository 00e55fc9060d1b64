//! Mastodon needs no set-up: type the server, allow Herald there, come back connected.
use crate::calls::link;
use crate::fakes::{MASTODON_TOKEN, mount_mastodon};
use crate::fakes_oauth::{MASTODON_CLIENT_ID, MASTODON_CODE, mount_mastodon_oauth};
use crate::helpers::{TestApp, spawn_app};
use base64::Engine;
use herald::domain::account::AccountState;
use herald::domain::platform::Platform;
use sha2::Digest;
use sqlx::PgPool;
use wiremock::MockServer;

pub(crate) async fn fake_server() -> MockServer {
    let server = MockServer::start().await;
    mount_mastodon(&server).await;
    mount_mastodon_oauth(&server).await;
    server
}

/// The token requests the fake received, as form fields.
pub(crate) async fn token_requests(server: &MockServer, grant: &str) -> Vec<Vec<(String, String)>> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|request| request.url.path() == "/oauth/token")
        .map(|request| {
            url::form_urlencoded::parse(&request.body)
                .into_owned()
                .collect::<Vec<_>>()
        })
        .filter(|fields| fields.iter().any(|(k, v)| k == "grant_type" && v == grant))
        .collect()
}

pub(crate) async fn registrations(server: &MockServer) -> usize {
    let requests = server.received_requests().await.unwrap();
    requests.iter().filter(|r| r.url.path() == "/api/v1/apps").count()
}

fn field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

#[sqlx::test]
async fn typing_the_server_and_allowing_herald_connects_the_account(pool: PgPool) {
    let server = fake_server().await;
    let app = spawn_app(pool).await;
    let owner = app.owner("mia@example.com", "Acme").await;
    // People type their address; Herald reads the server out of it.
    let typed = format!("@herald@{}", server.address());
    let link = app.authorize_link(&owner, Platform::Mastodon, &typed).await;

    assert!(
        link.url
            .as_str()
            .starts_with(&format!("{}/oauth/authorize?", server.uri())),
        "{}",
        link.url
    );
    assert_eq!(link.param("client_id").as_deref(), Some(MASTODON_CLIENT_ID));
    assert_eq!(
        link.param("scope").as_deref(),
        Some("read:accounts write:statuses write:media")
    );
    assert_eq!(
        link.param("redirect_uri").unwrap(),
        format!("{}/oauth/callback", app.settings.server.base_url())
    );
    assert_eq!(link.param("code_challenge_method").as_deref(), Some("S256"));
    let challenge = link
        .param("code_challenge")
        .expect("PKCE where the server takes it");

    let location = app
        .come_back(&owner, &[("code", MASTODON_CODE), ("state", &link.state)])
        .await;
    let outcome = app.outcome_at(&owner, &location).await;
    assert!(outcome.ok, "{}", outcome.message);

    // The code was traded with the verifier behind the challenge, and the app's secret.
    let exchanges = token_requests(&server, "authorization_code").await;
    assert_eq!(exchanges.len(), 1);
    let verifier = field(&exchanges[0], "code_verifier").expect("the verifier is sent");
    let derived = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier));
    assert_eq!(derived, challenge);
    assert_eq!(
        field(&exchanges[0], "client_secret"),
        Some("fake-mastodon-client-secret")
    );

    let accounts = app.list_accounts(&owner).await.ok();
    assert_eq!(accounts.len(), 1);
    let account = &accounts[0];
    assert_eq!(outcome.account_id, Some(account.id));
    assert_eq!(account.platform, Platform::Mastodon);
    assert_eq!(account.display_name, "Herald Test");
    assert_eq!(account.instance_url.as_deref(), Some(server.uri().as_str()));
    assert_eq!(account.state, AccountState::Connected);
    assert_eq!(
        account.text.max_characters,
        Some(1000),
        "the server's limits were read"
    );
    assert!(account.signs_in);
    // Stored sealed: the token is nowhere in the row.
    let sealed: Vec<u8> = sqlx::query_scalar("select credentials from accounts where id = $1")
        .bind(account.id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(!String::from_utf8_lossy(&sealed).contains(MASTODON_TOKEN));
    let test = app.test_account(&owner, account.id).await.ok();
    assert!(test.ok, "the stored token works: {}", test.message);
}

#[sqlx::test]
async fn herald_registers_once_per_server_and_again_when_the_server_forgot_it(pool: PgPool) {
    let server = fake_server().await;
    let app = spawn_app(pool).await;
    let first = app.owner("ana@example.com", "One").await;
    let second = app.owner("ben@example.com", "Two").await;
    app.authorize_link(&first, Platform::Mastodon, &server.uri())
        .await;
    app.authorize_link(&second, Platform::Mastodon, &server.address().to_string())
        .await;
    assert_eq!(registrations(&server).await, 1, "both reuse one registration");

    // The server was reset and no longer knows Herald's app.
    server.reset().await;
    wiremock::Mock::given(wiremock::matchers::method("POST"))
        .and(wiremock::matchers::path("/oauth/token"))
        .and(wiremock::matchers::body_string_contains(
            "grant_type=client_credentials",
        ))
        .respond_with(
            wiremock::ResponseTemplate::new(401).set_body_json(serde_json::json!({
                "error": "invalid_client", "error_description": "Client authentication failed"
            })),
        )
        .mount(&server)
        .await;
    mount_mastodon(&server).await;
    mount_mastodon_oauth(&server).await;
    app.authorize_link(&first, Platform::Mastodon, &server.uri())
        .await;
    assert_eq!(
        registrations(&server).await,
        1,
        "registered again after invalid_client"
    );
}

async fn connected(app: &TestApp, owner: &crate::helpers::Browser, server: &MockServer) -> uuid::Uuid {
    let link = app.authorize_link(owner, Platform::Mastodon, &server.uri()).await;
    let location = app
        .come_back(owner, &[("code", MASTODON_CODE), ("state", &link.state)])
        .await;
    app.outcome_at(owner, &location)
        .await
        .account_id
        .expect("connected")
}

#[sqlx::test]
async fn reconnecting_keeps_the_account_and_signs_in_as_the_same_person(pool: PgPool) {
    let server = fake_server().await;
    let app = spawn_app(pool).await;
    let owner = app.owner("ria@example.com", "Acme").await;
    let id = connected(&app, &owner, &server).await;
    sqlx::query("update accounts set state = 'needs_reauth', state_reason = 'revoked' where id = $1")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();

    let again = link(app.start_reconnect(&owner, Platform::Mastodon, id).await.ok());
    let location = app
        .come_back(&owner, &[("code", MASTODON_CODE), ("state", &again.state)])
        .await;
    let outcome = app.outcome_at(&owner, &location).await;
    assert!(outcome.ok, "{}", outcome.message);
    assert_eq!(outcome.account_id, Some(id), "the same account, not a new one");
    let accounts = app.list_accounts(&owner).await.ok();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].state, AccountState::Connected);
}
