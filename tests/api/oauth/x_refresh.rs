//! Tokens that stay alive: renewed ahead of expiry, one refresh at a time per account, the
//! rotated refresh token kept; only a real refusal asks a person to sign in again.
use super::shared::publish_two_at_once;
use super::x::{XScene, mount_me, mount_token_exchange, scene};
use herald::domain::account::AccountState;
use herald::server::oauth;
use sqlx::PgPool;
use std::time::Duration;
use uuid::Uuid;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, ResponseTemplate};

/// X's refresh: `from` buys (`access`, `rotated`).
fn refresh(from: &str, access: &str, rotated: &str) -> Mock {
    Mock::given(method("POST"))
        .and(path("/2/oauth2/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains(format!("refresh_token={from}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "token_type": "bearer", "expires_in": 7200, "access_token": access,
            "scope": "tweet.read tweet.write users.read media.write offline.access", "refresh_token": rotated
        })))
}

async fn refreshes(scene: &XScene) -> usize {
    let requests = scene.fake.received_requests().await.unwrap();
    let is_refresh = |body: &[u8]| String::from_utf8_lossy(body).contains("grant_type=refresh_token");
    requests
        .iter()
        .filter(|r| r.url.path() == "/2/oauth2/token" && is_refresh(&r.body))
        .count()
}

async fn connected(scene: &XScene, expires_in: u64) -> Uuid {
    scene.set_up_app().await;
    mount_token_exchange(&scene.fake, expires_in).await;
    mount_me(&scene.fake, &["access-1", "access-2", "access-3"]).await;
    scene.connect().await
}

async fn renew(scene: &XScene) -> usize {
    oauth::renew_expiring(&scene.app.engine().state).await.unwrap()
}

async fn account(scene: &XScene) -> herald::api::accounts::AccountView {
    scene.app.list_accounts(&scene.owner).await.ok().remove(0)
}

#[sqlx::test]
async fn a_token_near_expiry_is_renewed_ahead_and_the_rotated_refresh_token_is_kept(pool: PgPool) {
    let scene = scene(pool, false).await;
    // Runs out in 5 minutes: within the 10 minutes ahead Herald renews.
    let id = connected(&scene, 300).await;
    refresh("refresh-1", "access-2", "refresh-2")
        .expect(1)
        .mount(&scene.fake)
        .await;
    refresh("refresh-2", "access-3", "refresh-3")
        .expect(1)
        .mount(&scene.fake)
        .await;

    assert_eq!(renew(&scene).await, 1);
    let renewed = account(&scene).await;
    assert!(renewed.token.refreshed_at.is_some());
    assert_eq!(renewed.token.error, None);
    let test = scene.app.test_account(&scene.owner, id).await.ok();
    assert!(
        test.ok,
        "the renewed token (access-2) is the one stored: {}",
        test.message
    );
    // Two hours left now: nothing to do.
    assert_eq!(renew(&scene).await, 0);
    assert_eq!(refreshes(&scene).await, 1);

    // Next time, the rotated refresh token (refresh-2) is the one spent.
    sqlx::query("update accounts set token_expires_at = now() + interval '1 minute' where id = $1")
        .bind(id)
        .execute(&scene.app.pool)
        .await
        .unwrap();
    assert_eq!(renew(&scene).await, 1);
    assert_eq!(refreshes(&scene).await, 2);
}

#[sqlx::test]
async fn two_publishes_racing_an_expiring_token_refresh_it_once_and_both_go_out(pool: PgPool) {
    let scene = scene(pool, true).await;
    // Runs out in 30 s, so each publish renews it first.
    let id = connected(&scene, 30).await;
    // A slow refresh, so both publishes are waiting on it at once.
    Mock::given(method("POST"))
        .and(path("/2/oauth2/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .and(body_string_contains("refresh_token=refresh-1"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_delay(Duration::from_millis(400))
                .set_body_json(serde_json::json!({
                    "token_type": "bearer", "expires_in": 7200, "access_token": "access-2",
                    "refresh_token": "refresh-2"
                })),
        )
        .expect(1)
        .mount(&scene.fake)
        .await;
    Mock::given(method("POST"))
        .and(path("/2/tweets"))
        .and(header("authorization", "Bearer access-2"))
        .respond_with(
            ResponseTemplate::new(201).set_body_json(serde_json::json!({"data": {"id": "77", "text": "…"}})),
        )
        .expect(2)
        .mount(&scene.fake)
        .await;
    let statuses = publish_two_at_once(&scene.app, &scene.owner, id).await;
    assert_eq!(statuses, ["published", "published"]);
    assert_eq!(refreshes(&scene).await, 1, "one network refresh for both");
    scene.app.stop().await;
}

#[sqlx::test]
async fn a_revoked_refresh_token_asks_for_a_new_sign_in(pool: PgPool) {
    let scene = scene(pool, false).await;
    connected(&scene, 60).await;
    Mock::given(method("POST"))
        .and(path("/2/oauth2/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_grant", "error_description": "Value passed for the token was invalid."
        })))
        .expect(1)
        .mount(&scene.fake)
        .await;
    renew(&scene).await;
    let account = account(&scene).await;
    assert_eq!(account.state, AccountState::NeedsReauth);
    let reason = account.state_reason.unwrap();
    assert!(
        reason.contains("X no longer accepts Herald's access (invalid_grant"),
        "{reason}"
    );
    assert!(reason.contains("Reconnect the account"), "{reason}");
    // It is not tried again until someone signs in.
    renew(&scene).await;
}

#[sqlx::test]
async fn a_503_during_refresh_is_retried_and_never_disconnects(pool: PgPool) {
    let scene = scene(pool, false).await;
    let id = connected(&scene, 60).await;
    Mock::given(method("POST"))
        .and(path("/2/oauth2/token"))
        .and(body_string_contains("grant_type=refresh_token"))
        .respond_with(ResponseTemplate::new(503).set_body_string("Service Unavailable"))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&scene.fake)
        .await;
    refresh("refresh-1", "access-2", "refresh-2")
        .expect(1)
        .mount(&scene.fake)
        .await;

    assert_eq!(renew(&scene).await, 0);
    let waiting = account(&scene).await;
    assert_eq!(waiting.state, AccountState::Connected, "a 503 never disconnects");
    let error = waiting.token.error.unwrap();
    assert!(
        error.contains("HTTP 503") && error.contains("tries again"),
        "{error}"
    );
    // "Test connection" meanwhile says so, and leaves the account connected.
    let test = scene.app.test_account(&scene.owner, id).await.ok();
    assert!(!test.ok && test.message.contains("HTTP 503"), "{}", test.message);
    assert_eq!(account(&scene).await.state, AccountState::Connected);

    assert_eq!(renew(&scene).await, 1, "the next round renews it");
    let renewed = account(&scene).await;
    assert_eq!(renewed.state, AccountState::Connected);
    assert_eq!(renewed.token.error, None);
    assert!(scene.app.test_account(&scene.owner, id).await.ok().ok);
}
