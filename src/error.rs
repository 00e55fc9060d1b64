use crate::domain::workflow::Refusal;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

/// The error every server function returns. The message is written for the person using the
/// page; causes of `Internal` errors are logged on the server and never sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", content = "message", rename_all = "snake_case")]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Unauthenticated(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    TooManyRequests(String),
    /// Herald is overloaded for a moment; trying again soon works.
    #[error("{0}")]
    Unavailable(String),
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    #[error("Could not reach Herald ({0}). Check your connection and try again.")]
    Transport(String),
}

impl AppError {
    pub fn bad_request(message: impl ToString) -> Self {
        Self::BadRequest(message.to_string())
    }

    /// HTTP status for this error; applied by a layer on the server-function routes.
    pub fn status(&self) -> u16 {
        match self {
            Self::BadRequest(_) => 400,
            Self::Unauthenticated(_) => 401,
            Self::Forbidden(_) => 403,
            Self::NotFound(_) => 404,
            Self::Conflict(_) => 409,
            Self::TooManyRequests(_) => 429,
            Self::Unavailable(_) => 503,
            Self::Internal => 500,
            Self::Transport(_) => 502,
        }
    }

    /// Logs the whole cause chain on the server and returns the opaque `Internal` error.
    #[cfg(feature = "ssr")]
    pub fn unexpected(cause: impl Into<anyhow::Error>) -> Self {
        let cause = cause.into();
        tracing::error!(error = format!("{cause:#}"), "unexpected error");
        Self::Internal
    }
}

/// A refused workflow step as the error its person sees.
impl From<Refusal> for AppError {
    fn from(refusal: Refusal) -> Self {
        let message = refusal.to_string();
        match refusal {
            Refusal::NoteRequired => Self::BadRequest(message),
            r if r.is_forbidden() => Self::Forbidden(message),
            _ => Self::Conflict(message),
        }
    }
}

/// A service's error with its context (`.context("recording the image")`) becomes `Internal`
/// at the edge, its whole chain logged once.
#[cfg(feature = "ssr")]
impl From<anyhow::Error> for AppError {
    fn from(cause: anyhow::Error) -> Self {
        Self::unexpected(cause)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(message) | ServerFnErrorErr::MissingArg(message) => Self::BadRequest(
                format!("The form was incomplete or malformed: {}", clip(&message)),
            ),
            ServerFnErrorErr::UnsupportedRequestMethod(message) => Self::BadRequest(message),
            // On the server this is a request body that could not be read (not UTF-8, cut off,
            // too big): the sender's fault, not ours.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(message) => {
                Self::BadRequest(format!("The request could not be read: {}", clip(&message)))
            }
            ServerFnErrorErr::Request(message) | ServerFnErrorErr::Response(message) => {
                Self::Transport(message)
            }
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failed");
                let _ = other;
                Self::Internal
            }
        }
    }
}

/// Decoder messages quote the input (`unknown variant "…"`): a huge value made the error
/// bigger than the status layer reads, which turned a 400 into an empty 500.
fn clip(message: &str) -> String {
    const MAX_CHARS: usize = 300;
    match message.char_indices().nth(MAX_CHARS) {
        Some((end, _)) => format!("{}…", &message[..end]),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_kind_and_message() {
        let json = serde_json::to_string(&AppError::Forbidden("no".into())).unwrap();
        assert_eq!(json, r#"{"kind":"forbidden","message":"no"}"#);
        let back: AppError = serde_json::from_str(&json).unwrap();
        assert_eq!(back.status(), 403);
        let internal = serde_json::to_string(&AppError::Internal).unwrap();
        assert_eq!(internal, r#"{"kind":"internal"}"#);
    }

    #[test]
    fn malformed_arguments_are_a_bad_request() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Args("email".into()));
        assert_eq!(error.status(), 400);
    }

    #[test]
    fn a_huge_malformed_value_is_not_echoed_whole() {
        let quoted = format!("unknown variant `{}`", "🧨".repeat(20_000));
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Args(quoted));
        assert!(error.to_string().chars().count() < 400, "{error}");
    }

    #[test]
    fn an_unreadable_request_body_is_a_bad_request() {
        let error = AppError::from_server_fn_error(ServerFnErrorErr::Deserialization(
            "invalid utf-8 sequence".into(),
        ));
        assert_eq!(error.status(), 400);
        assert!(error.to_string().contains("could not be read"), "{error}");
    }
}
