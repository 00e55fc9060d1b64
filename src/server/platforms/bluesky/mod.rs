//! Bluesky and other AT Protocol servers: a handle and an app password.
mod facets;
mod publish;
mod session;
#[cfg(test)]
mod tests;
mod tid;

use super::{Credentials, Network, NetworkContext, NetworkError, Outgoing, Published, Verified};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use session::{Login, Xrpc};

pub struct Bluesky;

fn login<'a>(ctx: &NetworkContext<'a>, credentials: &'a Credentials) -> Result<Login<'a>, NetworkError> {
    let Credentials::Bluesky {
        pds_url,
        handle,
        app_password,
    } = credentials
    else {
        return Err(NetworkError::Protocol("not Bluesky credentials".into()));
    };
    Ok(Login {
        pds: pds_url.as_deref().unwrap_or(&ctx.endpoints.bluesky_pds),
        identifier: handle,
        app_password,
    })
}

#[async_trait]
impl Network for Bluesky {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let session = session::login(ctx.http, &login(ctx, credentials)?).await?;
        Ok(Verified {
            handle: format!("@{}", session.handle),
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
        if outgoing.images.len() > publish::MAX_IMAGES {
            return Err(NetworkError::Rejected {
                status: 400,
                message: format!("Bluesky takes at most {} images per post", publish::MAX_IMAGES),
            });
        }
        let login = login(ctx, credentials)?;
        let mut xrpc = Xrpc::open(ctx.http, ctx.sessions, login, outgoing.account_id).await?;
        publish::post(&mut xrpc, outgoing.target_id, &outgoing.text, &outgoing.images).await
    }

    /// The record key comes from the target id, and the PDS keeps one record per key.
    fn resend_is_safe(&self) -> bool {
        true
    }
}
