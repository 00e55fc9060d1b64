use super::lookup::not_found;
use super::store::{ConnectedBy, Connection, store_new, store_replacement};
use super::verify::{explain, verify};
use crate::domain::account::Colour;
use crate::domain::names::parse_name;
use crate::domain::platform::Platform;
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::accounts;
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

/// Connects an account from pasted credentials: checks them with the network first, so
/// nothing that does not work is saved, then stores them sealed.
#[tracing::instrument(skip_all, fields(workspace_id = %member.workspace_id, platform = %form.platform))]
pub async fn connect(state: &AppState, member: &Member, form: ConnectForm) -> Result<Uuid, AppError> {
    let colour = Colour::parse(&form.colour).map_err(AppError::bad_request)?;
    let credentials = Credentials::from_form(form.platform, &form.fields).map_err(AppError::bad_request)?;
    let verified = verify(state, &credentials)
        .await
        .map_err(|error| AppError::bad_request(explain(form.platform, &error, &credentials)))?;
    let display_name = if form.display_name.trim().is_empty() {
        None
    } else {
        Some(parse_name(&form.display_name, "a display name").map_err(AppError::bad_request)?)
    };
    let connection = Connection {
        credentials: &credentials,
        verified: &verified,
        grant: None,
    };
    store_new(
        state,
        ConnectedBy::Member(member),
        connection,
        display_name,
        &colour,
    )
    .await
}

/// New pasted credentials for an existing account (after "needs re-authentication").
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
    let connection = Connection {
        credentials: &credentials,
        verified: &verified,
        grant: None,
    };
    store_replacement(state, member, &account, connection).await
}
