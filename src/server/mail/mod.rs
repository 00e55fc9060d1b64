//! Notification mail: the outbox, sent over SMTP when `smtp.url` is set. One message per
//! (event, person) row; a message is resent only when the server said it did not take it.
mod send;

pub use send::{Delivery, Letterhead, Mailer, Refusal, send_next};

use crate::server::state::AppState;
use std::time::Duration;

/// Sends the outbox every few seconds, for as long as the process runs.
pub fn spawn(state: &AppState) {
    let Some(mailer) = Mailer::from_settings(&state.settings) else {
        return;
    };
    let mailer = match mailer {
        Ok(mailer) => mailer,
        Err(error) => {
            tracing::error!(
                error = format!("{error:#}"),
                "smtp.url is not usable; no mail will be sent"
            );
            return;
        }
    };
    let pool = state.pool.clone();
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(Duration::from_secs(5));
        loop {
            interval.tick().await;
            loop {
                match send_next(&pool, &mailer.transport, &mailer.message).await {
                    Ok(Some(_)) => continue,
                    Ok(None) => break,
                    Err(error) => {
                        tracing::warn!(error = format!("{error:#}"), "could not send notification mail");
                        break;
                    }
                }
            }
        }
    });
}
