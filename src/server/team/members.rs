use crate::domain::role::{Permission, Role};
use crate::error::AppError;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::{memberships, users};
use crate::server::state::AppState;
use anyhow::Context;
use uuid::Uuid;

/// Changes another member's role. Only owners hand out or take away ownership, and a
/// workspace always keeps at least one owner.
#[tracing::instrument(skip_all, fields(workspace_id = %actor.workspace_id, %user_id, role = %role))]
pub async fn change_role(
    state: &AppState,
    actor: &Member,
    user_id: Uuid,
    role: Role,
) -> Result<(), AppError> {
    if user_id == actor.user_id {
        return Err(AppError::bad_request(
            "You cannot change your own role; ask another owner or admin.",
        ));
    }
    let mut tx = state.pool.begin().await.context("starting the role change")?;
    let current = role_of(&mut tx, actor.workspace_id, user_id).await?;
    if (current == Role::Owner || role == Role::Owner) && !actor.role.can(Permission::ManageOwners) {
        return Err(AppError::Forbidden(
            "Only an owner can give or take away the owner role.".into(),
        ));
    }
    if current == Role::Owner && role != Role::Owner {
        ensure_another_owner(&mut tx, actor.workspace_id).await?;
    }
    memberships::set_role(&mut *tx, actor.workspace_id, user_id, role)
        .await
        .context("setting the member's role")?;
    let email = users::email(&mut *tx, user_id)
        .await
        .context("loading the member's email")?;
    audit::by_member(
        &mut *tx,
        actor,
        "member.role_changed",
        "member",
        Some(user_id.to_string()),
        format!("Changed {email} from {} to {}", current.label(), role.label()),
        serde_json::json!({"email": email, "from": current, "to": role}),
    )
    .await
    .context("recording the role change in the audit log")?;
    tx.commit().await.context("committing the role change")?;
    tracing::info!("role changed");
    Ok(())
}

/// Removes a member.
#[tracing::instrument(skip_all, fields(workspace_id = %actor.workspace_id, %user_id))]
pub async fn remove(state: &AppState, actor: &Member, user_id: Uuid) -> Result<(), AppError> {
    if user_id == actor.user_id {
        return Err(AppError::bad_request(
            "You cannot remove yourself; ask another owner or admin.",
        ));
    }
    let mut tx = state.pool.begin().await.context("starting the member removal")?;
    let current = role_of(&mut tx, actor.workspace_id, user_id).await?;
    if current == Role::Owner {
        if !actor.role.can(Permission::ManageOwners) {
            return Err(AppError::Forbidden("Only an owner can remove an owner.".into()));
        }
        ensure_another_owner(&mut tx, actor.workspace_id).await?;
    }
    memberships::delete(&mut *tx, actor.workspace_id, user_id)
        .await
        .context("deleting the membership")?;
    let email = users::email(&mut *tx, user_id)
        .await
        .context("loading the removed member's email")?;
    audit::by_member(
        &mut *tx,
        actor,
        "member.removed",
        "member",
        Some(user_id.to_string()),
        format!("Removed {email} ({})", current.label()),
        serde_json::json!({"email": email, "role": current}),
    )
    .await
    .context("recording the removal in the audit log")?;
    tx.commit().await.context("committing the member removal")?;
    tracing::info!("member removed");
    Ok(())
}

async fn ensure_another_owner(tx: &mut sqlx::PgTransaction<'_>, workspace_id: Uuid) -> Result<(), AppError> {
    let owners = memberships::count_owners_for_update(&mut **tx, workspace_id)
        .await
        .context("counting the workspace's owners")?;
    if owners < 2 {
        return Err(AppError::Conflict(
            "A workspace needs at least one owner. Make someone else an owner first.".into(),
        ));
    }
    Ok(())
}

async fn role_of(
    tx: &mut sqlx::PgTransaction<'_>,
    workspace_id: Uuid,
    user_id: Uuid,
) -> Result<Role, AppError> {
    memberships::role_of(&mut **tx, workspace_id, user_id)
        .await
        .context("loading the member's role")?
        .ok_or_else(|| AppError::NotFound("That person is not a member of this workspace.".into()))
}
