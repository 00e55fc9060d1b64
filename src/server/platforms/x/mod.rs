//! X (Twitter): an OAuth 2.0 user access token (scopes tweet.write and media.write to post).
mod answer;
mod publish;
#[cfg(test)]
mod tests;

use super::{Credentials, Network, NetworkContext, NetworkError, Outgoing, Published, Verified};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;

pub struct X;

#[derive(Deserialize)]
struct Me {
    data: User,
}

#[derive(Deserialize)]
struct User {
    name: String,
    username: String,
}

#[async_trait]
impl Network for X {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let Credentials::X { access_token } = credentials else {
            return Err(NetworkError::Protocol("not X credentials".into()));
        };
        let me: Me = answer::json(
            ctx.http
                .get(format!("{}/2/users/me", ctx.endpoints.x_api))
                .bearer_auth(access_token),
        )
        .await?;
        Ok(Verified {
            handle: format!("@{}", me.data.username),
            display_name: Some(me.data.name).filter(|name| !name.trim().is_empty()),
            text: AccountTextSettings::default(),
        })
    }

    /// No idempotency key exists on X, so a resend may post twice.
    async fn publish(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
        outgoing: &Outgoing,
    ) -> Result<Published, NetworkError> {
        let Credentials::X { access_token } = credentials else {
            return Err(NetworkError::Protocol("not X credentials".into()));
        };
        publish::publish(ctx, access_token, outgoing).await
    }
}
