//! The one place that decides whether a request may go ahead. Every server function that
//! touches workspace data starts with `require(permission)`.
use super::session::{self, COOKIE_NAME, SessionUser};
use crate::domain::role::{Permission, Role};
use crate::error::AppError;
use crate::server::db::memberships::{self, MemberRow};
use crate::server::state::AppState;
use anyhow::Context;
use http::request::Parts;
use leptos::prelude::use_context;
use tower_sessions::Session;

/// A signed-in member of the workspace they are looking at.
pub type Member = MemberRow;

/// The request's state, session and headers, for server functions.
pub struct RequestContext {
    pub state: AppState,
    pub session: Session,
    pub parts: Parts,
}

pub async fn request() -> Result<RequestContext, AppError> {
    // Both are missing only outside a request: when leptos_axum renders the app once at
    // start-up to list its routes, which runs resources' server functions too.
    let (Some(state), Some(parts)) = (use_context::<AppState>(), use_context::<Parts>()) else {
        return Err(AppError::Internal);
    };
    let session = leptos_axum::extract::<Session>()
        .await
        .map_err(|e| anyhow::anyhow!("session layer missing: {e}"))
        .context("extracting the request's session")?;
    Ok(RequestContext {
        state,
        session,
        parts,
    })
}

impl RequestContext {
    pub fn client_ip(&self) -> String {
        crate::server::client_ip::from_parts(&self.parts, &self.state.proxies)
    }

    /// The signed-in person, or 401 saying whether their session ran out.
    pub async fn signed_in(&self) -> Result<SessionUser, AppError> {
        session::current(&self.session)
            .await
            .context("reading the session")?
            .ok_or_else(|| unauthenticated(&self.parts))
    }

    /// The signed-in member of the current workspace, if their role grants `permission`.
    pub async fn require(&self, permission: Permission) -> Result<Member, AppError> {
        let user = self.signed_in().await?;
        let member = memberships::find(&self.state.pool, user.user_id, user.workspace_id)
            .await
            .context("loading the signed-in member")?
            .ok_or_else(|| {
                AppError::Forbidden(
                    "You are no longer a member of this workspace. Switch to another one, \
                     or ask an admin to invite you again."
                        .into(),
                )
            })?;
        if !member.role.can(permission) {
            return Err(AppError::Forbidden(denied(member.role, permission)));
        }
        Ok(member)
    }
}

/// Shorthand for server functions: the request context and the member, in one call.
pub async fn require(permission: Permission) -> Result<(RequestContext, Member), AppError> {
    let request = request().await?;
    let member = request.require(permission).await?;
    Ok((request, member))
}

fn unauthenticated(parts: &Parts) -> AppError {
    let had_session_cookie = parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .any(|cookies| {
            cookies
                .split(';')
                .any(|c| c.trim().starts_with(&format!("{COOKIE_NAME}=")))
        });
    AppError::Unauthenticated(if had_session_cookie {
        "Your session has expired. Please sign in again.".into()
    } else {
        "Please sign in to continue.".into()
    })
}

fn denied(role: Role, permission: Permission) -> String {
    let what = match permission {
        Permission::Read => "see this workspace",
        Permission::Contribute => "write posts",
        Permission::Edit => "edit or schedule posts",
        Permission::Approve => "approve posts or ask for changes",
        Permission::ManageTeam => "manage the team or the workspace settings",
        Permission::ManageAccounts => "connect or change the workspace's accounts",
        Permission::ManageOwners => "change who owns the workspace",
    };
    format!(
        "Your role ({}) cannot {what}. Ask an owner or admin if you need this.",
        role.label()
    )
}
