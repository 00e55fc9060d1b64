//! Per-account rate limits on real Postgres against a fake Mastodon that records when each
//! request arrived: a 429 with Retry-After holds the account's other due targets until the
//! instant it names, and a limit of N per window sends N and defers the rest past the window.
use crate::helpers::{TestApp, spawn_app, spawn_app_with};
use crate::seed;
use chrono::{DateTime, Utc};
use herald::domain::publish::RateLimit;
use herald::server::publish::{self, PublishTask, handler};
use sqlx::PgPool;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Answers statuses and records when each arrived; the first `refuse` get a 429.
#[derive(Clone)]
struct Network {
    arrivals: Arc<Mutex<Vec<DateTime<Utc>>>>,
    refuse: usize,
}

impl Respond for Network {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut arrivals = self.arrivals.lock().unwrap();
        arrivals.push(Utc::now());
        if arrivals.len() <= self.refuse {
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "2")
                .set_body_json(serde_json::json!({"error": "Too many requests"}))
        } else {
            ResponseTemplate::new(200).set_body_json(
                serde_json::json!({"id": arrivals.len().to_string(), "url": "https://fake/@a/1"}),
            )
        }
    }
}

impl Network {
    async fn start(refuse: usize) -> (Self, MockServer) {
        let network = Network {
            arrivals: Arc::default(),
            refuse,
        };
        let fake = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/api/v1/statuses"))
            .respond_with(network.clone())
            .mount(&fake)
            .await;
        (network, fake)
    }

    fn arrivals(&self) -> Vec<DateTime<Utc>> {
        self.arrivals.lock().unwrap().clone()
    }
}

/// One account at the fake with `count` posts due now; returns it and their targets.
async fn due_posts(app: &TestApp, fake: &MockServer, count: usize) -> (Uuid, Vec<Uuid>) {
    let workspace = seed::workspace(app).await;
    let account = seed::account(app, workspace, &seed::mastodon(&fake.uri())).await;
    let mut targets = Vec::new();
    for _ in 0..count {
        targets.push(seed::post(app, workspace, &[account], Utc::now()).await.1[0]);
    }
    (account, targets)
}

fn task(target_id: Uuid) -> PublishTask {
    PublishTask {
        target_id,
        version: 1,
    }
}

#[derive(Debug, sqlx::FromRow)]
struct Target {
    status: String,
    attempts: i32,
    due_at: DateTime<Utc>,
    error_kind: Option<String>,
    last_error: Option<String>,
}

async fn target(app: &TestApp, id: Uuid) -> Target {
    sqlx::query_as("select status, attempts, due_at, error_kind, last_error from post_targets where id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Runs real publish workers until every target is published.
async fn publish_the_rest(app: &TestApp) {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let until_stopped = async move {
        let _ = stopped.await;
    };
    let workers = publish::start(app.engine().state.clone(), until_stopped, Vec::new());
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let waiting: i64 =
            sqlx::query_scalar("select count(*) from post_targets where status <> 'published'")
                .fetch_one(&app.pool)
                .await
                .unwrap();
        if waiting == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "{waiting} targets never went out");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = stop.send(());
    workers.handle.await.unwrap();
}

#[sqlx::test]
async fn a_429_holds_the_accounts_other_due_targets_until_the_instant_it_names(pool: PgPool) {
    let app = spawn_app(pool).await;
    let (network, fake) = Network::start(1).await;
    let (account, targets) = due_posts(&app, &fake, 3).await;
    let engine = app.engine();

    // The first meets a 429: it, and its account, wait until the instant named.
    handler::run(&engine, task(targets[0])).await.unwrap();
    let until: DateTime<Utc> = sqlx::query_scalar("select rate_limited_until from accounts where id = $1")
        .bind(account)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let refused = target(&app, targets[0]).await;
    assert_eq!(
        (
            refused.status.as_str(),
            refused.due_at,
            refused.error_kind.as_deref()
        ),
        ("retrying", until, Some("rate_limited"))
    );

    // The others are due now, yet nothing is sent: they wait for that instant too, without
    // using an attempt, and say why.
    for other in &targets[1..] {
        handler::run(&engine, task(*other)).await.unwrap();
        let held = target(&app, *other).await;
        assert_eq!(
            (held.status.as_str(), held.attempts),
            ("scheduled", 0),
            "{held:?}"
        );
        assert_eq!(held.due_at, until);
        assert_eq!(held.error_kind.as_deref(), Some("rate_limited"));
        assert!(held.last_error.unwrap().contains("asked Herald to slow down"));
    }
    assert_eq!(network.arrivals().len(), 1);

    publish_the_rest(&app).await;
    let arrivals = network.arrivals();
    assert_eq!(arrivals.len(), 4, "the refused one again, and the two held");
    assert!(
        arrivals[1..].iter().all(|at| *at >= until),
        "a request went out before {until}: {arrivals:?}"
    );
}

#[sqlx::test]
async fn a_limit_of_n_per_window_sends_n_and_the_rest_once_the_window_frees(pool: PgPool) {
    let per = Duration::from_secs(2);
    let app = spawn_app_with(pool, |settings| {
        let limit = RateLimit {
            requests: 2,
            per_seconds: per.as_secs(),
        };
        settings.publishing.rate_limits.insert("mastodon".into(), limit);
    })
    .await;
    let (network, fake) = Network::start(0).await;
    let (_, targets) = due_posts(&app, &fake, 5).await;
    let engine = app.engine();

    for target in &targets {
        handler::run(&engine, task(*target)).await.unwrap();
    }
    assert_eq!(network.arrivals().len(), 2, "two go at once");
    let first: DateTime<Utc> = sqlx::query_scalar("select min(started_at) from publish_attempts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let per_delta = chrono::Duration::from_std(per).unwrap();
    for deferred in &targets[2..] {
        let held = target(&app, *deferred).await;
        assert_eq!(
            (held.status.as_str(), held.attempts),
            ("scheduled", 0),
            "{held:?}"
        );
        // Not before the first of the window leaves it.
        assert!(held.due_at >= first + per_delta, "{held:?}");
        assert_eq!(held.error_kind.as_deref(), Some("rate_limited"));
        assert!(held.last_error.unwrap().contains("2 posts per 2 seconds"));
    }

    publish_the_rest(&app).await;
    assert_eq!(network.arrivals().len(), 5);
    // Never more than two in any two seconds, by the attempts' start times.
    let started: Vec<DateTime<Utc>> =
        sqlx::query_scalar("select started_at from publish_attempts order by started_at")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(started.len(), 5);
    for three in started.windows(3) {
        assert!(three[2] - three[0] >= per_delta, "{started:?}");
    }
}
