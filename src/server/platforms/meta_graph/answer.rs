//! Reading a Graph API's answer: Meta answers most failures, a dead token included, with
//! HTTP 400 and `{"error":{"code":…}}`, so the code decides what kind of failure it is.
use crate::server::platforms::{NetworkError, body, response};
use serde::Deserialize;
use serde::de::DeserializeOwned;

#[derive(Deserialize)]
struct GraphErrorBody {
    error: GraphError,
}

#[derive(Deserialize)]
struct GraphError {
    message: Option<String>,
    error_user_msg: Option<String>,
    code: Option<i64>,
    #[serde(default)]
    is_transient: bool,
}

/// Like `response::json`, with Meta's error codes. `token` is scrubbed from the message in case
/// Meta quotes it.
pub async fn read<T: DeserializeOwned>(
    request: reqwest::RequestBuilder,
    token: &str,
) -> Result<T, NetworkError> {
    let answer = request.send().await.map_err(NetworkError::from_transport)?;
    let status = answer.status();
    if status.is_success() {
        return body::json(answer).await.map_err(|error| match error {
            NetworkError::Protocol(message) => NetworkError::Protocol(message.replace(char::is_control, " ")),
            other => other,
        });
    }
    let retry_after = response::wait_asked(&answer);
    let body = body::error_text(answer).await;
    let Ok(GraphErrorBody { error }) = serde_json::from_str(&body) else {
        return Err(response::classify(status.as_u16(), &body, retry_after));
    };
    let message = readable(&error.error_user_msg.or(error.message).unwrap_or_default(), token);
    // Codes from Meta's "Handling Errors" guide.
    let refused = matches!(error.code, Some(10 | 102 | 190 | 200..=299));
    let temporary =
        matches!(error.code, Some(1 | 2 | 4 | 17 | 32 | 341 | 613 | 80001..=80014)) || error.is_transient;
    Err(if refused {
        NetworkError::Unauthorized(message)
    } else if temporary {
        NetworkError::Unavailable {
            status: Some(status.as_u16()),
            message,
            retry_after,
        }
    } else {
        response::classify(status.as_u16(), &message, retry_after)
    })
}

/// Meta's text, without the token, control characters or excess length.
pub fn readable(text: &str, token: &str) -> String {
    let text = if token.is_empty() {
        text.to_owned()
    } else {
        text.replace(token, "[redacted]")
    };
    let text: String = text.chars().filter(|c| !c.is_control()).take(300).collect();
    if text.trim().is_empty() {
        "no details given".to_owned()
    } else {
        text
    }
}
