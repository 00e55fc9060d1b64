//! X: an instance admin enters Herald's app once; then "Sign in with X" runs OAuth 2.0 with
//! PKCE and hands back a token that renews itself.
use super::shared::{assert_sealed, seconds_left};
use crate::calls::link;
use crate::helpers::{Browser, TestApp, spawn_app_with};
use base64::Engine;
use herald::domain::platform::Platform;
use sha2::Digest;
use sqlx::PgPool;
use uuid::Uuid;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub(crate) const CLIENT_ID: &str = "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ";
pub(crate) const CLIENT_SECRET: &str = "x-client-secret";
pub(crate) const CODE: &str = "x-code";

pub(crate) struct XScene {
    pub(crate) app: TestApp,
    pub(crate) owner: Browser,
    pub(crate) fake: MockServer,
}

/// An app pointed at a fake X, with the owner (the first person: the instance's admin).
pub(crate) async fn scene(pool: PgPool, workers: bool) -> XScene {
    let fake = MockServer::start().await;
    let uri = fake.uri();
    let app = spawn_app_with(pool, |settings| {
        settings.networks.x_api = uri.clone();
        settings.oauth.x_authorize_url = format!("{uri}/i/oauth2/authorize");
        settings.oauth.x_token_url = format!("{uri}/2/oauth2/token");
        settings.publishing.workers = workers;
        settings.publishing.poll_interval_ms = 20;
    })
    .await;
    let owner = app.owner("xena@example.com", "Acme").await;
    XScene { app, owner, fake }
}

/// X's token endpoint: `code` buys (access-1, refresh-1), lasting `expires_in` seconds.
pub(crate) async fn mount_token_exchange(fake: &MockServer, expires_in: u64) {
    Mock::given(method("POST"))
        .and(path("/2/oauth2/token"))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains(format!("code={CODE}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "token_type": "bearer", "expires_in": expires_in, "access_token": "access-1",
            "scope": "tweet.read tweet.write users.read media.write offline.access", "refresh_token": "refresh-1"
        })))
        .mount(fake)
        .await;
}

/// `/2/users/me` for each of these access tokens.
pub(crate) async fn mount_me(fake: &MockServer, tokens: &[&str]) {
    for token in tokens {
        Mock::given(method("GET"))
            .and(path("/2/users/me"))
            .and(header("authorization", format!("Bearer {token}").as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "data": {"id": "42", "name": "Herald on X", "username": "heraldx"}
            })))
            .mount(fake)
            .await;
    }
}

impl XScene {
    pub(crate) async fn set_up_app(&self) {
        self.app
            .save_network_app(&self.owner, Platform::X, CLIENT_ID, CLIENT_SECRET)
            .await
            .ok();
    }

    /// Signs in with X all the way; the new account's id.
    pub(crate) async fn connect(&self) -> Uuid {
        let answer = self.app.start_sign_in(&self.owner, Platform::X, "").await.ok();
        let link = link(answer);
        let back = self
            .app
            .come_back(&self.owner, &[("code", CODE), ("state", &link.state)])
            .await;
        let outcome = self.app.outcome_at(&self.owner, &back).await;
        assert!(outcome.ok, "{}", outcome.message);
        outcome.account_id.unwrap()
    }
}

#[sqlx::test]
async fn without_an_app_x_sign_in_says_who_sets_it_up(pool: PgPool) {
    let scene = scene(pool, false).await;
    let (status, message) = scene
        .app
        .start_sign_in(&scene.owner, Platform::X, "")
        .await
        .refused();
    assert_eq!(status, 400);
    assert!(
        message.contains("An instance admin has not set up X yet"),
        "{message}"
    );
    assert!(message.contains("Settings → Network apps"), "{message}");
}

#[sqlx::test]
async fn signing_in_with_x_uses_pkce_and_the_app_and_stores_a_renewable_token(pool: PgPool) {
    let scene = scene(pool, false).await;
    scene.set_up_app().await;
    mount_token_exchange(&scene.fake, 7200).await;
    mount_me(&scene.fake, &["access-1"]).await;

    let link = link(scene.app.start_sign_in(&scene.owner, Platform::X, "").await.ok());
    assert!(
        link.url
            .as_str()
            .starts_with(&format!("{}/i/oauth2/authorize?", scene.fake.uri()))
    );
    assert_eq!(link.param("client_id").as_deref(), Some(CLIENT_ID));
    assert_eq!(
        link.param("scope").as_deref(),
        Some("tweet.read tweet.write users.read media.write offline.access")
    );
    assert_eq!(link.param("code_challenge_method").as_deref(), Some("S256"));
    let challenge = link.param("code_challenge").unwrap();
    let back = scene
        .app
        .come_back(&scene.owner, &[("code", CODE), ("state", &link.state)])
        .await;
    let outcome = scene.app.outcome_at(&scene.owner, &back).await;
    assert!(outcome.ok, "{}", outcome.message);

    let requests = scene.fake.received_requests().await.unwrap();
    let exchange = requests
        .iter()
        .find(|r| r.url.path() == "/2/oauth2/token")
        .unwrap();
    // A confidential client authenticates with HTTP Basic, as X asks.
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
    assert_eq!(
        exchange.headers["authorization"],
        format!("Basic {basic}").as_str()
    );
    let fields: Vec<(String, String)> = url::form_urlencoded::parse(&exchange.body).into_owned().collect();
    let verifier = &fields.iter().find(|(k, _)| k == "code_verifier").unwrap().1;
    let derived = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier));
    assert_eq!(derived, challenge);

    let accounts = scene.app.list_accounts(&scene.owner).await.ok();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].handle, "@heraldx");
    assert!(accounts[0].token.renews_itself);
    let left = seconds_left(accounts[0].token.expires_at.as_deref());
    assert!((7100..=7200).contains(&left), "{left}");
    assert_sealed(&scene.app, accounts[0].id, &["access-1", "refresh-1"]).await;
}

#[sqlx::test]
async fn reconnecting_as_someone_else_is_refused_and_changes_nothing(pool: PgPool) {
    let scene = scene(pool, false).await;
    scene.set_up_app().await;
    mount_token_exchange(&scene.fake, 7200).await;
    mount_me(&scene.fake, &["access-1"]).await;
    let id = scene.connect().await;
    sqlx::query("update accounts set handle = '@somebody' where id = $1")
        .bind(id)
        .execute(&scene.app.pool)
        .await
        .unwrap();
    let again = link(
        scene
            .app
            .start_reconnect(&scene.owner, Platform::X, id)
            .await
            .ok(),
    );
    let back = scene
        .app
        .come_back(&scene.owner, &[("code", CODE), ("state", &again.state)])
        .await;
    let outcome = scene.app.outcome_at(&scene.owner, &back).await;
    assert!(!outcome.ok);
    assert!(
        outcome
            .message
            .contains("You signed in to @heraldx, but this card is @somebody"),
        "{}",
        outcome.message
    );
}
