//! Server-rendered pages and plain form posts, as a browser without JavaScript sees them.
use crate::helpers::{PASSWORD, spawn_app};
use herald::api::auth::{SignIn, SignUp};
use leptos::server_fn::ServerFn;
use sqlx::PgPool;

#[sqlx::test]
async fn a_fresh_install_sends_visitors_to_sign_up(pool: PgPool) {
    let app = spawn_app(pool).await;
    let browser = app.browser();
    let root = app.page(&browser, "/").await;
    assert_eq!(root.status(), 302);
    assert_eq!(root.headers()["location"], "/signup");

    let page = app.page(&browser, "/signup").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Create your workspace"));
    assert!(
        html.contains(&format!(r#"action="{}""#, SignUp::PATH)),
        "the form posts without JavaScript"
    );
}

#[sqlx::test]
async fn signed_out_visitors_are_sent_to_sign_in_and_back(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.owner("olive@example.com", "Acme").await;
    let response = app.page(&app.browser(), "/team").await;
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()["location"], "/signin?next=/team");
}

#[sqlx::test]
async fn a_plain_form_post_signs_in_and_redirects(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.owner("olive@example.com", "Acme").await;
    let browser = app.browser();
    let form = [
        ("email", "olive@example.com"),
        ("password", PASSWORD),
        ("next", "/team"),
    ];
    let response = app
        .form_post::<SignIn>(&browser, "/signin?next=/team", &form)
        .await;
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()["location"], "/team");
    let page = app.page(&browser, "/team").await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("olive@example.com"));
}

#[sqlx::test]
async fn a_plain_form_post_with_a_wrong_password_shows_the_message(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.owner("olive@example.com", "Acme").await;
    let browser = app.browser();
    let form = [("email", "olive@example.com"), ("password", "wrong password")];
    let response = app.form_post::<SignIn>(&browser, "/signin", &form).await;
    assert_eq!(response.status(), 302);
    let location = response.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with(&app.url("/signin?")), "{location}");
    let page = app
        .page(&browser, location.trim_start_matches(&app.address))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Wrong email or password."),
        "the error is rendered into the page"
    );
}

#[sqlx::test]
async fn unknown_pages_are_404(pool: PgPool) {
    let app = spawn_app(pool).await;
    let response = app.page(&app.browser(), "/no/such/page").await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("Page not found"));
}
