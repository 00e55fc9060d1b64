//! `make chaos`: Herald under faults, against a fake network on loopback and a throwaway
//! Postgres cluster of its own (port 5499), so restarting Postgres disturbs nobody else.
//!
//! - kill: 1,000 targets due within a minute; the worker is SIGKILLed 20 times meanwhile;
//! - postgres: the cluster stops for a few seconds mid-burst under `herald serve`;
//! - outage: the network answers 503 for two minutes, then recovers;
//! - retry-after: the network answers 429 with Retry-After.
//!
//! Each scenario prints one row of the table; the exit code is non-zero when any fails.
//! `cargo test --features ssr --test chaos -- kill outage` runs only the scenarios named.
mod cluster;
mod fake;
mod herald;
mod kill;
mod outage;
mod postgres_restart;
mod retry_after;
mod seed;
mod table;
mod tally;

use anyhow::Result;
use std::process::ExitCode;
use std::time::Instant;
use table::Row;

const SCENARIOS: [&str; 4] = ["kill", "postgres", "outage", "retry-after"];

#[tokio::main]
async fn main() -> ExitCode {
    let asked: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let chosen: Vec<&str> = SCENARIOS
        .into_iter()
        .filter(|name| asked.is_empty() || asked.iter().any(|a| name.contains(a.as_str())))
        .collect();
    let started = Instant::now();
    ::herald::server::outbound::use_ring_for_tls();
    let cluster = match cluster::Cluster::ensure() {
        Ok(cluster) => cluster,
        Err(error) => {
            eprintln!("chaos: no throwaway Postgres cluster: {error:#}");
            return ExitCode::FAILURE;
        }
    };
    let mut rows = Vec::new();
    for name in chosen {
        eprintln!("chaos: {name} …");
        let row = run(name, &cluster)
            .await
            .unwrap_or_else(|error| Row::error(name, &error));
        eprintln!("chaos: {name}: {}", row.verdict());
        rows.push(row);
    }
    cluster.remove();
    println!();
    println!("{}", table::render(&rows));
    println!(
        "{} scenarios in {:.1} min",
        rows.len(),
        started.elapsed().as_secs_f64() / 60.0
    );
    if rows.iter().all(Row::passed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

async fn run(name: &str, cluster: &cluster::Cluster) -> Result<Row> {
    match name {
        "kill" => kill::run(cluster).await,
        "postgres" => postgres_restart::run(cluster).await,
        "outage" => outage::run(cluster).await,
        "retry-after" => retry_after::run(cluster).await,
        _ => unreachable!("{name} is not a scenario"),
    }
}

/// Sleeps until a wall-clock instant (the fake network records wall-clock times too).
async fn sleep_until(at: chrono::DateTime<chrono::Utc>) {
    if let Ok(wait) = (at - chrono::Utc::now()).to_std() {
        tokio::time::sleep(wait).await;
    }
}

/// Seconds from `from` to `to`, for the figures.
fn secs(from: chrono::DateTime<chrono::Utc>, to: chrono::DateTime<chrono::Utc>) -> f64 {
    (to - from).num_milliseconds() as f64 / 1000.0
}
