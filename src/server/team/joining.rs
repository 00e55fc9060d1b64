//! Accepting an invite, the invited person's side. Someone new chooses a password through the
//! link, which creates their account; someone who has an account accepts while signed in as
//! the invited address. Either way the invite token is needed, so being signed in as an
//! address is never enough to join a workspace that invited it.
use super::token;
use crate::domain::{email::Email, names::parse_name, password as password_rules, role::Role};
use crate::error::AppError;
use crate::server::auth::guard::RequestContext;
use crate::server::auth::{device, password, session, throttle};
use crate::server::db::{self, audit, invites, memberships, users};
use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use uuid::Uuid;

const INVALID_LINK: &str = "This invite link is not valid. It may have been used already, \
                            withdrawn, or have expired. Ask an admin for a new one.";

const ACCOUNT_EXISTS: &str =
    "An account with this email already exists. Sign in with it to accept the invitation.";

/// Who is looking at the invite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Viewer {
    SignedOut,
    /// Signed in as the invited address: they may accept.
    Invitee,
    /// Signed in as someone else (their email).
    SomeoneElse(String),
}

pub struct InviteDetails {
    pub email: String,
    pub workspace_name: String,
    pub role: Role,
    pub viewer: Viewer,
}

/// What the invite page shows. The same for a registered and an unknown address, so the link
/// does not tell its holder whether the address has an account.
pub async fn details(request: &RequestContext, token: &str) -> Result<InviteDetails, AppError> {
    let state = &request.state;
    let invite = invites::find_open(&state.pool, &token::hash(token))
        .await
        .context("looking up the invite by its token")?
        .ok_or_else(|| AppError::NotFound(INVALID_LINK.into()))?;
    let viewer = match session::current(&request.session)
        .await
        .context("reading the session")?
    {
        None => Viewer::SignedOut,
        Some(signed_in) => {
            let email = users::email(&state.pool, signed_in.user_id)
                .await
                .context("loading the signed-in person's email")?;
            if email.eq_ignore_ascii_case(&invite.email) {
                Viewer::Invitee
            } else {
                Viewer::SomeoneElse(email)
            }
        }
    };
    Ok(InviteDetails {
        email: invite.email,
        workspace_name: invite.workspace_name,
        role: invite.role,
        viewer,
    })
}

/// Creates the invited person's account with their name and password, makes them a member
/// and signs them in. Refused when the address already has an account.
#[tracing::instrument(skip_all)]
pub async fn create_account(
    request: &RequestContext,
    token: &str,
    name: &str,
    password: SecretString,
) -> Result<(), AppError> {
    let state = &request.state;
    // Creating an account here would sign this browser out of the one it is in.
    if session::current(&request.session)
        .await
        .context("reading the session")?
        .is_some()
    {
        return Err(AppError::Conflict(
            "You are signed in. To accept this invitation with a new account, sign out first; \
             to accept it with your account, open the link signed in as the invited address."
                .into(),
        ));
    }
    let token_hash = token::hash(token);
    if invites::find_open(&state.pool, &token_hash)
        .await
        .context("looking up the invite by its token")?
        .is_none()
    {
        return Err(AppError::NotFound(INVALID_LINK.into()));
    }
    let name = parse_name(name, "your name").map_err(AppError::bad_request)?;
    password_rules::check(password.expose_secret()).map_err(AppError::bad_request)?;
    throttle::allow_new_account(request).await?;
    let hash = password::hash(password).await?;

    let mut tx = state
        .pool
        .begin()
        .await
        .context("starting the transaction for the new account")?;
    let invite = invites::lock_open(&mut tx, &token_hash)
        .await
        .context("locking the invite")?
        .ok_or_else(|| AppError::NotFound(INVALID_LINK.into()))?;
    let email = Email::parse(&invite.email).context("parsing the invite's email")?;
    let user_id = match users::insert(&mut *tx, &email, &name, &hash).await {
        Ok(id) => id,
        Err(e) if db::is_unique_violation(&e, "users_email_key") => {
            return Err(AppError::Conflict(ACCOUNT_EXISTS.into()));
        }
        Err(e) => Err(e).context("creating the invited person's account")?,
    };
    join_in(&mut tx, &invite, user_id, &name).await?;
    tx.commit().await.context("committing the accepted invite")?;
    session::begin(&request.session, user_id, invite.workspace_id)
        .await
        .context("signing the new member in")?;
    device::remember(request, email.as_str(), None);
    tracing::info!(%user_id, workspace_id = %invite.workspace_id, "joined with a new account");
    Ok(())
}

/// Makes the signed-in person a member, when the invite is addressed to them.
#[tracing::instrument(skip_all)]
pub async fn join(request: &RequestContext, token: &str) -> Result<(), AppError> {
    let state = &request.state;
    let signed_in = request.signed_in().await?;
    let mut tx = state
        .pool
        .begin()
        .await
        .context("starting the transaction to join")?;
    let invite = invites::lock_open(&mut tx, &token::hash(token))
        .await
        .context("locking the invite")?
        .ok_or_else(|| AppError::NotFound(INVALID_LINK.into()))?;
    let email = users::email(&mut *tx, signed_in.user_id)
        .await
        .context("loading the signed-in person's email")?;
    if !email.eq_ignore_ascii_case(&invite.email) {
        return Err(AppError::Forbidden(format!(
            "This invitation is for {}, and you are signed in as {email}. Sign out, then sign in \
             as {} to accept it.",
            invite.email, invite.email
        )));
    }
    let name = users::name(&mut *tx, signed_in.user_id)
        .await
        .context("loading the signed-in person's name")?;
    join_in(&mut tx, &invite, signed_in.user_id, &name).await?;
    tx.commit().await.context("committing the accepted invite")?;
    session::switch_workspace(&request.session, invite.workspace_id)
        .await
        .context("switching the session to the joined workspace")?;
    tracing::info!(user_id = %signed_in.user_id, workspace_id = %invite.workspace_id, "joined");
    Ok(())
}

/// Membership, the spent invite and the record of it, in the caller's transaction.
async fn join_in(
    tx: &mut sqlx::PgTransaction<'_>,
    invite: &invites::OpenInvite,
    user_id: Uuid,
    name: &str,
) -> Result<(), AppError> {
    memberships::insert(&mut **tx, invite.workspace_id, user_id, invite.role)
        .await
        .context("adding the membership")?;
    invites::mark_accepted(tx, invite.id, user_id)
        .await
        .context("marking the invite accepted")?;
    audit::record(
        &mut **tx,
        audit::Entry {
            workspace_id: Some(invite.workspace_id),
            actor: Some((user_id, name)),
            action: "member.joined",
            subject_type: "member",
            subject_id: Some(user_id.to_string()),
            summary: format!("{name} joined as {}", invite.role.label()),
            details: serde_json::json!({"email": invite.email, "role": invite.role, "invite_id": invite.id}),
        },
    )
    .await
    .context("recording the join in the audit log")?;
    Ok(())
}
