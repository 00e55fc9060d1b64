//! A Threads token renews itself: it is spent to get the next one, one refresh at a time.
use super::shared::publish_two_at_once;
use super::threads::{ThreadsScene, USER_ID, mount_me, mount_sign_in, scene};
use herald::domain::account::AccountState;
use herald::server::oauth;
use sqlx::PgPool;
use std::time::Duration;
use uuid::Uuid;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

fn refresh(from: &str) -> wiremock::MockBuilder {
    Mock::given(method("GET"))
        .and(path("/refresh_access_token"))
        .and(query_param("grant_type", "th_refresh_token"))
        .and(query_param("access_token", from))
}

fn renewed(to: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({
        "access_token": to, "token_type": "bearer", "expires_in": 5_184_000
    }))
}

async fn refreshes(scene: &ThreadsScene) -> usize {
    let requests = scene.fake.received_requests().await.unwrap();
    requests
        .iter()
        .filter(|r| r.url.path() == "/refresh_access_token")
        .count()
}

async fn connected(scene: &ThreadsScene, expires_in: u64) -> Uuid {
    mount_sign_in(&scene.fake, expires_in).await;
    mount_me(&scene.fake, &["long-1", "long-2", "long-3"]).await;
    scene.connect().await
}

async fn renew(scene: &ThreadsScene) -> usize {
    oauth::renew_expiring(&scene.app.engine().state).await.unwrap()
}

async fn account(scene: &ThreadsScene) -> herald::api::accounts::AccountView {
    scene.app.list_accounts(&scene.owner).await.ok().remove(0)
}

#[sqlx::test]
async fn a_threads_token_near_expiry_is_spent_for_the_next_one(pool: PgPool) {
    let scene = scene(pool, false).await;
    let id = connected(&scene, 300).await;
    refresh("long-1")
        .respond_with(renewed("long-2"))
        .expect(1)
        .mount(&scene.fake)
        .await;
    refresh("long-2")
        .respond_with(renewed("long-3"))
        .expect(1)
        .mount(&scene.fake)
        .await;

    assert_eq!(renew(&scene).await, 1);
    let test = scene.app.test_account(&scene.owner, id).await.ok();
    assert!(test.ok, "the renewed token is the one stored: {}", test.message);
    assert_eq!(renew(&scene).await, 0, "sixty days left: nothing to do");
    sqlx::query("update accounts set token_expires_at = now() + interval '1 minute' where id = $1")
        .bind(id)
        .execute(&scene.app.pool)
        .await
        .unwrap();
    assert_eq!(renew(&scene).await, 1);
    assert_eq!(refreshes(&scene).await, 2, "long-1 then long-2, each spent once");
}

#[sqlx::test]
async fn two_threads_publishes_racing_an_expiring_token_refresh_it_once(pool: PgPool) {
    let scene = scene(pool, true).await;
    let id = connected(&scene, 30).await;
    refresh("long-1")
        .respond_with(renewed("long-2").set_delay(Duration::from_millis(400)))
        .expect(1)
        .mount(&scene.fake)
        .await;
    let with_long_2 = || header("authorization", "Bearer long-2");
    Mock::given(method("POST"))
        .and(path(format!("/{USER_ID}/threads")))
        .and(with_long_2())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "1801"})))
        .expect(2)
        .mount(&scene.fake)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("/{USER_ID}/threads_publish")))
        .and(with_long_2())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "1809"})))
        .expect(2)
        .mount(&scene.fake)
        .await;
    Mock::given(method("GET"))
        .and(path("/1809"))
        .and(with_long_2())
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"id": "1809", "permalink": "https://www.threads.com/@heraldthreads/post/1"}),
        ))
        .mount(&scene.fake)
        .await;
    let statuses = publish_two_at_once(&scene.app, &scene.owner, id).await;
    assert_eq!(statuses, ["published", "published"]);
    assert_eq!(refreshes(&scene).await, 1, "one network refresh for both");
    scene.app.stop().await;
}

#[sqlx::test]
async fn a_revoked_threads_token_asks_for_a_new_sign_in(pool: PgPool) {
    let scene = scene(pool, false).await;
    connected(&scene, 60).await;
    refresh("long-1")
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({"error": {
            "message": "Error validating access token: The session has been invalidated because the user changed their password.",
            "type": "OAuthException", "code": 190
        }})))
        .expect(1)
        .mount(&scene.fake)
        .await;
    renew(&scene).await;
    let account = account(&scene).await;
    assert_eq!(account.state, AccountState::NeedsReauth);
    let reason = account.state_reason.unwrap();
    assert!(
        reason.contains(
            "Threads no longer accepts Herald's access (OAuthException 190: Error validating access token"
        ),
        "{reason}"
    );
    renew(&scene).await;
}

#[sqlx::test]
async fn a_503_or_a_throttle_during_a_threads_refresh_never_disconnects(pool: PgPool) {
    let scene = scene(pool, false).await;
    connected(&scene, 60).await;
    refresh("long-1")
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&scene.fake)
        .await;
    refresh("long-1")
        .respond_with(
            ResponseTemplate::new(400).set_body_json(serde_json::json!({"error": {
                "message": "Application request limit reached", "type": "OAuthException", "code": 4
            }})),
        )
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&scene.fake)
        .await;
    refresh("long-1")
        .respond_with(renewed("long-2"))
        .with_priority(3)
        .mount(&scene.fake)
        .await;

    assert_eq!(renew(&scene).await, 0);
    let waiting = account(&scene).await;
    assert_eq!(waiting.state, AccountState::Connected, "a 503 never disconnects");
    assert!(waiting.token.error.unwrap().contains("HTTP 503"));
    assert_eq!(renew(&scene).await, 0);
    let throttled = account(&scene).await;
    assert_eq!(
        throttled.state,
        AccountState::Connected,
        "a throttle never disconnects"
    );
    assert!(throttled.token.error.unwrap().contains("request limit"));
    assert_eq!(renew(&scene).await, 1);
    let healed = account(&scene).await;
    assert_eq!(healed.state, AccountState::Connected);
    assert_eq!(healed.token.error, None);
}
