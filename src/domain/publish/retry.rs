//! What to do after a failed attempt: wait and retry (exponential backoff with jitter,
//! honouring Retry-After), or give up.
use chrono::{DateTime, TimeDelta, Utc};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Wait before retry n (1-based); one retry per entry, then the target fails.
    pub delays: Vec<Duration>,
    /// Each wait is spread by up to this fraction either way, so retries do not stampede.
    pub jitter: f64,
    /// The longest Retry-After honoured; a network asking for more is treated as down.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            delays: [30, 120, 480, 1800].map(Duration::from_secs).to_vec(),
            jitter: 0.2,
            max_retry_after: Duration::from_secs(6 * 3600),
        }
    }
}

/// How an attempt failed, as far as retrying is concerned.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    Transient { retry_after: Option<Duration> },
    Permanent,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    RetryAt(DateTime<Utc>),
    GiveUp,
}

/// `attempt` is the 1-based number of the attempt that just failed; `spread` is a random
/// number in [-1, 1] (the caller's, so this stays pure and testable).
pub fn after_failure(
    policy: &RetryPolicy,
    attempt: u32,
    failure: &Failure,
    now: DateTime<Utc>,
    spread: f64,
) -> Next {
    let Failure::Transient { retry_after } = failure else {
        return Next::GiveUp;
    };
    let Some(base) = policy.delays.get(attempt.saturating_sub(1) as usize) else {
        return Next::GiveUp;
    };
    if retry_after.is_some_and(|asked| asked > policy.max_retry_after) {
        return Next::GiveUp;
    }
    let factor = 1.0 + policy.jitter.clamp(0.0, 1.0) * spread.clamp(-1.0, 1.0);
    let jittered = base.mul_f64(factor);
    // Never earlier than the network asked.
    let wait = retry_after.map_or(jittered, |asked| jittered.max(asked));
    let wait = TimeDelta::from_std(wait).unwrap_or(TimeDelta::MAX);
    Next::RetryAt(now.checked_add_signed(wait).unwrap_or(DateTime::<Utc>::MAX_UTC))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-11-23T12:00:00Z".parse().unwrap()
    }

    fn retry_in(next: Next) -> i64 {
        match next {
            Next::RetryAt(at) => (at - now()).num_seconds(),
            Next::GiveUp => panic!("gave up"),
        }
    }

    const TRANSIENT: Failure = Failure::Transient { retry_after: None };

    #[test]
    fn the_default_waits_are_30s_2m_8m_30m_then_failure() {
        let policy = RetryPolicy::default();
        let waits: Vec<i64> = (1..=4)
            .map(|attempt| retry_in(after_failure(&policy, attempt, &TRANSIENT, now(), 0.0)))
            .collect();
        assert_eq!(waits, [30, 120, 480, 1800]);
        assert_eq!(after_failure(&policy, 5, &TRANSIENT, now(), 0.0), Next::GiveUp);
    }

    #[test]
    fn jitter_spreads_within_its_fraction() {
        let policy = RetryPolicy::default();
        assert_eq!(retry_in(after_failure(&policy, 1, &TRANSIENT, now(), 1.0)), 36);
        assert_eq!(retry_in(after_failure(&policy, 1, &TRANSIENT, now(), -1.0)), 24);
        // Out-of-range randomness is clamped, never a negative wait.
        assert_eq!(retry_in(after_failure(&policy, 1, &TRANSIENT, now(), -9.0)), 24);
    }

    #[test]
    fn retry_after_is_a_floor_and_an_absurd_one_gives_up() {
        let policy = RetryPolicy::default();
        let asked = |secs| Failure::Transient {
            retry_after: Some(Duration::from_secs(secs)),
        };
        assert_eq!(retry_in(after_failure(&policy, 1, &asked(90), now(), 0.0)), 90);
        assert_eq!(retry_in(after_failure(&policy, 1, &asked(5), now(), 0.0)), 30);
        assert_eq!(
            after_failure(&policy, 1, &asked(7 * 3600), now(), 0.0),
            Next::GiveUp
        );
    }

    #[test]
    fn permanent_failures_never_retry() {
        let policy = RetryPolicy::default();
        assert_eq!(
            after_failure(&policy, 1, &Failure::Permanent, now(), 0.0),
            Next::GiveUp
        );
    }
}
