//! Per-account rate limits, applied when targets are claimed: an account the network told to
//! wait (a 429) sends nothing until the instant it named; any other sends at most its
//! network's limit in any window (counted from publish_attempts, so across processes). A
//! target over either is not failed: it waits for the instant it may go — re-queued then, no
//! attempt used — and says why on the dashboard.
use super::queue;
use crate::domain::publish::{RateLimit, admit, per_in_words};
use crate::server::db::claims::Eligible;
use crate::server::db::rate_limits;
use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;
use uuid::Uuid;

/// How a waiting target's instant reads on the dashboard ("Dec 1, 12:00:05 UTC"): the day
/// matters for limits counted per day.
pub const WHEN: &str = "%b %-d, %H:%M:%S";

/// A due target that must wait until `at`.
#[derive(Debug, Clone)]
pub struct Deferral {
    pub target_id: Uuid,
    pub version: i32,
    pub at: DateTime<Utc>,
    pub reason: String,
}

/// Splits due targets into those that may go now and those that must wait. Locks the limited
/// accounts (after their posts, in id order) until the caller commits its claims, so claims
/// of one account count one after another.
pub async fn apply(
    conn: &mut PgConnection,
    limits: &HashMap<String, RateLimit>,
    eligible: Vec<Eligible>,
    now: DateTime<Utc>,
) -> sqlx::Result<(Vec<(Uuid, i32)>, Vec<Deferral>)> {
    let mut by_account: BTreeMap<Uuid, Vec<Eligible>> = BTreeMap::new();
    for target in eligible {
        by_account.entry(target.account_id).or_default().push(target);
    }
    let mut admitted = Vec::new();
    let mut deferred = Vec::new();
    let mut counted = Vec::new();
    for (account, mut targets) in by_account {
        // The longest due first.
        targets.sort_by_key(|t| t.due_at);
        let network = targets[0].platform.label().to_owned();
        if let Some(until) = targets[0].rate_limited_until.filter(|until| *until > now) {
            let reason = format!(
                "{network} asked Herald to slow down; it goes out at {} UTC.",
                until.format(WHEN)
            );
            deferred.extend(targets.iter().map(|t| deferral(t, until, &reason)));
        } else if let Some(limit) = limits.get(targets[0].platform.as_str()) {
            counted.push((account, *limit, network, targets));
        } else {
            admitted.extend(targets.iter().map(|t| (t.target_id, t.version)));
        }
    }
    if counted.is_empty() {
        return Ok((admitted, deferred));
    }
    let accounts: Vec<Uuid> = counted.iter().map(|(account, ..)| *account).collect();
    rate_limits::lock(conn, &accounts).await?;
    let asks: Vec<(Uuid, Duration, usize, usize)> = counted
        .iter()
        .map(|(account, limit, _, targets)| (*account, limit.per(), limit.requests as usize, targets.len()))
        .collect();
    let windows = rate_limits::windows(conn, &asks).await?;
    for (account, limit, network, targets) in counted {
        let window = windows.get(&account).cloned().unwrap_or_default();
        let (now_count, later) = admit(limit, &window, targets.len(), now);
        let (go, wait) = targets.split_at(now_count);
        admitted.extend(go.iter().map(|t| (t.target_id, t.version)));
        for (target, at) in wait.iter().zip(later) {
            let reason = format!(
                "Waiting for {network}'s limit of {} posts per {}; it goes out at {} UTC.",
                limit.requests,
                per_in_words(limit.per()),
                at.format(WHEN)
            );
            deferred.push(deferral(target, at, &reason));
        }
    }
    Ok((admitted, deferred))
}

/// Moves the deferred targets to their instants and queues a task for each then.
pub async fn defer(conn: &mut PgConnection, deferrals: &[Deferral]) -> sqlx::Result<()> {
    let targets: Vec<Uuid> = deferrals.iter().map(|d| d.target_id).collect();
    let at: Vec<DateTime<Utc>> = deferrals.iter().map(|d| d.at).collect();
    let reasons: Vec<String> = deferrals.iter().map(|d| d.reason.clone()).collect();
    rate_limits::defer(conn, &targets, &at, &reasons).await?;
    let tasks: Vec<(Uuid, i32)> = deferrals.iter().map(|d| (d.target_id, d.version)).collect();
    queue::push_for_targets(conn, &tasks).await?;
    Ok(())
}

fn deferral(target: &Eligible, at: DateTime<Utc>, reason: &str) -> Deferral {
    Deferral {
        target_id: target.target_id,
        version: target.version,
        at,
        reason: reason.to_owned(),
    }
}
