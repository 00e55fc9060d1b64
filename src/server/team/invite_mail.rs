//! The invitation mail. Sent at once rather than through the notification outbox: its link is
//! a credential, and the database keeps only a hash of it.
use crate::domain::{email::Email, role::Role};
use crate::server::config::Settings;
use crate::server::mail::Mailer;
use anyhow::Context;
use lettre::AsyncTransport;
use std::time::Duration;

/// Long enough for a slow mail server, short enough for the inviter to wait for.
const SEND_WITHIN: Duration = Duration::from_secs(15);

pub struct Invitation<'a> {
    pub to: &'a Email,
    pub workspace_name: &'a str,
    pub inviter: Option<&'a str>,
    pub role: Role,
    pub link: &'a str,
    pub valid_days: i64,
}

/// Mails the invitation; `None` when no mail server is configured.
pub async fn send(settings: &Settings, invitation: &Invitation<'_>) -> Option<anyhow::Result<()>> {
    let mailer = Mailer::from_settings(settings)?;
    Some(
        async {
            let mailer = mailer?;
            let message =
                mailer
                    .message
                    .plain(invitation.to.as_str(), &subject(invitation), text(invitation))?;
            tokio::time::timeout(SEND_WITHIN, mailer.transport.send(message))
                .await
                .context("the mail server did not answer in time")?
                .context("the mail server refused the invitation")?;
            tracing::info!("invitation mailed");
            Ok(())
        }
        .await,
    )
}

fn subject(invitation: &Invitation<'_>) -> String {
    format!("You are invited to {} on Herald", invitation.workspace_name)
}

fn text(invitation: &Invitation<'_>) -> String {
    let who = invitation.inviter.unwrap_or("An administrator");
    format!(
        "{who} invited you to join {} on Herald as {}.\n\n\
         Accept the invitation here (the link works once, for {} days):\n{}\n\n\
         If you did not expect this, ignore this mail: nothing happens unless you open the link.\n",
        invitation.workspace_name,
        invitation.role.label().to_lowercase(),
        invitation.valid_days,
        invitation.link
    )
}
