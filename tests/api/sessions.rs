use crate::calls::signing_up;
use crate::helpers::{PASSWORD, spawn_app};
use herald::api::auth::SessionState;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

#[sqlx::test]
async fn the_session_id_changes_at_sign_in(pool: PgPool) {
    let app = spawn_app(pool).await;
    let browser = app.owner("olive@example.com", "Acme").await;
    let before = browser
        .session_cookie(&app.address)
        .expect("a session after sign-up");

    assert_eq!(
        app.sign_in(&browser, "olive@example.com", PASSWORD)
            .await
            .status(),
        200
    );
    let after = browser
        .session_cookie(&app.address)
        .expect("a session after sign-in");
    assert_ne!(before, after, "signing in must issue a new session id");

    // The id held before sign-in is dead: fixation gains an attacker nothing.
    let attacker = app.browser();
    attacker.set_session_cookie(&app.address, &before);
    assert!(matches!(
        app.session(&attacker).await,
        SessionState::SignedOut { .. }
    ));
    app.viewer(&browser).await;
}

#[sqlx::test]
async fn the_session_cookie_is_http_only_and_same_site_lax(pool: PgPool) {
    let app = spawn_app(pool).await;
    let response = app
        .sign_up(&app.browser(), &signing_up("Olive", "olive@example.com", "Acme"))
        .await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .find(|value| value.starts_with("herald_session="))
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http in tests: {cookie}");
}

#[sqlx::test]
async fn secure_cookies_when_served_over_https(pool: PgPool) {
    let app = crate::helpers::spawn_app_with(pool, |settings| {
        settings.server.base_url = "https://herald.example.com".into();
    })
    .await;
    let response = app
        .sign_up(&app.browser(), &signing_up("Olive", "olive@example.com", "Acme"))
        .await;
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.contains("Secure"), "{cookie}");
}

#[sqlx::test]
async fn sessions_survive_a_server_restart(pool: PgPool) {
    let options = pool.connect_options().as_ref().clone();
    let first = spawn_app(pool).await;
    let browser = first.owner("olive@example.com", "Acme").await;
    first.stop().await;

    let pool = PgPoolOptions::new().connect_with(options).await.unwrap();
    let second = spawn_app(pool).await;
    let viewer = second.viewer(&browser).await;
    assert_eq!(viewer.email, "olive@example.com");
}

#[sqlx::test]
async fn an_expired_session_is_told_so(pool: PgPool) {
    let app = spawn_app(pool).await;
    let browser = app.owner("olive@example.com", "Acme").await;
    sqlx::query("update sessions set expires_at = now() - interval '1 second'")
        .execute(&app.pool)
        .await
        .unwrap();
    let (status, message) = app.team(&browser).await.refused();
    assert_eq!(status, 401);
    assert_eq!(message, "Your session has expired. Please sign in again.");

    let (status, message) = app.team(&app.browser()).await.refused();
    assert_eq!((status, message.as_str()), (401, "Please sign in to continue."));
}

#[sqlx::test]
async fn a_request_in_flight_during_sign_out_cannot_bring_the_session_back(pool: PgPool) {
    use herald::server::auth::session_store::PgSessionStore;
    use tower_sessions::SessionStore;
    let app = spawn_app(pool).await;
    let browser = app.owner("olive@example.com", "Acme").await;
    let cookie = browser.session_cookie(&app.address).unwrap();
    let store = PgSessionStore::new(app.pool.clone());
    // A request that began before sign-out holds the session as it loaded it…
    let in_flight = store
        .load(&cookie.parse().unwrap())
        .await
        .unwrap()
        .expect("the session is live");
    assert_eq!(app.sign_out(&browser).await.status(), 200);
    // …and saves it when it ends, after sign-out deleted it.
    store.save(&in_flight).await.unwrap();

    let thief = app.browser();
    thief.set_session_cookie(&app.address, &cookie);
    assert!(matches!(
        app.session(&thief).await,
        SessionState::SignedOut { .. }
    ));
    let left: i64 = sqlx::query_scalar("select count(*) from sessions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
}
