//! Every way a Mastodon sign-in can fail ends with a message saying what happened and what to
//! do, and nothing half-connected saved.
use super::mastodon::{fake_server, token_requests};
use crate::fakes_oauth::MASTODON_CODE;
use crate::helpers::{TestApp, spawn_app_with};
use herald::domain::platform::Platform;
use sqlx::PgPool;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn app(pool: PgPool) -> TestApp {
    spawn_app_with(pool, |settings| settings.oauth.probe_timeout_ms = 500).await
}

async fn account_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from accounts")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[sqlx::test]
async fn declining_on_the_server_connects_nothing_and_says_so(pool: PgPool) {
    let server = fake_server().await;
    let app = app(pool).await;
    let owner = app.owner("dee@example.com", "Acme").await;
    let link = app
        .authorize_link(&owner, Platform::Mastodon, &server.uri())
        .await;
    let location = app
        .come_back(&owner, &[("error", "access_denied"), ("state", &link.state)])
        .await;
    let outcome = app.outcome_at(&owner, &location).await;
    assert!(!outcome.ok);
    assert!(
        outcome.message.starts_with("You declined on Mastodon"),
        "{}",
        outcome.message
    );
    assert_eq!(account_count(&app).await, 0);
}

#[sqlx::test]
async fn a_state_herald_did_not_send_or_already_used_is_refused(pool: PgPool) {
    let server = fake_server().await;
    let app = app(pool).await;
    let owner = app.owner("sam@example.com", "Acme").await;
    let link = app
        .authorize_link(&owner, Platform::Mastodon, &server.uri())
        .await;

    let forged = app
        .come_back(&owner, &[("code", MASTODON_CODE), ("state", "made-up")])
        .await;
    assert_eq!(forged, "/accounts?oauth=unknown");
    let missing = app.come_back(&owner, &[("code", MASTODON_CODE)]).await;
    assert_eq!(missing, "/accounts?oauth=unknown");
    assert!(
        token_requests(&server, "authorization_code").await.is_empty(),
        "no code was traded"
    );

    let first = app
        .come_back(&owner, &[("code", MASTODON_CODE), ("state", &link.state)])
        .await;
    assert!(app.outcome_at(&owner, &first).await.ok);
    // The same answer again (a reload, or someone replaying the address): refused before
    // the network is asked, so the code is spent once.
    let replay = app
        .come_back(&owner, &[("code", MASTODON_CODE), ("state", &link.state)])
        .await;
    assert_eq!(replay, "/accounts?oauth=used");
    assert_eq!(token_requests(&server, "authorization_code").await.len(), 1);
    assert_eq!(account_count(&app).await, 1);
}

#[sqlx::test]
async fn a_callback_in_another_browser_or_for_another_workspace_is_refused(pool: PgPool) {
    let server = fake_server().await;
    let app = app(pool).await;
    let owner = app.owner("own@example.com", "Acme").await;
    let stranger = app.owner("eve@example.com", "Elsewhere").await;
    let link = app
        .authorize_link(&owner, Platform::Mastodon, &server.uri())
        .await;
    // Someone sends their sign-in's return address to another person (or workspace).
    let elsewhere = app
        .come_back(&stranger, &[("code", MASTODON_CODE), ("state", &link.state)])
        .await;
    assert_eq!(elsewhere, "/accounts?oauth=elsewhere");
    assert_eq!(account_count(&app).await, 0);
    assert!(token_requests(&server, "authorization_code").await.is_empty());
    // Taken once: the owner must start again.
    let late = app
        .come_back(&owner, &[("code", MASTODON_CODE), ("state", &link.state)])
        .await;
    assert_eq!(late, "/accounts?oauth=used");
}

#[sqlx::test]
async fn a_code_the_server_rejects_or_an_expired_flow_connects_nothing(pool: PgPool) {
    let server = fake_server().await;
    let app = app(pool).await;
    let owner = app.owner("cal@example.com", "Acme").await;
    let link = app
        .authorize_link(&owner, Platform::Mastodon, &server.uri())
        .await;
    let location = app
        .come_back(&owner, &[("code", "stale-code"), ("state", &link.state)])
        .await;
    let outcome = app.outcome_at(&owner, &location).await;
    assert!(!outcome.ok);
    assert!(
        outcome
            .message
            .contains("Mastodon refused Herald's sign-in (invalid_grant"),
        "{}",
        outcome.message
    );

    let slow = app
        .authorize_link(&owner, Platform::Mastodon, &server.uri())
        .await;
    sqlx::query("update oauth_flows set expires_at = now() - interval '1 second'")
        .execute(&app.pool)
        .await
        .unwrap();
    let location = app
        .come_back(&owner, &[("code", MASTODON_CODE), ("state", &slow.state)])
        .await;
    let outcome = app.outcome_at(&owner, &location).await;
    assert!(
        outcome.message.contains("took longer than 10 minutes"),
        "{}",
        outcome.message
    );
    assert_eq!(account_count(&app).await, 0);
}

#[sqlx::test]
async fn an_address_that_is_not_a_mastodon_server_is_named(pool: PgPool) {
    let app = app(pool).await;
    let owner = app.owner("nia@example.com", "Acme").await;
    let (status, message) = app
        .start_sign_in(&owner, Platform::Mastodon, "not a server")
        .await
        .refused();
    assert_eq!(status, 400);
    assert!(message.contains("is not a server address"), "{message}");

    // A web server, but no Mastodon API.
    let website = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_string("<html>Not found</html>"))
        .mount(&website)
        .await;
    let (status, message) = app
        .start_sign_in(&owner, Platform::Mastodon, &website.uri())
        .await
        .refused();
    assert_eq!(status, 400);
    assert!(
        message.contains("does not look like a Mastodon server"),
        "{message}"
    );

    // An address into a private network Herald may not call (only 127.0.0.1 is allowed here).
    let (_, message) = app
        .start_sign_in(&owner, Platform::Mastodon, "http://10.1.2.3")
        .await
        .refused();
    assert!(message.contains("private"), "{message}");
}

#[sqlx::test]
async fn a_server_that_answers_slowly_or_not_at_all_is_named(pool: PgPool) {
    let app = app(pool).await;
    let owner = app.owner("tim@example.com", "Acme").await;
    let slow = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v2/instance"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&slow)
        .await;
    let (status, message) = app
        .start_sign_in(&owner, Platform::Mastodon, &slow.uri())
        .await
        .refused();
    assert_eq!(status, 503);
    assert!(message.contains("did not answer in time"), "{message}");

    // Nothing listens there.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = closed.local_addr().unwrap();
    drop(closed);
    let (status, message) = app
        .start_sign_in(&owner, Platform::Mastodon, &format!("http://{address}"))
        .await
        .refused();
    assert_eq!(status, 503);
    assert!(message.contains("Could not reach"), "{message}");
    assert_eq!(account_count(&app).await, 0);
}
