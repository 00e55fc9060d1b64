//! One task: claim the target, send it, record what happened.
use super::engine::Engine;
use super::outcome;
use super::queue::PublishTask;
use crate::server::db::claims::Claimed;
use crate::server::db::targets;
use crate::server::oauth::{self, RefreshError};
use crate::server::platforms::{self, Credentials, NetworkContext, NetworkError, Published};
use anyhow::Context;

/// Errs only when the database fails us; every network outcome is recorded and returns Ok.
#[tracing::instrument(skip_all, fields(target_id = %task.target_id, version = task.version))]
pub async fn run(engine: &Engine, task: PublishTask) -> anyhow::Result<()> {
    // Committed before the network is called: a crash from here on leaves a visible claim.
    let Some(claimed) = engine.claims.submit(task).await? else {
        tracing::debug!("nothing to publish: the task is stale or its target held");
        return Ok(());
    };
    tracing::info!(attempt = claimed.attempt, platform = %claimed.platform, "publishing");
    let result = send(engine, &claimed).await;
    outcome::record(engine, &claimed, result).await
}

/// Calls the network, keeping the claim alive while it works.
async fn send(
    engine: &Engine,
    claimed: &Claimed,
) -> Result<(Published, Credentials), (NetworkError, Option<Credentials>)> {
    let credentials = match claimed.token_expires_at {
        Some(_) => renewed_credentials(engine, claimed)
            .await
            .map_err(|error| (error, None))?,
        None => open_credentials(engine, claimed).map_err(|error| {
            (
                NetworkError::Rejected {
                    status: 0,
                    message: format!("{error:#}"),
                },
                None,
            )
        })?,
    };
    if let Err(refused) = engine.state.outbound.check_all(credentials.user_urls()).await {
        let refused = NetworkError::Rejected {
            status: 0,
            message: refused.to_string(),
        };
        return Err((refused, None));
    }
    let outgoing = super::content::outgoing(&engine.state, claimed)
        .await
        .map_err(|error| {
            (
                NetworkError::Rejected {
                    status: 0,
                    message: format!("{error:#}"),
                },
                None,
            )
        })?;
    let ctx = NetworkContext {
        http: &engine.state.http,
        endpoints: &engine.state.settings.networks,
        sessions: &engine.state.sessions,
    };
    let result = {
        let publish = platforms::network(claimed.platform).publish(&ctx, &credentials, &outgoing);
        tokio::pin!(publish);
        let mut heartbeat = tokio::time::interval(engine.settings.lease() / 4);
        heartbeat.tick().await;
        loop {
            tokio::select! {
                result = &mut publish => break result,
                _ = heartbeat.tick() => {
                    if let Ok(mut conn) = engine.state.pool.acquire().await {
                        let _ = targets::extend_claim(&mut conn, claimed.target_id, &engine.worker).await;
                    }
                }
            }
        }
    };
    match result {
        Ok(published) => Ok((published, credentials)),
        Err(error) => Err((error, Some(credentials))),
    }
}

/// A token that runs out within a minute is renewed first (or taken from the process that
/// just renewed it). A refusal flags the account like any 401; a failure for now is retried
/// later, unless the token in hand still works.
async fn renewed_credentials(engine: &Engine, claimed: &Claimed) -> Result<Credentials, NetworkError> {
    const AHEAD_SECONDS: i64 = 60;
    let still_valid = claimed
        .token_expires_at
        .is_some_and(|at| at > chrono::Utc::now() + chrono::Duration::seconds(5));
    match oauth::fresh_credentials(&engine.state, claimed.account_id, AHEAD_SECONDS).await {
        Ok(credentials) => Ok(credentials),
        Err(RefreshError::Refused(reason)) => Err(NetworkError::Unauthorized(reason)),
        Err(RefreshError::NotNow(_)) if still_valid => {
            open_credentials(engine, claimed).map_err(|error| NetworkError::Rejected {
                status: 0,
                message: format!("{error:#}"),
            })
        }
        Err(RefreshError::NotNow(message)) => Err(NetworkError::Unavailable {
            status: None,
            message,
            retry_after: None,
        }),
        Err(RefreshError::Internal(error)) => Err(NetworkError::Unavailable {
            status: None,
            message: format!("{error:#}"),
            retry_after: None,
        }),
    }
}

fn open_credentials(engine: &Engine, claimed: &Claimed) -> anyhow::Result<Credentials> {
    let plain = engine
        .state
        .cipher
        .open(&claimed.credentials, claimed.account_id.as_bytes())
        .context("the account's credentials cannot be read (was secrets.key changed?)")?;
    Credentials::from_json(&plain)
}
