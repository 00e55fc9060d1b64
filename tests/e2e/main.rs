//! Runs the Playwright tests in end2end/ against a Herald on its own database and port.
//! Needs the browser bundle (`make build-site`) and Chromium, so `make e2e` runs it:
//! `cargo test --features ssr --test e2e -- --ignored`.
#[path = "../api/calls/mod.rs"]
#[allow(dead_code, unused_imports)] // shared with tests/api
mod calls;
#[path = "../api/fakes.rs"]
#[allow(dead_code)] // shared with tests/api
mod fakes;
mod fakes_facebook;
#[path = "../api/fakes_oauth.rs"]
#[allow(dead_code)] // shared with tests/api
mod fakes_oauth;
#[path = "../api/helpers.rs"]
#[allow(dead_code)] // shared with tests/api, which uses all of it
mod helpers;

use sqlx::PgPool;
use std::path::Path;

#[sqlx::test]
#[ignore = "needs the built site and Chromium; run by `make e2e` (part of `make test`)"]
async fn browser_tests_pass(pool: PgPool) {
    let bundle = Path::new("target/site/pkg/herald.wasm");
    assert!(
        bundle.exists(),
        "{} is missing: run `make build-site` first",
        bundle.display()
    );
    // One local fake for every network the browser tests connect.
    let network = wiremock::MockServer::start().await;
    fakes::mount_mastodon(&network).await;
    fakes_oauth::mount_mastodon_oauth(&network).await;
    fakes::mount_mastodon_statuses(&network).await;
    fakes::mount_bluesky(&network).await;
    fakes_facebook::mount_facebook_login(&network).await;
    let fake = network.uri();
    // Workers on: the dashboard test watches a post go out.
    let app = helpers::spawn_app_with(pool, |settings| {
        settings.publishing.workers = true;
        // Networks send the browser back to base_url after sign-in: it must name this app's
        // port, so pick a free one beforehand instead of letting the app pick after.
        let free = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
        let port = free.local_addr().expect("its address").port();
        drop(free);
        settings.server.port = port;
        settings.server.base_url = format!("http://127.0.0.1:{port}");
        settings.networks.facebook_graph = fake.clone();
        settings.oauth.facebook_authorize_url = format!("{fake}/dialog/oauth");
        settings.oauth.facebook_token_url = format!("{fake}/oauth/access_token");
    })
    .await;
    // The instance's Facebook app, as an instance admin would have saved it.
    let secret = app.engine().state.cipher.seal(b"meta-secret", b"facebook");
    sqlx::query("insert into network_apps (platform, client_id, client_secret) values ('facebook', $1, $2)")
        .bind(fakes_facebook::FACEBOOK_APP_ID)
        .bind(secret)
        .execute(&app.pool)
        .await
        .expect("the Facebook app is saved");
    let address = app.address.clone();
    let status = tokio::task::spawn_blocking(move || {
        // `E2E_ONLY=compose` runs the tests whose names match, while working on them.
        let mut node = std::process::Command::new("node");
        node.args(["--test", "--test-concurrency=2"]);
        if let Ok(pattern) = std::env::var("E2E_ONLY") {
            node.arg(format!("--test-name-pattern={pattern}"));
        }
        node.arg("end2end/tests/")
            .env("HERALD_URL", address)
            .env("FAKE_NETWORK_URL", fake)
            .env("FAKE_MASTODON_TOKEN", fakes::MASTODON_TOKEN)
            .env("FAKE_BLUESKY_HANDLE", fakes::BLUESKY_HANDLE)
            .env("FAKE_BLUESKY_APP_PASSWORD", fakes::BLUESKY_APP_PASSWORD)
            .status()
    })
    .await
    .unwrap()
    .expect("node runs");
    // The workers hold connections until stopped; the test database closes after them.
    app.stop().await;
    assert!(status.success(), "browser tests failed (see their output above)");
}
