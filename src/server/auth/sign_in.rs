use super::guard::RequestContext;
use super::{device, password, session, throttle};
use crate::domain::email::Email;
use crate::error::AppError;
use crate::server::audit;
use crate::server::db::{memberships, users};
use anyhow::Context;
use secrecy::SecretString;

const WRONG_CREDENTIALS: &str = "Wrong email or password.";

/// Checks the credentials and signs the person into their first workspace.
#[tracing::instrument(skip_all)]
pub async fn sign_in(request: &RequestContext, email: &str, password: SecretString) -> Result<(), AppError> {
    let state = &request.state;
    let email = Email::parse(email).map_err(AppError::bad_request)?;
    let ip = request.client_ip();
    let known = device::recognise(&state.cipher, &request.parts.headers, email.as_str());
    let attempt = throttle::begin_sign_in(
        &state.pool,
        &state.settings.auth,
        email.as_str(),
        &ip,
        known.as_ref(),
    )
    .await?;

    let user = users::find_credentials(&state.pool, &email)
        .await
        .context("looking up the credentials for the email")?;
    let (user_id, stored_hash) = match user {
        Some(user) => (Some(user.id), Some(user.password_hash)),
        None => (None, None),
    };
    let valid = password::verify(password, stored_hash).await?;
    // A wrong password leaves the attempt on record as a failure.
    let Some(user_id) = user_id.filter(|_| valid) else {
        return Err(AppError::Unauthenticated(WRONG_CREDENTIALS.into()));
    };

    let workspaces = memberships::workspaces_of(&state.pool, user_id)
        .await
        .context("listing the person's workspaces")?;
    let Some(first) = workspaces.first() else {
        return Err(AppError::Forbidden(
            "Your account is not a member of any workspace any more. Ask an admin to invite you.".into(),
        ));
    };
    session::begin(&request.session, user_id, first.id)
        .await
        .context("starting the signed-in session")?;
    throttle::succeeded(&state.pool, attempt).await?;
    device::remember(request, email.as_str(), known.as_ref());
    if let Some(member) = memberships::find(&state.pool, user_id, first.id)
        .await
        .context("loading the member for the sign-in record")?
    {
        audit::by_member(
            &state.pool,
            &member,
            "session.signed_in",
            "user",
            Some(user_id.to_string()),
            format!("{} signed in", member.name),
            serde_json::json!({"ip": ip}),
        )
        .await
        .context("recording the sign-in in the audit log")?;
    }
    tracing::info!(%user_id, "signed in");
    Ok(())
}
