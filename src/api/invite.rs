//! The page an invited person opens: no session needed, the token is the credential.
use super::error::AppError;
use crate::domain::role::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteView {
    pub email: String,
    pub name: String,
    pub workspace_name: String,
    pub role: Role,
}

#[server(endpoint = "invite_details")]
pub async fn invite_details(token: String) -> Result<InviteView, AppError> {
    use crate::server::auth::guard;
    use crate::server::team::invites;

    let request = guard::request().await?;
    let details = invites::details(&request.state, &token).await?;
    Ok(InviteView {
        email: details.email,
        name: details.name,
        workspace_name: details.workspace_name,
        role: details.role,
    })
}

#[server(endpoint = "accept_invite")]
pub async fn accept_invite(token: String, name: String, password: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::team::invites;

    let request = guard::request().await?;
    invites::accept(&request.state, &token, &name, password.into()).await?;
    leptos_axum::redirect("/signin?joined=1");
    Ok(())
}
