//! Slack: an incoming webhook URL, which carries its own token.
#[cfg(test)]
mod tests;

use super::{Credentials, Network, NetworkContext, NetworkError, Outgoing, Published, Verified, response};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde_json::json;

pub struct Slack;

#[async_trait]
impl Network for Slack {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let Credentials::Slack { webhook_url } = credentials else {
            return Err(NetworkError::Protocol("not Slack credentials".into()));
        };
        // Incoming webhooks cannot be read. An empty message is refused only after the webhook
        // itself was found, and nothing is posted.
        match response::success(ctx.http.post(webhook_url).json(&json!({}))).await {
            Err(NetworkError::Rejected { status: 400, message })
                if matches!(message.as_str(), "no_text" | "invalid_payload") => {}
            // Slack itself never accepts an empty message; a compatible server may.
            Ok(_) => {}
            Err(error) => return Err(explain(error)),
        }
        Ok(Verified {
            handle: "Slack webhook".into(),
            display_name: None,
            text: AccountTextSettings::default(),
        })
    }

    async fn publish(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
        outgoing: &Outgoing,
    ) -> Result<Published, NetworkError> {
        let Credentials::Slack { webhook_url } = credentials else {
            return Err(NetworkError::Protocol("not Slack credentials".into()));
        };
        // Incoming webhooks cannot upload files, so images are left out rather than failing.
        let message = json!({ "text": escape(&outgoing.text) });
        response::success(ctx.http.post(webhook_url).json(&message))
            .await
            .map_err(explain_refusal)?;
        // Slack answers a bare "ok": there is no message id and no link.
        Ok(Published {
            remote_id: outgoing.target_id.to_string(),
            url: None,
        })
    }
}

/// `&`, `<` and `>` are Slack's markup for links and mentions (`<!channel>`); plain text must
/// escape them, and only them.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An archived channel can be unarchived, so that post fails without blaming the webhook.
fn explain_refusal(error: NetworkError) -> NetworkError {
    match error {
        NetworkError::Rejected { status, message } if message == "channel_is_archived" => {
            NetworkError::Rejected {
                status,
                message: "the webhook's channel is archived (channel_is_archived)".into(),
            }
        }
        other => explain(other),
    }
}

/// Slack answers a dead webhook with a bare error code; say what it means.
fn explain(error: NetworkError) -> NetworkError {
    let (status, code) = match &error {
        NetworkError::Unauthorized(message) => (403, message.as_str()),
        NetworkError::Rejected { status, message } => (*status, message.as_str()),
        _ => return error,
    };
    let reason = match code {
        "invalid_token" => "the webhook URL is not valid",
        "no_service" | "no_service_id" | "no_team" | "team_disabled" | "no_active_hooks" => {
            "the webhook was removed or its app disabled"
        }
        "channel_not_found" => "the webhook's channel no longer exists",
        "channel_is_archived" => "the webhook's channel is archived",
        "action_prohibited" | "posting_to_general_channel_denied" => {
            "the workspace does not let this webhook post"
        }
        // Any other 404/410: nothing answers at this address any more.
        _ if matches!(status, 404 | 410) => "no webhook at this address",
        _ => return error,
    };
    NetworkError::Unauthorized(format!("{reason} ({code})"))
}
