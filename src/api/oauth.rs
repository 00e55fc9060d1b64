//! Connecting by signing in to the network, and the instance's apps at the networks.
use crate::domain::platform::Platform;
use crate::error::AppError;
pub use crate::views::oauth::{NetworkAppView, SignInOutcome};
use leptos::prelude::*;
use uuid::Uuid;

/// Starts a sign-in; the page sends the browser to the address returned.
#[server(endpoint = "start_sign_in")]
pub async fn start_sign_in(
    platform: Platform,
    #[server(default)] instance: String,
    colour: String,
    #[server(default)] reconnect: Option<Uuid>,
) -> Result<String, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::sign_in::{self, StartForm};

    let (request, member) = guard::require(Permission::ManageAccounts).await?;
    let form = StartForm {
        platform,
        instance,
        colour,
        reconnect,
    };
    Ok(sign_in::start(&request.state, &request.session, &member, form).await?)
}

/// How the sign-in the person just came back from ended.
#[server(endpoint = "sign_in_result")]
pub async fn sign_in_result(flow: Uuid) -> Result<Option<SignInOutcome>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::db::oauth_flows;
    use crate::server::sign_in::choose;
    use anyhow::Context;

    let (request, member) = guard::require(Permission::Read).await?;
    let outcome = oauth_flows::outcome(&request.state.pool, flow, member.workspace_id, member.user_id)
        .await
        .context("loading how the sign-in ended")?;
    let Some(outcome) = outcome else {
        return Ok(None);
    };
    Ok(Some(choose::outcome_view(&request.state, flow, outcome, false)?))
}

/// Connects the Pages or accounts ticked after a sign-in that listed several.
#[server(endpoint = "choose_sign_in")]
pub async fn choose_sign_in(
    flow: Uuid,
    #[server(default)] keys: Vec<String>,
) -> Result<SignInOutcome, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::sign_in::choose;

    let (request, _member) = guard::require(Permission::ManageAccounts).await?;
    Ok(choose::choose(&request.state, &request.session, flow, &keys).await?)
}

#[server(endpoint = "network_apps")]
pub async fn list_network_apps() -> Result<Vec<NetworkAppView>, AppError> {
    use crate::server::auth::guard;
    use crate::server::sign_in::apps;

    let request = guard::request().await?;
    apps::require_instance_admin(&request).await?;
    apps::list(&request.state).await
}

#[server(endpoint = "save_network_app")]
pub async fn save_network_app(
    platform: Platform,
    client_id: String,
    #[server(default)] client_secret: String,
    #[server(default)] organisations: bool,
) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::sign_in::apps;

    let request = guard::request().await?;
    let admin = apps::require_instance_admin(&request).await?;
    apps::save(
        &request.state,
        admin,
        platform,
        &client_id,
        &client_secret,
        organisations,
    )
    .await
}

#[server(endpoint = "remove_network_app")]
pub async fn remove_network_app(platform: Platform) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::sign_in::apps;

    let request = guard::request().await?;
    apps::require_instance_admin(&request).await?;
    apps::remove(&request.state, platform).await
}
