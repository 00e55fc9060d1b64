use super::error::AppError;
use crate::domain::role::Role;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub role: Role,
    /// Has set a password (accepted their invite).
    pub joined: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingInviteView {
    pub user_id: Uuid,
    pub email: String,
    pub role: Role,
    /// RFC 3339.
    pub expires_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    pub members: Vec<MemberView>,
    pub pending: Vec<PendingInviteView>,
    pub my_user_id: Uuid,
    pub my_role: Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteResult {
    pub email: String,
    /// The one-time link for a new person; `None` when they already had an account.
    pub link: Option<String>,
}

#[server(endpoint = "team")]
pub async fn team() -> Result<TeamView, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::db::{invites, memberships};

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    let pool = &request.state.pool;
    let members = memberships::list(pool, member.workspace_id)
        .await
        .map_err(AppError::unexpected)?
        .into_iter()
        .map(|m| MemberView {
            user_id: m.user_id,
            name: m.name,
            email: m.email,
            role: m.role,
            joined: m.joined,
        })
        .collect();
    let pending = invites::list_pending(pool, member.workspace_id)
        .await
        .map_err(AppError::unexpected)?
        .into_iter()
        .map(|i| PendingInviteView {
            user_id: i.user_id,
            email: i.email,
            role: i.role,
            expires_at: i.expires_at.to_rfc3339(),
        })
        .collect();
    Ok(TeamView {
        members,
        pending,
        my_user_id: member.user_id,
        my_role: member.role,
    })
}

#[server(endpoint = "invite_member")]
pub async fn invite_member(email: String, role: Role) -> Result<InviteResult, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::team::invites::{self, InviteOutcome};

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    let link = match invites::invite(&request.state, &member, &email, role).await? {
        InviteOutcome::Link(link) => Some(link),
        InviteOutcome::AddedExisting => None,
    };
    Ok(InviteResult {
        email: email.trim().to_lowercase(),
        link,
    })
}

#[server(endpoint = "renew_invite")]
pub async fn renew_invite(user_id: Uuid) -> Result<InviteResult, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::team::invites;

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    let (email, link) = invites::renew(&request.state, &member, user_id).await?;
    Ok(InviteResult {
        email,
        link: Some(link),
    })
}

#[server(endpoint = "change_role")]
pub async fn change_role(user_id: Uuid, role: Role) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::team::members;

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    members::change_role(&request.state, &member, user_id, role).await
}

#[server(endpoint = "remove_member")]
pub async fn remove_member(user_id: Uuid) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::team::members;

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    members::remove(&request.state, &member, user_id).await
}
