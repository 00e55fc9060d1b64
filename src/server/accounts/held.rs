//! Targets held while their account could not publish (paused, or needing new credentials).
use crate::error::AppError;
use crate::server::state::AppState;
use anyhow::Context;
use uuid::Uuid;

/// Targets held while the account could not publish go back to the queue.
pub async fn release_held(state: &AppState, id: Uuid) -> Result<(), AppError> {
    crate::server::publish::hold::release_account(&state.pool, id)
        .await
        .context("releasing the account's held targets")?;
    Ok(())
}

pub async fn release_held_in(tx: &mut sqlx::PgConnection, id: Uuid) -> Result<usize, AppError> {
    Ok(crate::server::publish::hold::release_account_in(tx, id)
        .await
        .context("releasing the account's held targets")?)
}
