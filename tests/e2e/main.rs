//! Runs the Playwright tests in end2end/ against a Herald on its own database and port.
//! Needs the browser bundle (`make build-site`) and Chromium, so `make e2e` runs it:
//! `cargo test --features ssr --test e2e -- --ignored`.
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
    let app = helpers::spawn_app(pool).await;
    let address = app.address.clone();
    let status = tokio::task::spawn_blocking(move || {
        std::process::Command::new("node")
            .args(["--test", "--test-concurrency=2", "end2end/tests/"])
            .env("HERALD_URL", address)
            .status()
    })
    .await
    .unwrap()
    .expect("node runs");
    assert!(status.success(), "browser tests failed (see their output above)");
}
