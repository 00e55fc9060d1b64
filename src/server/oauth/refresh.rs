//! Renewing an access token before it runs out. One refresh at a time per account across all
//! processes (an advisory lock held by the transaction), and the rotated refresh token is
//! stored in the same transaction as the new access token: two workers never spend the same
//! refresh token, and a crash never loses the new one.
use super::network_app;
use super::refresh_context;
use super::tokens::TokenError;
use crate::server::db::tokens;
use crate::server::platforms::Credentials;
use crate::server::state::AppState;
use anyhow::Context;
use chrono::{DateTime, Utc};
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    /// Revoked, or the grant is gone: the account now needs a person to sign in again.
    #[error("{0}")]
    Refused(String),
    /// Timeout, 5xx, 429, or no app to refresh with: the account stays connected.
    #[error("{0}")]
    NotNow(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Credentials good for at least `ahead` more seconds, refreshing them if needed. Waits
/// while another process refreshes the same account, then uses what it stored.
pub async fn fresh_credentials(
    state: &AppState,
    account_id: Uuid,
    ahead_seconds: i64,
) -> Result<Credentials, RefreshError> {
    let mut tx = state.pool.begin().await.context("starting the token refresh")?;
    let held = tokens::lock(&mut tx, account_id)
        .await
        .context("locking the account for its token refresh")?
        .ok_or_else(|| anyhow::anyhow!("the account was removed"))?;
    let current = open(state, account_id, &held.credentials)?;
    let due = |at: DateTime<Utc>| at <= Utc::now() + chrono::Duration::seconds(ahead_seconds);
    let (Some(sealed_refresh), Some(expires_at)) = (&held.refresh_token, held.expires_at) else {
        return Ok(current);
    };
    if !due(expires_at) {
        return Ok(current);
    }
    if held.needs_reauth {
        return Err(RefreshError::Refused(
            "the account needs to be connected again".into(),
        ));
    }
    let refresh_token = state
        .cipher
        .open(sealed_refresh, &refresh_context(account_id))
        .context("opening the account's refresh token")?;
    let refresh_token = String::from_utf8_lossy(&refresh_token).into_owned();
    let provider = network_app::provider(state, held.platform)
        .await
        .map_err(|problem| RefreshError::NotNow(problem.to_string()))?;
    let redirect_uri = super::redirect_uri(state);
    let network = held.platform.label();
    match provider.refresh(&state.http, &redirect_uri, &refresh_token).await {
        Ok(renewed) => {
            let credentials = current
                .with_access_token(renewed.access_token.clone())
                .ok_or_else(|| anyhow::anyhow!("{network} credentials carry no access token"))?;
            let sealed = state.cipher.seal(&credentials.to_json(), account_id.as_bytes());
            let rotated = renewed
                .refresh_token
                .as_ref()
                .map(|token| state.cipher.seal(token.as_bytes(), &refresh_context(account_id)));
            let expires_at = renewed
                .expires_in
                .and_then(|after| chrono::Duration::from_std(after).ok())
                .map(|after| Utc::now() + after);
            tokens::store(&mut tx, account_id, &sealed, rotated.as_deref(), expires_at)
                .await
                .context("storing the renewed token")?;
            tx.commit().await.context("committing the renewed token")?;
            tracing::info!(%account_id, rotated = rotated.is_some(), "access token renewed");
            Ok(credentials)
        }
        Err(TokenError::Refused { code, description }) => {
            let said = description.map(|d| format!(": {d}")).unwrap_or_default();
            let reason =
                format!("{network} no longer accepts Herald's access ({code}{said}). Reconnect the account.");
            tokens::refused(&mut tx, account_id, &reason)
                .await
                .context("recording the refused refresh")?;
            tx.commit().await.context("committing the refused refresh")?;
            tracing::warn!(%account_id, code, "refresh refused; the account needs a new sign-in");
            Err(RefreshError::Refused(reason))
        }
        Err(error) => {
            let message = format!("Could not renew the token ({error}); Herald tries again shortly.");
            tokens::record_error(&mut tx, account_id, &message)
                .await
                .context("recording the failed refresh")?;
            tx.commit().await.context("committing the failed refresh")?;
            tracing::warn!(%account_id, error = %error, "refresh failed for now");
            Err(RefreshError::NotNow(message))
        }
    }
}

fn open(state: &AppState, account_id: Uuid, sealed: &[u8]) -> anyhow::Result<Credentials> {
    let plain = state
        .cipher
        .open(sealed, account_id.as_bytes())
        .context("the account's credentials cannot be read (was secrets.key changed?)")?;
    Credentials::from_json(&plain)
}

/// Renews every connected token that runs out within the configured margin.
pub async fn renew_expiring(state: &AppState) -> anyhow::Result<usize> {
    let ahead = state.settings.oauth.refresh_ahead_seconds;
    let due = tokens::expiring_within(&state.pool, ahead)
        .await
        .context("finding tokens that run out soon")?;
    let mut renewed = 0;
    for account_id in due {
        match fresh_credentials(state, account_id, ahead).await {
            Ok(_) => renewed += 1,
            Err(RefreshError::Internal(error)) => {
                tracing::error!(%account_id, error = format!("{error:#}"), "could not renew a token");
            }
            Err(_) => {}
        }
    }
    Ok(renewed)
}

/// The worker's loop: look for tokens to renew every `refresh_every_seconds`.
pub async fn renew_every(state: AppState) {
    let every = std::time::Duration::from_secs(state.settings.oauth.refresh_every_seconds.max(1));
    let mut interval = tokio::time::interval(every);
    loop {
        interval.tick().await;
        if let Err(error) = renew_expiring(&state).await {
            tracing::warn!(error = format!("{error:#}"), "token renewal round failed");
        }
    }
}
