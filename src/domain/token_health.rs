//! How an account's access token is doing, in words for the Accounts page.
use chrono::{DateTime, Utc};

/// "in 1 h 52 min", "in 3 days", "2 min ago": coarse, as people read them.
pub fn relative(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = (at - now).num_seconds();
    let span = seconds.unsigned_abs();
    let words = if span < 60 {
        "less than a minute".to_owned()
    } else if span < 3600 {
        format!("{} min", span / 60)
    } else if span < 48 * 3600 {
        let (hours, minutes) = (span / 3600, span % 3600 / 60);
        if minutes == 0 {
            format!("{hours} h")
        } else {
            format!("{hours} h {minutes} min")
        }
    } else {
        format!("{} days", span / 86_400)
    };
    if seconds >= 0 {
        format!("in {words}")
    } else {
        format!("{words} ago")
    }
}

/// One line: when the token runs out, who acts on it, and when it was last renewed.
pub fn summary(
    expires_at: Option<DateTime<Utc>>,
    renews_itself: bool,
    refreshed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> String {
    let expiry = match (expires_at, renews_itself) {
        (Some(at), true) if at > now => format!(
            "Token expires {}; Herald renews it before then.",
            relative(at, now)
        ),
        (Some(at), true) => format!(
            "Token expired {}; Herald renews it before the next post.",
            relative(at, now)
        ),
        // The network hands out no refresh token (LinkedIn, for most apps).
        (Some(at), false) if at > now => {
            format!("Token expires {}; reconnect before then.", relative(at, now))
        }
        (Some(at), false) => format!("Token expired {}; reconnect the account.", relative(at, now)),
        (None, _) => "Token does not expire.".to_owned(),
    };
    match refreshed_at {
        Some(at) => format!("{expiry} Last renewed {}.", relative(at, now)),
        None => expiry,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn reads_like_a_person_would_say_it() {
        let now = Utc.with_ymd_and_hms(2026, 12, 7, 12, 0, 0).unwrap();
        let later = |s: i64| now + chrono::Duration::seconds(s);
        assert_eq!(relative(later(30), now), "in less than a minute");
        assert_eq!(relative(later(6720), now), "in 1 h 52 min");
        assert_eq!(relative(later(7200), now), "in 2 h");
        assert_eq!(relative(later(-180), now), "3 min ago");
        assert_eq!(relative(later(5 * 86_400), now), "in 5 days");
        assert_eq!(
            summary(Some(later(3600)), true, Some(later(-120)), now),
            "Token expires in 1 h; Herald renews it before then. Last renewed 2 min ago."
        );
        assert_eq!(
            summary(Some(later(59 * 86_400)), false, None, now),
            "Token expires in 59 days; reconnect before then."
        );
        assert_eq!(summary(None, false, None, now), "Token does not expire.");
    }
}
