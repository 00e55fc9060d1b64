//! Turning HTTP answers into results, the same way for every network.
use super::{NetworkError, body};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use std::time::Duration;

/// Longest error text kept from a network's answer.
const MAX_ERROR_TEXT: usize = 300;

/// Sends a request and sorts the answer: success as `T`, failures into `NetworkError`.
pub async fn json<T: DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<T, NetworkError> {
    body::json(success(request).await?).await
}

/// Sends a request; a 2xx answer is returned as is, anything else becomes a `NetworkError`.
pub async fn success(request: reqwest::RequestBuilder) -> Result<reqwest::Response, NetworkError> {
    let response = request.send().await.map_err(NetworkError::from_transport)?;
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let retry_after = wait_asked(&response);
    let body = body::error_text(response).await;
    Err(classify(status.as_u16(), &body, retry_after))
}

pub fn classify(status: u16, body: &str, retry_after: Option<Duration>) -> NetworkError {
    let message = error_text(body);
    match status {
        401 | 403 => NetworkError::Unauthorized(message),
        408 | 425 | 429 | 500..=599 => NetworkError::Unavailable {
            status: Some(status),
            message,
            retry_after,
        },
        _ => NetworkError::Rejected { status, message },
    }
}

/// The human part of an error answer: a JSON `error`/`message`/`error_description`/`detail`
/// field when there is one, else the start of the body.
fn error_text(body: &str) -> String {
    let parsed: Option<serde_json::Value> = serde_json::from_str(body).ok();
    let field = parsed.as_ref().and_then(|json| {
        [
            "error_description",
            "message",
            "detail",
            "error",
            "description",
            "title",
        ]
        .iter()
        .find_map(|key| json.get(key).and_then(|v| v.as_str().map(str::to_owned)))
    });
    let text = field.unwrap_or_else(|| body.trim().to_owned());
    let text: String = text
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_ERROR_TEXT)
        .collect();
    if text.is_empty() {
        "no details given".to_owned()
    } else {
        text
    }
}

/// How long the network asks us to wait: `Retry-After` (seconds or an HTTP date), else, on a
/// 429, when its rate-limit window resets: `X-RateLimit-Reset` (Mastodon, an ISO 8601 time),
/// `RateLimit-Reset` (Bluesky, Unix seconds), `x-rate-limit-reset` (X, Unix seconds). Every
/// adapter reads the wait here; some add a wait given in the body.
pub fn wait_asked(response: &reqwest::Response) -> Option<Duration> {
    let header = |name: &str| response.headers().get(name)?.to_str().ok();
    let now = Utc::now();
    if let Some(wait) = header("retry-after").and_then(|value| wait_from(value, now)) {
        return Some(wait);
    }
    if response.status() != reqwest::StatusCode::TOO_MANY_REQUESTS {
        return None;
    }
    ["x-ratelimit-reset", "ratelimit-reset", "x-rate-limit-reset"]
        .into_iter()
        .find_map(|name| header(name).and_then(|value| wait_from(value, now)))
}

/// A header's wait from `now`: seconds, a Unix time, an HTTP date or an RFC 3339 time.
fn wait_from(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(number) = value.parse::<f64>() {
        if !number.is_finite() || number < 0.0 {
            return None;
        }
        // Nobody asks for a wait of 30 years: a number that large is a Unix time.
        let seconds = if number > 1e9 {
            number - now.timestamp() as f64
        } else {
            number
        };
        // An absurd number (1e300) is no wait at all: ignore it rather than overflow.
        return Duration::try_from_secs_f64(seconds.max(0.0)).ok();
    }
    let at = DateTime::parse_from_rfc2822(value)
        .or_else(|_| DateTime::parse_from_rfc3339(value))
        .ok()?;
    Some((at.with_timezone(&Utc) - now).to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_statuses() {
        assert!(matches!(classify(401, "", None), NetworkError::Unauthorized(_)));
        assert!(matches!(classify(403, "", None), NetworkError::Unauthorized(_)));
        assert!(classify(503, "", None).is_transient());
        assert!(classify(429, "", Some(Duration::from_secs(30))).is_transient());
        assert!(matches!(
            classify(422, "", None),
            NetworkError::Rejected { status: 422, .. }
        ));
    }

    #[test]
    fn keeps_the_readable_part_of_an_error() {
        let error = classify(422, r#"{"error":"Validation failed: Text is too long"}"#, None);
        assert_eq!(
            error.to_string(),
            "the network rejected the request (HTTP 422): Validation failed: Text is too long"
        );
        let long = "x".repeat(1000);
        let NetworkError::Rejected { message, .. } = classify(400, &long, None) else {
            panic!()
        };
        assert_eq!(message.len(), MAX_ERROR_TEXT);
    }

    #[test]
    fn reads_every_way_networks_say_how_long_to_wait() {
        let now: DateTime<Utc> = "2026-11-23T12:00:00Z".parse().unwrap();
        let secs = |value: &str| wait_from(value, now).map(|wait| wait.as_secs_f64());
        assert_eq!(secs("120"), Some(120.0));
        assert_eq!(secs(" 0.5 "), Some(0.5));
        // HTTP date (Retry-After), ISO 8601 (Mastodon), Unix seconds (Bluesky, X).
        assert_eq!(secs("Mon, 23 Nov 2026 12:01:30 GMT"), Some(90.0));
        assert_eq!(secs("2026-11-23T12:05:00.000000Z"), Some(300.0));
        assert_eq!(secs(&(now.timestamp() + 42).to_string()), Some(42.0));
        // Already past: no wait. Nonsense: no answer.
        assert_eq!(secs("2026-11-23T11:00:00Z"), Some(0.0));
        assert_eq!(secs("soon"), None);
        assert_eq!(secs("-5"), None);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(5_000))]

            #[test]
            fn any_wait_header_is_read_or_ignored(value in ".{0,40}|[0-9eE.+-]{1,30}") {
                if let Some(wait) = wait_from(&value, Utc::now()) {
                    prop_assert!(wait < Duration::from_secs(u64::MAX / 2));
                }
            }

            #[test]
            fn seconds_are_read_as_seconds(seconds in 0u64..1_000_000_000) {
                prop_assert_eq!(wait_from(&seconds.to_string(), Utc::now()), Some(Duration::from_secs(seconds)));
            }

            #[test]
            fn any_error_body_gives_a_short_printable_reason(status in 400u16..600, body in ".{0,2000}") {
                let message = match classify(status, &body, None) {
                    NetworkError::Unauthorized(m) | NetworkError::Protocol(m) => m,
                    NetworkError::Rejected { message, .. } | NetworkError::Unavailable { message, .. } => message,
                };
                prop_assert!(!message.is_empty());
                prop_assert!(message.chars().count() <= MAX_ERROR_TEXT);
                prop_assert!(!message.chars().any(char::is_control));
            }
        }

        #[test]
        fn an_absurd_wait_is_ignored_not_a_panic() {
            assert_eq!(wait_from("1e300", Utc::now()), None);
        }
    }
}
