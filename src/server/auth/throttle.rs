//! Slows password guessing: too many failed sign-ins for one email or from one address within
//! the window answer 429 until the window has passed.
use crate::api::error::AppError;
use crate::server::config::AuthSettings;
use crate::server::db::signin_failures;
use sqlx::PgPool;

pub async fn check(pool: &PgPool, settings: &AuthSettings, email: &str, ip: &str) -> Result<(), AppError> {
    let recent = signin_failures::recent(pool, email, ip, settings.throttle_window_seconds)
        .await
        .map_err(AppError::unexpected)?;
    if recent.by_email >= settings.max_failed_signins_per_email
        || recent.by_ip >= settings.max_failed_signins_per_ip
    {
        tracing::warn!(ip, "sign-in throttled");
        return Err(AppError::TooManyRequests(format!(
            "Too many failed sign-in attempts. Wait {} and try again.",
            describe_seconds(settings.throttle_window_seconds)
        )));
    }
    Ok(())
}

pub async fn record_failure(pool: &PgPool, email: &str, ip: &str) -> Result<(), AppError> {
    signin_failures::record(pool, email, ip)
        .await
        .map_err(AppError::unexpected)
}

pub async fn forget(pool: &PgPool, email: &str) -> Result<(), AppError> {
    signin_failures::clear_email(pool, email)
        .await
        .map_err(AppError::unexpected)
}

fn describe_seconds(seconds: i64) -> String {
    match seconds {
        60 => "a minute".to_owned(),
        s if s % 60 == 0 => format!("{} minutes", s / 60),
        s => format!("{s} seconds"),
    }
}
