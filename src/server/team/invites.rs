//! Inviting people to a workspace. An invite names an email and creates nobody: the link it
//! makes lets someone new choose a password, or someone with an account accept while signed
//! in (see `joining`). So the answer is the same whoever the email belongs to, and no link can
//! set the password of an account it did not create.
use super::{invite_mail, token};
use crate::domain::{email::Email, role::Role};
use crate::error::AppError;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::{invites, memberships, workspaces};
use crate::server::state::AppState;
use anyhow::Context;
use chrono::{Duration, Utc};
use uuid::Uuid;

/// How the invited person gets their link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    /// No mail server: the inviter passes the link on.
    Link(String),
    /// Mailed to the invited address; the inviter never sees the link.
    Mailed,
    /// Mail was tried and failed; "New link" tries again.
    MailFailed(String),
}

pub struct Invited {
    pub id: Uuid,
    pub email: Email,
    pub delivery: Delivery,
}

/// Invites `email` to the actor's workspace with a role an admin may hand out.
#[tracing::instrument(skip_all, fields(workspace_id = %actor.workspace_id))]
pub async fn invite(state: &AppState, actor: &Member, email: &str, role: Role) -> Result<Invited, AppError> {
    if !Role::INVITABLE.contains(&role) {
        return Err(AppError::bad_request(
            "Invite as admin, editor, contributor or viewer; ownership is handed over from the team list.",
        ));
    }
    open(state, actor.workspace_id, Some(actor), email, role).await
}

/// Opens (or renews) the invite of `email` to the workspace with `role`. Used by the Team page
/// and by `herald user add`.
pub async fn open(
    state: &AppState,
    workspace_id: Uuid,
    actor: Option<&Member>,
    email: &str,
    role: Role,
) -> Result<Invited, AppError> {
    let email = Email::parse(email).map_err(AppError::bad_request)?;
    let mut tx = state
        .pool
        .begin()
        .await
        .context("starting the invite transaction")?;
    // Only this workspace's own members are named: the inviter sees them on the Team page.
    if memberships::has_email(&mut *tx, workspace_id, email.as_str())
        .await
        .context("checking whether the email is already a member")?
    {
        return Err(AppError::Conflict(format!(
            "{email} is already a member of this workspace."
        )));
    }
    let (token, token_hash) = token::generate();
    let id = invites::open(
        &mut *tx,
        invites::NewInvite {
            token_hash: &token_hash,
            workspace_id,
            email: email.as_str(),
            role,
            invited_by: actor.map(|a| a.user_id),
            expires_at: expiry(state),
        },
    )
    .await
    .context("saving the invite")?;
    if let Some(actor) = actor {
        audit::by_member(
            &mut *tx,
            actor,
            "member.invited",
            "invite",
            Some(id.to_string()),
            format!("Invited {email} as {}", role.label()),
            serde_json::json!({"email": email.as_str(), "role": role}),
        )
        .await
        .context("recording the invite in the audit log")?;
    }
    let workspace_name = workspaces::name(&mut *tx, workspace_id)
        .await
        .context("loading the workspace's name for the invite")?;
    tx.commit().await.context("committing the invite")?;
    tracing::info!(invite_id = %id, role = %role, "invite opened");
    let delivery = deliver(state, &email, &workspace_name, actor, role, &token).await;
    Ok(Invited { id, email, delivery })
}

/// Gives a pending invite a new link (the old one stops working) and delivers it again.
#[tracing::instrument(skip_all, fields(workspace_id = %actor.workspace_id, %invite_id))]
pub async fn renew(state: &AppState, actor: &Member, invite_id: Uuid) -> Result<Invited, AppError> {
    let (token, token_hash) = token::generate();
    let (email, role) = invites::renew(
        &state.pool,
        actor.workspace_id,
        invite_id,
        &token_hash,
        expiry(state),
    )
    .await
    .context("renewing the invite's link")?
    .ok_or_else(|| AppError::NotFound(NO_SUCH_INVITE.into()))?;
    let email = Email::parse(&email).context("parsing the renewed invite's email")?;
    let delivery = deliver(state, &email, &actor.workspace_name, Some(actor), role, &token).await;
    Ok(Invited {
        id: invite_id,
        email,
        delivery,
    })
}

/// Withdraws a pending invite: its link stops working.
#[tracing::instrument(skip_all, fields(workspace_id = %actor.workspace_id, %invite_id))]
pub async fn withdraw(state: &AppState, actor: &Member, invite_id: Uuid) -> Result<(), AppError> {
    let mut tx = state
        .pool
        .begin()
        .await
        .context("starting the invite withdrawal")?;
    let email = invites::withdraw(&mut *tx, actor.workspace_id, invite_id)
        .await
        .context("withdrawing the invite")?
        .ok_or_else(|| AppError::NotFound(NO_SUCH_INVITE.into()))?;
    audit::by_member(
        &mut *tx,
        actor,
        "member.invite_withdrawn",
        "invite",
        Some(invite_id.to_string()),
        format!("Withdrew the invite of {email}"),
        serde_json::json!({"email": email}),
    )
    .await
    .context("recording the withdrawn invite in the audit log")?;
    tx.commit().await.context("committing the withdrawn invite")?;
    Ok(())
}

const NO_SUCH_INVITE: &str = "That invite was accepted or withdrawn meanwhile. Reload the team list.";

fn expiry(state: &AppState) -> chrono::DateTime<Utc> {
    Utc::now() + Duration::days(state.settings.auth.invite_valid_days)
}

async fn deliver(
    state: &AppState,
    email: &Email,
    workspace_name: &str,
    actor: Option<&Member>,
    role: Role,
    token: &str,
) -> Delivery {
    let link = format!("{}/invite/{token}", state.settings.server.base_url());
    let invitation = invite_mail::Invitation {
        to: email,
        workspace_name,
        inviter: actor.map(|a| a.name.as_str()),
        role,
        link: &link,
        valid_days: state.settings.auth.invite_valid_days,
    };
    match invite_mail::send(&state.settings, &invitation).await {
        None => Delivery::Link(link),
        Some(Ok(())) => Delivery::Mailed,
        Some(Err(error)) => {
            tracing::warn!(error = format!("{error:#}"), "could not mail an invite");
            Delivery::MailFailed(format!("{error}"))
        }
    }
}

impl From<Invited> for crate::views::team::InviteResult {
    fn from(invited: Invited) -> Self {
        Self {
            email: invited.email.as_str().to_owned(),
            delivery: match invited.delivery {
                Delivery::Link(link) => crate::views::team::InviteDelivery::Link(link),
                Delivery::Mailed => crate::views::team::InviteDelivery::Mailed,
                Delivery::MailFailed(why) => crate::views::team::InviteDelivery::MailFailed(why),
            },
        }
    }
}
