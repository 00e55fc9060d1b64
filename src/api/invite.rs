//! The page an invited person opens. The token is the credential: with it, someone new
//! creates their account, and someone with an account accepts while signed in as the address.
use crate::error::AppError;
pub use crate::views::invite::{InviteView, InviteViewer};
use leptos::prelude::*;

#[server(endpoint = "invite_details")]
pub async fn invite_details(token: String) -> Result<InviteView, AppError> {
    use crate::server::auth::guard;
    use crate::server::team::joining::{self, Viewer};

    let request = guard::request().await?;
    let details = joining::details(&request, &token).await?;
    Ok(InviteView {
        email: details.email,
        workspace_name: details.workspace_name,
        role: details.role,
        viewer: match details.viewer {
            Viewer::SignedOut => InviteViewer::SignedOut,
            Viewer::Invitee => InviteViewer::Invitee,
            Viewer::SomeoneElse(email) => InviteViewer::SomeoneElse(email),
        },
    })
}

/// Someone new: creates their account from the invite and signs them in.
#[server(endpoint = "accept_invite")]
pub async fn accept_invite(token: String, name: String, password: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::team::joining;

    let request = guard::request().await?;
    joining::create_account(&request, &token, &name, password.into()).await?;
    leptos_axum::redirect("/calendar");
    Ok(())
}

/// Someone with an account, signed in as the invited address: joins the workspace.
#[server(endpoint = "join_workspace")]
pub async fn join_workspace(token: String) -> Result<(), AppError> {
    use crate::server::auth::guard;
    use crate::server::team::joining;

    let request = guard::request().await?;
    joining::join(&request, &token).await?;
    leptos_axum::redirect("/calendar");
    Ok(())
}
