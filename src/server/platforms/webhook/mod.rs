//! Generic webhook: Herald POSTs JSON to any URL, signed with HMAC-SHA256 when a secret is set.
mod publish;
#[cfg(test)]
mod tests;

use super::{Credentials, Network, NetworkContext, NetworkError, Outgoing, Published, Verified, response};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use hmac::{Hmac, KeyInit, Mac};
use serde::Serialize;
use sha2::Sha256;
use std::fmt::Write;
use uuid::Uuid;

pub struct Webhook;

/// Sent by "Test connection" so the receiver can tell it from a post.
#[derive(Serialize)]
struct Ping {
    event: &'static str,
    delivery_id: Uuid,
    sent_at: String,
}

#[async_trait]
impl Network for Webhook {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let Credentials::Webhook { url, secret } = credentials else {
            return Err(NetworkError::Protocol("not webhook credentials".into()));
        };
        let host = url::Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .ok_or_else(|| NetworkError::Rejected {
                status: 400,
                message: "the URL is not a web address".into(),
            })?;
        let delivery = Delivery {
            event: "ping",
            id: Uuid::new_v4(),
            at: chrono::Utc::now(),
        };
        let ping = Ping {
            event: delivery.event,
            delivery_id: delivery.id,
            sent_at: timestamp(delivery.at),
        };
        let body = serde_json::to_vec(&ping).map_err(|e| NetworkError::Protocol(e.to_string()))?;
        response::success(signed_post(ctx.http, url, secret.as_deref(), &delivery, body)).await?;
        Ok(Verified {
            handle: host,
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
        let Credentials::Webhook { url, secret } = credentials else {
            return Err(NetworkError::Protocol("not webhook credentials".into()));
        };
        publish::publish(ctx.http, url, secret.as_deref(), outgoing).await
    }

    /// Every attempt at a post carries the same `X-Herald-Delivery` (the target id), which
    /// receivers deduplicate on.
    fn resend_is_safe(&self) -> bool {
        true
    }
}

/// What the headers say about one request.
struct Delivery {
    event: &'static str,
    id: Uuid,
    at: chrono::DateTime<chrono::Utc>,
}

/// A POST of `body` (JSON) with Herald's headers, signed when there is a secret.
fn signed_post(
    http: &reqwest::Client,
    url: &str,
    secret: Option<&str>,
    delivery: &Delivery,
    body: Vec<u8>,
) -> reqwest::RequestBuilder {
    let mut request = http
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header("X-Herald-Event", delivery.event)
        .header("X-Herald-Delivery", delivery.id.to_string())
        .header("X-Herald-Timestamp", delivery.at.timestamp().to_string());
    if let Some(secret) = secret {
        request = request.header("X-Herald-Signature", sign(secret, &body));
    }
    request.body(body)
}

fn timestamp(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The `X-Herald-Signature` value for `body`: `sha256=` and the lowercase hex HMAC-SHA256 of
/// the exact bytes sent, keyed with the secret.
pub(super) fn sign(secret: &str, body: &[u8]) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key length");
    mac.update(body);
    let mut signature = String::from("sha256=");
    for byte in mac.finalize().into_bytes() {
        let _ = write!(signature, "{byte:02x}");
    }
    signature
}
