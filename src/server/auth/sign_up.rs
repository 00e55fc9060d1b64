use super::guard::RequestContext;
use super::{device, password, session, throttle};
use crate::domain::{email::Email, names::parse_name, password as password_rules, role::Role};
use crate::error::AppError;
use crate::server::db::{self, memberships, users, workspaces};
use crate::server::state::AppState;
use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};

pub struct SignUp {
    pub name: String,
    pub email: String,
    pub password: SecretString,
    pub workspace_name: String,
    /// The browser's IANA zone; empty or unknown falls back to UTC.
    pub timezone: String,
}

pub struct Availability {
    pub instance_is_empty: bool,
    /// Sign-up is allowed by configuration, or nobody has signed up yet.
    pub open: bool,
}

pub async fn availability(state: &AppState) -> Result<Availability, AppError> {
    let instance_is_empty = users::count(&state.pool).await.context("counting the users")? == 0;
    Ok(Availability {
        instance_is_empty,
        open: instance_is_empty || state.settings.auth.allow_signup,
    })
}

/// Creates a person and their workspace, makes them its owner and signs them in.
#[tracing::instrument(skip_all)]
pub async fn sign_up(request: &RequestContext, form: SignUp) -> Result<(), AppError> {
    if !availability(&request.state).await?.open {
        return Err(AppError::Forbidden(
            "Sign-up is closed on this Herald. Ask an admin of your workspace for an invite.".into(),
        ));
    }
    let name = parse_name(&form.name, "your name").map_err(AppError::bad_request)?;
    let email = Email::parse(&form.email).map_err(AppError::bad_request)?;
    password_rules::check(form.password.expose_secret()).map_err(AppError::bad_request)?;
    let workspace_name =
        parse_name(&form.workspace_name, "a workspace name").map_err(AppError::bad_request)?;
    let timezone = known_zone_or_utc(&form.timezone);

    throttle::allow_new_account(request).await?;
    let hash = password::hash(form.password).await?;
    let pool = &request.state.pool;
    let mut tx = pool.begin().await.context("starting the sign-up transaction")?;
    let user_id = match users::insert(&mut *tx, &email, &name, &hash).await {
        Ok(id) => id,
        Err(e) if db::is_unique_violation(&e, "users_email_key") => {
            return Err(AppError::Conflict(
                "An account with this email already exists. Sign in instead.".into(),
            ));
        }
        Err(e) => Err(e).context("creating the user's account")?,
    };
    let workspace_id = workspaces::insert(&mut *tx, &workspace_name, timezone)
        .await
        .context("creating the workspace")?;
    memberships::insert(&mut *tx, workspace_id, user_id, Role::Owner)
        .await
        .context("making the new user the workspace's owner")?;
    tx.commit().await.context("committing the sign-up")?;

    session::begin(&request.session, user_id, workspace_id)
        .await
        .context("signing the new user in")?;
    device::remember(request, email.as_str(), None);
    tracing::info!(%user_id, %workspace_id, "signed up");
    Ok(())
}

fn known_zone_or_utc(zone: &str) -> &str {
    match zone.trim().parse::<chrono_tz::Tz>() {
        Ok(tz) => tz.name(),
        Err(_) => "UTC",
    }
}

#[cfg(test)]
mod tests {
    use super::known_zone_or_utc;

    #[test]
    fn zones() {
        assert_eq!(known_zone_or_utc("Europe/London"), "Europe/London");
        assert_eq!(known_zone_or_utc(" Asia/Kathmandu "), "Asia/Kathmandu");
        assert_eq!(known_zone_or_utc(""), "UTC");
        assert_eq!(known_zone_or_utc("Mars/Olympus"), "UTC");
    }
}
