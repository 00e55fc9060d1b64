//! Per-account rate limits as a sliding window: at most `requests` attempts in any
//! `per_seconds` — which of the targets waiting may go now, and when each of the others may.
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// At most `requests` in any `per_seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimit {
    pub requests: u32,
    pub per_seconds: u64,
}

impl RateLimit {
    pub fn per(&self) -> Duration {
        Duration::from_secs(self.per_seconds.max(1))
    }
}

/// The attempts of one account in the window that ends now.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Window {
    /// How many there are.
    pub used: usize,
    /// The start times of the oldest of them, oldest first (at least as many as are waiting,
    /// when there are that many; fewer only makes the answer more cautious).
    pub oldest: Vec<DateTime<Utc>>,
}

/// Of `waiting` targets, how many may go now; and for each of the others, in order, the
/// instant a slot frees for it (the start that leaves the window by then, plus the window).
pub fn admit(
    limit: RateLimit,
    window: &Window,
    waiting: usize,
    now: DateTime<Utc>,
) -> (usize, Vec<DateTime<Utc>>) {
    let requests = (limit.requests as usize).max(1);
    let now_admitted = requests.saturating_sub(window.used).min(waiting);
    let per = TimeDelta::from_std(limit.per()).unwrap_or(TimeDelta::MAX);
    // The log once these go: the window's starts, then `now_admitted` starts at `now`, then
    // (for later slots) the deferred ones' own starts.
    let logged = window.used + now_admitted;
    let mut later: Vec<DateTime<Utc>> = Vec::with_capacity(waiting - now_admitted);
    for j in 0..waiting - now_admitted {
        // The j-th deferred may go once all but `requests - 1` of the log before it have left.
        let leaving = logged + j - requests;
        let started = if let Some(at) = window.oldest.get(leaving) {
            *at
        } else if leaving < logged {
            // Not fetched, or admitted now: it started no later than now.
            now
        } else {
            later[leaving - logged]
        };
        later.push(
            started
                .checked_add_signed(per)
                .unwrap_or(DateTime::<Utc>::MAX_UTC),
        );
    }
    (now_admitted, later)
}

/// "5 minutes", "24 hours", "1 second": the window as people say it.
pub fn per_in_words(per: Duration) -> String {
    let seconds = per.as_secs().max(1);
    let (count, unit) = if seconds.is_multiple_of(86_400) {
        (seconds / 86_400, "day")
    } else if seconds.is_multiple_of(3_600) {
        (seconds / 3_600, "hour")
    } else if seconds.is_multiple_of(60) {
        (seconds / 60, "minute")
    } else {
        (seconds, "second")
    };
    if count == 1 {
        unit.to_owned()
    } else {
        format!("{count} {unit}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        "2026-11-23T12:00:00Z".parse::<DateTime<Utc>>().unwrap() + TimeDelta::seconds(seconds)
    }

    const THREE_PER_MINUTE: RateLimit = RateLimit {
        requests: 3,
        per_seconds: 60,
    };

    #[test]
    fn an_idle_account_sends_up_to_its_limit_and_the_rest_wait_a_window() {
        let (now, later) = admit(THREE_PER_MINUTE, &Window::default(), 5, at(0));
        assert_eq!(now, 3);
        assert_eq!(later, [at(60), at(60)]);
    }

    #[test]
    fn each_waiting_target_goes_when_an_old_start_leaves_the_window() {
        let window = Window {
            used: 3,
            oldest: vec![at(-50), at(-20), at(-10)],
        };
        let (now, later) = admit(THREE_PER_MINUTE, &window, 4, at(0));
        assert_eq!(now, 0);
        // Slots free at 10, 40 and 50 s; the fourth waits for the first of those to age out.
        assert_eq!(later, [at(10), at(40), at(50), at(70)]);
    }

    #[test]
    fn room_left_in_the_window_is_used_at_once() {
        let window = Window {
            used: 1,
            oldest: vec![at(-30)],
        };
        let (now, later) = admit(THREE_PER_MINUTE, &window, 3, at(0));
        assert_eq!(now, 2);
        assert_eq!(later, [at(30)]);
    }

    #[test]
    fn unknown_starts_are_taken_as_now() {
        let window = Window {
            used: 3,
            oldest: vec![],
        };
        assert_eq!(admit(THREE_PER_MINUTE, &window, 1, at(0)), (0, vec![at(60)]));
    }

    #[test]
    fn windows_read_as_people_say_them() {
        assert_eq!(per_in_words(Duration::from_secs(300)), "5 minutes");
        assert_eq!(per_in_words(Duration::from_secs(86_400)), "day");
        assert_eq!(per_in_words(Duration::from_secs(3_600)), "hour");
        assert_eq!(per_in_words(Duration::from_secs(90)), "90 seconds");
    }
}
