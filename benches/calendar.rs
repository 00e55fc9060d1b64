//! How long the server takes to render a month of 5,000 posts (`make bench`).
//!
//! Creates a throwaway database on the Postgres at `DATABASE_URL`, signs up through the API,
//! seeds 3 accounts and 5,000 scheduled posts in one month by SQL, then loads
//! `/calendar?view=month` as a browser does and prints the median and p95 of the full response
//! time over loopback. The database is dropped at the end, also after a failure.
use anyhow::{Context, Result, ensure};
use chrono::{Datelike, Months, NaiveDate, TimeZone, Utc};
use herald::server::config::Settings;
use herald::startup::Application;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};
use std::str::FromStr;
use std::time::{Duration, Instant};
use uuid::Uuid;

const POSTS: i64 = 5_000;
const ACCOUNTS: usize = 3;
const WARM_UP: usize = 5;
const RUNS: usize = 50;
const ZONE: &str = "Europe/Berlin";

#[tokio::main]
async fn main() -> Result<()> {
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
    let outcome = run(server.clone().database(&name)).await;
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

async fn run(options: PgConnectOptions) -> Result<()> {
    let pool = PgPoolOptions::new()
        .max_connections(10)
        .connect_with(options)
        .await?;
    herald::server::db::MIGRATOR.run(&pool).await?;
    let (address, stop) = serve(pool.clone()).await?;
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    sign_up(&client, &address).await?;
    let month = next_month();
    let seeded = seed(&pool, month).await?;
    let path = format!(
        "/calendar?view=month&date={}&zone={ZONE}",
        month.format("%Y-%m-%d")
    );
    let url = format!("{address}{path}");

    for _ in 0..WARM_UP {
        fetch(&client, &url).await?;
    }
    let mut times = Vec::with_capacity(RUNS);
    let mut page = String::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        page = fetch(&client, &url).await?;
        times.push(started.elapsed());
    }
    times.sort();
    let chips = page.matches(r#"data-testid="calendar-post""#).count();
    ensure!(chips > 0, "the month view shows no posts; is the page signed in?");

    println!("GET {path}");
    println!("  posts in the month   {seeded}");
    println!("  chips rendered       {chips} (at most 4 a day, then \"+N more\")");
    println!("  response size        {:.1} KiB", page.len() as f64 / 1024.0);
    println!("  requests             {RUNS} after {WARM_UP} warm-up");
    println!("  median               {:.1} ms", millis(percentile(&times, 50)));
    println!("  p95                  {:.1} ms", millis(percentile(&times, 95)));
    let _ = stop.send(());
    pool.close().await;
    Ok(())
}

/// Herald on a free port, as the integration tests start it.
async fn serve(pool: PgPool) -> Result<(String, tokio::sync::oneshot::Sender<()>)> {
    let mut settings = Settings::load(None)?;
    settings.server.port = 0;
    settings.data_dir = std::env::temp_dir().join(format!("herald-bench-{}", Uuid::new_v4()));
    let key = [Uuid::new_v4().into_bytes(), Uuid::new_v4().into_bytes()].concat();
    settings.secrets.key =
        Some(base64::Engine::encode(&base64::engine::general_purpose::STANDARD, key).into());
    let application = Application::build(settings, pool, herald::cli::leptos_options()?).await?;
    let address = format!("http://127.0.0.1:{}", application.port());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(application.run_until(async {
        stopped.await.ok();
    }));
    Ok((address, stop))
}

async fn sign_up(client: &reqwest::Client, address: &str) -> Result<()> {
    let response = client
        .post(format!("{address}/api/sign_up"))
        .header("accept", "application/json")
        .form(&[
            ("name", "Bench Mark"),
            ("email", "bench@example.com"),
            ("password", "correct horse battery"),
            ("workspace_name", "Benchmark"),
            ("timezone", ZONE),
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

/// The first of next month, so every seeded post is in the future.
fn next_month() -> NaiveDate {
    let today = Utc::now().date_naive();
    let first = today.with_day(1).unwrap_or(today);
    first.checked_add_months(Months::new(1)).unwrap_or(first)
}

/// 3 accounts and 5,000 scheduled posts spread evenly over the month, each on one or two
/// accounts. Returns how many posts the month holds.
async fn seed(pool: &PgPool, month: NaiveDate) -> Result<i64> {
    let (workspace, author): (Uuid, Uuid) =
        sqlx::query_as("select workspace_id, user_id from memberships limit 1")
            .fetch_one(pool)
            .await?;
    let colours = ["#6366f1", "#10b981", "#f59e0b"];
    let mut accounts = Vec::with_capacity(ACCOUNTS);
    for (index, colour) in colours.iter().enumerate() {
        let id = Uuid::new_v4();
        sqlx::query(
            "insert into accounts (id, workspace_id, platform, display_name, handle, colour, credentials)
             values ($1, $2, 'mastodon', $3, $4, $5, '\\x00')",
        )
        .bind(id)
        .bind(workspace)
        .bind(format!("Account {}", index + 1))
        .bind(format!("@account{}", index + 1))
        .bind(colour)
        .execute(pool)
        .await?;
        accounts.push(id);
    }
    let start = Utc.from_utc_datetime(&month.and_hms_opt(0, 0, 0).context("midnight")?);
    let end = Utc.from_utc_datetime(
        &month
            .checked_add_months(Months::new(1))
            .and_then(|next| next.and_hms_opt(0, 0, 0))
            .context("next month")?,
    );
    let step = (end - start).num_seconds() / POSTS;
    let mut tx = pool.begin().await?;
    // Ids derived from the sequence number, so the targets can refer to them without a round trip.
    sqlx::query(
        "insert into posts (id, workspace_id, author_id, body, status, scheduled_at, timezone)
         select md5('bench' || n)::uuid, $1, $2,
                'Benchmark post ' || n || ': ' || repeat('Plans, launches and news for the calendar. ', 5),
                'scheduled', $3 + make_interval(secs => n * $4), $5
         from generate_series(0, $6 - 1) as n",
    )
    .bind(workspace)
    .bind(author)
    .bind(start)
    .bind(step as f64)
    .bind(ZONE)
    .bind(POSTS)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "insert into post_targets (post_id, account_id, status)
         select md5('bench' || n)::uuid, ($1::uuid[])[1 + n % 3], 'scheduled'
         from generate_series(0, $2 - 1) as n
         union all
         select md5('bench' || n)::uuid, ($1::uuid[])[1 + (n + 1) % 3], 'scheduled'
         from generate_series(0, $2 - 1) as n where n % 2 = 0",
    )
    .bind(&accounts)
    .bind(POSTS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    sqlx::raw_sql("analyze posts, post_targets").execute(pool).await?;
    let count: i64 = sqlx::query_scalar(
        "select count(*) from posts where workspace_id = $1 and scheduled_at >= $2 and scheduled_at < $3",
    )
    .bind(workspace)
    .bind(start)
    .bind(end)
    .fetch_one(pool)
    .await?;
    Ok(count)
}

async fn fetch(client: &reqwest::Client, url: &str) -> Result<String> {
    let response = client.get(url).header("accept", "text/html").send().await?;
    let status = response.status();
    let body = response.text().await?;
    ensure!(status.is_success(), "GET {url}: {status}");
    Ok(body)
}

fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    let rank = (sorted.len() * percent).div_ceil(100).max(1);
    sorted[rank - 1]
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
