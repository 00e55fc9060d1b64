//! LinkedIn gives refresh tokens to apps in its partner programs: those accounts renew
//! themselves (credentials in the form body, as LinkedIn asks); a revoked one asks for a
//! sign-in, a 503 never disconnects.
use super::shared::publish_two_at_once;
use crate::calls::link;
use crate::helpers::{Browser, TestApp, spawn_app_with};
use herald::domain::account::AccountState;
use herald::domain::platform::Platform;
use herald::server::oauth;
use sqlx::PgPool;
use uuid::Uuid;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn connected(pool: PgPool) -> (TestApp, Browser, MockServer, Uuid) {
    connected_with(pool, false).await
}

async fn connected_with(pool: PgPool, workers: bool) -> (TestApp, Browser, MockServer, Uuid) {
    let fake = MockServer::start().await;
    let uri = fake.uri();
    let app = spawn_app_with(pool, |settings| {
        settings.networks.linkedin_api = uri.clone();
        settings.oauth.linkedin_authorize_url = format!("{uri}/oauth/v2/authorization");
        settings.oauth.linkedin_token_url = format!("{uri}/oauth/v2/accessToken");
        settings.publishing.workers = workers;
        settings.publishing.poll_interval_ms = 20;
    })
    .await;
    let owner = app.owner("lin@example.com", "Acme").await;
    app.save_network_app(&owner, Platform::LinkedIn, "86abcdefgh1234", "linkedin-secret")
        .await
        .ok();
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .and(body_string_contains("grant_type=authorization_code"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "li-access-1", "expires_in": 60,
            "refresh_token": "li-refresh", "refresh_token_expires_in": 31_536_000
        })))
        .mount(&fake)
        .await;
    for token in ["li-access-1", "li-access-2"] {
        Mock::given(method("GET"))
            .and(path("/v2/userinfo"))
            .and(header("authorization", format!("Bearer {token}").as_str()))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(serde_json::json!({"sub": "782bbtaQ", "name": "Lin Kedin"})),
            )
            .mount(&fake)
            .await;
    }
    let started = link(app.start_sign_in(&owner, Platform::LinkedIn, "").await.ok());
    let back = app
        .come_back(&owner, &[("code", "li-code"), ("state", &started.state)])
        .await;
    let outcome = app.outcome_at(&owner, &back).await;
    assert!(outcome.ok, "{}", outcome.message);
    let id = outcome.account_id.unwrap();
    (app, owner, fake, id)
}

fn refresh() -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=li-refresh"))
        .and(body_string_contains("client_secret=linkedin-secret"))
}

#[sqlx::test]
async fn a_linkedin_token_with_a_refresh_token_renews_itself(pool: PgPool) {
    let (app, owner, fake, id) = connected(pool).await;
    refresh()
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "li-access-2", "expires_in": 5_183_999,
            "refresh_token": "li-refresh", "refresh_token_expires_in": 31_535_000
        })))
        .expect(1)
        .mount(&fake)
        .await;
    let renewed = oauth::renew_expiring(&app.engine().state).await.unwrap();
    assert_eq!(renewed, 1);
    let test = app.test_account(&owner, id).await.ok();
    assert!(test.ok, "li-access-2 is the token stored: {}", test.message);
    assert!(app.list_accounts(&owner).await.ok()[0].token.renews_itself);
}

#[sqlx::test]
async fn a_revoked_linkedin_grant_asks_for_a_sign_in_and_a_503_does_not(pool: PgPool) {
    let (app, owner, fake, _) = connected(pool).await;
    refresh()
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&fake)
        .await;
    refresh()
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_grant", "error_description": "The token used in the request has been revoked by the user"
        })))
        .with_priority(2)
        .mount(&fake)
        .await;
    let state = &app.engine().state;
    oauth::renew_expiring(state).await.unwrap();
    let account = app.list_accounts(&owner).await.ok().remove(0);
    assert_eq!(account.state, AccountState::Connected, "a 503 never disconnects");
    oauth::renew_expiring(state).await.unwrap();
    let account = app.list_accounts(&owner).await.ok().remove(0);
    assert_eq!(account.state, AccountState::NeedsReauth);
    assert!(
        account.state_reason.unwrap().contains("revoked by the user"),
        "the network's words are kept"
    );
}

#[sqlx::test]
async fn two_linkedin_publishes_racing_an_expiring_token_refresh_it_once(pool: PgPool) {
    let (app, owner, fake, id) = connected_with(pool, true).await;
    refresh()
        .respond_with(
            ResponseTemplate::new(200)
                .set_delay(std::time::Duration::from_millis(400))
                .set_body_json(serde_json::json!({
                    "access_token": "li-access-2", "expires_in": 5_183_999, "refresh_token": "li-refresh"
                })),
        )
        .expect(1)
        .mount(&fake)
        .await;
    Mock::given(method("POST"))
        .and(path("/rest/posts"))
        .and(header("authorization", "Bearer li-access-2"))
        .respond_with(ResponseTemplate::new(201).insert_header("x-restli-id", "urn:li:share:7"))
        .expect(2)
        .mount(&fake)
        .await;
    let statuses = publish_two_at_once(&app, &owner, id).await;
    assert_eq!(statuses, ["published", "published"]);
    let refreshes = fake
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| String::from_utf8_lossy(&r.body).contains("grant_type=refresh_token"))
        .count();
    assert_eq!(refreshes, 1, "one network refresh for both");
    app.stop().await;
}
