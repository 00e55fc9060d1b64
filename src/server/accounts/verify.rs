use super::held::release_held;
use super::lookup::not_found;
use super::lookup::open_credentials;
use crate::domain::platform::Platform;
use crate::error::AppError;
use crate::server::db::accounts::{self, TestOutcome};
use crate::server::oauth::{self, RefreshError};
use crate::server::platforms::{self, Credentials, NetworkContext, NetworkError, Verified};
use crate::server::state::AppState;
use anyhow::Context;
use uuid::Uuid;

/// Asks the network whether the credentials work.
pub async fn verify(state: &AppState, credentials: &Credentials) -> Result<Verified, NetworkError> {
    state
        .outbound
        .check_all(credentials.user_urls())
        .await
        .map_err(|refused| NetworkError::Rejected {
            status: 0,
            message: refused.to_string(),
        })?;
    let ctx = NetworkContext {
        http: &state.http,
        endpoints: &state.settings.networks,
        sessions: &state.sessions,
    };
    platforms::network(credentials.platform())
        .verify(&ctx, credentials)
        .await
}

/// A sentence for the person connecting the account, with any secret removed.
pub fn explain(platform: Platform, error: &NetworkError, credentials: &Credentials) -> String {
    let network = platform.label();
    let text = match error {
        NetworkError::Unauthorized(reason) => format!("{network} refused the credentials: {reason}"),
        // Refused before anything was sent (see `outbound::Guard`).
        NetworkError::Rejected { status: 0, message } => message.clone(),
        NetworkError::Rejected { status, message } => format!("{network} said no (HTTP {status}): {message}"),
        NetworkError::Unavailable { message, .. } => {
            format!("Could not reach {network} ({message}). Check the address and try again.")
        }
        NetworkError::Protocol(message) => format!("{network} answered something unexpected: {message}"),
    };
    credentials.redact(text)
}

pub struct TestResult {
    pub ok: bool,
    pub message: String,
}

const RENEW_AHEAD_SECONDS: i64 = 60;

/// "Test connection": verifies the stored credentials and records the outcome.
pub async fn test_connection(state: &AppState, workspace_id: Uuid, id: Uuid) -> Result<TestResult, AppError> {
    let account = accounts::find(&state.pool, workspace_id, id)
        .await
        .context("loading the account to test")?
        .ok_or_else(not_found)?;
    // A token about to run out is renewed first, as before a publish. A renewal that fails
    // for now is reported as such: testing an expired token would read as revoked.
    let credentials = match oauth::fresh_credentials(state, id, RENEW_AHEAD_SECONDS).await {
        Ok(credentials) => credentials,
        Err(RefreshError::NotNow(message) | RefreshError::Refused(message)) => {
            return Ok(TestResult { ok: false, message });
        }
        Err(RefreshError::Internal(_)) => open_credentials(state, workspace_id, id).await?,
    };
    let (result, outcome_handle, limits, refused) = match verify(state, &credentials).await {
        Ok(verified) => {
            let message = format!("Connected as {}.", verified.handle);
            let limits = (
                verified.text.max_characters.map(|v| v as i32),
                verified.text.characters_reserved_per_url.map(|v| v as i32),
            );
            (
                TestResult { ok: true, message },
                Some(verified.handle),
                limits,
                false,
            )
        }
        Err(error) => {
            let refused = matches!(error, NetworkError::Unauthorized(_));
            let message = explain(account.platform, &error, &credentials);
            (TestResult { ok: false, message }, None, (None, None), refused)
        }
    };
    accounts::record_test(
        &state.pool,
        workspace_id,
        id,
        TestOutcome {
            ok: result.ok,
            message: &result.message,
            handle: outcome_handle.as_deref(),
            max_characters: limits.0,
            characters_reserved_per_url: limits.1,
        },
        refused,
    )
    .await
    .context("recording the connection test's outcome")?;
    tracing::info!(account_id = %id, ok = result.ok, "connection tested");
    if result.ok {
        release_held(state, id).await?;
    }
    Ok(result)
}
