//! What the benchmarks share: a throwaway database, Herald served on a free port, a signed-up
//! owner, page fetches and timed requests.
#![allow(dead_code)] // each benchmark uses its part

use anyhow::{Context, Result, ensure};
use herald::server::config::Settings;
use herald::startup::Application;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};
use std::future::Future;
use std::str::FromStr;
use std::time::{Duration, Instant};
use uuid::Uuid;

/// Runs `bench` on a new database of the Postgres at `DATABASE_URL`, migrated, and drops the
/// database afterwards, also after a failure.
pub async fn on_throwaway_database<F, Fut>(bench: F) -> Result<()>
where
    F: FnOnce(PgPool) -> Fut,
    Fut: Future<Output = Result<()>>,
{
    let server = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let server = PgConnectOptions::from_str(&server).context("DATABASE_URL is not a Postgres URL")?;
    let name = format!("herald_bench_{}", Uuid::new_v4().simple());
    let mut admin = PgConnection::connect_with(&server)
        .await
        .context("could not connect to Postgres (set DATABASE_URL)")?;
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(r#"create database "{name}""#)))
        .execute(&mut admin)
        .await
        .with_context(|| format!("could not create database {name}"))?;
    let outcome = async {
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .connect_with(server.clone().database(&name))
            .await?;
        herald::server::db::MIGRATOR.run(&pool).await?;
        let outcome = bench(pool.clone()).await;
        pool.close().await;
        outcome
    }
    .await;
    let dropped = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        r#"drop database "{name}" with (force)"#
    )))
    .execute(&mut admin)
    .await;
    if let Err(error) = dropped {
        eprintln!("could not drop database {name}: {error}");
    }
    outcome
}

/// Herald's settings for a benchmark: a free port, its own data directory and key.
pub fn settings() -> Result<Settings> {
    let mut settings = Settings::load(None)?;
    settings.server.port = 0;
    settings.data_dir = std::env::temp_dir().join(format!("herald-bench-{}", Uuid::new_v4()));
    let key = [Uuid::new_v4().into_bytes(), Uuid::new_v4().into_bytes()].concat();
    settings.secrets.key =
        Some(base64::Engine::encode(&base64::engine::general_purpose::STANDARD, key).into());
    Ok(settings)
}

/// Herald on a free port, as the integration tests start it; send to the sender to stop it.
pub async fn serve(pool: PgPool, settings: Settings) -> Result<(String, tokio::sync::oneshot::Sender<()>)> {
    let application = Application::build(settings, pool, herald::cli::leptos_options()?).await?;
    let address = format!("http://127.0.0.1:{}", application.port());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(application.run_until(async {
        stopped.await.ok();
    }));
    Ok((address, stop))
}

/// Signs up the benchmark's owner (workspace in `zone`); the client keeps the session.
pub async fn sign_up(client: &reqwest::Client, address: &str, zone: &str) -> Result<()> {
    let response = client
        .post(format!("{address}/api/sign_up"))
        .header("accept", "application/json")
        .form(&[
            ("name", "Bench Mark"),
            ("email", "bench@example.com"),
            ("password", "correct horse battery"),
            ("workspace_name", "Benchmark"),
            ("timezone", zone),
        ])
        .send()
        .await?;
    let status = response.status();
    ensure!(
        status.is_success(),
        "sign-up failed: {status} {}",
        response.text().await?
    );
    Ok(())
}

/// The signed-up owner's workspace and user.
pub async fn owner(pool: &PgPool) -> Result<(Uuid, Uuid)> {
    Ok(
        sqlx::query_as("select workspace_id, user_id from memberships limit 1")
            .fetch_one(pool)
            .await?,
    )
}

/// `count` Mastodon accounts in the workspace (no real credentials: nothing is published).
pub async fn accounts(pool: &PgPool, workspace: Uuid, count: usize) -> Result<Vec<Uuid>> {
    let colours = ["#6366f1", "#10b981", "#f59e0b", "#ef4444", "#0ea5e9"];
    let mut accounts = Vec::with_capacity(count);
    for index in 0..count {
        let id = Uuid::new_v4();
        sqlx::query(
            "insert into accounts (id, workspace_id, platform, display_name, handle, colour, credentials)
             values ($1, $2, 'mastodon', $3, $4, $5, '\\x00')",
        )
        .bind(id)
        .bind(workspace)
        .bind(format!("Account {}", index + 1))
        .bind(format!("@account{}", index + 1))
        .bind(colours[index % colours.len()])
        .execute(pool)
        .await?;
        accounts.push(id);
    }
    Ok(accounts)
}

pub async fn fetch(client: &reqwest::Client, url: &str) -> Result<String> {
    let response = client.get(url).header("accept", "text/html").send().await?;
    let status = response.status();
    let body = response.text().await?;
    ensure!(status.is_success(), "GET {url}: {status}");
    Ok(body)
}

/// Runs `request` `warm_up` times unmeasured, then `runs` times measured; returns the times,
/// sorted, and the last answer.
pub async fn timed<T, F, Fut>(warm_up: usize, runs: usize, mut request: F) -> Result<(Vec<Duration>, T)>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    for _ in 0..warm_up {
        request().await?;
    }
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(request().await?);
        times.push(started.elapsed());
    }
    times.sort();
    Ok((times, last.context("no measured runs")?))
}

/// Prints the median and p95 of sorted `times`, the labels padded to `width`.
pub fn print_spread(times: &[Duration], width: usize) {
    println!("  {:<width$}{:.1} ms", "median", millis(percentile(times, 50)));
    println!("  {:<width$}{:.1} ms", "p95", millis(percentile(times, 95)));
}

pub fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    let rank = (sorted.len() * percent).div_ceil(100).max(1);
    sorted[rank - 1]
}

pub fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
