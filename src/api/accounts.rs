use super::error::AppError;
use crate::domain::account::AccountState;
use crate::domain::platform::Platform;
use crate::domain::text::AccountTextSettings;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: Uuid,
    pub platform: Platform,
    pub display_name: String,
    pub handle: String,
    pub instance_url: Option<String>,
    pub colour: String,
    pub state: AccountState,
    pub state_reason: Option<String>,
    pub last_test: Option<ConnectionTest>,
    /// The limits this account's server reported (Mastodon), for the composer's counters.
    pub text: AccountTextSettings,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionTest {
    pub ok: bool,
    pub message: String,
    /// RFC 3339; absent for a test that just ran.
    pub at: Option<String>,
}

#[server(endpoint = "accounts")]
pub async fn list_accounts() -> Result<Vec<AccountView>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::db::accounts;

    let (request, member) = guard::require(Permission::Read).await?;
    let rows = accounts::list(&request.state.pool, member.workspace_id)
        .await
        .map_err(AppError::unexpected)?;
    Ok(rows
        .into_iter()
        .map(|row| AccountView {
            id: row.id,
            platform: row.platform,
            display_name: row.display_name,
            handle: row.handle,
            instance_url: row.instance_url,
            colour: row.colour,
            state: row.state,
            state_reason: row.state_reason,
            last_test: row.last_test_ok.map(|ok| ConnectionTest {
                ok,
                message: row.last_test_message.unwrap_or_default(),
                at: row.last_tested_at.map(|at| at.to_rfc3339()),
            }),
            text: AccountTextSettings {
                max_characters: row.max_characters.and_then(|v| u32::try_from(v).ok()),
                characters_reserved_per_url: row
                    .characters_reserved_per_url
                    .and_then(|v| u32::try_from(v).ok()),
            },
        })
        .collect())
}

#[server(endpoint = "connect_account")]
pub async fn connect_account(
    platform: Platform,
    #[server(default)] display_name: String,
    colour: String,
    #[server(default)] fields: HashMap<String, String>,
) -> Result<Uuid, AppError> {
    use crate::domain::role::Permission;
    use crate::server::accounts::{self, ConnectForm};
    use crate::server::auth::guard;

    let (request, member) = guard::require(Permission::ManageAccounts).await?;
    accounts::connect(
        &request.state,
        &member,
        ConnectForm {
            platform,
            display_name,
            colour,
            fields,
        },
    )
    .await
}

#[server(endpoint = "test_account")]
pub async fn test_account(id: Uuid) -> Result<ConnectionTest, AppError> {
    use crate::domain::role::Permission;
    use crate::server::accounts;
    use crate::server::auth::guard;

    let (request, member) = guard::require(Permission::ManageAccounts).await?;
    let result = accounts::test_connection(&request.state, member.workspace_id, id).await?;
    Ok(ConnectionTest {
        ok: result.ok,
        message: result.message,
        at: None,
    })
}

#[server(endpoint = "pause_account")]
pub async fn pause_account(id: Uuid, paused: bool) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::accounts;
    use crate::server::auth::guard;

    let (request, member) = guard::require(Permission::ManageAccounts).await?;
    accounts::set_paused(&request.state, &member, id, paused).await
}

#[server(endpoint = "update_account")]
pub async fn update_account(id: Uuid, display_name: String, colour: String) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::accounts;
    use crate::server::auth::guard;

    let (request, member) = guard::require(Permission::ManageAccounts).await?;
    accounts::update_details(&request.state, member.workspace_id, id, &display_name, &colour).await
}

#[server(endpoint = "reconnect_account")]
pub async fn reconnect_account(
    id: Uuid,
    #[server(default)] fields: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::accounts;
    use crate::server::auth::guard;

    let (request, member) = guard::require(Permission::ManageAccounts).await?;
    accounts::reconnect(&request.state, &member, id, &fields).await
}

#[server(endpoint = "remove_account")]
pub async fn remove_account(id: Uuid) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::accounts;
    use crate::server::auth::guard;

    let (request, member) = guard::require(Permission::ManageAccounts).await?;
    accounts::remove(&request.state, &member, id).await
}
