//! Connect links: a client without a Herald login connects one account of the chosen network
//! into the workspace, once, recorded in the audit log.
use super::mastodon::fake_server;
use crate::calls::link;
use crate::fakes_oauth::MASTODON_CODE;
use crate::helpers::spawn_app;
use herald::domain::platform::Platform;
use herald::domain::role::Role;
use sqlx::PgPool;
use uuid::Uuid;

fn token_of(url: &str) -> &str {
    url.rsplit('/').next().unwrap()
}

#[sqlx::test]
async fn a_client_connects_one_account_through_a_link_and_nothing_else(pool: PgPool) {
    let server = fake_server().await;
    let app = spawn_app(pool).await;
    let owner = app.owner("ag@example.com", "Agency").await;
    let url = app
        .create_connect_link(&owner, Platform::Mastodon, "Acme's social team")
        .await
        .ok();
    assert!(
        url.starts_with(&format!("{}/connect/", app.settings.server.base_url())),
        "{url}"
    );
    let token = token_of(&url);

    // The client has no Herald login; their browser keeps a session for the sign-in only.
    let client = app.browser();
    let info = app.open_connect_link(&client, token).await.ok();
    assert_eq!(info.workspace_name, "Agency");
    assert_eq!(info.platform, Platform::Mastodon);
    let started = link(app.start_link_sign_in(&client, token, &server.uri()).await.ok());
    let back = app
        .come_back(&client, &[("code", MASTODON_CODE), ("state", &started.state)])
        .await;
    let flow: Uuid = back
        .strip_prefix("/connected?oauth=")
        .expect(&back)
        .parse()
        .unwrap();
    let outcome = app
        .connect_link_result(&client, flow)
        .await
        .ok()
        .expect("an outcome");
    assert!(outcome.ok, "{}", outcome.message);
    assert_eq!(
        outcome.account_id, None,
        "the client learns nothing of the workspace"
    );
    // Another browser learns nothing either.
    assert_eq!(app.connect_link_result(&app.browser(), flow).await.ok(), None);

    let accounts = app.list_accounts(&owner).await.ok();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].display_name, "Herald Test");
    let links = app.connect_links(&owner).await.ok();
    assert_eq!(links[0].state, "used");
    assert_eq!(links[0].account_id, Some(accounts[0].id));
    let audit: Vec<(String, Option<Uuid>, String)> = sqlx::query_as(
        "select action, actor_id, summary from audit_log where action like 'connect_link%' or action like 'account.%' order by id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(audit[0].0, "connect_link.created");
    assert_eq!(audit[1].0, "account.connected_by_link");
    assert_eq!(audit[1].1, None, "no Herald person did it");
    assert!(
        audit[1].2.contains("through a connect link (Acme's social team)"),
        "{}",
        audit[1].2
    );

    // Used once: opening or starting it again is refused.
    let (status, message) = app.open_connect_link(&client, token).await.refused();
    assert_eq!(status, 400);
    assert!(
        message.contains("already used, withdrawn or has expired"),
        "{message}"
    );
    app.start_link_sign_in(&client, token, &server.uri())
        .await
        .refused();
}

#[sqlx::test]
async fn a_withdrawn_expired_or_made_up_link_connects_nothing(pool: PgPool) {
    let server = fake_server().await;
    let app = spawn_app(pool).await;
    let owner = app.owner("wd@example.com", "Agency").await;
    let client = app.browser();

    // Withdrawn after the client started: the way back is refused, nothing saved.
    let url = app.create_connect_link(&owner, Platform::Mastodon, "").await.ok();
    let started = link(
        app.start_link_sign_in(&client, token_of(&url), &server.uri())
            .await
            .ok(),
    );
    let id = app.connect_links(&owner).await.ok()[0].id;
    app.withdraw_connect_link(&owner, id).await.ok();
    let back = app
        .come_back(&client, &[("code", MASTODON_CODE), ("state", &started.state)])
        .await;
    let flow: Uuid = back.strip_prefix("/connected?oauth=").unwrap().parse().unwrap();
    let outcome = app.connect_link_result(&client, flow).await.ok().unwrap();
    assert!(!outcome.ok);
    assert!(
        outcome.message.contains("already used, withdrawn or has expired"),
        "{}",
        outcome.message
    );

    let expired = app.create_connect_link(&owner, Platform::Mastodon, "").await.ok();
    sqlx::query(
        "update connect_links set expires_at = now() - interval '1 minute' where withdrawn_at is null",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    assert_eq!(
        app.open_connect_link(&client, token_of(&expired))
            .await
            .refused()
            .0,
        400
    );
    assert_eq!(app.open_connect_link(&client, "made-up").await.refused().0, 400);
    assert!(app.list_accounts(&owner).await.ok().is_empty());

    // Only managers make links; a network without sign-in cannot have one.
    let editor = app.member(&owner, "ed@example.com", Role::Editor).await;
    assert_eq!(
        app.create_connect_link(&editor, Platform::Mastodon, "")
            .await
            .refused()
            .0,
        403
    );
    let (_, message) = app
        .create_connect_link(&owner, Platform::Telegram, "")
        .await
        .refused();
    assert!(message.contains("cannot be connected by signing in"), "{message}");
}
