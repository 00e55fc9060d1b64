//! Workspaces share the publish pool fairly: a burst queued by one does not hold back another
//! workspace's single post until the whole burst is out. Real workers on real Postgres against a
//! fake Mastodon that records which account each status came from.
use crate::helpers::{TestApp, spawn_app_with};
use crate::seed;
use chrono::Utc;
use herald::domain::publish::RateLimit;
use herald::server::platforms::Credentials;
use herald::server::publish;
use sqlx::PgPool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const BURST: usize = 1_000;
const CONCURRENCY: usize = 10;
const NETWORK_LATENCY: Duration = Duration::from_millis(50);

/// Records the access token of every status, in the order they arrived.
#[derive(Clone, Default)]
struct Network {
    tokens: Arc<Mutex<Vec<String>>>,
}

impl Respond for Network {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let token = request
            .headers
            .get("authorization")
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .trim_start_matches("Bearer ")
            .to_owned();
        let mut tokens = self.tokens.lock().unwrap();
        tokens.push(token);
        ResponseTemplate::new(200)
            .set_body_json(serde_json::json!({"id": tokens.len().to_string(), "url": "https://fake/@a/1"}))
            .set_delay(NETWORK_LATENCY)
    }
}

async fn account(app: &TestApp, fake: &MockServer, token: &str) -> (Uuid, Uuid) {
    let workspace = seed::workspace(app).await;
    let credentials = Credentials::Mastodon {
        instance_url: fake.uri(),
        access_token: token.into(),
    };
    (workspace, seed::account(app, workspace, &credentials).await)
}

#[sqlx::test]
async fn a_burst_in_one_workspace_does_not_hold_back_another_workspaces_post(pool: PgPool) {
    let app = spawn_app_with(pool, |settings| {
        settings.publishing.concurrency = CONCURRENCY;
        // The fake has no limit; the burst's account must not wait for Mastodon's.
        let unlimited = RateLimit {
            requests: 1_000_000,
            per_seconds: 1,
        };
        settings
            .publishing
            .rate_limits
            .insert("mastodon".into(), unlimited);
    })
    .await;
    let network = Network::default();
    let fake = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v1/statuses"))
        .respond_with(network.clone())
        .mount(&fake)
        .await;
    let (busy, busy_account) = account(&app, &fake, "busy").await;
    let (quiet, quiet_account) = account(&app, &fake, "quiet").await;
    // The burst is due first, all in one instant; the other workspace's one post a second
    // later. Both are due by the time the workers start; the burst is 5 s of work.
    let burst_at = Utc::now();
    for _ in 0..BURST {
        seed::post(&app, busy, &[busy_account], burst_at).await;
    }
    seed::post(
        &app,
        quiet,
        &[quiet_account],
        burst_at + chrono::Duration::seconds(1),
    )
    .await;

    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let until_stopped = async move {
        let _ = stopped.await;
    };
    let workers = publish::start(app.engine().state.clone(), until_stopped, Vec::new());
    let deadline = Instant::now() + Duration::from_secs(120);
    while network.tokens.lock().unwrap().len() < BURST + 1 {
        assert!(Instant::now() < deadline, "the posts never all went out");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = stop.send(());
    workers.handle.await.unwrap();

    let tokens = network.tokens.lock().unwrap().clone();
    let place = tokens.iter().position(|token| token == "quiet").unwrap();
    println!(
        "the quiet workspace's post went out in place {} of {}",
        place + 1,
        BURST + 1
    );
    // Unfair (one queue by due time) it goes last, after all 1,000; fair, it goes within the
    // fetch after it is due, while most of the burst still waits.
    assert!(
        place < BURST / 2,
        "the quiet workspace's post went out in place {} of {}",
        place + 1,
        BURST + 1
    );
}
