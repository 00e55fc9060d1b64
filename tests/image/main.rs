//! `make image-test`: the built image localhost/herald:latest as an operator runs it, under
//! podman on this machine, publishing to a fake Mastodon on loopback (`--network host`):
//!
//! - a. first start on a fresh volume (initdb, migrations) until /healthz answers 200;
//! - b. sign-up in Chromium, an account connected, one post published on time;
//! - c. 200 posts due at once, `podman stop` mid-burst, start again: each posted exactly once;
//! - d. a warm restart keeps the data and the password;
//! - e. `herald backup`, restored into a second container on a fresh volume;
//! - f. a read-only volume, a wrong key and another PostgreSQL major each refused, data kept;
//! - figures: image size, start and restart times, idle memory.
//!
//! It removes the containers and volumes it made, also on failure, and exits non-zero when a
//! step fails. `make image` must have built the image first.
mod backup;
mod burst;
mod container;
mod figures;
mod first_post;
mod first_start;
mod helpers;
mod network;
mod podman;
mod refusals;
mod report;
mod restart;
mod schedule;
mod signup;

#[path = "../api/calls/mod.rs"]
#[allow(dead_code, unused_imports)] // shared with tests/api, which uses all of it
mod calls;
#[path = "../chaos/fake.rs"]
#[allow(dead_code)] // shared with tests/chaos
mod fake;

use anyhow::Result;
use chrono::{DateTime, Utc};
use container::Herald;
use figures::Figures;
use helpers::{Browser, TestApp};
use network::Network;
use podman::Made;
use report::Report;
use std::process::ExitCode;
use std::time::Duration;

/// How long the fake network takes to answer a status. Herald publishes 50 at a time, so 200
/// posts take about four of these: long enough to stop the container in the middle.
const FAKE_DELAY: Duration = Duration::from_secs(1);

/// What the steps share: the fake network, the first container and its owner.
pub struct Scene {
    /// Unique to this run: in container, volume and post names.
    pub run: String,
    pub started: DateTime<Utc>,
    pub network: Network,
    pub herald: Herald,
    pub app: TestApp,
    pub email: String,
    /// The owner's browser (signed in once step b has run).
    pub browser: Browser,
    /// The Mastodon account step b connected.
    pub account: uuid::Uuid,
    /// The posts' texts and statuses as step d found them, for comparing a restore.
    pub posts: Vec<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    ::herald::server::outbound::use_ring_for_tls();
    let made = Made::default();
    let mut figures = Figures::default();
    let mut report = Report::default();
    // Ctrl-C ends the steps but not the clean-up below.
    let outcome = tokio::select! {
        outcome = scenario(&made, &mut figures, &mut report) => outcome,
        _ = tokio::signal::ctrl_c() => Err(anyhow::anyhow!("interrupted")),
    };
    if let Err(error) = outcome {
        report.abort(&error);
    }
    if !report.passed() {
        made.show_logs().await;
    }
    figures.image_sizes().await;
    drop(made);
    println!();
    report.print();
    figures.print();
    if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The steps in order; each needs the ones before it, so the first failure ends the run.
async fn scenario(made: &Made, figures: &mut Figures, report: &mut Report) -> Result<()> {
    let run = uuid::Uuid::new_v4().simple().to_string()[..8].to_owned();
    let network = Network::start(FAKE_DELAY).await?;
    let mut scene = report
        .step(
            "a. first start on a fresh volume",
            first_start::run(made, run, network, figures),
        )
        .await?;
    report
        .step(
            "b. sign-up in Chromium, one post published",
            first_post::run(&mut scene),
        )
        .await?;
    report
        .step(
            "c. 200 posts, podman stop mid-burst",
            burst::run(&mut scene, figures),
        )
        .await?;
    report
        .step(
            "d. warm restart keeps the data",
            restart::run(&mut scene, figures),
        )
        .await?;
    figures.idle_memory(&scene.herald).await;
    report
        .step(
            "e. backup, restored into a new container",
            backup::run(&scene, made),
        )
        .await?;
    report
        .step("f. bad input refused, data kept", refusals::run(&scene, made))
        .await?;
    Ok(())
}

/// Polls `check` every half second until it says done (`Some`), up to `limit`.
pub async fn wait_for<T, F, Fut>(what: &str, limit: Duration, mut check: F) -> Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Option<T>>>,
{
    let deadline = tokio::time::Instant::now() + limit;
    loop {
        if let Some(done) = check().await? {
            return Ok(done);
        }
        if tokio::time::Instant::now() > deadline {
            anyhow::bail!("{what}: not within {limit:?}");
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
