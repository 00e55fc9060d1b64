//! Invites cannot be used to take over a person or to add them anywhere without their say.
use crate::helpers::{Browser, PASSWORD, TestApp, spawn_app};
use herald::domain::role::Role;
use sqlx::PgPool;

const CFO: &str = "cfo@corp.example";
const MALLORY_PASSWORD: &str = "mallory's own password";

/// Invites `email` and returns the whole JSON answer (the same shape whoever `email` is).
async fn invite_answer(app: &TestApp, admin: &Browser, email: &str, role: Role) -> serde_json::Value {
    let answer = app.invite_member(admin, email, role).await;
    assert_eq!(answer.status(), 200);
    answer.json()
}

fn token_of(answer: &serde_json::Value) -> String {
    let link = answer["delivery"]["link"]
        .as_str()
        .unwrap_or_else(|| panic!("without mail, the inviter gets the link: {answer}"));
    link.rsplit('/').next().unwrap().to_owned()
}

async fn workspace_names(app: &TestApp, browser: &Browser) -> Vec<String> {
    let mut names: Vec<String> = app
        .viewer(browser)
        .await
        .workspaces
        .into_iter()
        .map(|w| w.name)
        .collect();
    names.sort();
    names
}

#[sqlx::test]
async fn another_workspace_cannot_take_over_a_person_invited_elsewhere(pool: PgPool) {
    let app = spawn_app(pool).await;
    let acme = app.owner("olive@acme.example", "Acme").await;
    invite_answer(&app, &acme, CFO, Role::Admin).await;

    // Mallory signs up, invites the same address to her own workspace and uses her link.
    let mallory = app.owner("mallory@evil.example", "Evil").await;
    let answer = invite_answer(&app, &mallory, CFO, Role::Viewer).await;
    let accepted = app
        .accept_invite(
            &app.browser(),
            &token_of(&answer),
            "Not The CFO",
            MALLORY_PASSWORD,
        )
        .await;
    println!("Mallory's acceptance: {}", accepted.status());

    // Whatever her link did, it never reaches Acme.
    let as_cfo = app.browser();
    if app.sign_in(&as_cfo, CFO, MALLORY_PASSWORD).await.status() == 200 {
        assert_eq!(workspace_names(&app, &as_cfo).await, ["Evil"]);
    }
    let acme_members: Vec<String> = sqlx::query_scalar(
        "select u.email from memberships m join users u on u.id = m.user_id
         join workspaces w on w.id = m.workspace_id where w.name = 'Acme'",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(acme_members, ["olive@acme.example"]);
}

#[sqlx::test]
async fn an_invite_link_never_sets_the_password_of_an_existing_account(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.owner("bob@example.com", "Bob's").await;
    let mallory = app.owner("mallory@evil.example", "Evil").await;
    let answer = invite_answer(&app, &mallory, "bob@example.com", Role::Viewer).await;
    let (status, message) = app
        .accept_invite(&app.browser(), &token_of(&answer), "Bob?", MALLORY_PASSWORD)
        .await
        .refused();
    assert_eq!(status, 409, "{message}");
    assert!(message.contains("Sign in"), "{message}");
    assert_eq!(
        app.sign_in(&app.browser(), "bob@example.com", MALLORY_PASSWORD)
            .await
            .status(),
        401
    );
    let bob = app.browser();
    assert_eq!(app.sign_in(&bob, "bob@example.com", PASSWORD).await.status(), 200);
    assert_eq!(workspace_names(&app, &bob).await, ["Bob's"]);
}

#[sqlx::test]
async fn a_registered_person_joins_another_workspace_only_by_accepting_while_signed_in(pool: PgPool) {
    let app = spawn_app(pool).await;
    let bob = app.owner("bob@example.com", "Bob's").await;
    let acme = app.owner("olive@acme.example", "Acme").await;
    let answer = invite_answer(&app, &acme, "bob@example.com", Role::Editor).await;
    let token = token_of(&answer);
    assert_eq!(
        workspace_names(&app, &bob).await,
        ["Bob's"],
        "added without consent"
    );

    // Nobody else can use Bob's invitation: not signed out, not signed in as someone else.
    let (status, _) = app.join_workspace(&app.browser(), &token).await.refused();
    assert_eq!(status, 401);
    let mallory = app.owner("mallory@evil.example", "Evil").await;
    let (status, message) = app.join_workspace(&mallory, &token).await.refused();
    assert_eq!(status, 403, "{message}");
    assert_eq!(workspace_names(&app, &mallory).await, ["Evil"]);

    // Bob accepts: he is an editor of Acme now, and the link is spent.
    let joined = app.join_workspace(&bob, &token).await;
    assert_eq!(joined.status(), 200, "{}", joined.body());
    assert_eq!(workspace_names(&app, &bob).await, ["Acme", "Bob's"]);
    assert_eq!(app.viewer(&bob).await.workspace.name, "Acme");
    let (status, _) = app.join_workspace(&bob, &token).await.refused();
    assert_eq!(status, 404);
}

#[sqlx::test]
async fn the_answer_to_an_invite_does_not_say_whether_the_email_is_registered(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.owner("bob@example.com", "Bob's").await;
    let acme = app.owner("olive@acme.example", "Acme").await;
    let registered = invite_answer(&app, &acme, "bob@example.com", Role::Editor).await;
    let unknown = invite_answer(&app, &acme, "nobody@example.com", Role::Editor).await;
    let shape = |answer: &serde_json::Value| {
        let mut answer = answer.clone();
        answer["email"] = "…".into();
        answer["delivery"]["link"] = answer["delivery"]["link"].as_str().map(|_| "a link").into();
        answer
    };
    assert_eq!(shape(&registered), shape(&unknown));

    // Nor does the invitation page, to whoever holds the link.
    let details = |answer: serde_json::Value| {
        let app = &app;
        async move {
            let token = token_of(&answer);
            let mut view = app.invite_details(&app.browser(), &token).await.json();
            view["email"] = "…".into();
            view
        }
    };
    assert_eq!(details(registered).await, details(unknown).await);
}
