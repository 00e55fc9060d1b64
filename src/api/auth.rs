//! Signing up, in and out, and the session every page reads.
use crate::error::AppError;
pub use crate::views::auth::{SessionState, Viewer, WorkspaceSummary};
use leptos::prelude::*;
use uuid::Uuid;

#[server(endpoint = "session")]
pub async fn current_session() -> Result<SessionState, AppError> {
    use crate::server::auth::{guard, viewer};

    let request = guard::request().await?;
    viewer::current(&request).await
}

#[server(endpoint = "sign_up")]
pub async fn sign_up(
    name: String,
    email: String,
    password: String,
    workspace_name: String,
    #[server(default)] timezone: String,
) -> Result<(), AppError> {
    use crate::server::auth::{guard, sign_up};

    let request = guard::request().await?;
    let form = sign_up::SignUp {
        name,
        email,
        password: password.into(),
        workspace_name,
        timezone,
    };
    sign_up::sign_up(&request, form).await?;
    leptos_axum::redirect("/calendar");
    Ok(())
}

#[server(endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    #[server(default)] next: String,
) -> Result<(), AppError> {
    use crate::server::auth::{guard, sign_in};
    use crate::server::web::return_to;

    let request = guard::request().await?;
    sign_in::sign_in(&request, &email, password.into()).await?;
    let base_url = request.state.settings.server.base_url();
    leptos_axum::redirect(&return_to::page_or(base_url, &next, return_to::HOME));
    Ok(())
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::auth::{guard, viewer};

    let request = guard::request().await?;
    viewer::sign_out(&request).await?;
    leptos_axum::redirect("/signin");
    Ok(())
}

#[server(endpoint = "switch_workspace")]
pub async fn switch_workspace(workspace_id: Uuid) -> Result<(), AppError> {
    use crate::server::auth::{guard, viewer};

    let request = guard::request().await?;
    viewer::switch_workspace(&request, workspace_id).await?;
    leptos_axum::redirect("/calendar");
    Ok(())
}
