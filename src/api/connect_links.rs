//! Connect links: made and withdrawn by the workspace's managers, opened by a client who has
//! no Herald login.
use crate::domain::platform::Platform;
use crate::error::AppError;
pub use crate::views::oauth::{ConnectLinkInfo, ConnectLinkView, SignInOutcome};
use leptos::prelude::*;
use uuid::Uuid;

/// Makes a link; its address is returned once.
#[server(endpoint = "create_connect_link")]
pub async fn create_connect_link(
    platform: Platform,
    #[server(default)] note: String,
    valid_hours: i64,
) -> Result<String, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::sign_in::links;

    let (request, member) = guard::require(Permission::ManageAccounts).await?;
    links::create(&request.state, &member, platform, &note, valid_hours).await
}

#[server(endpoint = "connect_links")]
pub async fn list_connect_links() -> Result<Vec<ConnectLinkView>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::sign_in::links;

    let (request, member) = guard::require(Permission::ManageAccounts).await?;
    links::list(&request.state, member.workspace_id).await
}

#[server(endpoint = "withdraw_connect_link")]
pub async fn withdraw_connect_link(id: Uuid) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::sign_in::links;

    let (request, member) = guard::require(Permission::ManageAccounts).await?;
    links::withdraw(&request.state, &member, id).await
}

/// What the link offers, for the client opening it (no sign-in needed).
#[server(endpoint = "connect_link")]
pub async fn connect_link(token: String) -> Result<ConnectLinkInfo, AppError> {
    use crate::server::auth::guard;
    use crate::server::sign_in::links;

    let request = guard::request().await?;
    links::describe(&request.state, &token).await
}

/// The client's "Continue to …": the network's authorize page to go to.
#[server(endpoint = "start_link_sign_in")]
pub async fn start_link_sign_in(
    token: String,
    #[server(default)] instance: String,
) -> Result<String, AppError> {
    use crate::server::auth::guard;
    use crate::server::sign_in::links;

    let request = guard::request().await?;
    Ok(links::start(&request.state, &request.session, &token, instance).await?)
}

/// How the client's sign-in ended, for the browser it ran in.
#[server(endpoint = "connect_link_result")]
pub async fn connect_link_result(flow: Uuid) -> Result<Option<SignInOutcome>, AppError> {
    use crate::server::auth::guard;
    use crate::server::sign_in::links;

    let request = guard::request().await?;
    links::result(&request.state, &request.session, flow).await
}

/// The one Page or account the client picked, when their sign-in listed several.
#[server(endpoint = "choose_link_account")]
pub async fn choose_link_account(flow: Uuid, key: String) -> Result<SignInOutcome, AppError> {
    use crate::server::auth::guard;
    use crate::server::sign_in::choose;

    let request = guard::request().await?;
    let outcome = choose::choose(&request.state, &request.session, flow, &[key]).await?;
    Ok(SignInOutcome {
        account_id: None,
        ..outcome
    })
}
