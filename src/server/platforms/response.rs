//! Turning HTTP answers into results, the same way for every network.
use super::NetworkError;
use serde::de::DeserializeOwned;
use std::time::Duration;

/// Longest error text kept from a network's answer.
const MAX_ERROR_TEXT: usize = 300;

/// Sends a request and sorts the answer: success as `T`, failures into `NetworkError`.
pub async fn json<T: DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<T, NetworkError> {
    let response = success(request).await?;
    // reqwest's message names the URL, which for webhooks and bot tokens is the secret.
    response
        .json::<T>()
        .await
        .map_err(|e| NetworkError::Protocol(format!("could not read the answer: {}", e.without_url())))
}

/// Sends a request; a 2xx answer is returned as is, anything else becomes a `NetworkError`.
pub async fn success(request: reqwest::RequestBuilder) -> Result<reqwest::Response, NetworkError> {
    let response = request.send().await.map_err(NetworkError::from_transport)?;
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let retry_after = retry_after(&response);
    let body = response.text().await.unwrap_or_default();
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

fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    response
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
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
}
