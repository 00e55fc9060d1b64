//! Facebook Pages and Instagram professional accounts: one Facebook Login lists every Page the
//! person granted (and the Instagram account linked to each); they pick, one account row each.
use crate::calls::link;
use crate::helpers::{Browser, TestApp, spawn_app_with};
use herald::domain::platform::Platform;
use sqlx::PgPool;
use uuid::Uuid;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub(crate) const APP_ID: &str = "1234567890123456";
const APP_SECRET: &str = "meta-app-secret";
const CODE: &str = "facebook-code";

pub(crate) struct MetaScene {
    pub(crate) app: TestApp,
    pub(crate) owner: Browser,
    pub(crate) fake: MockServer,
}

pub(crate) async fn scene(pool: PgPool) -> MetaScene {
    let fake = MockServer::start().await;
    let uri = fake.uri();
    let app = spawn_app_with(pool, |settings| {
        settings.networks.facebook_graph = uri.clone();
        settings.oauth.facebook_authorize_url = format!("{uri}/dialog/oauth");
        settings.oauth.facebook_token_url = format!("{uri}/oauth/access_token");
    })
    .await;
    let owner = app.owner("fern@example.com", "Acme").await;
    for platform in [Platform::Facebook, Platform::Instagram] {
        app.save_network_app(&owner, platform, APP_ID, APP_SECRET)
            .await
            .ok();
    }
    mount_exchange(&fake).await;
    MetaScene { app, owner, fake }
}

/// What `/me/accounts` lists for the long-lived user token, and each Page (and linked
/// Instagram account) answering to its own token.
pub(crate) async fn mount_pages(fake: &MockServer, pages: serde_json::Value) {
    Mock::given(method("GET"))
        .and(path("/me/accounts"))
        .and(header("authorization", "Bearer user-long"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({ "data": pages })))
        .mount(fake)
        .await;
    for page in pages.as_array().unwrap() {
        let token = page["access_token"].as_str().unwrap();
        let bearer = format!("Bearer {token}");
        Mock::given(method("GET"))
            .and(path(format!("/{}", page["id"].as_str().unwrap())))
            .and(header("authorization", bearer.as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(page.clone()))
            .mount(fake)
            .await;
        if let Some(linked) = page.get("instagram_business_account") {
            Mock::given(method("GET"))
                .and(path(format!("/{}", linked["id"].as_str().unwrap())))
                .and(header("authorization", bearer.as_str()))
                .respond_with(ResponseTemplate::new(200).set_body_json(linked.clone()))
                .mount(fake)
                .await;
        }
    }
}

pub(crate) fn two_pages() -> serde_json::Value {
    serde_json::json!([
        {"id": "101", "name": "Acme Bakery", "access_token": "page-101",
         "instagram_business_account": {"id": "17841401", "username": "acmebakery"}},
        {"id": "102", "name": "Acme Catering", "access_token": "page-102"}
    ])
}

impl MetaScene {
    /// Signs in with Facebook Login for `platform`; the flow Herald sent the person back to.
    pub(crate) async fn sign_in(&self, who: &Browser, platform: Platform, reconnect: Option<Uuid>) -> String {
        let started = match reconnect {
            Some(id) => self.app.start_reconnect(who, platform, id).await.ok(),
            None => self.app.start_sign_in(who, platform, "").await.ok(),
        };
        let link = link(started);
        self.app
            .come_back(who, &[("code", CODE), ("state", &link.state)])
            .await
    }
}

fn flow_of(location: &str) -> Uuid {
    location
        .split("oauth=")
        .nth(1)
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("{location} names no flow"))
}

#[sqlx::test]
async fn a_facebook_sign_in_lists_the_pages_and_connects_the_ticked_one(pool: PgPool) {
    let scene = scene(pool).await;
    mount_pages(&scene.fake, two_pages()).await;
    let link = link(
        scene
            .app
            .start_sign_in(&scene.owner, Platform::Facebook, "")
            .await
            .ok(),
    );
    assert_eq!(
        link.param("scope").as_deref(),
        Some("pages_show_list,pages_read_engagement,pages_manage_posts,business_management")
    );
    let back = scene
        .app
        .come_back(&scene.owner, &[("code", CODE), ("state", &link.state)])
        .await;
    let offered = scene.app.outcome_at(&scene.owner, &back).await;
    assert!(offered.ok && !offered.pick_one);
    let labels: Vec<_> = offered.choices.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Acme Bakery", "Acme Catering"]);
    assert!(
        scene.app.list_accounts(&scene.owner).await.ok().is_empty(),
        "nothing yet"
    );

    let flow = flow_of(&back);
    let (status, message) = scene.app.choose_sign_in(&scene.owner, flow, &[]).await.refused();
    assert_eq!(status, 400);
    assert!(message.contains("Tick at least one"), "{message}");
    let chosen = scene.app.choose_sign_in(&scene.owner, flow, &["102"]).await.ok();
    assert!(chosen.ok, "{}", chosen.message);
    assert_eq!(chosen.message, "Connected Acme Catering.");
    let accounts = scene.app.list_accounts(&scene.owner).await.ok();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].handle, "Acme Catering");
    assert!(!accounts[0].token.renews_itself, "a Page token does not run out");
    assert_eq!(accounts[0].token.expires_at, None);

    // The list is spent: choosing again (or replaying) connects nothing more.
    let (_, again) = scene
        .app
        .choose_sign_in(&scene.owner, flow, &["101"])
        .await
        .refused();
    assert!(again.contains("already made"), "{again}");
    let landed = scene.app.outcome_at(&scene.owner, &back).await;
    assert!(landed.choices.is_empty() && landed.message == "Connected Acme Catering.");
    assert_eq!(scene.app.list_accounts(&scene.owner).await.ok().len(), 1);
}

#[sqlx::test]
async fn several_ticked_pages_become_one_account_each_and_a_reconnect_finds_its_own(pool: PgPool) {
    let scene = scene(pool).await;
    mount_pages(&scene.fake, two_pages()).await;
    let back = scene.sign_in(&scene.owner, Platform::Facebook, None).await;
    let chosen = scene
        .app
        .choose_sign_in(&scene.owner, flow_of(&back), &["101", "102"])
        .await
        .ok();
    assert_eq!(chosen.message, "Connected Acme Bakery, Acme Catering.");
    let accounts = scene.app.list_accounts(&scene.owner).await.ok();
    assert_eq!(accounts.len(), 2);
    let catering = accounts.iter().find(|a| a.handle == "Acme Catering").unwrap().id;

    // Reconnecting the Catering card picks Catering from the same list, no question asked.
    let back = scene
        .sign_in(&scene.owner, Platform::Facebook, Some(catering))
        .await;
    let outcome = scene.app.outcome_at(&scene.owner, &back).await;
    assert!(outcome.ok, "{}", outcome.message);
    assert_eq!(outcome.account_id, Some(catering));
    assert_eq!(scene.app.list_accounts(&scene.owner).await.ok().len(), 2);
}

#[sqlx::test]
async fn a_reconnect_whose_page_was_not_granted_says_so(pool: PgPool) {
    let scene = scene(pool).await;
    mount_pages(&scene.fake, two_pages()).await;
    let back = scene.sign_in(&scene.owner, Platform::Facebook, None).await;
    scene
        .app
        .choose_sign_in(&scene.owner, flow_of(&back), &["101", "102"])
        .await
        .ok();
    let bakery = scene.app.list_accounts(&scene.owner).await.ok()[0].id;
    scene.fake.reset().await;
    // This time the person granted two other Pages only.
    let rest = serde_json::json!([
        {"id": "103", "name": "Acme Deli", "access_token": "page-103"},
        {"id": "104", "name": "Acme Events", "access_token": "page-104"}
    ]);
    mount_exchange(&scene.fake).await;
    mount_pages(&scene.fake, rest).await;
    let back = scene
        .sign_in(&scene.owner, Platform::Facebook, Some(bakery))
        .await;
    let outcome = scene.app.outcome_at(&scene.owner, &back).await;
    assert!(!outcome.ok);
    assert!(
        outcome
            .message
            .contains("Acme Bakery was not among the accounts you let Herald manage"),
        "{}",
        outcome.message
    );
}

/// The code buys a short-lived user token, traded at once for a long-lived one.
async fn mount_exchange(fake: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/oauth/access_token"))
        .and(query_param("code", CODE))
        .and(query_param("client_id", APP_ID))
        .and(query_param("client_secret", APP_SECRET))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "user-short", "token_type": "bearer", "expires_in": 5400
        })))
        .mount(fake)
        .await;
    Mock::given(method("GET"))
        .and(path("/oauth/access_token"))
        .and(query_param("grant_type", "fb_exchange_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "user-long", "token_type": "bearer", "expires_in": 5_184_000
        })))
        .mount(fake)
        .await;
}

#[sqlx::test]
async fn instagram_lists_only_pages_with_a_linked_professional_account(pool: PgPool) {
    let scene = scene(pool).await;
    mount_pages(&scene.fake, two_pages()).await;
    let back = scene.sign_in(&scene.owner, Platform::Instagram, None).await;
    let outcome = scene.app.outcome_at(&scene.owner, &back).await;
    assert!(
        outcome.ok,
        "one linked account connects at once: {}",
        outcome.message
    );
    let accounts = scene.app.list_accounts(&scene.owner).await.ok();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].handle, "@acmebakery");
    assert_eq!(accounts[0].platform, Platform::Instagram);
}

#[sqlx::test]
async fn no_pages_or_no_linked_instagram_or_a_declined_dialog_connect_nothing(pool: PgPool) {
    let scene = scene(pool).await;
    mount_pages(
        &scene.fake,
        serde_json::json!([{"id": "102", "name": "Acme Catering", "access_token": "page-102"}]),
    )
    .await;
    let back = scene.sign_in(&scene.owner, Platform::Instagram, None).await;
    let outcome = scene.app.outcome_at(&scene.owner, &back).await;
    assert!(!outcome.ok);
    assert!(
        outcome
            .message
            .contains("has an Instagram professional account linked to it"),
        "{}",
        outcome.message
    );

    let link = link(
        scene
            .app
            .start_sign_in(&scene.owner, Platform::Facebook, "")
            .await
            .ok(),
    );
    let back = scene
        .app
        .come_back(
            &scene.owner,
            &[
                ("error", "access_denied"),
                ("error_code", "200"),
                ("error_description", "Permissions error"),
                ("error_reason", "user_denied"),
                ("state", &link.state),
            ],
        )
        .await;
    let outcome = scene.app.outcome_at(&scene.owner, &back).await;
    assert!(
        outcome.message.contains("You declined on Facebook Page"),
        "{}",
        outcome.message
    );
    assert!(scene.app.list_accounts(&scene.owner).await.ok().is_empty());
}

#[sqlx::test]
async fn a_page_token_does_not_run_out_so_nothing_is_renewed(pool: PgPool) {
    let scene = scene(pool).await;
    mount_pages(
        &scene.fake,
        serde_json::json!([{"id": "102", "name": "Acme Catering", "access_token": "page-102"}]),
    )
    .await;
    let back = scene.sign_in(&scene.owner, Platform::Facebook, None).await;
    assert!(scene.app.outcome_at(&scene.owner, &back).await.ok);
    let renewed = herald::server::oauth::renew_expiring(&scene.app.engine().state)
        .await
        .unwrap();
    assert_eq!(renewed, 0);
    let requests = scene.fake.received_requests().await.unwrap();
    assert!(requests.iter().all(|r| r.url.path() != "/refresh_access_token"));
}

#[sqlx::test]
async fn a_client_with_a_connect_link_picks_exactly_one_page(pool: PgPool) {
    let scene = scene(pool).await;
    mount_pages(&scene.fake, two_pages()).await;
    let url = scene
        .app
        .create_connect_link(&scene.owner, Platform::Facebook, "Acme")
        .await
        .ok();
    let token = url.rsplit('/').next().unwrap().to_owned();
    let client = scene.app.browser();
    let started = link(scene.app.start_link_sign_in(&client, &token, "").await.ok());
    let back = scene
        .app
        .come_back(&client, &[("code", CODE), ("state", &started.state)])
        .await;
    assert!(back.starts_with("/connected?oauth="), "{back}");
    let flow = flow_of(&back);
    let offered = scene.app.connect_link_result(&client, flow).await.ok().unwrap();
    assert!(offered.pick_one);
    assert_eq!(offered.choices.len(), 2);
    // A logged-in member's call from another browser cannot take the client's list.
    let (_, elsewhere) = scene
        .app
        .choose_sign_in(&scene.owner, flow, &["101"])
        .await
        .refused();
    assert!(elsewhere.contains("already made"), "{elsewhere}");

    let chosen = scene.app.choose_link_account(&client, flow, "101").await.ok();
    assert!(chosen.ok, "{}", chosen.message);
    assert_eq!(
        chosen.account_id, None,
        "the client learns nothing of the workspace"
    );
    let accounts = scene.app.list_accounts(&scene.owner).await.ok();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].handle, "Acme Bakery");
    let links = scene.app.connect_links(&scene.owner).await.ok();
    assert_eq!(links[0].state, "used");
}
