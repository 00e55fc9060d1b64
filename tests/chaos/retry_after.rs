//! The network answers 429 with Retry-After for 20 seconds in the middle of a burst. Once Herald
//! has heard a 429, no request for that account may arrive before the instant it named (allowing
//! `GRACE` for requests already on their way); afterwards every target goes out.
use crate::cluster::Cluster;
use crate::fake::{Fake, Mode};
use crate::herald::Launch;
use crate::table::Row;
use crate::tally::{self, Tally};
use crate::{secs, seed, sleep_until};
use anyhow::Result;
use chrono::{Duration as TimeDelta, Utc};
use std::time::Duration;

const DATABASE: &str = "herald_chaos_retry_after";
const TARGETS: usize = 100;
const SPAN: Duration = Duration::from_secs(10);
const LIMITED_AFTER: i64 = 3;
const LIMITED_FOR: i64 = 20;
const LATENCY: Duration = Duration::from_millis(50);
/// Requests sent before Herald read the first 429 may still arrive this long after it.
const GRACE: TimeDelta = TimeDelta::seconds(1);

pub async fn run(cluster: &Cluster) -> Result<Row> {
    let pool = cluster.fresh_database(DATABASE).await?;
    let fake = Fake::start(Mode::Up(LATENCY)).await?;
    let start = Utc::now() + TimeDelta::seconds(8);
    let key = seed::mastodon_burst(&pool, &fake, TARGETS, start, SPAN).await?;
    let launch = Launch::new("retry-after", "worker", cluster.url(DATABASE), key)?;
    let worker = launch.start()?;
    sleep_until(start + TimeDelta::seconds(LIMITED_AFTER)).await;
    let until = Utc::now() + TimeDelta::seconds(LIMITED_FOR);
    fake.set(Mode::RateLimited { until, then: LATENCY });
    let settled = tally::settle(&pool, Duration::from_secs(120)).await?;
    worker.kill();
    let tally = Tally::of(&pool, &fake).await?;
    let requests = fake.requests();
    let refusals: Vec<_> = requests.iter().filter(|r| r.status == 429).collect();
    // A request inside the wait a 429 named, once Herald had had time to hear it.
    let early = requests
        .iter()
        .filter(|r| {
            refusals
                .iter()
                .any(|q| q.at + GRACE <= r.at && Some(r.at) < q.named)
        })
        .count();
    let named = refusals.iter().filter_map(|q| q.named).max();
    let first_after = named.and_then(|named| {
        requests
            .iter()
            .filter(|r| r.at >= named)
            .map(|r| secs(named, r.at))
            .reduce(f64::min)
    });
    let passed = settled && tally.clean(false) && early == 0 && !refusals.is_empty();
    let figures = vec![
        format!("{} answered 429 (Retry-After ≤{LIMITED_FOR} s)", refusals.len()),
        format!("{early} requests before the named instant"),
        match first_after {
            Some(delay) => format!("first request +{delay:.2} s after it"),
            None => "no request after it".into(),
        },
    ];
    pool.close().await;
    Ok(Row::new("429 Retry-After", tally, figures, passed))
}
