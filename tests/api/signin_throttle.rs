//! Password guessing is slowed for the attacker, not for the owner, and the throttle cannot be
//! outrun by sending many guesses at once.
use crate::calls::signing_up;
use crate::helpers::{PASSWORD, TestApp, spawn_app, spawn_app_with, token_of};
use herald::api::auth::SignIn;
use herald::domain::role::Role;
use leptos::server_fn::ServerFn;
use sqlx::PgPool;

const OLIVE: &str = "olive@example.com";

async fn statuses(app: &TestApp, attempts: usize, email: &str, password: &str) -> Vec<u16> {
    let calls = (0..attempts).map(|_| {
        let browser = app.browser();
        async move { app.sign_in(&browser, email, password).await.status() }
    });
    futures::future::join_all(calls).await
}

#[sqlx::test]
async fn a_burst_of_guesses_is_counted_before_any_is_checked(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.owner(OLIVE, "Acme").await;
    let answers = statuses(&app, 20, OLIVE, "guess guess guess").await;
    let checked = answers.iter().filter(|s| **s == 401).count();
    let refused = answers.iter().filter(|s| **s == 429).count();
    println!("20 guesses at once: {checked} checked, {refused} refused");
    assert_eq!((checked, refused), (5, 15), "{answers:?}");
}

#[sqlx::test]
async fn the_owner_still_gets_in_from_their_own_browser_while_an_attacker_is_locked_out(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner(OLIVE, "Acme").await;
    assert_eq!(app.sign_out(&owner).await.status(), 200);

    let attacker = app.browser();
    let mut answers = Vec::new();
    for _ in 0..8 {
        answers.push(app.sign_in(&attacker, OLIVE, "guess guess guess").await.status());
    }
    assert_eq!(answers, [401, 401, 401, 401, 401, 429, 429, 429]);
    // Even with the right password the attacker's browser waits: guessing cannot go on.
    assert_eq!(app.sign_in(&attacker, OLIVE, PASSWORD).await.status(), 429);

    // The owner's browser, which signed in here before, is let through.
    let back = app.sign_in(&owner, OLIVE, PASSWORD).await;
    assert_eq!(back.status(), 200, "{}", back.body());
    assert_eq!(app.viewer(&owner).await.email, OLIVE);
}

#[sqlx::test]
async fn new_workspaces_from_one_address_are_limited(pool: PgPool) {
    let app = spawn_app_with(pool, |settings| settings.auth.max_new_accounts_per_ip = 10).await;
    let mut answers = Vec::new();
    for n in 0..12 {
        let spam = signing_up("Sam Spam", &format!("spam{n}@example.com"), "Spam");
        answers.push(app.sign_up(&app.browser(), &spam).await.status());
    }
    println!("12 sign-ups from one address: {answers:?}");
    assert!(answers[..10].iter().all(|s| *s == 200), "{answers:?}");
    assert_eq!(&answers[10..], [429, 429]);
}

#[sqlx::test]
async fn invite_acceptances_from_one_address_are_limited(pool: PgPool) {
    let app = spawn_app_with(pool, |settings| settings.auth.max_new_accounts_per_ip = 10).await;
    let owner = app.owner(OLIVE, "Acme").await;
    let mut answers = Vec::new();
    for n in 0..12 {
        let link = app
            .invite(&owner, &format!("new{n}@example.com"), Role::Viewer)
            .await;
        let response = app
            .accept_invite(&app.browser(), token_of(&link), "Nina New", PASSWORD)
            .await;
        answers.push(response.status());
    }
    println!("12 acceptances from one address: {answers:?}");
    // The owner's own sign-up counts too: 9 more new accounts, then 429.
    assert!(answers[..9].iter().all(|s| *s == 200), "{answers:?}");
    assert_eq!(&answers[9..], [429, 429, 429]);
}

/// Three wrong passwords from `client` (to different emails), through a CDN at 10.0.0.7.
async fn guesses_through_the_cdn(app: &TestApp, client: &str) -> Vec<u16> {
    let mut answers = Vec::new();
    for n in 0..4 {
        let response = app
            .browser()
            .client
            .post(app.url(SignIn::PATH))
            .header("accept", "application/json")
            .header("x-forwarded-for", format!("{client}, 10.0.0.7"))
            .form(&[
                ("email", format!("guess{n}@example.com")),
                ("password", PASSWORD.into()),
            ])
            .send()
            .await
            .unwrap();
        answers.push(response.status().as_u16());
    }
    answers
}

#[sqlx::test]
async fn behind_a_chain_of_proxies_each_client_is_throttled_apart(pool: PgPool) {
    let app = spawn_app_with(pool, |settings| {
        settings.auth.max_failed_signins_per_ip = 3;
        settings.server.trusted_proxies = vec!["127.0.0.1".into(), "10.0.0.0/8".into()];
    })
    .await;
    assert_eq!(
        guesses_through_the_cdn(&app, "203.0.113.5").await,
        [401, 401, 401, 429]
    );
    assert_eq!(
        guesses_through_the_cdn(&app, "198.51.100.9").await,
        [401, 401, 401, 429]
    );
}

#[sqlx::test]
async fn trusting_only_the_next_hop_makes_every_client_behind_a_cdn_one_address(pool: PgPool) {
    let app = spawn_app_with(pool, |settings| {
        settings.auth.max_failed_signins_per_ip = 3;
        settings.server.trust_proxy_headers = true;
    })
    .await;
    assert_eq!(
        guesses_through_the_cdn(&app, "203.0.113.5").await,
        [401, 401, 401, 429]
    );
    // The CDN's address is what counts: a second client is locked out with the first.
    assert_eq!(
        guesses_through_the_cdn(&app, "198.51.100.9").await,
        [429, 429, 429, 429]
    );
}

#[sqlx::test]
async fn a_forwarded_address_from_a_client_that_is_no_proxy_is_ignored(pool: PgPool) {
    let app = spawn_app_with(pool, |settings| settings.auth.max_failed_signins_per_ip = 3).await;
    assert_eq!(
        guesses_through_the_cdn(&app, "203.0.113.5").await,
        [401, 401, 401, 429]
    );
    assert_eq!(
        guesses_through_the_cdn(&app, "198.51.100.9").await,
        [429, 429, 429, 429]
    );
}
