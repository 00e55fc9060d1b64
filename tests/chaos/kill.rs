//! SIGKILL the worker 20 times at random moments while 1,000 targets fall due within a minute,
//! restarting it each time. Mastodon's targets must each be posted once (a resend carries the
//! same Idempotency-Key); the Discord webhook's, which has no key, posted once or marked
//! `unknown` for a person, never twice. None lost.
use crate::cluster::Cluster;
use crate::fake::{Fake, Mode};
use crate::herald::Launch;
use crate::table::Row;
use crate::tally::{self, Tally};
use crate::{secs, seed, sleep_until};
use anyhow::Result;
use chrono::{Duration as TimeDelta, Utc};
use herald::server::platforms::Credentials;
use rand::Rng;
use std::time::Duration;

const DATABASE: &str = "herald_chaos_kill";
const MASTODON: usize = 800;
const DISCORD: usize = 200;
const SPAN: Duration = Duration::from_secs(60);
const KILLS: usize = 20;
/// Long enough that most kills cut off requests the network has already posted.
const LATENCY: Duration = Duration::from_millis(300);
/// The least time a restarted worker gets before the next kill.
const MIN_GAP: f64 = 1.5;

pub async fn run(cluster: &Cluster) -> Result<Row> {
    let pool = cluster.fresh_database(DATABASE).await?;
    let fake = Fake::start(Mode::Up(LATENCY)).await?;
    let key = seed::secrets_key();
    let start = Utc::now() + TimeDelta::seconds(10);
    let accounts = [
        (
            Credentials::Mastodon {
                instance_url: fake.address.clone(),
                access_token: "chaos".into(),
            },
            MASTODON,
        ),
        (
            Credentials::Discord {
                webhook_url: format!("{}/discord/webhook", fake.address),
            },
            DISCORD,
        ),
    ];
    seed::burst(&pool, &key, &accounts, start, SPAN).await?;
    let mut launch = Launch::new("kill", "worker", cluster.url(DATABASE), key)?;
    // A dead worker's claims are recovered within seconds, not the default 20 + 30.
    launch.env = vec![
        ("HERALD_PUBLISHING__LEASE_SECONDS", "4".into()),
        ("HERALD_PUBLISHING__SWEEP_INTERVAL_SECONDS", "1".into()),
    ];
    let mut worker = launch.start()?;
    let mut cut_off = 0;
    for at in kill_times(start) {
        sleep_until(at).await;
        cut_off += fake.in_flight();
        worker.kill();
        worker = launch.start()?;
    }
    let settled = tally::settle(&pool, Duration::from_secs(300)).await?;
    let finished = Utc::now();
    // A late duplicate would arrive now.
    tokio::time::sleep(Duration::from_secs(2)).await;
    worker.kill();
    let tally = Tally::of(&pool, &fake).await?;
    let unknown_on_mastodon: i64 = sqlx::query_scalar(
        "select count(*) from post_targets t join accounts a on a.id = t.account_id
         where t.status = 'unknown' and a.platform = 'mastodon'",
    )
    .fetch_one(&pool)
    .await?;
    let passed = settled && tally.clean(true) && unknown_on_mastodon == 0;
    let mut figures = vec![
        format!("{KILLS} kills, {cut_off} requests cut off"),
        format!("Mastodon {MASTODON}: {unknown_on_mastodon} unknown"),
        format!(
            "Discord {DISCORD}: {} unknown",
            tally.unknown as i64 - unknown_on_mastodon
        ),
        format!("done {:.0} s after the first due", secs(start, finished)),
    ];
    if tally.wrong_id > 0 {
        figures.push(format!("{} with another post's id", tally.wrong_id));
    }
    if !settled {
        figures.push(format!("unsettled; log {}", launch.log_path().display()));
    }
    pool.close().await;
    Ok(Row::new("kill x20", tally, figures, passed))
}

/// Twenty random instants across the burst (and just past it), at least `MIN_GAP` apart.
fn kill_times(start: chrono::DateTime<Utc>) -> Vec<chrono::DateTime<Utc>> {
    let window = SPAN.as_secs_f64() + 2.0;
    let mut rng = rand::rng();
    let mut offsets: Vec<f64> = (0..KILLS).map(|_| rng.random_range(0.5..window)).collect();
    offsets.sort_by(f64::total_cmp);
    let mut last = f64::MIN;
    for offset in &mut offsets {
        *offset = offset.max(last + MIN_GAP);
        last = *offset;
    }
    offsets
        .into_iter()
        .map(|s| start + TimeDelta::milliseconds((s * 1000.0) as i64))
        .collect()
}
