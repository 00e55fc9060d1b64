//! The session as every page reads it (who, which workspace, which others), switching
//! workspace, and signing out.
use super::guard::RequestContext;
use super::{session, sign_up};
use crate::domain::role::Permission;
use crate::error::AppError;
use crate::server::db::memberships;
use crate::server::state::AppState;
use crate::views::auth::{SessionState, Viewer, WorkspaceSummary};
use anyhow::Context;
use uuid::Uuid;

pub async fn current(request: &RequestContext) -> Result<SessionState, AppError> {
    let pool = &request.state.pool;
    let Some(mut current) = session::current(&request.session)
        .await
        .context("reading the session")?
    else {
        return signed_out(&request.state).await;
    };
    let workspaces: Vec<WorkspaceSummary> = memberships::workspaces_of(pool, current.user_id)
        .await
        .context("listing the person's workspaces")?
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
                .context("ending a session without a workspace")?;
            return signed_out(&request.state).await;
        };
        session::switch_workspace(&request.session, first.id)
            .await
            .context("moving the session to another workspace")?;
        current.workspace_id = first.id;
    }
    let member = memberships::find(pool, current.user_id, current.workspace_id)
        .await
        .context("loading the membership in view")?
        .context("the membership vanished while loading")?;
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

async fn signed_out(state: &AppState) -> Result<SessionState, AppError> {
    let availability = sign_up::availability(state).await?;
    Ok(SessionState::SignedOut {
        instance_is_empty: availability.instance_is_empty,
        signup_open: availability.open,
    })
}

pub async fn switch_workspace(request: &RequestContext, workspace_id: Uuid) -> Result<(), AppError> {
    let user = request.signed_in().await?;
    let membership = memberships::find(&request.state.pool, user.user_id, workspace_id)
        .await
        .context("loading the membership to switch to")?;
    match membership {
        Some(member) if member.role.can(Permission::Read) => {
            session::switch_workspace(&request.session, workspace_id)
                .await
                .context("switching the session's workspace")?;
            Ok(())
        }
        _ => Err(AppError::Forbidden(
            "You are not a member of that workspace.".into(),
        )),
    }
}

pub async fn sign_out(request: &RequestContext) -> Result<(), AppError> {
    session::end(&request.session)
        .await
        .context("ending the session")?;
    Ok(())
}
