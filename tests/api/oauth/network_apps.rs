//! Settings → Network apps: only the person who runs Herald sees or changes them; the secret
//! is sealed and never sent back; a malformed id is named.
use super::x::{CLIENT_ID, scene};
use herald::domain::platform::Platform;
use herald::domain::role::Role;
use sqlx::PgPool;

#[sqlx::test]
async fn only_the_instance_admin_sets_up_apps_and_the_secret_never_comes_back(pool: PgPool) {
    let scene = scene(pool, false).await;
    let (app, admin) = (&scene.app, &scene.owner);
    let apps = app.list_network_apps(admin).await.ok();
    let x = apps
        .iter()
        .find(|a| a.platform == Platform::X)
        .expect("X is listed");
    assert_eq!(x.client_id, None);
    assert_eq!(
        x.redirect_uri,
        format!("{}/oauth/callback", app.settings.server.base_url()),
        "to paste into the portal"
    );
    assert!(x.scopes.contains(&"offline.access".to_owned()));

    app.save_network_app(admin, Platform::X, CLIENT_ID, "top-secret-value")
        .await
        .ok();
    let body = app.list_network_apps(admin).await.body().to_owned();
    assert!(
        body.contains(CLIENT_ID) && !body.contains("top-secret-value"),
        "{body}"
    );
    let stored: Vec<u8> = sqlx::query_scalar("select client_secret from network_apps where platform = 'x'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&stored).contains("top-secret-value"),
        "sealed at rest"
    );
    // Saving again without a secret keeps the one saved.
    app.save_network_app(admin, Platform::X, CLIENT_ID, "").await.ok();
    assert!(app.list_network_apps(admin).await.ok()[0].has_secret);

    // An owner of another workspace, and an admin of this one, are not the instance's admin.
    let other_owner = app.owner("olga@example.com", "Other").await;
    let workspace_admin = app.member(admin, "adam@example.com", Role::Admin).await;
    for who in [&other_owner, &workspace_admin] {
        let (status, message) = app
            .save_network_app(who, Platform::X, CLIENT_ID, "x")
            .await
            .refused();
        assert_eq!(status, 403, "{message}");
        assert_eq!(app.list_network_apps(who).await.refused().0, 403);
        assert_eq!(app.remove_network_app(who, Platform::X).await.refused().0, 403);
    }
    // Removed: signing in with X is off again, and says why.
    app.remove_network_app(admin, Platform::X).await.ok();
    let (_, message) = app.start_sign_in(admin, Platform::X, "").await.refused();
    assert!(message.contains("has not set up X yet"), "{message}");
}

#[sqlx::test]
async fn a_malformed_client_id_or_secret_is_named(pool: PgPool) {
    let scene = scene(pool, false).await;
    let (app, admin) = (&scene.app, &scene.owner);
    let (status, message) = app
        .save_network_app(admin, Platform::X, "abcdefghij0123456789ABCDE", "")
        .await
        .refused();
    assert_eq!(status, 400);
    assert!(
        message.contains("looks like X's API key (OAuth 1.0a)"),
        "{message}"
    );
    let (_, message) = app.save_network_app(admin, Platform::X, "", "").await.refused();
    assert!(message.contains("paste the X app's client ID"), "{message}");
    let (_, message) = app
        .save_network_app(admin, Platform::X, CLIENT_ID, "two words")
        .await
        .refused();
    assert!(message.starts_with("Client secret"), "{message}");
    let (_, message) = app
        .save_network_app(admin, Platform::Threads, "990602627938098", "")
        .await
        .refused();
    assert!(
        message.contains("Threads needs the app's secret too"),
        "{message}"
    );
    let (_, message) = app
        .save_network_app(admin, Platform::Facebook, "app-1234", "secret")
        .await
        .refused();
    assert!(message.contains("is not a Facebook Page client ID"), "{message}");
    let (_, message) = app
        .save_network_app(admin, Platform::Mastodon, CLIENT_ID, "")
        .await
        .refused();
    assert!(message.contains("Mastodon needs no app"), "{message}");
    assert!(
        app.list_network_apps(admin)
            .await
            .ok()
            .iter()
            .all(|a| a.client_id.is_none())
    );
}
