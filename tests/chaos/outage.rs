//! The network answers 503 for two minutes from the burst's first due instant, then recovers.
//! Every target must be published after the outage, and the retries must back off rather than
//! storm: each target's requests spread out (5, 15, 45 s ±20%), never two within 4 s.
use crate::cluster::Cluster;
use crate::fake::{Fake, Mode};
use crate::herald::Launch;
use crate::table::Row;
use crate::tally::{self, Tally};
use crate::{secs, seed, sleep_until};
use anyhow::Result;
use chrono::{DateTime, Duration as TimeDelta, Utc};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

const DATABASE: &str = "herald_chaos_outage";
const TARGETS: usize = 200;
const SPAN: Duration = Duration::from_secs(10);
const OUTAGE: i64 = 120;
/// Shorter than the defaults (30, 120, 480, 1800 s) so the run takes minutes, still growing
/// threefold; the fourth retry falls after the outage whatever the jitter.
const RETRIES: &str = "[publishing]\nretry_delays_seconds = [5, 15, 45, 120, 300]\n";
/// The first delay less its jitter: no target may be asked again sooner.
const MIN_GAP: f64 = 4.0;

pub async fn run(cluster: &Cluster) -> Result<Row> {
    let pool = cluster.fresh_database(DATABASE).await?;
    let fake = Fake::start(Mode::Unavailable).await?;
    let start = Utc::now() + TimeDelta::seconds(8);
    let key = seed::mastodon_burst(&pool, &fake, TARGETS, start, SPAN).await?;
    let mut launch = Launch::new("outage", "worker", cluster.url(DATABASE), key)?;
    launch.config = Some(RETRIES.into());
    let worker = launch.start()?;
    sleep_until(start + TimeDelta::seconds(OUTAGE)).await;
    fake.set(Mode::Up(Duration::from_millis(100)));
    let recovered = Utc::now();
    let settled = tally::settle(&pool, Duration::from_secs(300)).await?;
    let finished = Utc::now();
    worker.kill();
    let tally = Tally::of(&pool, &fake).await?;
    let refused: Vec<(DateTime<Utc>, String)> = fake
        .requests()
        .into_iter()
        .filter(|r| r.status == 503)
        .map(|r| (r.at, r.key.unwrap_or_default()))
        .collect();
    let mut per_second: BTreeMap<i64, usize> = BTreeMap::new();
    let mut per_target: HashMap<String, Vec<DateTime<Utc>>> = HashMap::new();
    for (at, key) in &refused {
        *per_second.entry(at.timestamp()).or_default() += 1;
        per_target.entry(key.clone()).or_default().push(*at);
    }
    let peak = per_second.values().max().copied().unwrap_or(0);
    let most = per_target.values().map(Vec::len).max().unwrap_or(0);
    let gaps = retry_gaps(&per_target);
    let closest = gaps.iter().flatten().copied().fold(f64::INFINITY, f64::min);
    let mean = |n: usize| {
        let these: Vec<f64> = gaps.iter().filter_map(|g| g.get(n).copied()).collect();
        these.iter().sum::<f64>() / these.len().max(1) as f64
    };
    let published_late = sqlx::query_scalar::<_, i64>(
        "select count(*) from post_targets where status = 'published' and published_at >= $1",
    )
    .bind(recovered)
    .fetch_one(&pool)
    .await?;
    let passed = settled && tally.clean(false) && closest >= MIN_GAP && most <= 4;
    let figures = vec![
        format!("503 for {OUTAGE} s: {} requests, peak {peak}/s", refused.len()),
        format!("at most {most} per target"),
        format!(
            "retry gaps {:.1}/{:.1}/{:.1} s (min {closest:.1})",
            mean(0),
            mean(1),
            mean(2)
        ),
        format!(
            "{published_late} published after recovery, last +{:.0} s",
            secs(recovered, finished)
        ),
    ];
    pool.close().await;
    Ok(Row::new("503 for 2 min", tally, figures, passed))
}

/// Seconds between one target's successive requests, per target.
fn retry_gaps(per_target: &HashMap<String, Vec<DateTime<Utc>>>) -> Vec<Vec<f64>> {
    per_target
        .values()
        .map(|times| {
            let mut times = times.clone();
            times.sort();
            times.windows(2).map(|w| secs(w[0], w[1])).collect()
        })
        .collect()
}
