//! Finding one of the workspace's accounts, and opening its sealed credentials.
use crate::error::AppError;
use crate::server::db::accounts;
use crate::server::platforms::Credentials;
use crate::server::state::AppState;
use anyhow::Context;
use uuid::Uuid;

/// The decrypted credentials of an account of this workspace.
pub async fn open_credentials(
    state: &AppState,
    workspace_id: Uuid,
    id: Uuid,
) -> Result<Credentials, AppError> {
    let sealed = accounts::sealed_credentials(&state.pool, workspace_id, id)
        .await
        .context("loading the account's sealed credentials")?
        .ok_or_else(not_found)?;
    let plain = state
        .cipher
        .open(&sealed, id.as_bytes())
        .context("unsealing the account's credentials")?;
    Ok(Credentials::from_json(&plain).context("decoding the account's credentials")?)
}

pub fn not_found() -> AppError {
    AppError::NotFound("There is no such account in this workspace.".into())
}
