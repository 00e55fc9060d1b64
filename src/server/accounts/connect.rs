use super::held::release_held_in;
use super::lookup::not_found;
use super::verify::{explain, verify};
use crate::domain::account::Colour;
use crate::domain::names::parse_name;
use crate::domain::platform::Platform;
use crate::error::AppError;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::accounts::{self, NewAccount, NewCredentials};
use crate::server::platforms::Credentials;
use crate::server::state::AppState;
use anyhow::Context;
use std::collections::HashMap;
use uuid::Uuid;

pub struct ConnectForm {
    pub platform: Platform,
    pub display_name: String,
    pub colour: String,
    pub fields: HashMap<String, String>,
}

/// Connects an account: checks the credentials with the network first, so nothing that
/// does not work is saved, then stores them sealed.
#[tracing::instrument(skip_all, fields(workspace_id = %member.workspace_id, platform = %form.platform))]
pub async fn connect(state: &AppState, member: &Member, form: ConnectForm) -> Result<Uuid, AppError> {
    let colour = Colour::parse(&form.colour).map_err(AppError::bad_request)?;
    let credentials = Credentials::from_form(form.platform, &form.fields).map_err(AppError::bad_request)?;
    let verified = verify(state, &credentials)
        .await
        .map_err(|error| AppError::bad_request(explain(form.platform, &error, &credentials)))?;
    let display_name = if form.display_name.trim().is_empty() {
        verified
            .display_name
            .clone()
            .unwrap_or_else(|| verified.handle.clone())
    } else {
        parse_name(&form.display_name, "a display name").map_err(AppError::bad_request)?
    };
    let id = Uuid::new_v4();
    let sealed = state.cipher.seal(&credentials.to_json(), id.as_bytes());
    let address = credentials.public_address();
    let mut tx = state
        .pool
        .begin()
        .await
        .context("starting the account connection")?;
    accounts::insert(
        &mut *tx,
        NewAccount {
            id,
            workspace_id: member.workspace_id,
            platform: form.platform,
            display_name: &display_name,
            handle: &verified.handle,
            instance_url: address.as_deref(),
            colour: colour.as_str(),
            sealed_credentials: &sealed,
            max_characters: verified.text.max_characters.map(|v| v as i32),
            characters_reserved_per_url: verified.text.characters_reserved_per_url.map(|v| v as i32),
            created_by: member.user_id,
        },
    )
    .await
    .context("saving the connected account")?;
    audit::by_member(
        &mut *tx,
        member,
        "account.connected",
        "account",
        Some(id.to_string()),
        format!("Connected {} ({})", display_name, form.platform.label()),
        serde_json::json!({"platform": form.platform, "handle": verified.handle}),
    )
    .await
    .context("recording the connected account in the audit log")?;
    tx.commit().await.context("committing the connected account")?;
    tracing::info!(account_id = %id, "account connected");
    Ok(id)
}

/// New credentials for an existing account (after "needs re-authentication").
pub async fn reconnect(
    state: &AppState,
    member: &Member,
    id: Uuid,
    fields: &HashMap<String, String>,
) -> Result<(), AppError> {
    let account = accounts::find(&state.pool, member.workspace_id, id)
        .await
        .context("loading the account to reconnect")?
        .ok_or_else(not_found)?;
    let credentials = Credentials::from_form(account.platform, fields).map_err(AppError::bad_request)?;
    let verified = verify(state, &credentials)
        .await
        .map_err(|error| AppError::bad_request(explain(account.platform, &error, &credentials)))?;
    let sealed = state.cipher.seal(&credentials.to_json(), id.as_bytes());
    let address = credentials.public_address();
    // New credentials, their held targets queued again and the record of it: all or nothing.
    let mut tx = state.pool.begin().await.context("starting the reconnection")?;
    let replaced = accounts::replace_credentials(
        &mut *tx,
        member.workspace_id,
        id,
        NewCredentials {
            sealed: &sealed,
            handle: &verified.handle,
            instance_url: address.as_deref(),
            max_characters: verified.text.max_characters.map(|v| v as i32),
            characters_reserved_per_url: verified.text.characters_reserved_per_url.map(|v| v as i32),
        },
    )
    .await
    .context("replacing the account's credentials")?;
    if !replaced {
        return Err(not_found());
    }
    let released = release_held_in(&mut tx, id).await?;
    audit::by_member(
        &mut *tx,
        member,
        "account.reconnected",
        "account",
        Some(id.to_string()),
        format!(
            "Reconnected {} ({})",
            account.display_name,
            account.platform.label()
        ),
        serde_json::json!({"platform": account.platform, "released_targets": released}),
    )
    .await
    .context("recording the reconnection in the audit log")?;
    Ok(tx.commit().await.context("committing the reconnection")?)
}
