use super::token;
use crate::api::error::AppError;
use crate::domain::{email::Email, names::parse_name, password as password_rules, role::Role};
use crate::server::audit;
use crate::server::auth::{guard::Member, password};
use crate::server::db::{invites, memberships, users};
use crate::server::state::AppState;
use anyhow::Context;
use chrono::{Duration, Utc};
use secrecy::{ExposeSecret, SecretString};
use uuid::Uuid;

pub enum InviteOutcome {
    /// A new person: they set a password through this one-time link.
    Link(String),
    /// Someone who already has a Herald account: they see the workspace when they sign in.
    AddedExisting,
}

const INVALID_LINK: &str = "This invite link is not valid. It may have been used already, \
                            withdrawn, or have expired. Ask an admin for a new one.";

/// Adds a person to the actor's workspace with a role an admin may hand out.
#[tracing::instrument(skip_all, fields(workspace_id = %actor.workspace_id))]
pub async fn invite(
    state: &AppState,
    actor: &Member,
    email: &str,
    role: Role,
) -> Result<InviteOutcome, AppError> {
    if !Role::INVITABLE.contains(&role) {
        return Err(AppError::bad_request(
            "Invite as admin, editor, contributor or viewer; ownership is handed over from the team list.",
        ));
    }
    add_member(state, actor.workspace_id, Some(actor), email, role).await
}

/// Makes `email` a member of the workspace with `role`, creating their account if needed.
/// Used by invites from the Team page and by `herald user add`.
pub async fn add_member(
    state: &AppState,
    workspace_id: Uuid,
    actor: Option<&Member>,
    email: &str,
    role: Role,
) -> Result<InviteOutcome, AppError> {
    let invited_by = actor.map(|a| a.user_id);
    let email = Email::parse(email).map_err(AppError::bad_request)?;
    let mut tx = state.pool.begin().await.map_err(AppError::unexpected)?;
    let existing = users::find_id_by_email(&mut *tx, &email)
        .await
        .map_err(AppError::unexpected)?;
    let user_id = match existing {
        Some(id) => id,
        None => {
            let placeholder_name = email.as_str().split('@').next().unwrap_or_default();
            users::insert(&mut *tx, &email, placeholder_name, None)
                .await
                .map_err(AppError::unexpected)?
        }
    };
    if memberships::role_of(&mut *tx, workspace_id, user_id)
        .await
        .map_err(AppError::unexpected)?
        .is_some()
    {
        return Err(AppError::Conflict(format!(
            "{email} is already a member of this workspace."
        )));
    }
    memberships::insert(&mut *tx, workspace_id, user_id, role)
        .await
        .map_err(AppError::unexpected)?;
    let has_password = users::has_password(&mut *tx, user_id)
        .await
        .map_err(AppError::unexpected)?;
    let outcome = if has_password {
        InviteOutcome::AddedExisting
    } else {
        InviteOutcome::Link(issue_link(state, &mut tx, workspace_id, invited_by, user_id, role).await?)
    };
    if let Some(actor) = actor {
        audit::by_member(
            &mut *tx,
            actor,
            "member.invited",
            "member",
            Some(user_id.to_string()),
            format!("Invited {email} as {}", role.label()),
            serde_json::json!({"email": email.as_str(), "role": role}),
        )
        .await
        .map_err(AppError::unexpected)?;
    }
    tx.commit().await.map_err(AppError::unexpected)?;
    tracing::info!(%user_id, %workspace_id, role = %role, "member added");
    Ok(outcome)
}

/// Replaces a pending member's invite with a new link (the old one stops working); returns
/// their email and the link.
pub async fn renew(state: &AppState, actor: &Member, user_id: Uuid) -> Result<(String, String), AppError> {
    let mut tx = state.pool.begin().await.map_err(AppError::unexpected)?;
    let role = memberships::role_of(&mut *tx, actor.workspace_id, user_id)
        .await
        .map_err(AppError::unexpected)?
        .ok_or_else(|| AppError::NotFound("That person is not a member of this workspace.".into()))?;
    if users::has_password(&mut *tx, user_id)
        .await
        .map_err(AppError::unexpected)?
    {
        return Err(AppError::Conflict(
            "That person has already joined; they sign in as usual.".into(),
        ));
    }
    let email = users::email(&mut *tx, user_id)
        .await
        .map_err(AppError::unexpected)?;
    let link = issue_link(
        state,
        &mut tx,
        actor.workspace_id,
        Some(actor.user_id),
        user_id,
        role,
    )
    .await?;
    tx.commit().await.map_err(AppError::unexpected)?;
    Ok((email, link))
}

async fn issue_link(
    state: &AppState,
    tx: &mut sqlx::PgTransaction<'_>,
    workspace_id: Uuid,
    invited_by: Option<Uuid>,
    user_id: Uuid,
    role: Role,
) -> Result<String, AppError> {
    invites::withdraw_for(&mut **tx, workspace_id, user_id)
        .await
        .map_err(AppError::unexpected)?;
    let (token, token_hash) = token::generate();
    invites::insert(
        &mut **tx,
        invites::NewInvite {
            token_hash: &token_hash,
            workspace_id,
            user_id,
            role,
            invited_by,
            expires_at: Utc::now() + Duration::days(state.settings.auth.invite_valid_days),
        },
    )
    .await
    .map_err(AppError::unexpected)?;
    Ok(format!("{}/invite/{token}", state.settings.server.base_url()))
}

pub struct InviteDetails {
    pub email: String,
    pub name: String,
    pub workspace_name: String,
    pub role: Role,
}

pub async fn details(state: &AppState, token: &str) -> Result<InviteDetails, AppError> {
    let invite = invites::find_open(&state.pool, &token::hash(token))
        .await
        .map_err(AppError::unexpected)?
        .ok_or_else(|| AppError::NotFound(INVALID_LINK.into()))?;
    Ok(InviteDetails {
        email: invite.email,
        name: invite.name,
        workspace_name: invite.workspace_name,
        role: invite.role,
    })
}

/// Sets the invited person's name and password and uses up the link.
#[tracing::instrument(skip_all)]
pub async fn accept(
    state: &AppState,
    token: &str,
    name: &str,
    password: SecretString,
) -> Result<(), AppError> {
    let invite = invites::find_open(&state.pool, &token::hash(token))
        .await
        .map_err(AppError::unexpected)?
        .ok_or_else(|| AppError::NotFound(INVALID_LINK.into()))?;
    let name = parse_name(name, "your name").map_err(AppError::bad_request)?;
    password_rules::check(password.expose_secret()).map_err(AppError::bad_request)?;
    let hash = password::hash(password).await.map_err(AppError::unexpected)?;

    let mut tx = state.pool.begin().await.map_err(AppError::unexpected)?;
    if !invites::mark_used(&mut *tx, invite.id)
        .await
        .map_err(AppError::unexpected)?
    {
        return Err(AppError::NotFound(INVALID_LINK.into()));
    }
    if !users::set_initial_password(&mut *tx, invite.user_id, &name, &hash)
        .await
        .map_err(AppError::unexpected)?
    {
        return Err(AppError::Conflict(
            "You have already set a password. Sign in with it instead.".into(),
        ));
    }
    // The person is now a member everywhere they were invited; other links are spent too.
    invites::withdraw_all_for_user(&mut *tx, invite.user_id)
        .await
        .map_err(AppError::unexpected)?;
    tx.commit()
        .await
        .context("could not commit the accepted invite")
        .map_err(AppError::unexpected)?;
    tracing::info!(user_id = %invite.user_id, workspace_id = %invite.workspace_id, "invite accepted");
    Ok(())
}
