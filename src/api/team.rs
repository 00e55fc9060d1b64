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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingInviteView {
    pub id: Uuid,
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

/// How the invited person gets their link. The same whoever the address belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InviteDelivery {
    /// No mail server is set up: the inviter passes the one-time link on.
    Link(String),
    /// Mailed to the address.
    Mailed,
    /// Mail failed (why); the invite stands, and "New link" tries again.
    MailFailed(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteResult {
    pub email: String,
    pub delivery: InviteDelivery,
}

#[cfg(feature = "ssr")]
impl From<crate::server::team::invites::Invited> for InviteResult {
    fn from(invited: crate::server::team::invites::Invited) -> Self {
        use crate::server::team::invites::Delivery;
        Self {
            email: invited.email.as_str().to_owned(),
            delivery: match invited.delivery {
                Delivery::Link(link) => InviteDelivery::Link(link),
                Delivery::Mailed => InviteDelivery::Mailed,
                Delivery::MailFailed(why) => InviteDelivery::MailFailed(why),
            },
        }
    }
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
        })
        .collect();
    let pending = invites::list_pending(pool, member.workspace_id)
        .await
        .map_err(AppError::unexpected)?
        .into_iter()
        .map(|i| PendingInviteView {
            id: i.id,
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
    use crate::server::team::invites;

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    Ok(invites::invite(&request.state, &member, &email, role)
        .await?
        .into())
}

#[server(endpoint = "renew_invite")]
pub async fn renew_invite(invite_id: Uuid) -> Result<InviteResult, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::team::invites;

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    Ok(invites::renew(&request.state, &member, invite_id).await?.into())
}

#[server(endpoint = "withdraw_invite")]
pub async fn withdraw_invite(invite_id: Uuid) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::team::invites;

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    invites::withdraw(&request.state, &member, invite_id).await
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
