//! What an attempt led to: published, a retry later, or failure with a reason. Decided here
//! (the domain's retry rules), written with other tasks' outcomes by `record`, then logged
//! and counted.
use super::commit_outcomes::{Report, Verdict};
use super::engine::Engine;
use super::rate_limit::WHEN;
use crate::domain::publish::{Failure, Next, after_failure};
use crate::server::db::claims::Claimed;
use crate::server::metrics::{FAILED, PUBLISH_LATENCY, PUBLISHED, RETRIED};
use crate::server::platforms::{Credentials, NetworkError, Published};
use chrono::Utc;
use rand::Rng;

pub async fn record(
    engine: &Engine,
    claimed: &Claimed,
    result: Result<(Published, Credentials), (NetworkError, Option<Credentials>)>,
) -> anyhow::Result<()> {
    let verdict = verdict(engine, claimed, result);
    let report = Report {
        target_id: claimed.target_id,
        post_id: claimed.post_id,
        attempt: claimed.attempt,
        account_id: claimed.account_id,
        verdict: verdict.clone(),
    };
    let moved = engine.outcomes.submit(report).await?;
    let network = claimed.platform.as_str();
    match verdict {
        Verdict::Published { remote_id, .. } => {
            if !moved {
                tracing::warn!("published, but the target had moved on meanwhile");
            }
            tracing::info!(%remote_id, "published");
            let late = (Utc::now() - claimed.due_at).num_microseconds().unwrap_or(0) as f64 / 1e6;
            metrics::histogram!(PUBLISH_LATENCY, "network" => network).record(late.max(0.0));
            metrics::counter!(PUBLISHED, "network" => network).increment(1);
        }
        Verdict::Retry { at, reason, .. } => {
            tracing::warn!(%reason, retry_at = %at, "publish failed; will retry");
            metrics::counter!(RETRIED, "network" => network).increment(1);
        }
        Verdict::RateLimited { until, reason, .. } => {
            tracing::warn!(%reason, %until, "rate limited: the account waits");
            metrics::counter!(RETRIED, "network" => network).increment(1);
        }
        Verdict::Failed { reason, .. } => {
            tracing::warn!(%reason, "publish failed");
            metrics::counter!(FAILED, "network" => network).increment(1);
        }
    }
    Ok(())
}

fn verdict(
    engine: &Engine,
    claimed: &Claimed,
    result: Result<(Published, Credentials), (NetworkError, Option<Credentials>)>,
) -> Verdict {
    let (error, credentials) = match result {
        Ok((published, _)) => {
            return Verdict::Published {
                remote_id: published.remote_id,
                url: published.url,
            };
        }
        Err(failed) => failed,
    };
    let reason = match &credentials {
        Some(credentials) => credentials.redact(error.to_string()),
        None => error.to_string(),
    };
    let failure = match &error {
        NetworkError::Unavailable { retry_after, .. } => Failure::Transient {
            retry_after: *retry_after,
        },
        _ => Failure::Permanent,
    };
    let spread = rand::rng().random_range(-1.0..=1.0);
    let policy = engine.settings.retry_policy();
    let now = Utc::now();
    match after_failure(&policy, claimed.attempt as u32, &failure, now, spread) {
        Next::RetryAt(at) => match rate_limited_for(&error) {
            // Exactly as long as asked, no backoff: the account waits that long anyway.
            Some(wait) => {
                let until = now + wait;
                let network = claimed.platform.label();
                let notice = format!(
                    "{network} asked Herald to slow down ({reason}); it goes out again at {} UTC.",
                    until.format(WHEN)
                );
                Verdict::RateLimited {
                    until,
                    reason,
                    notice,
                }
            }
            None => Verdict::Retry {
                at,
                reason,
                http_status: status_of(&error),
            },
        },
        Next::GiveUp => Verdict::Failed {
            kind: kind_of(&error),
            reason,
            http_status: status_of(&error),
            reauth: matches!(error, NetworkError::Unauthorized(_)),
        },
    }
}

/// A 429 that says how long to wait (one without a time is retried with backoff).
fn rate_limited_for(error: &NetworkError) -> Option<chrono::TimeDelta> {
    match error {
        NetworkError::Unavailable {
            status: Some(429),
            retry_after: Some(wait),
            ..
        } => chrono::TimeDelta::from_std(*wait).ok(),
        _ => None,
    }
}

fn kind_of(error: &NetworkError) -> &'static str {
    match error {
        NetworkError::Unauthorized(_) => "unauthorized",
        NetworkError::Rejected { .. } => "rejected",
        NetworkError::Unavailable { .. } => "transient",
        NetworkError::Protocol(_) => "protocol",
    }
}

fn status_of(error: &NetworkError) -> Option<u16> {
    match error {
        NetworkError::Rejected { status, .. } if *status > 0 => Some(*status),
        NetworkError::Unavailable { status, .. } => *status,
        _ => None,
    }
}
