//! Reading X's answers: like `response::json`, plus X's own rate-limit header and its 403 for
//! duplicates.
use crate::server::platforms::{NetworkError, body, response};
use reqwest::header::{HeaderMap, RETRY_AFTER};
use serde::de::DeserializeOwned;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub async fn json<T: DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<T, NetworkError> {
    let answer = request.send().await.map_err(NetworkError::from_transport)?;
    let status = answer.status().as_u16();
    if answer.status().is_success() {
        return body::json(answer).await;
    }
    let wait = if status == 429 {
        retry_after(answer.headers(), SystemTime::now())
    } else {
        None
    };
    let body = body::error_text(answer).await;
    Err(match response::classify(status, &body, wait) {
        // X refuses a repeated text with 403: a problem with the post, not the token.
        NetworkError::Unauthorized(message) if status == 403 && message.contains("duplicate content") => {
            NetworkError::Rejected { status, message }
        }
        other => other,
    })
}

/// Retry-After when given, else the end of the window from `x-rate-limit-reset`, which X
/// sends as epoch seconds.
fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let number = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<u64>().ok();
    if let Some(seconds) = number(RETRY_AFTER.as_str()) {
        return Some(Duration::from_secs(seconds));
    }
    let reset = number("x-rate-limit-reset")?;
    let now = now.duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(reset.saturating_sub(now).max(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn the_wait_comes_from_either_header() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let both = headers(&[("retry-after", "120"), ("x-rate-limit-reset", "1700000900")]);
        assert_eq!(retry_after(&both, now), Some(Duration::from_secs(120)));
        let reset = headers(&[("x-rate-limit-reset", "1700000300")]);
        assert_eq!(retry_after(&reset, now), Some(Duration::from_secs(300)));
        let past = headers(&[("x-rate-limit-reset", "1699999999")]);
        assert_eq!(retry_after(&past, now), Some(Duration::from_secs(1)));
        assert_eq!(retry_after(&headers(&[]), now), None);
    }
}
