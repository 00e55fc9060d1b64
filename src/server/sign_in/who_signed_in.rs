//! Asking a network who signed in, where the token does not say.
use crate::domain::platform::Platform;
use crate::server::oauth::{Problem, TokenError};
use crate::server::state::AppState;

#[derive(serde::Deserialize)]
pub struct Person {
    pub sub: String,
    pub name: Option<String>,
}

/// Who signed in to LinkedIn (OpenID Connect's userinfo).
pub async fn linkedin_person(state: &AppState, access_token: &str) -> Result<Person, Problem> {
    let api = &state.settings.networks.linkedin_api;
    let answer = state
        .http
        .get(format!("{api}/v2/userinfo"))
        .bearer_auth(access_token)
        .send()
        .await
        .map_err(|error| {
            Problem::Network(
                Platform::LinkedIn,
                TokenError::Unavailable(error.without_url().to_string()),
            )
        })?;
    if !answer.status().is_success() {
        let status = answer.status().as_u16();
        return Err(Problem::NetworkSaidNo(
            Platform::LinkedIn,
            format!(
                "it would not say who signed in (HTTP {status}); the app may lack the openid and profile scopes"
            ),
        ));
    }
    let person: Person = answer.json().await.map_err(|_| {
        Problem::Network(
            Platform::LinkedIn,
            TokenError::Protocol("userinfo is not JSON".into()),
        )
    })?;
    Ok(person)
}
