//! What every network's sign-in does alike: a declined consent connects nothing and says so, a
//! `state` Herald did not make or already took is refused, and neither reaches the network.
use crate::calls::link;
use crate::helpers::spawn_app_with;
use herald::domain::platform::Platform;
use sqlx::PgPool;
use wiremock::MockServer;

const APPS: [(Platform, &str, &str); 5] = [
    (Platform::X, "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ", "x-secret"),
    (Platform::LinkedIn, "86abcdefgh1234", "linkedin-secret"),
    (Platform::Threads, "990602627938098", "threads-secret"),
    (Platform::Facebook, "1234567890123456", "meta-secret"),
    (Platform::Instagram, "1234567890123456", "meta-secret"),
];

#[sqlx::test]
async fn on_every_network_a_declined_forged_or_replayed_sign_in_connects_nothing(pool: PgPool) {
    let fake = MockServer::start().await;
    let uri = fake.uri();
    let app = spawn_app_with(pool, |settings| {
        let oauth = &mut settings.oauth;
        oauth.x_authorize_url = format!("{uri}/x/authorize");
        oauth.x_token_url = format!("{uri}/x/token");
        oauth.linkedin_authorize_url = format!("{uri}/linkedin/authorize");
        oauth.linkedin_token_url = format!("{uri}/linkedin/token");
        oauth.threads_authorize_url = format!("{uri}/threads/authorize");
        oauth.threads_token_url = format!("{uri}/threads/token");
        oauth.facebook_authorize_url = format!("{uri}/facebook/authorize");
        oauth.facebook_token_url = format!("{uri}/facebook/token");
    })
    .await;
    let owner = app.owner("every@example.com", "Acme").await;
    for (platform, id, secret) in APPS {
        app.save_network_app(&owner, platform, id, secret).await.ok();
    }
    let redirect_uri = format!("{}/oauth/callback", app.settings.server.base_url());
    for (platform, id, _) in APPS {
        let started = link(app.start_sign_in(&owner, platform, "").await.ok());
        assert_eq!(started.param("client_id").as_deref(), Some(id), "{platform}");
        assert_eq!(
            started.param("redirect_uri").as_deref(),
            Some(redirect_uri.as_str())
        );
        let declined = [("error", "access_denied"), ("state", started.state.as_str())];
        let outcome = app
            .outcome_at(&owner, &app.come_back(&owner, &declined).await)
            .await;
        assert!(!outcome.ok);
        let expected = format!("You declined on {}", platform.label());
        assert!(
            outcome.message.starts_with(&expected),
            "{platform}: {}",
            outcome.message
        );

        let replayed = [("code", "a-code"), ("state", started.state.as_str())];
        assert_eq!(
            app.come_back(&owner, &replayed).await,
            "/accounts?oauth=used",
            "{platform}"
        );
        let forged = [("code", "a-code"), ("state", "made-up")];
        assert_eq!(
            app.come_back(&owner, &forged).await,
            "/accounts?oauth=unknown",
            "{platform}"
        );
    }
    assert!(app.list_accounts(&owner).await.ok().is_empty());
    assert!(
        fake.received_requests().await.unwrap().is_empty(),
        "no code was ever spent at a network"
    );
}
