//! Reading X's answers: like `response::json`, plus X's 403 for duplicates.
use crate::server::platforms::{NetworkError, body, response};
use serde::de::DeserializeOwned;

pub async fn json<T: DeserializeOwned>(request: reqwest::RequestBuilder) -> Result<T, NetworkError> {
    let answer = request.send().await.map_err(NetworkError::from_transport)?;
    let status = answer.status().as_u16();
    if answer.status().is_success() {
        return body::json(answer).await;
    }
    let wait = response::wait_asked(&answer);
    let body = body::error_text(answer).await;
    Err(match response::classify(status, &body, wait) {
        // X refuses a repeated text with 403: a problem with the post, not the token.
        NetworkError::Unauthorized(message) if status == 403 && message.contains("duplicate content") => {
            NetworkError::Rejected { status, message }
        }
        other => other,
    })
}
