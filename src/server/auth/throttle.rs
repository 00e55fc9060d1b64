//! Slows password guessing and account creation. Each attempt is counted and written down
//! before the password is hashed, one at a time per counter (advisory locks), so a burst of
//! attempts cannot all pass a count that none of them has raised yet.
//!
//! Sign-in: too many recent failures for an email (from browsers not known for it) or from
//! an address answer 429 for the rest of the window. A browser that signed in as that person
//! before (see `device`) is held only by its own failures: an attacker cannot lock the owner
//! out.
use super::device::Device;
use super::guard::RequestContext;
use crate::error::AppError;
use crate::server::config::AuthSettings;
use crate::server::db::{new_accounts, signin_failures};
use anyhow::Context;
use sqlx::PgPool;

/// A sign-in attempt on record; `succeeded` forgets it, otherwise it stays as a failure.
pub struct Attempt {
    id: i64,
    email: String,
    device: Option<String>,
}

pub async fn begin_sign_in(
    pool: &PgPool,
    settings: &AuthSettings,
    email: &str,
    ip: &str,
    device: Option<&Device>,
) -> Result<Attempt, AppError> {
    let device = device.map(|d| d.id().to_owned());
    let keys = match &device {
        Some(id) => vec![format!("sign-in-device:{id}")],
        None => vec![format!("sign-in-email:{email}"), format!("sign-in-ip:{ip}")],
    };
    let mut tx = pool.begin().await.context("starting the sign-in attempt")?;
    signin_failures::lock(&mut tx, &keys)
        .await
        .context("locking the sign-in failure counters")?;
    let recent = signin_failures::recent(
        &mut tx,
        email,
        ip,
        device.as_deref(),
        settings.throttle_window_seconds,
    )
    .await
    .context("counting recent sign-in failures")?;
    let over = match device {
        Some(_) => recent.by_device >= settings.max_failed_signins_per_email,
        None => {
            recent.by_email >= settings.max_failed_signins_per_email
                || recent.by_ip >= settings.max_failed_signins_per_ip
        }
    };
    if over {
        tracing::warn!(ip, known_browser = device.is_some(), "sign-in throttled");
        return Err(AppError::TooManyRequests(format!(
            "Too many failed sign-in attempts. Wait {} and try again.",
            describe_seconds(settings.throttle_window_seconds)
        )));
    }
    let id = signin_failures::record(&mut tx, email, ip, device.as_deref())
        .await
        .context("recording the sign-in attempt")?;
    tx.commit().await.context("committing the sign-in attempt")?;
    Ok(Attempt {
        id,
        email: email.to_owned(),
        device,
    })
}

/// The password was right: forget this attempt and the failures before it.
pub async fn succeeded(pool: &PgPool, attempt: Attempt) -> Result<(), AppError> {
    Ok(
        signin_failures::forget(pool, attempt.id, &attempt.email, attempt.device.as_deref())
            .await
            .context("forgetting the sign-in failures")?,
    )
}

/// Counts an account about to be created (a password about to be hashed) for the client's
/// address; 429 past the limit.
pub async fn allow_new_account(request: &RequestContext) -> Result<(), AppError> {
    let settings = &request.state.settings.auth;
    let ip = request.client_ip();
    let recorded = new_accounts::record_within(
        &request.state.pool,
        &ip,
        settings.max_new_accounts_per_ip,
        settings.new_account_window_seconds,
    )
    .await
    .context("counting new accounts from the address")?;
    if !recorded {
        tracing::warn!(ip, "account creation throttled");
        return Err(AppError::TooManyRequests(format!(
            "Too many new accounts from your network. Try again in {}.",
            describe_seconds(settings.new_account_window_seconds)
        )));
    }
    Ok(())
}

fn describe_seconds(seconds: i64) -> String {
    match seconds {
        60 => "a minute".to_owned(),
        3600 => "an hour".to_owned(),
        s if s % 3600 == 0 => format!("{} hours", s / 3600),
        s if s % 60 == 0 => format!("{} minutes", s / 60),
        s => format!("{s} seconds"),
    }
}
