use std::time::Duration;

/// How a network call failed, sorted by what Herald should do about it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum NetworkError {
    /// The network refused the credentials (401/403, revoked or expired token).
    #[error("the network refused the credentials: {0}")]
    Unauthorized(String),
    /// The request itself was refused (other 4xx): retrying will not help.
    /// Status 0: Herald refused it before sending (a stored secret it cannot open, an
    /// address it may not call).
    #[error("{}", rejected_text(*.status, .message))]
    Rejected { status: u16, message: String },
    /// Timeout, connection failure, 5xx or 429: it may work later.
    #[error("the network is unavailable{}: {message}", status.map(|s| format!(" (HTTP {s})")).unwrap_or_default())]
    Unavailable {
        status: Option<u16>,
        message: String,
        retry_after: Option<Duration>,
    },
    /// The network answered something Herald does not understand.
    #[error("unexpected answer from the network: {0}")]
    Protocol(String),
}

fn rejected_text(status: u16, message: &str) -> String {
    if status == 0 {
        message.to_owned()
    } else {
        format!("the network rejected the request (HTTP {status}): {message}")
    }
}

impl NetworkError {
    /// Worth trying again later.
    pub fn is_transient(&self) -> bool {
        matches!(self, NetworkError::Unavailable { .. })
    }

    pub fn from_transport(error: reqwest::Error) -> Self {
        let what = if error.is_timeout() {
            "no answer in time"
        } else if error.is_connect() {
            "could not connect"
        } else if error.is_decode() {
            return NetworkError::Protocol(without_url(&error));
        } else {
            "the connection failed"
        };
        NetworkError::Unavailable {
            status: None,
            message: what.to_owned(),
            retry_after: None,
        }
    }
}

/// reqwest's messages include the URL, which for webhooks and bot tokens is a secret.
fn without_url(error: &reqwest::Error) -> String {
    let mut message = error.to_string();
    if let Some(url) = error.url() {
        message = message.replace(url.as_str(), "<url>");
    }
    message
}
