//! A `herald worker` process killed with SIGKILL mid-publish, then another started: every
//! target ends published once (Mastodon deduplicates by Idempotency-Key) or `unknown` (Discord
//! has no key, so it is never sent twice); none is lost.
use crate::helpers::{TestApp, spawn_app};
use crate::seed;
use herald::server::platforms::Credentials;
use secrecy::ExposeSecret;
use sqlx::PgPool;
use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use uuid::Uuid;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PER_NETWORK: usize = 5;
/// Long enough that the first worker is killed while every request is in flight.
const NETWORK_DELAY: Duration = Duration::from_secs(3);

struct Worker(Child);

impl Drop for Worker {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_worker(app: &TestApp, database_url: &str) -> Worker {
    let key = app
        .settings
        .secrets
        .key
        .as_ref()
        .unwrap()
        .expose_secret()
        .to_owned();
    let child = Command::new(env!("CARGO_BIN_EXE_herald"))
        .arg("worker")
        .env("HERALD_DATABASE__URL", database_url)
        .env("HERALD_SECRETS__KEY", key)
        .env("HERALD_DATA_DIR", &app.settings.data_dir)
        .env("HERALD_PUBLISHING__LEASE_SECONDS", "4")
        // The fake network is on loopback, which Herald refuses unless allowed.
        .env("HERALD_OUTBOUND__ALLOW_PRIVATE", "127.0.0.1")
        .env("HERALD_PUBLISHING__SWEEP_INTERVAL_SECONDS", "1")
        .env("HERALD_LOG_FILTER", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the herald binary starts");
    Worker(child)
}

/// A scheduled post for one account, due a moment from now, with its task pushed.
async fn post_due_soon(app: &TestApp, workspace: Uuid, account: Uuid) -> Uuid {
    let at = chrono::Utc::now() + chrono::Duration::seconds(1);
    seed::post(app, workspace, &[account], at).await.0
}

async fn requests_to(fake: &MockServer, prefix: &str) -> Vec<wiremock::Request> {
    let all = fake.received_requests().await.unwrap_or_default();
    all.into_iter()
        .filter(|r| r.method.as_str() == "POST" && r.url.path().starts_with(prefix))
        .collect()
}

async fn statuses(pool: &PgPool) -> HashMap<String, (String, usize)> {
    let rows: Vec<(Uuid, String, String)> = sqlx::query_as(
        "select t.id, a.platform, t.status from post_targets t join accounts a on a.id = t.account_id",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut by: HashMap<String, (String, usize)> = HashMap::new();
    for (_, platform, status) in rows {
        let entry = by.entry(format!("{platform}:{status}")).or_insert((status, 0));
        entry.1 += 1;
    }
    by
}

#[sqlx::test]
async fn a_killed_worker_loses_nothing_and_doubles_nothing(pool: PgPool) {
    let database = pool.connect_options().get_database().unwrap().to_owned();
    let database_url = format!("postgres://postgres@127.0.0.1:5432/{database}");
    let app = spawn_app(pool.clone()).await;
    let owner = app.owner("kim@example.com", "Crash Co").await;
    let workspace = app.viewer(&owner).await.workspace.id;
    let fake = MockServer::start().await;
    let slow_ok = |body: serde_json::Value| {
        ResponseTemplate::new(200)
            .set_body_json(body)
            .set_delay(NETWORK_DELAY)
    };
    Mock::given(method("POST"))
        .and(path("/api/v1/statuses"))
        .respond_with(slow_ok(
            serde_json::json!({"id": "1", "url": "https://fake/@a/1"}),
        ))
        .mount(&fake)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/webhooks/1/token"))
        .respond_with(slow_ok(serde_json::json!({"id": "2", "channel_id": "3"})))
        .mount(&fake)
        .await;
    let mastodon = seed::account(
        &app,
        workspace,
        &Credentials::Mastodon {
            instance_url: fake.uri(),
            access_token: "token".into(),
        },
    )
    .await;
    let discord = seed::account(
        &app,
        workspace,
        &Credentials::Discord {
            webhook_url: format!("{}/api/webhooks/1/token", fake.uri()),
        },
    )
    .await;
    for _ in 0..PER_NETWORK {
        post_due_soon(&app, workspace, mastodon).await;
        post_due_soon(&app, workspace, discord).await;
    }

    // The first worker sends everything, and dies while the network is still answering.
    let first = start_worker(&app, &database_url);
    let deadline = Instant::now() + Duration::from_secs(30);
    while requests_to(&fake, "/api/").await.len() < 2 * PER_NETWORK {
        assert!(
            Instant::now() < deadline,
            "the first worker never sent everything"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    drop(first); // SIGKILL
    let sent_before_crash = requests_to(&fake, "/api/").await.len();
    assert_eq!(sent_before_crash, 2 * PER_NETWORK);

    // Another worker takes over.
    let _second = start_worker(&app, &database_url);
    let deadline = Instant::now() + Duration::from_secs(45);
    loop {
        let by = statuses(&app.pool).await;
        let done = by.get("mastodon:published").map_or(0, |s| s.1) == PER_NETWORK
            && by.get("discord:unknown").map_or(0, |s| s.1) == PER_NETWORK;
        if done {
            break;
        }
        assert!(Instant::now() < deadline, "not recovered in time: {by:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // Mastodon was asked again, always with the same key per target (it keeps one status).
    let mastodon_requests = requests_to(&fake, "/api/v1/statuses").await;
    let mut keys: HashMap<String, usize> = HashMap::new();
    for request in &mastodon_requests {
        let key = request.headers.get("idempotency-key").unwrap().to_str().unwrap();
        *keys.entry(key.to_owned()).or_default() += 1;
    }
    assert_eq!(keys.len(), PER_NETWORK, "one key per target");
    assert!(
        keys.values().all(|sent| *sent == 2),
        "sent before the crash and once after: {keys:?}"
    );
    // Discord has no key: it was never sent a second time.
    assert_eq!(requests_to(&fake, "/api/webhooks").await.len(), PER_NETWORK);
    let unknown_reason: String =
        sqlx::query_scalar("select last_error from post_targets where status = 'unknown' limit 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(unknown_reason.contains("mark it published or publish it again"));
}
