//! Postgres stops for a few seconds in the middle of a burst under `herald serve` (web app and
//! workers in one process). The same process must carry on once Postgres is back and publish
//! every target once; /healthz must show the outage and the recovery.
use crate::cluster::Cluster;
use crate::fake::{Fake, Mode};
use crate::herald::Launch;
use crate::table::Row;
use crate::tally::{self, Tally};
use crate::{secs, seed, sleep_until};
use anyhow::{Result, ensure};
use chrono::{DateTime, Duration as TimeDelta, Utc};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const DATABASE: &str = "herald_chaos_postgres";
const TARGETS: usize = 600;
const SPAN: Duration = Duration::from_secs(40);
/// When, into the burst, Postgres stops, and for how long.
const STOP_AFTER: i64 = 15;
const DOWN_FOR: Duration = Duration::from_secs(5);
const POLL_EVERY: Duration = Duration::from_millis(250);

/// One /healthz answer: when it came, and whether the database was up.
type Probe = (DateTime<Utc>, Option<(u16, bool)>);

pub async fn run(cluster: &Cluster) -> Result<Row> {
    let pool = cluster.fresh_database(DATABASE).await?;
    let fake = Fake::start(Mode::Up(Duration::from_millis(100))).await?;
    let start = Utc::now() + TimeDelta::seconds(15);
    let key = seed::mastodon_burst(&pool, &fake, TARGETS, start, SPAN).await?;
    let mut launch = Launch::new("postgres", "serve", cluster.url(DATABASE), key)?;
    launch.env = vec![
        ("HERALD_PUBLISHING__LEASE_SECONDS", "4".into()),
        ("HERALD_PUBLISHING__SWEEP_INTERVAL_SECONDS", "1".into()),
    ];
    let mut herald = launch.start()?;
    let pid = herald.pid();
    let health = format!("http://127.0.0.1:{}/healthz", launch.port);
    let probes: Arc<Mutex<Vec<Probe>>> = Arc::default();
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()?;
    let poller = tokio::spawn(poll(client, health, probes.clone()));
    sleep_until(start + TimeDelta::seconds(STOP_AFTER)).await;
    let stopped = Utc::now();
    cluster.stop()?;
    tokio::time::sleep(DOWN_FOR).await;
    let restarted = Utc::now();
    cluster.start()?;
    let settled = tally::settle(&pool, Duration::from_secs(180)).await?;
    tokio::time::sleep(Duration::from_secs(2)).await;
    poller.abort();
    let same_process = herald.is_running() && herald.pid() == pid;
    herald.kill();
    let mut probes = probes.lock().unwrap().clone();
    probes.sort_by_key(|(at, _)| *at);
    let before_stop = probes.iter().filter(|(at, _)| *at < stopped);
    ensure!(
        before_stop
            .clone()
            .any(|(_, answer)| matches!(answer, Some((200, true)))),
        "/healthz never answered 200 before the stop; log {}",
        launch.log_path().display()
    );
    let down = probes
        .iter()
        .find(|(at, answer)| *at >= stopped && matches!(answer, Some((503, false))))
        .map(|(at, _)| *at);
    let back = down.and_then(|down| {
        probes
            .iter()
            .find(|(at, answer)| *at > down && matches!(answer, Some((200, true))))
            .map(|(at, _)| *at)
    });
    let tally = Tally::of(&pool, &fake).await?;
    let passed = settled && same_process && down.is_some() && back.is_some() && tally.clean(false);
    let figures = vec![
        format!("Postgres stopped for {:.1} s", secs(stopped, restarted)),
        match down {
            Some(at) => format!(
                "/healthz 503 db down +{:.2} s after stop began",
                secs(stopped, at)
            ),
            None => "/healthz never showed the outage".into(),
        },
        match back {
            Some(at) => format!("200 again +{:.2} s after start began", secs(restarted, at)),
            None => "/healthz never recovered".into(),
        },
        if same_process {
            format!("same pid {pid} throughout")
        } else {
            format!("pid {pid} died; log {}", launch.log_path().display())
        },
    ];
    pool.close().await;
    Ok(Row::new("postgres restart", tally, figures, passed))
}

/// Asks /healthz every `POLL_EVERY` (each ask on its own, so a slow answer delays no other).
async fn poll(client: reqwest::Client, url: String, probes: Arc<Mutex<Vec<Probe>>>) {
    let mut every = tokio::time::interval(POLL_EVERY);
    loop {
        every.tick().await;
        let (client, url, probes) = (client.clone(), url.clone(), probes.clone());
        tokio::spawn(async move {
            let answer = match client.get(&url).send().await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let body: serde_json::Value = response.json().await.unwrap_or_default();
                    Some((status, body["database"]["status"] == "up"))
                }
                Err(_) => None,
            };
            probes.lock().unwrap().push((Utc::now(), answer));
        });
    }
}
