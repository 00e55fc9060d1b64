//! The planning engine at scale (`make bench-plan`), on a throwaway database:
//! 1. one year of a daily series for each of 100 accounts: the rule expanded in memory, then
//!    made into posts by the series job (each a real post with its publish task);
//! 2. the week view with 2,000 posting slots and 2,000 posts: the page and its slot times.
mod support;

use anyhow::{Context, Result, ensure};
use chrono::{DateTime, Datelike, Days, Duration, NaiveTime, Utc};
use herald::domain::plan::fire_at;
use herald::domain::plan::repeat::{End, Pattern, Repeat};
use herald::domain::schedule::IanaZone;
use herald::server::plan::job;
use herald::server::plan::series::HORIZON;
use herald::server::state::AppState;
use sqlx::PgPool;
use std::time::Instant;
use support::{fetch, millis, print_spread, timed};
use uuid::Uuid;

const ZONE: &str = "Europe/Berlin";
const SERIES_ACCOUNTS: usize = 100;
const WEEK_ACCOUNTS: usize = 40;
/// Mon–Fri, ten a day: 50 a week for each of 40 accounts.
const SLOT_HOURS: std::ops::Range<u32> = 8..18;
const WORKING_DAYS: u64 = 5;
const RUNS: usize = 30;
const WARM_UP: usize = 5;

#[tokio::main]
async fn main() -> Result<()> {
    support::on_throwaway_database(run).await
}

async fn run(pool: PgPool) -> Result<()> {
    let settings = support::settings()?;
    let state = AppState::new(settings.clone(), pool.clone(), herald::cli::leptos_options()?)?;
    let (address, stop) = support::serve(pool.clone(), settings).await?;
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    support::sign_up(&client, &address, ZONE).await?;
    let (workspace, author) = support::owner(&pool).await?;

    series_year(&state, workspace, author).await?;
    week_view(&client, &address, &pool, workspace, author).await?;
    let _ = stop.send(());
    Ok(())
}

fn daily(starts: DateTime<Utc>, zone: IanaZone) -> Repeat {
    Repeat {
        pattern: Pattern::Daily,
        every: 1,
        starts_on: starts.with_timezone(&zone.tz()).date_naive(),
        at: NaiveTime::from_hms_opt(9, 0, 0).expect("09:00"),
        zone,
        end: End::Never,
        skipped: Default::default(),
    }
}

async fn series_year(state: &AppState, workspace: Uuid, author: Uuid) -> Result<()> {
    let pool = &state.pool;
    let accounts = support::accounts(pool, workspace, SERIES_ACCOUNTS).await?;
    let zone = IanaZone::parse(ZONE)?;
    let now = Utc::now();
    let year = now + Duration::days(365);
    let rule = daily(now, zone);

    // The rule alone: every account's year of dates, through the zone.
    let started = Instant::now();
    let expanded: usize = accounts.iter().map(|_| rule.between(now, year).len()).sum();
    let expand_time = started.elapsed();

    for account in &accounts {
        sqlx::query(
            "insert into series (id, workspace_id, author_id, body, targets, rule, made_until)
             values ($1, $2, $3, 'Daily tip', $4, $5, $6)",
        )
        .bind(Uuid::new_v4())
        .bind(workspace)
        .bind(author)
        .bind(serde_json::json!([{ "account_id": account, "body_override": null }]))
        .bind(serde_json::to_value(&rule)?)
        .bind(now)
        .execute(pool)
        .await?;
    }
    // The job keeps a 30-day horizon; stepping its clock a month at a time makes the year.
    let started = Instant::now();
    let mut made = 0;
    let mut clock = now;
    loop {
        made += job::run_once(state, clock).await?.occurrences;
        if clock + HORIZON >= year {
            break;
        }
        clock = (clock + HORIZON).min(year - HORIZON);
    }
    let make_time = started.elapsed();
    let stored: i64 = sqlx::query_scalar("select count(*) from posts where series_id is not null")
        .fetch_one(pool)
        .await?;
    ensure!(stored as usize == made, "{made} made, {stored} stored");
    ensure!(made == expanded, "{made} made, {expanded} expected");

    println!("A daily series for a year, on each of {SERIES_ACCOUNTS} accounts ({ZONE}, 09:00)");
    println!("  occurrences            {expanded}");
    println!("  rule expansion         {:.1} ms in all", millis(expand_time));
    println!(
        "  made into posts        {:.1} s by the series job",
        make_time.as_secs_f64()
    );
    println!(
        "  rate                   {:.0} posts/s",
        made as f64 / make_time.as_secs_f64()
    );
    println!(
        "  per series and year    {:.0} ms",
        millis(make_time) / SERIES_ACCOUNTS as f64
    );
    Ok(())
}

async fn week_view(
    client: &reqwest::Client,
    address: &str,
    pool: &PgPool,
    workspace: Uuid,
    author: Uuid,
) -> Result<()> {
    let accounts = support::accounts(pool, workspace, WEEK_ACCOUNTS).await?;
    let zone = IanaZone::parse(ZONE)?;
    let today = Utc::now().with_timezone(&zone.tz()).date_naive();
    let monday = today + Days::new(7 - u64::from(today.weekday().num_days_from_monday()));
    let mut slots = 0;
    let mut posts = 0;
    let mut tx = pool.begin().await?;
    for (n, account) in accounts.iter().enumerate() {
        for day in 0..WORKING_DAYS {
            let date = monday + Days::new(day);
            for hour in SLOT_HOURS {
                let time = NaiveTime::from_hms_opt(hour, 0, 0).context("a slot time")?;
                sqlx::query(
                    "insert into posting_slots (account_id, weekday, local_time) values ($1, $2, $3)",
                )
                .bind(account)
                .bind(date.weekday().number_from_monday() as i16)
                .bind(time)
                .execute(&mut *tx)
                .await?;
                slots += 1;
                // Every other slot is taken by a queued post; the rest get a post by hand at :30.
                let (minute, placement) = if (hour as usize + n).is_multiple_of(2) {
                    (0, "queue")
                } else {
                    (30, "manual")
                };
                let local = date.and_hms_opt(hour, minute, 0).context("a post time")?;
                post(
                    &mut tx,
                    workspace,
                    author,
                    *account,
                    fire_at(local, &zone),
                    placement,
                )
                .await?;
                posts += 1;
            }
        }
    }
    tx.commit().await?;
    sqlx::raw_sql("analyze posts, post_targets, posting_slots")
        .execute(pool)
        .await?;

    let path = format!("/calendar?view=week&date={monday}&zone={ZONE}");
    let url = format!("{address}{path}");
    let (times, page) = timed(WARM_UP, RUNS, || fetch(client, &url)).await?;
    let open = page.matches(r#"data-testid="calendar-open-slot""#).count();
    let chips = page.matches(r#"data-testid="calendar-post""#).count();
    ensure!(chips > 0, "the week view shows no posts; is the page signed in?");

    let from = fire_at(monday.and_hms_opt(0, 0, 0).context("midnight")?, &zone);
    let to = from + Duration::days(7);
    let slot_times = || async {
        let response = client
            .post(format!("{address}/api/slot_times"))
            .header("accept", "application/json")
            .form(&[("from", from.to_rfc3339()), ("to", to.to_rfc3339())])
            .send()
            .await?;
        ensure!(
            response.status().is_success(),
            "slot_times: {}",
            response.status()
        );
        let times: Vec<serde_json::Value> = response.json().await?;
        Ok(times.len())
    };
    let (api_times, returned) = timed(WARM_UP, RUNS, slot_times).await?;

    println!();
    println!("GET {path}");
    println!("  posting slots          {slots} ({WEEK_ACCOUNTS} accounts, Mon–Fri, 10 a day)");
    println!("  posts in the week      {posts} (half in slots, half by hand)");
    println!("  chips / open slots     {chips} / {open} rendered (the rest folded into \"+N more\")");
    println!("  response size          {:.1} KiB", page.len() as f64 / 1024.0);
    println!("  requests               {RUNS} after {WARM_UP} warm-up");
    print_spread(&times, 23);
    println!("POST /api/slot_times (the week)");
    println!("  slot times returned    {returned}");
    print_spread(&api_times, 23);
    Ok(())
}

async fn post(
    tx: &mut sqlx::PgTransaction<'_>,
    workspace: Uuid,
    author: Uuid,
    account: Uuid,
    at: DateTime<Utc>,
    placement: &str,
) -> Result<()> {
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into posts (id, workspace_id, author_id, body, status, scheduled_at, timezone, placement)
         values ($1, $2, $3, 'A week of posts, one slot at a time.', 'scheduled', $4, $5, $6)",
    )
    .bind(id)
    .bind(workspace)
    .bind(author)
    .bind(at)
    .bind(ZONE)
    .bind(placement)
    .execute(&mut **tx)
    .await?;
    sqlx::query("insert into post_targets (post_id, account_id, status) values ($1, $2, 'scheduled')")
        .bind(id)
        .bind(account)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
