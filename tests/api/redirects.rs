//! "Go back to" parameters lead only to pages of this site, whatever they hold.
use crate::helpers::{PASSWORD, TestApp, spawn_app};
use crate::team_scene::team;
use herald::api::auth::SignIn;
use herald::api::review::CommentPost;
use leptos::server_fn::ServerFn;
use sqlx::PgPool;

/// Ways to write another site that pass a naive "starts with one slash" check: browsers drop
/// tabs and newlines from URLs and read a backslash as a slash.
const ELSEWHERE: &[&str] = &[
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "//evil.example",
    "/ /evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/%09/evil.example",
];

/// Where a browser would go from `location`, resolved against the app's address.
fn destination(app: &TestApp, location: &str) -> url::Url {
    assert!(
        !location.chars().any(|c| c.is_control() || c == '\\'),
        "{location:?}"
    );
    url::Url::parse(&app.address).unwrap().join(location).unwrap()
}

fn assert_stays_home(app: &TestApp, response: &reqwest::Response, sent: &str) {
    let status = response.status();
    assert!(status.is_redirection(), "{sent:?}: {status}");
    let location = response.headers()["location"].to_str().unwrap();
    let went = destination(app, location);
    let home = url::Url::parse(&app.address).unwrap();
    assert_eq!(went.origin(), home.origin(), "{sent:?} went to {went}");
}

#[sqlx::test]
async fn sign_in_never_sends_the_browser_to_another_site(pool: PgPool) {
    let app = spawn_app(pool).await;
    app.owner("olive@example.com", "Acme").await;
    for next in ELSEWHERE.iter().copied().chain(["/team?tab=1"]) {
        let response = app
            .form_post::<SignIn>(
                &app.browser(),
                "/signin",
                &[
                    ("email", "olive@example.com"),
                    ("password", PASSWORD),
                    ("next", next),
                ],
            )
            .await;
        assert_stays_home(&app, &response, next);
        if next == "/team?tab=1" {
            assert_eq!(
                response.headers()["location"],
                next,
                "a page of ours is kept as is"
            );
        }
    }
}

#[sqlx::test]
async fn a_comment_without_javascript_goes_back_only_to_a_page_of_this_site(pool: PgPool) {
    let team = team(pool).await;
    let saved = team.submit("Launch day").await;
    let post_id = saved.id.to_string();
    let app = &team.app;
    for path in ELSEWHERE {
        // The referer is our own origin (the CSRF check wants that) with a hostile path.
        let referer = format!("{}{path}", app.address);
        // Only what a browser could send from one of our pages.
        let ours = url::Url::parse(&referer)
            .is_ok_and(|url| url.origin() == url::Url::parse(&app.address).unwrap().origin());
        let Ok(referer) = reqwest::header::HeaderValue::from_str(&referer) else {
            continue;
        };
        if !ours {
            continue;
        }
        let response = team
            .owner
            .client
            .post(app.url(CommentPost::PATH))
            .header("accept", "text/html")
            .header("referer", referer)
            .form(&[("post_id", post_id.as_str()), ("body", "Looks good")])
            .send()
            .await
            .unwrap();
        assert_stays_home(app, &response, path);
    }
}
