//! Reading a network's answer while a sign-in lists what it can connect: no answer, a 5xx or
//! a 429 is "try again"; another refusal says what the network would not do; the rest is JSON.
use crate::domain::platform::Platform;
use crate::server::oauth::{Problem, TokenError};
use serde::de::DeserializeOwned;

/// `refused`: the words for a refusal, given its HTTP status; `not_json`: for an answer that
/// does not parse.
pub async fn read_json<T: DeserializeOwned>(
    platform: Platform,
    request: reqwest::RequestBuilder,
    refused: impl FnOnce(u16) -> String,
    not_json: String,
) -> Result<T, Problem> {
    let unavailable = |said: String| Problem::Network(platform, TokenError::Unavailable(said));
    let answer = request
        .send()
        .await
        .map_err(|error| unavailable(error.without_url().to_string()))?;
    let status = answer.status();
    if status.is_server_error() || status.as_u16() == 429 {
        return Err(unavailable(format!("HTTP {}", status.as_u16())));
    }
    if !status.is_success() {
        return Err(Problem::NetworkSaidNo(platform, refused(status.as_u16())));
    }
    answer
        .json()
        .await
        .map_err(|_| Problem::Network(platform, TokenError::Protocol(not_json)))
}
