//! The Team page: members, roles and invites.
use crate::domain::role::Role;
use crate::error::AppError;
pub use crate::views::team::{InviteDelivery, InviteResult, MemberView, PendingInviteView, TeamView};
use leptos::prelude::*;
use uuid::Uuid;

#[server(endpoint = "team")]
pub async fn team() -> Result<TeamView, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, team::roster};

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    roster::load(&request.state.pool, &member).await
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
