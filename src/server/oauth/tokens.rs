//! What a token endpoint hands out, and why a call to one failed.
use std::time::Duration;

/// What a token endpoint handed out.
#[derive(Clone)]
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub expires_in: Option<Duration>,
    pub scopes: Option<Vec<String>>,
    /// Who signed in, where the token endpoint says (Threads).
    pub subject: Option<String>,
}

/// Why a token endpoint call failed, sorted by what to do about it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TokenError {
    /// A real refusal (`invalid_grant`, `invalid_client` …): the person must sign in again.
    #[error("{}", refused_text(.code, .description.as_deref()))]
    Refused {
        code: String,
        description: Option<String>,
    },
    /// Timeout, connection failure, 5xx or 429: try again later.
    #[error("{0}")]
    Unavailable(String),
    /// An answer that is not OAuth.
    #[error("{0}")]
    Protocol(String),
}

fn refused_text(code: &str, description: Option<&str>) -> String {
    match description {
        Some(description) if !description.trim().is_empty() => format!("{code}: {description}"),
        _ => code.to_owned(),
    }
}
