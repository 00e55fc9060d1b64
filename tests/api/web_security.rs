//! What a browser is told to enforce, and what a forged or oversized request gets.
use crate::helpers::{error, spawn_app, spawn_app_serving};
use herald::api::accounts::ListAccounts;
use herald::api::settings::UpdateWorkspace;
use herald::cli::leptos_options;
use leptos::server_fn::ServerFn;
use sqlx::PgPool;

#[sqlx::test]
async fn a_page_names_the_nonce_of_its_hydration_script_and_refuses_framing(pool: PgPool) {
    let app = spawn_app(pool).await;
    let response = app.page(&app.browser(), "/signin").await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let policy = headers["content-security-policy"].to_str().unwrap().to_owned();
    let html = response.text().await.unwrap();
    let nonce = nonce_of_page("/signin", &policy, &html);
    assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert_eq!(headers["referrer-policy"], "same-origin");

    let again = app.page(&app.browser(), "/signin").await;
    let other = again.headers()["content-security-policy"].to_str().unwrap();
    assert!(!other.contains(nonce), "a nonce is used twice");

    let health = reqwest::get(app.url("/healthz")).await.unwrap();
    let policy = health.headers()["content-security-policy"].to_str().unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
}

#[sqlx::test]
async fn a_request_forged_by_another_site_changes_nothing(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let rename = |origin: &'static str| {
        owner
            .client
            .post(app.url(UpdateWorkspace::PATH))
            .header("origin", origin)
            .form(&[("name", "Pwned"), ("timezone", "UTC")])
    };
    let (status, message) = error(rename("https://evil.example").send().await.unwrap()).await;
    assert_eq!(status, 403);
    assert!(message.contains("another site"), "{message}");
    let name: String = sqlx::query_scalar("select name from workspaces")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(name, "Acme");

    // A form posted from a page of another site, without JavaScript.
    let forged = owner
        .client
        .post(app.url(UpdateWorkspace::PATH))
        .header("referer", "https://evil.example/trap.html")
        .header("accept", "text/html")
        .form(&[("name", "Pwned"), ("timezone", "UTC")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);

    // The same request from our own page goes through.
    let own = owner
        .client
        .post(app.url(UpdateWorkspace::PATH))
        .header("origin", app.address.clone())
        .form(&[("name", "Acme Ltd"), ("timezone", "UTC")])
        .send()
        .await
        .unwrap();
    assert_eq!(own.status(), 200, "{}", own.text().await.unwrap());
}

#[sqlx::test]
async fn the_session_cookie_is_http_only_and_same_site(pool: PgPool) {
    let app = spawn_app(pool).await;
    let response = app
        .sign_up(
            &app.browser(),
            &crate::calls::signing_up("Olive", "olive@example.com", "Acme"),
        )
        .await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|value| value.to_str().unwrap().to_owned())
        .find(|cookie| cookie.starts_with("herald_session="))
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
}

#[sqlx::test]
async fn an_oversized_body_is_refused_before_it_is_read(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let huge = "x".repeat(app.settings.server.max_body_bytes + 1);
    let declared = owner
        .client
        .post(app.url(UpdateWorkspace::PATH))
        .form(&[("name", huge.as_str()), ("timezone", "UTC")])
        .send()
        .await
        .unwrap();
    let (status, message) = error(declared).await;
    assert_eq!(status, 413);
    assert!(message.contains("too large"), "{message}");

    // Without a length (chunked), the body is cut off at the limit: a clean 400.
    let chunks: Vec<Result<String, std::io::Error>> = std::iter::once(Ok("timezone=UTC&name=".to_owned()))
        .chain((0..20).map(|_| Ok("y".repeat(100_000))))
        .collect();
    let streamed = owner
        .client
        .post(app.url(UpdateWorkspace::PATH))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(reqwest::Body::wrap_stream(futures::stream::iter(chunks)))
        .send()
        .await
        .unwrap();
    let (status, message) = error(streamed).await;
    assert_eq!(status, 400, "{message}");
    let name: String = sqlx::query_scalar("select name from workspaces")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(name, "Acme");
}

/// Pages and files served side by side: each page names its own nonce, and no file takes a
/// page's policy (the browser tests once saw a page go out with the policy that allows
/// nothing while its favicon carried the page's, so the bundle never loaded).
#[sqlx::test]
async fn pages_rendered_at_once_each_carry_the_nonce_of_their_own_script(pool: PgPool) {
    let site = std::env::temp_dir().join(format!("herald-site-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&site).unwrap();
    std::fs::write(
        site.join("favicon.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let mut leptos = leptos_options().unwrap();
    leptos.site_root = site.to_string_lossy().into();
    let app = spawn_app_serving(pool, |_| {}, leptos).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let paths = [
        "/signup",
        "/compose",
        "/drafts",
        "/dashboard",
        "/accounts",
        "/calendar",
        "/team",
        "/settings",
        "/review",
        "/notifications",
        "/audit",
        "/compose?post=00000000-0000-0000-0000-000000000000",
    ];
    let visitor = app.browser();
    let signed_out_paths = ["/signup", "/signin", "/invite/not-a-token", "/no-such-page"];
    let loads = (0..500).map(|i| {
        let (client, path) = match i % 5 {
            0 => (&visitor.client, signed_out_paths[i / 5 % signed_out_paths.len()]),
            1 => (&owner.client, "/favicon.svg"),
            2 => (&owner.client, ListAccounts::PATH),
            _ => (&owner.client, paths[i % paths.len()]),
        };
        // Posting to a file is no way to fetch it: that gets the not-found page.
        let (path, request) = if path.starts_with("/api/") {
            (
                path,
                client.post(app.url(path)).header("accept", "application/json"),
            )
        } else if path == "/favicon.svg" && i % 10 == 6 {
            (
                "POST /favicon.svg",
                client.post(app.url(path)).header("accept", "text/html"),
            )
        } else {
            (path, client.get(app.url(path)).header("accept", "text/html"))
        };
        async move {
            let response = request.send().await.unwrap();
            let policy = response.headers()["content-security-policy"]
                .to_str()
                .unwrap()
                .to_owned();
            let html = response.text().await.unwrap();
            (path, policy, html)
        }
    });
    let pages = futures::future::join_all(loads).await;
    for (path, policy, html) in pages {
        if path == "/favicon.svg" || path.starts_with("/api/") {
            assert_eq!(
                policy,
                herald::server::web::csp::NOTHING,
                "{path}: it took a page's policy"
            );
            assert!(
                html.starts_with("<svg") || html.starts_with('['),
                "{path}: {html}"
            );
            continue;
        }
        nonce_of_page(path, &policy, &html);
    }
}

/// The nonce `policy` names, after checking that the page's inline script carries it.
fn nonce_of_page<'a>(path: &str, policy: &'a str, html: &str) -> &'a str {
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("{path}: no nonce in {policy}"));
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "{path}: the inline script lacks the nonce"
    );
    nonce
}
