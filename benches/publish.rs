//! How on time and how fast Herald publishes (`make bench-publish`).
//!
//! A `herald worker` process (release build) publishes to a fake Mastodon written in Rust on
//! loopback that answers every status after 100 ms and records when each request arrived.
//! Lateness is arrival at the network minus the target's due instant.
//! - steady: targets due evenly over two minutes;
//! - burst: 10,000 targets due in the same second.
//!
//! Prints p50/p99 lateness, the burst's drain rate, and the worker's peak RSS (VmHWM).
use anyhow::{Context, Result, ensure};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use herald::server::config::Settings;
use herald::server::crypto::Cipher;
use herald::server::platforms::Credentials;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use uuid::Uuid;

const NETWORK_LATENCY: Duration = Duration::from_millis(100);
const STEADY_TARGETS: i64 = 1_200;
const STEADY_SPAN_SECS: i64 = 120;
const BURST_TARGETS: i64 = 10_000;

type Arrivals = Arc<Mutex<Vec<(Uuid, DateTime<Utc>)>>>;

#[tokio::main]
async fn main() -> Result<()> {
    let server = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let server = PgConnectOptions::from_str(&server).context("DATABASE_URL is not a Postgres URL")?;
    let mut admin = PgConnection::connect_with(&server).await?;
    let mut failures = Vec::new();
    for scenario in [Scenario::Steady, Scenario::Burst] {
        let name = format!("herald_bench_{}", Uuid::new_v4().simple());
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(r#"create database "{name}""#)))
            .execute(&mut admin)
            .await?;
        if let Err(error) = run(scenario, &server, &name).await {
            failures.push(format!("{scenario:?}: {error:#}"));
        }
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
            r#"drop database "{name}" with (force)"#
        )))
        .execute(&mut admin)
        .await?;
    }
    ensure!(failures.is_empty(), "{}", failures.join("\n"));
    Ok(())
}

#[derive(Debug, Clone, Copy)]
enum Scenario {
    Steady,
    Burst,
}

async fn run(scenario: Scenario, server: &PgConnectOptions, name: &str) -> Result<()> {
    let pool = PgPoolOptions::new()
        .max_connections(10)
        .connect_with(server.clone().database(name))
        .await?;
    herald::server::db::migrate(&pool).await?;
    let arrivals: Arrivals = Arc::default();
    let network = fake_network(arrivals.clone()).await?;
    let key = [Uuid::new_v4().into_bytes(), Uuid::new_v4().into_bytes()].concat();
    let key = base64::Engine::encode(&base64::engine::general_purpose::STANDARD, key);
    let mut settings = Settings::load(None)?;
    settings.secrets.key = Some(key.clone().into());
    let cipher = Cipher::from_settings(&settings)?;
    let (count, first_due, neighbour) = seed(&pool, &cipher, &network, scenario).await?;
    let database_url = format!(
        "postgres://{}@{}:{}/{name}",
        server.get_username(),
        server.get_host(),
        server.get_port()
    );
    let worker = std::process::Command::new(env!("CARGO_BIN_EXE_herald"))
        .arg("worker")
        .env("HERALD_DATABASE__URL", &database_url)
        .env("HERALD_PUBLISHING__POOL_SIZE", "10")
        .env("HERALD_SECRETS__KEY", &key)
        .env("HERALD_PUBLISHING__CONCURRENCY", "500")
        // The fake network has no rate limit; Mastodon's default (300 per 5 minutes) would
        // rightly spread the burst over half an hour. The limiter's bookkeeping still runs.
        .env("HERALD_PUBLISHING__RATE_LIMITS__MASTODON__REQUESTS", "1000000")
        .env("HERALD_LOG_FILTER", "warn")
        // The fake network is on loopback, which Herald refuses unless allowed.
        .env("HERALD_OUTBOUND__ALLOW_PRIVATE", "127.0.0.1")
        .spawn()?;
    let mut worker = KillOnDrop(worker);
    let pid = worker.0.id();
    let deadline = first_due + chrono::Duration::seconds(STEADY_SPAN_SECS + 120);
    loop {
        let published: i64 =
            sqlx::query_scalar("select count(*) from post_targets where status = 'published'")
                .fetch_one(&pool)
                .await?;
        if published == count {
            break;
        }
        ensure!(
            Utc::now() < deadline,
            "only {published} of {count} published in time"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let peak_rss_kib = peak_rss(pid);
    let _ = worker.0.kill();
    let due: HashMap<Uuid, DateTime<Utc>> = sqlx::query_as("select id, due_at from post_targets")
        .fetch_all(&pool)
        .await?
        .into_iter()
        .collect();
    let arrivals = arrivals.lock().unwrap().clone();
    let mut lateness: Vec<f64> = arrivals
        .iter()
        .filter_map(|(id, at)| {
            due.get(id)
                .map(|due| (*at - *due).num_microseconds().unwrap_or(0) as f64 / 1000.0)
        })
        .collect();
    lateness.sort_by(f64::total_cmp);
    let first = arrivals.iter().map(|a| a.1).min().context("no requests")?;
    let last = arrivals.iter().map(|a| a.1).max().context("no requests")?;
    let span = (last - first).num_milliseconds().max(1) as f64 / 1000.0;
    println!(
        "{scenario:?}: {count} targets, network answers in {} ms",
        NETWORK_LATENCY.as_millis()
    );
    println!(
        "  requests at the network  {} (one per target expected)",
        arrivals.len()
    );
    println!("  lateness p50             {:.1} ms", percentile(&lateness, 50.0));
    println!("  lateness p99             {:.1} ms", percentile(&lateness, 99.0));
    println!(
        "  lateness max             {:.1} ms",
        lateness.last().copied().unwrap_or(0.0)
    );
    if let Scenario::Burst = scenario {
        println!(
            "  drain rate               {:.0} publishes/s over {span:.2} s",
            count as f64 / span
        );
    }
    if let Some(neighbour) = neighbour {
        let mut order = arrivals.clone();
        order.sort_by_key(|(_, at)| *at);
        let place = order
            .iter()
            .position(|(id, _)| *id == neighbour)
            .context("the neighbour's post never arrived")?;
        let late = order[place].1 - due[&neighbour];
        println!(
            "  another workspace's post due 1 s into the burst: {:.1} ms late, in place {} of {count}",
            late.num_microseconds().unwrap_or(0) as f64 / 1000.0,
            place + 1
        );
    }
    println!(
        "  worker peak RSS          {:.1} MiB",
        peak_rss_kib as f64 / 1024.0
    );
    pool.close().await;
    Ok(())
}

/// Fake Mastodon: records arrival, waits 100 ms, answers like Mastodon.
async fn fake_network(arrivals: Arrivals) -> Result<String> {
    async fn status(State(arrivals): State<Arrivals>, headers: HeaderMap) -> Json<serde_json::Value> {
        let now = Utc::now();
        let key = headers
            .get("idempotency-key")
            .and_then(|k| k.to_str().ok())
            .and_then(|k| k.parse().ok())
            .unwrap_or_default();
        arrivals.lock().unwrap().push((key, now));
        tokio::time::sleep(NETWORK_LATENCY).await;
        Json(serde_json::json!({"id": key.to_string(), "url": format!("https://fake/@bench/{key}")}))
    }
    let app = Router::new()
        .route("/api/v1/statuses", post(status))
        .with_state(arrivals);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, app).await });
    Ok(address)
}

/// One workspace, one Mastodon account, and the scenario's targets with their tasks. A burst
/// also has a neighbour: another workspace with one post due a second into the burst, which
/// must not wait for the burst to drain. Returns the targets, the first due instant and the
/// neighbour's target.
async fn seed(
    pool: &PgPool,
    cipher: &Cipher,
    network: &str,
    scenario: Scenario,
) -> Result<(i64, DateTime<Utc>, Option<Uuid>)> {
    let start = Utc::now() + chrono::Duration::seconds(15);
    let (count, spread_ms) = match scenario {
        Scenario::Steady => (STEADY_TARGETS, STEADY_SPAN_SECS * 1000 / STEADY_TARGETS),
        Scenario::Burst => (BURST_TARGETS, 0),
    };
    let bench = account(pool, cipher, network, "Bench").await?;
    schedule(pool, bench, start, count, spread_ms).await?;
    let Scenario::Burst = scenario else {
        return Ok((count, start, None));
    };
    let neighbour = account(pool, cipher, network, "Neighbour").await?;
    let targets = schedule(pool, neighbour, start + chrono::Duration::seconds(1), 1, 0).await?;
    Ok((count + 1, start, targets.first().copied()))
}

/// A workspace with one Mastodon account at the fake network: (workspace, account).
async fn account(pool: &PgPool, cipher: &Cipher, network: &str, name: &str) -> Result<(Uuid, Uuid)> {
    let workspace: Uuid = sqlx::query_scalar("insert into workspaces (name) values ($1) returning id")
        .bind(name)
        .fetch_one(pool)
        .await?;
    let account = Uuid::new_v4();
    let credentials = Credentials::Mastodon {
        instance_url: network.to_owned(),
        access_token: "bench".into(),
    };
    sqlx::query(
        "insert into accounts (id, workspace_id, platform, display_name, handle, colour, credentials)
         values ($1, $2, 'mastodon', $3, '@bench', '#6366f1', $4)",
    )
    .bind(account)
    .bind(workspace)
    .bind(name)
    .bind(cipher.seal(&credentials.to_json(), account.as_bytes()))
    .execute(pool)
    .await?;
    Ok((workspace, account))
}

/// `count` posts to the account, `spread_ms` apart from `start`, with their tasks; returns
/// their targets.
async fn schedule(
    pool: &PgPool,
    (workspace, account): (Uuid, Uuid),
    start: DateTime<Utc>,
    count: i64,
    spread_ms: i64,
) -> Result<Vec<Uuid>> {
    let mut tx = pool.begin().await?;
    let posts: Vec<(Uuid, DateTime<Utc>)> = sqlx::query_as(
        "insert into posts (workspace_id, body, status, scheduled_at, timezone)
         select $1, 'Bench post ' || n, 'scheduled', $2 + make_interval(secs => n * $3 / 1000.0), 'UTC'
         from generate_series(0, $4 - 1) as n
         returning id, scheduled_at",
    )
    .bind(workspace)
    .bind(start)
    .bind(spread_ms as f64)
    .bind(count)
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query(
        "insert into post_targets (post_id, account_id, status)
         select id, $2, 'scheduled' from unnest($1::uuid[]) as id",
    )
    .bind(posts.iter().map(|p| p.0).collect::<Vec<_>>())
    .bind(account)
    .execute(&mut *tx)
    .await?;
    // The same rows `queue::schedule_post` writes, for every target in one statement.
    let tasks: Vec<(Uuid, i32)> = sqlx::query_as(
        "update post_targets t set due_at = p.scheduled_at from posts p
         where p.id = t.post_id and p.workspace_id = $1
         returning t.id, p.version",
    )
    .bind(workspace)
    .fetch_all(&mut *tx)
    .await?;
    herald::server::publish::queue::push_for_targets(&mut tx, &tasks).await?;
    tx.commit().await?;
    Ok(tasks.into_iter().map(|(target, _)| target).collect())
}

fn percentile(sorted: &[f64], percent: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((sorted.len() as f64 * percent / 100.0).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Peak resident memory of a process in KiB (Linux).
fn peak_rss(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .and_then(|line| line.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
