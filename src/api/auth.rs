use super::error::AppError;
use crate::domain::role::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceSummary {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
}

/// The signed-in person and the workspace they are looking at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub workspace: WorkspaceSummary,
    pub workspace_timezone: String,
    pub workspaces: Vec<WorkspaceSummary>,
}

impl Viewer {
    pub fn role(&self) -> Role {
        self.workspace.role
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SessionState {
    SignedIn(Viewer),
    SignedOut {
        /// Nobody has signed up yet: the sign-up page is the way in.
        instance_is_empty: bool,
        /// New workspaces may be created here (always true while the instance is empty).
        signup_open: bool,
    },
}

#[server(endpoint = "session")]
pub async fn current_session() -> Result<SessionState, AppError> {
    use crate::server::auth::{guard, session};
    use crate::server::db::memberships;

    let request = guard::request().await?;
    let pool = &request.state.pool;
    let Some(mut current) = session::current(&request.session)
        .await
        .map_err(AppError::unexpected)?
    else {
        return signed_out(&request.state).await;
    };
    let workspaces: Vec<WorkspaceSummary> = memberships::workspaces_of(pool, current.user_id)
        .await
        .map_err(AppError::unexpected)?
        .into_iter()
        .map(|w| WorkspaceSummary {
            id: w.id,
            name: w.name,
            role: w.role,
        })
        .collect();
    // Removed from the workspace in view since signing in: fall back to another one.
    if !workspaces.iter().any(|w| w.id == current.workspace_id) {
        let Some(first) = workspaces.first() else {
            session::end(&request.session)
                .await
                .map_err(AppError::unexpected)?;
            return signed_out(&request.state).await;
        };
        session::switch_workspace(&request.session, first.id)
            .await
            .map_err(AppError::unexpected)?;
        current.workspace_id = first.id;
    }
    let member = memberships::find(pool, current.user_id, current.workspace_id)
        .await
        .map_err(AppError::unexpected)?
        .ok_or_else(|| AppError::unexpected(anyhow::anyhow!("membership vanished while loading")))?;
    Ok(SessionState::SignedIn(Viewer {
        user_id: member.user_id,
        name: member.name,
        email: member.email,
        workspace: WorkspaceSummary {
            id: member.workspace_id,
            name: member.workspace_name,
            role: member.role,
        },
        workspace_timezone: member.workspace_timezone,
        workspaces,
    }))
}

#[cfg(feature = "ssr")]
async fn signed_out(state: &crate::server::state::AppState) -> Result<SessionState, AppError> {
    let availability = crate::server::auth::sign_up::availability(state).await?;
    Ok(SessionState::SignedOut {
        instance_is_empty: availability.instance_is_empty,
        signup_open: availability.open,
    })
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
    use crate::server::auth::{guard, session};

    let request = guard::request().await?;
    session::end(&request.session)
        .await
        .map_err(AppError::unexpected)?;
    leptos_axum::redirect("/signin");
    Ok(())
}

#[server(endpoint = "switch_workspace")]
pub async fn switch_workspace(workspace_id: Uuid) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::{guard, session};
    use crate::server::db::memberships;

    let request = guard::request().await?;
    let user = request.signed_in().await?;
    let membership = memberships::find(&request.state.pool, user.user_id, workspace_id)
        .await
        .map_err(AppError::unexpected)?;
    match membership {
        Some(member) if member.role.can(Permission::Read) => {
            session::switch_workspace(&request.session, workspace_id)
                .await
                .map_err(AppError::unexpected)?;
            leptos_axum::redirect("/calendar");
            Ok(())
        }
        _ => Err(AppError::Forbidden(
            "You are not a member of that workspace.".into(),
        )),
    }
}
