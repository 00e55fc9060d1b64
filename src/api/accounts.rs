//! The Accounts page: connecting, testing, pausing and removing network accounts.
use crate::domain::platform::Platform;
use crate::error::AppError;
pub use crate::views::accounts::{AccountView, ConnectionTest};
use leptos::prelude::*;
use std::collections::HashMap;
use uuid::Uuid;

#[server(endpoint = "accounts")]
pub async fn list_accounts() -> Result<Vec<AccountView>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{accounts, auth::guard};

    let (request, member) = guard::require(Permission::Read).await?;
    accounts::list(&request.state.pool, member.workspace_id).await
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
