//! How long the server takes to render a month of 5,000 posts (`make bench`).
//!
//! Creates a throwaway database on the Postgres at `DATABASE_URL`, signs up through the API,
//! seeds 3 accounts and 5,000 scheduled posts in one month by SQL, then loads
//! `/calendar?view=month` as a browser does and prints the median and p95 of the full response
//! time over loopback. The database is dropped at the end, also after a failure.
mod support;

use anyhow::{Context, Result, ensure};
use chrono::{Datelike, Months, NaiveDate, TimeZone, Utc};
use sqlx::PgPool;
use support::{fetch, print_spread, timed};

const POSTS: i64 = 5_000;
const ACCOUNTS: usize = 3;
const WARM_UP: usize = 5;
const RUNS: usize = 50;
const ZONE: &str = "Europe/Berlin";

#[tokio::main]
async fn main() -> Result<()> {
    support::on_throwaway_database(run).await
}

async fn run(pool: PgPool) -> Result<()> {
    let (address, stop) = support::serve(pool.clone(), support::settings()?).await?;
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    support::sign_up(&client, &address, ZONE).await?;
    let month = next_month();
    let seeded = seed(&pool, month).await?;
    let path = format!(
        "/calendar?view=month&date={}&zone={ZONE}",
        month.format("%Y-%m-%d")
    );
    let url = format!("{address}{path}");

    let (times, page) = timed(WARM_UP, RUNS, || fetch(&client, &url)).await?;
    let chips = page.matches(r#"data-testid="calendar-post""#).count();
    ensure!(chips > 0, "the month view shows no posts; is the page signed in?");

    println!("GET {path}");
    println!("  posts in the month   {seeded}");
    println!("  chips rendered       {chips} (at most 4 a day, then \"+N more\")");
    println!("  response size        {:.1} KiB", page.len() as f64 / 1024.0);
    println!("  requests             {RUNS} after {WARM_UP} warm-up");
    print_spread(&times, 21);
    let _ = stop.send(());
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
    let (workspace, author) = support::owner(pool).await?;
    let accounts = support::accounts(pool, workspace, ACCOUNTS).await?;
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
