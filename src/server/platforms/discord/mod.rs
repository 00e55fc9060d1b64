//! Discord: a channel webhook URL, which carries its own token.
mod publish;
#[cfg(test)]
mod tests;

use super::{
    Credentials, Network, NetworkContext, NetworkError, Outgoing, Published, Verified, body, response,
};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;

pub struct Discord;

#[derive(Deserialize)]
struct Webhook {
    name: Option<String>,
}

#[async_trait]
impl Network for Discord {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let Credentials::Discord { webhook_url } = credentials else {
            return Err(NetworkError::Protocol("not Discord credentials".into()));
        };
        // Reading a webhook through its tokened URL needs no other authorisation.
        let answer = response::success(ctx.http.get(webhook_url))
            .await
            .map_err(unknown_webhook_is_unauthorized)?;
        // Not `response::json`: a parse error there would quote the URL, which is the secret.
        let body = body::bytes(answer).await?;
        let webhook: Webhook = serde_json::from_slice(&body)
            .map_err(|e| NetworkError::Protocol(format!("could not read the answer: {e}")))?;
        Ok(Verified {
            handle: webhook
                .name
                .filter(|name| !name.trim().is_empty())
                .unwrap_or_else(|| "Discord webhook".into()),
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
        let Credentials::Discord { webhook_url } = credentials else {
            return Err(NetworkError::Protocol("not Discord credentials".into()));
        };
        publish::publish(ctx.http, webhook_url, outgoing).await
    }
}

/// "Unknown Webhook" (404): deleted, or the URL was mistyped; only a new URL helps.
fn unknown_webhook_is_unauthorized(error: NetworkError) -> NetworkError {
    match error {
        NetworkError::Rejected { status: 404, message } => {
            NetworkError::Unauthorized(format!("no webhook at this address ({message})"))
        }
        other => other,
    }
}
