//! Mastodon (and compatible servers): any instance, a personal access token.
mod publish;
#[cfg(test)]
mod tests;

use super::{Credentials, Network, NetworkContext, NetworkError, Outgoing, Published, Verified, response};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;

pub struct Mastodon;

#[derive(Deserialize)]
struct Account {
    acct: String,
    display_name: String,
}

#[derive(Deserialize)]
struct Instance {
    configuration: Option<Configuration>,
}

#[derive(Deserialize)]
struct Configuration {
    statuses: Option<StatusLimits>,
}

#[derive(Deserialize)]
struct StatusLimits {
    max_characters: Option<u32>,
    characters_reserved_per_url: Option<u32>,
}

#[async_trait]
impl Network for Mastodon {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let Credentials::Mastodon {
            instance_url,
            access_token,
        } = credentials
        else {
            return Err(NetworkError::Protocol("not Mastodon credentials".into()));
        };
        let account: Account = response::json(
            ctx.http
                .get(format!("{instance_url}/api/v1/accounts/verify_credentials"))
                .bearer_auth(access_token),
        )
        .await?;
        // Each instance sets its own limits; older ones lack /api/v2/instance.
        let limits = response::json::<Instance>(ctx.http.get(format!("{instance_url}/api/v2/instance")))
            .await
            .ok()
            .and_then(|instance| instance.configuration?.statuses);
        let host = url::Url::parse(instance_url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned));
        let handle = match host {
            Some(host) if !account.acct.contains('@') => format!("@{}@{host}", account.acct),
            _ => format!("@{}", account.acct),
        };
        Ok(Verified {
            handle,
            display_name: Some(account.display_name).filter(|name| !name.trim().is_empty()),
            text: AccountTextSettings {
                max_characters: limits.as_ref().and_then(|l| l.max_characters),
                characters_reserved_per_url: limits.as_ref().and_then(|l| l.characters_reserved_per_url),
            },
        })
    }

    async fn publish(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
        outgoing: &Outgoing,
    ) -> Result<Published, NetworkError> {
        let Credentials::Mastodon {
            instance_url,
            access_token,
        } = credentials
        else {
            return Err(NetworkError::Protocol("not Mastodon credentials".into()));
        };
        publish::publish(ctx.http, instance_url, access_token, outgoing).await
    }

    /// The status is sent with `Idempotency-Key: <target id>`: a repeat returns the first status.
    fn resend_is_safe(&self) -> bool {
        true
    }
}
