use crate::calls::signing_up;
use crate::helpers::{PASSWORD, spawn_app, spawn_app_with};
use herald::api::auth::{SessionState, SignUp};
use herald::domain::role::Role;
use sqlx::PgPool;

#[sqlx::test]
async fn sign_up_makes_the_first_user_owner_of_a_new_workspace(pool: PgPool) {
    let app = spawn_app(pool).await;
    let browser = app.owner("olive@example.com", "Acme").await;

    let viewer = app.viewer(&browser).await;
    assert_eq!(viewer.email, "olive@example.com");
    assert_eq!(viewer.workspace.name, "Acme");
    assert_eq!(viewer.role(), Role::Owner);
    assert_eq!(viewer.workspace_timezone, "Europe/Berlin");
    let stored_hash: String = sqlx::query_scalar("select password_hash from users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert!(
        stored_hash.starts_with("$argon2id$"),
        "passwords are stored as argon2id hashes"
    );
    assert!(!stored_hash.contains(PASSWORD));
}

#[sqlx::test]
async fn sign_up_rejects_bad_input_with_a_readable_message(pool: PgPool) {
    let app = spawn_app(pool).await;
    let cases: [(&str, &str, &str, &str, &str); 6] = [
        ("Ada", "", PASSWORD, "Acme", "Enter an email address."),
        ("Ada", "ada@", PASSWORD, "Acme", "is not a valid email address"),
        (
            "Ada",
            "ada@example.com",
            "short",
            "Acme",
            "at least 10 characters",
        ),
        ("", "ada@example.com", PASSWORD, "Acme", "Enter your name."),
        (
            "Ada",
            "ada@example.com",
            PASSWORD,
            "  ",
            "Enter a workspace name.",
        ),
        (
            "Ada",
            "ada@example.com",
            &"x".repeat(300),
            "Acme",
            "at most 256 characters",
        ),
    ];
    for (name, email, password, workspace, expected) in cases {
        let form = SignUp {
            name: name.into(),
            email: email.into(),
            password: password.into(),
            workspace_name: workspace.into(),
            timezone: String::new(),
        };
        let (status, message) = app.sign_up(&app.browser(), &form).await.refused();
        assert_eq!(status, 400, "{email}/{password}: {message}");
        assert!(message.contains(expected), "expected “{expected}” in “{message}”");
    }
    let users: i64 = sqlx::query_scalar("select count(*) from users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(users, 0, "nothing is created by a rejected sign-up");
}

#[sqlx::test]
async fn a_missing_field_is_a_400_not_a_500(pool: PgPool) {
    let app = spawn_app(pool).await;
    let (status, message) = app
        .send_form::<SignUp>(&app.browser(), &[("email", "ada@example.com")])
        .await
        .refused();
    assert_eq!(status, 400, "{message}");
}

#[sqlx::test]
async fn duplicate_sign_up_is_a_conflict(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.owner("olive@example.com", "Acme").await;
    let again = signing_up("Olive Again", "OLIVE@example.com", "Other");
    let (status, message) = app.sign_up(&app.browser(), &again).await.refused();
    assert_eq!(status, 409);
    assert!(message.contains("already exists"), "{message}");
}

#[sqlx::test]
async fn wrong_password_and_unknown_email_get_the_same_message(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.owner("olive@example.com", "Acme").await;
    let browser = app.browser();
    let wrong = app
        .sign_in(&browser, "olive@example.com", "not the password")
        .await
        .refused();
    let unknown = app
        .sign_in(&browser, "nobody@example.com", PASSWORD)
        .await
        .refused();
    assert_eq!(wrong, (401, "Wrong email or password.".to_owned()));
    assert_eq!(unknown, wrong);
    assert!(matches!(
        app.session(&browser).await,
        SessionState::SignedOut { .. }
    ));
}

#[sqlx::test]
async fn the_sixth_bad_password_within_a_minute_gets_429(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.owner("olive@example.com", "Acme").await;
    let browser = app.browser();
    for attempt in 1..=5 {
        let response = app
            .sign_in(&browser, "olive@example.com", "guess guess guess")
            .await;
        assert_eq!(response.status(), 401, "attempt {attempt}");
    }
    // Throttled even with the right password, so guessing cannot continue.
    let (status, message) = app
        .sign_in(&browser, "olive@example.com", PASSWORD)
        .await
        .refused();
    assert_eq!(status, 429);
    assert!(message.contains("Too many failed sign-in attempts"), "{message}");
    // Another account from the same address is not locked by this one.
    app.owner("other@example.com", "Other").await;
    assert_eq!(
        app.sign_in(&app.browser(), "other@example.com", PASSWORD)
            .await
            .status(),
        200
    );
}

#[sqlx::test]
async fn failed_sign_ins_are_throttled_per_address_too(pool: PgPool) {
    let app = spawn_app_with(pool, |settings| settings.auth.max_failed_signins_per_ip = 3).await;
    app.owner("olive@example.com", "Acme").await;
    let browser = app.browser();
    for n in 1..=3 {
        let response = app
            .sign_in(&browser, &format!("guess{n}@example.com"), PASSWORD)
            .await;
        assert_eq!(response.status(), 401);
    }
    let (status, _) = app
        .sign_in(&browser, "olive@example.com", PASSWORD)
        .await
        .refused();
    assert_eq!(status, 429);
}

#[sqlx::test]
async fn a_successful_sign_in_resets_the_count(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.owner("olive@example.com", "Acme").await;
    let browser = app.browser();
    for _ in 0..4 {
        app.sign_in(&browser, "olive@example.com", "guess guess guess")
            .await;
    }
    assert_eq!(
        app.sign_in(&browser, "olive@example.com", PASSWORD)
            .await
            .status(),
        200
    );
    for _ in 0..4 {
        assert_eq!(
            app.sign_in(&app.browser(), "olive@example.com", "guess again!")
                .await
                .status(),
            401
        );
    }
}

#[sqlx::test]
async fn sign_out_ends_the_session_on_the_server(pool: PgPool) {
    let app = spawn_app(pool).await;
    let browser = app.owner("olive@example.com", "Acme").await;
    let cookie = browser.session_cookie(&app.address).expect("signed in");
    assert_eq!(app.sign_out(&browser).await.status(), 200);
    assert!(matches!(
        app.session(&browser).await,
        SessionState::SignedOut { .. }
    ));

    // Replaying the old cookie does not bring the session back.
    let replay = app.browser();
    replay.set_session_cookie(&app.address, &cookie);
    assert!(matches!(
        app.session(&replay).await,
        SessionState::SignedOut { .. }
    ));
}

#[sqlx::test]
async fn with_sign_up_closed_only_the_first_person_may_sign_up(pool: PgPool) {
    let app = spawn_app_with(pool, |settings| settings.auth.allow_signup = false).await;
    app.owner("first@example.com", "Acme").await;
    let second = signing_up("Second", "second@example.com", "Other");
    let (status, message) = app.sign_up(&app.browser(), &second).await.refused();
    assert_eq!(status, 403);
    assert!(message.contains("Sign-up is closed"), "{message}");
    let page = app.page(&app.browser(), "/signup").await.text().await.unwrap();
    assert!(page.contains("Sign-up is closed"));
    assert!(!page.contains("Create a workspace"));
}
