//! Threads: Meta's own dialect of OAuth. The code buys a one-hour token with no token_type,
//! traded at once for a 60-day token that renews itself (no refresh token).
use super::shared::{assert_sealed, seconds_left};
use crate::calls::link;
use crate::helpers::{Browser, TestApp, spawn_app_with};
use herald::domain::platform::Platform;
use sqlx::PgPool;
use uuid::Uuid;
use wiremock::matchers::{body_string_contains, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub(crate) const APP_ID: &str = "990602627938098";
pub(crate) const APP_SECRET: &str = "threads-app-secret";
pub(crate) const CODE: &str = "threads-code";
pub(crate) const USER_ID: &str = "1789";

pub(crate) struct ThreadsScene {
    pub(crate) app: TestApp,
    pub(crate) owner: Browser,
    pub(crate) fake: MockServer,
}

pub(crate) async fn scene(pool: PgPool, workers: bool) -> ThreadsScene {
    let fake = MockServer::start().await;
    let uri = fake.uri();
    let app = spawn_app_with(pool, |settings| {
        settings.networks.threads_api = uri.clone();
        settings.oauth.threads_authorize_url = format!("{uri}/oauth/authorize");
        settings.oauth.threads_token_url = format!("{uri}/oauth/access_token");
        settings.publishing.workers = workers;
        settings.publishing.poll_interval_ms = 20;
    })
    .await;
    let owner = app.owner("thea@example.com", "Acme").await;
    app.save_network_app(&owner, Platform::Threads, APP_ID, APP_SECRET)
        .await
        .ok();
    ThreadsScene { app, owner, fake }
}

/// The code buys short-1; short-1 buys long-1, lasting `expires_in` seconds.
pub(crate) async fn mount_sign_in(fake: &MockServer, expires_in: u64) {
    Mock::given(method("POST"))
        .and(path("/oauth/access_token"))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains(format!("code={CODE}").as_str()))
        .and(body_string_contains(
            format!("client_secret={APP_SECRET}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "short-1", "user_id": 1789
        })))
        .mount(fake)
        .await;
    Mock::given(method("GET"))
        .and(path("/access_token"))
        .and(query_param("grant_type", "th_exchange_token"))
        .and(query_param("client_secret", APP_SECRET))
        .and(query_param("access_token", "short-1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "long-1", "token_type": "bearer", "expires_in": expires_in
        })))
        .mount(fake)
        .await;
}

/// Threads' `/me` for each of these tokens.
pub(crate) async fn mount_me(fake: &MockServer, tokens: &[&str]) {
    for token in tokens {
        Mock::given(method("GET"))
            .and(path("/me"))
            .and(header("authorization", format!("Bearer {token}").as_str()))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(serde_json::json!({"id": USER_ID, "username": "heraldthreads"})),
            )
            .mount(fake)
            .await;
    }
}

impl ThreadsScene {
    /// Signs in with Threads; where Herald sent the person back.
    pub(crate) async fn sign_in(&self) -> String {
        let link = link(
            self.app
                .start_sign_in(&self.owner, Platform::Threads, "")
                .await
                .ok(),
        );
        self.app
            .come_back(&self.owner, &[("code", CODE), ("state", &link.state)])
            .await
    }

    pub(crate) async fn connect(&self) -> Uuid {
        let back = self.sign_in().await;
        let outcome = self.app.outcome_at(&self.owner, &back).await;
        assert!(outcome.ok, "{}", outcome.message);
        outcome.account_id.unwrap()
    }
}

#[sqlx::test]
async fn signing_in_with_threads_trades_the_code_for_a_long_lived_token(pool: PgPool) {
    let scene = scene(pool, false).await;
    mount_sign_in(&scene.fake, 5_184_000).await;
    mount_me(&scene.fake, &["long-1"]).await;

    let link = link(
        scene
            .app
            .start_sign_in(&scene.owner, Platform::Threads, "")
            .await
            .ok(),
    );
    assert!(
        link.url
            .as_str()
            .starts_with(&format!("{}/oauth/authorize?", scene.fake.uri()))
    );
    assert_eq!(link.param("client_id").as_deref(), Some(APP_ID));
    assert_eq!(link.param("response_type").as_deref(), Some("code"));
    assert_eq!(
        link.param("scope").as_deref(),
        Some("threads_basic,threads_content_publish"),
        "Meta takes scopes comma-separated"
    );
    let back = scene
        .app
        .come_back(&scene.owner, &[("code", CODE), ("state", &link.state)])
        .await;
    let outcome = scene.app.outcome_at(&scene.owner, &back).await;
    assert!(outcome.ok, "{}", outcome.message);

    let accounts = scene.app.list_accounts(&scene.owner).await.ok();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].handle, "@heraldthreads");
    assert!(accounts[0].token.renews_itself);
    let days_left = seconds_left(accounts[0].token.expires_at.as_deref()) / 86_400;
    assert!((59..=60).contains(&days_left), "{days_left}");
    assert_sealed(&scene.app, accounts[0].id, &["long-1", "short-1"]).await;
}

#[sqlx::test]
async fn a_threads_code_refused_connects_nothing_and_says_why(pool: PgPool) {
    let scene = scene(pool, false).await;
    Mock::given(method("POST"))
        .and(path("/oauth/access_token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error_type": "OAuthException", "code": 400, "error_message": "Invalid verification code"
        })))
        .mount(&scene.fake)
        .await;
    let back = scene.sign_in().await;
    let outcome = scene.app.outcome_at(&scene.owner, &back).await;
    assert!(!outcome.ok);
    assert!(
        outcome
            .message
            .contains("Threads refused Herald's sign-in (OAuthException: Invalid verification code)"),
        "{}",
        outcome.message
    );
    assert!(scene.app.list_accounts(&scene.owner).await.ok().is_empty());
}

#[sqlx::test]
async fn a_declined_threads_consent_and_a_replayed_or_forged_state_connect_nothing(pool: PgPool) {
    let scene = scene(pool, false).await;
    mount_sign_in(&scene.fake, 5_184_000).await;
    mount_me(&scene.fake, &["long-1"]).await;

    let declined = link(
        scene
            .app
            .start_sign_in(&scene.owner, Platform::Threads, "")
            .await
            .ok(),
    );
    let back = scene
        .app
        .come_back(
            &scene.owner,
            &[
                ("error", "access_denied"),
                ("error_reason", "user_denied"),
                ("error_description", "Permissions error"),
                ("state", &declined.state),
            ],
        )
        .await;
    let outcome = scene.app.outcome_at(&scene.owner, &back).await;
    assert!(
        outcome.message.contains("You declined on Threads"),
        "{}",
        outcome.message
    );

    let forged = scene
        .app
        .come_back(
            &scene.owner,
            &[("code", CODE), ("state", "not-a-state-herald-made")],
        )
        .await;
    assert_eq!(forged, "/accounts?oauth=unknown");

    let good = link(
        scene
            .app
            .start_sign_in(&scene.owner, Platform::Threads, "")
            .await
            .ok(),
    );
    let first = scene
        .app
        .come_back(&scene.owner, &[("code", CODE), ("state", &good.state)])
        .await;
    assert!(scene.app.outcome_at(&scene.owner, &first).await.ok);
    let replayed = scene
        .app
        .come_back(&scene.owner, &[("code", CODE), ("state", &good.state)])
        .await;
    assert_eq!(replayed, "/accounts?oauth=used");
    assert_eq!(scene.app.list_accounts(&scene.owner).await.ok().len(), 1);
    let exchanges = scene
        .fake
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/oauth/access_token")
        .count();
    assert_eq!(exchanges, 1, "only the good sign-in spent its code");
}
