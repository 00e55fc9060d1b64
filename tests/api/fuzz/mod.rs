//! A request-level fuzzer: every registered server function, route and page gets random,
//! oversized, malformed and wrong-typed requests, signed in as an owner and anonymously.
//! Whatever arrives, Herald answers in time, never with a 5xx, and every refusal is a 4xx a
//! person can read (not empty, not a Rust debug dump). 413 from the body-size limit counts.
//!
//! `FUZZ_CASES` (default 400) and `FUZZ_SEED` (default fixed, so CI is repeatable) choose
//! the run; a failure names the seed and case to replay it.
mod inputs;
mod regressions;
mod verdict;

use crate::helpers::{Browser, PASSWORD, TestApp, spawn_app_with};
use inputs::{Case, Vocabulary};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::PgPool;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const OWNER: &str = "fuzz-owner@example.com";

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Panics on the fuzz test's thread, where its Herald runs (tokio catches them per task, so
/// the connection just closes; this hook makes them count).
static PANICS: AtomicUsize = AtomicUsize::new(0);

fn count_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let here = std::thread::current()
            .name()
            .is_some_and(|name| name.contains("hostile_requests"));
        if here {
            PANICS.fetch_add(1, Ordering::SeqCst);
        }
        previous(info);
    }));
}

#[sqlx::test]
async fn hostile_requests_get_a_readable_4xx_never_a_5xx(pool: PgPool) {
    let cases = env_number("FUZZ_CASES", 400);
    let seed = env_number("FUZZ_SEED", 0x6865_7261_6c64);
    // Guessed passwords must not lock the owner out of re-signing in.
    let app = spawn_app_with(pool, |s| s.auth.max_failed_signins_per_ip = i64::MAX).await;
    let mut owner = app.owner(OWNER, "Fuzz Co").await;
    let words = Vocabulary::gather(&app, &owner).await;
    let targets = inputs::targets();
    let mut rng = StdRng::seed_from_u64(seed);
    count_panics();
    let started = Instant::now();
    let mut failures = Vec::new();
    let mut closed_early = 0;
    let mut statuses = std::collections::BTreeMap::<u16, u64>::new();
    for number in 0..cases {
        let case = Case::random(&mut rng, &targets, &words);
        let anonymous = rng.random_bool(0.3);
        let browser = if anonymous { app.browser() } else { owner.clone() };
        let panics = PANICS.load(Ordering::SeqCst);
        let outcome = verdict::send(&app, &browser, &case).await;
        *statuses.entry(outcome.status).or_default() += 1;
        closed_early += usize::from(outcome.closed_early());
        if let Some(problem) = outcome.problem() {
            failures.push(format!("case {number} ({}): {problem}", case.describe()));
        }
        if PANICS.load(Ordering::SeqCst) > panics {
            failures.push(format!("case {number} ({}): Herald panicked", case.describe()));
        }
        if !anonymous && case.may_end_the_session() {
            owner = signed_in(&app).await;
        }
    }
    let health = app.browser().client.get(app.url("/healthz")).send().await;
    assert_eq!(
        health.map(|r| r.status().as_u16()).ok(),
        Some(200),
        "Herald is still up"
    );
    println!(
        "fuzz: {cases} cases over {} targets in {:.1?} (FUZZ_SEED={seed}); statuses {statuses:?} \
         (0: closed early on a large refused body, {closed_early} times)",
        targets.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed (replay with FUZZ_SEED={seed} FUZZ_CASES={cases}):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

async fn signed_in(app: &TestApp) -> Browser {
    let browser = app.browser();
    let response = app.sign_in(&browser, OWNER, PASSWORD).await;
    assert_eq!(response.status(), 200, "the owner signs in again");
    browser
}

/// Each request gets this long; more is a hang.
pub const TIMEOUT: Duration = Duration::from_secs(20);
