//! The Team page's view: who is in the workspace and who is invited.
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::{invites, memberships};
use crate::views::team::{MemberView, PendingInviteView, TeamView};
use anyhow::Context;
use sqlx::PgPool;

pub async fn load(pool: &PgPool, member: &Member) -> Result<TeamView, AppError> {
    let members = memberships::list(pool, member.workspace_id)
        .await
        .context("listing the workspace's members")?
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
        .context("listing the workspace's pending invites")?
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
