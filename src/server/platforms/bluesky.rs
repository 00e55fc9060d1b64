//! Bluesky and other AT Protocol servers: a handle and an app password.
use super::{Credentials, Network, NetworkContext, NetworkError, Verified, response};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;
use serde_json::json;

pub struct Bluesky;

#[derive(Deserialize)]
struct Session {
    handle: String,
}

#[async_trait]
impl Network for Bluesky {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let Credentials::Bluesky {
            pds_url,
            handle,
            app_password,
        } = credentials
        else {
            return Err(NetworkError::Protocol("not Bluesky credentials".into()));
        };
        let pds = pds_url.as_deref().unwrap_or(&ctx.endpoints.bluesky_pds);
        let session: Session = response::json(
            ctx.http
                .post(format!("{pds}/xrpc/com.atproto.server.createSession"))
                .json(&json!({ "identifier": handle, "password": app_password })),
        )
        .await?;
        Ok(Verified {
            handle: format!("@{}", session.handle),
            display_name: None,
            text: AccountTextSettings::default(),
        })
    }
}
