//! Generic webhook: Herald POSTs JSON to any URL, signed with HMAC-SHA256 when a secret is set.
use super::{Credentials, Network, NetworkContext, NetworkError, Verified, response};
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
        let delivery_id = Uuid::new_v4();
        let ping = Ping {
            event: "ping",
            delivery_id,
            sent_at: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        };
        let body = serde_json::to_vec(&ping).map_err(|e| NetworkError::Protocol(e.to_string()))?;
        let mut request = ctx
            .http
            .post(url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("X-Herald-Event", "ping")
            .header("X-Herald-Delivery", delivery_id.to_string());
        if let Some(secret) = secret {
            request = request.header("X-Herald-Signature", sign(secret, &body));
        }
        response::success(request.body(body)).await?;
        Ok(Verified {
            handle: host,
            display_name: None,
            text: AccountTextSettings::default(),
        })
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::platforms::Endpoints;
    use sha2::Digest;
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    async fn verify(server: &MockServer, secret: Option<&str>) -> Result<Verified, NetworkError> {
        let endpoints = Endpoints {
            bluesky_pds: server.uri(),
            telegram_api: server.uri(),
            linkedin_api: server.uri(),
            x_api: server.uri(),
            threads_api: server.uri(),
            facebook_graph: server.uri(),
        };
        // reqwest will not build a client before a TLS provider is chosen, even for plain http.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::new();
        let ctx = NetworkContext {
            http: &http,
            endpoints: &endpoints,
        };
        let credentials = Credentials::Webhook {
            url: format!("{}/herald", server.uri()),
            secret: secret.map(str::to_owned),
        };
        Webhook.verify(&ctx, &credentials).await
    }

    async fn answering(status: u16) -> MockServer {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/herald"))
            .and(header("content-type", "application/json"))
            .and(header("x-herald-event", "ping"))
            .respond_with(ResponseTemplate::new(status))
            .expect(1)
            .mount(&server)
            .await;
        server
    }

    /// HMAC-SHA256 built from its definition (RFC 2104), independently of `sign`.
    fn hmac_sha256_hex(key: &[u8], message: &[u8]) -> String {
        let mut block = [0u8; 64];
        if key.len() > 64 {
            block[..32].copy_from_slice(&Sha256::digest(key));
        } else {
            block[..key.len()].copy_from_slice(key);
        }
        let inner = Sha256::new()
            .chain_update(block.map(|b| b ^ 0x36))
            .chain_update(message)
            .finalize();
        let outer = Sha256::new()
            .chain_update(block.map(|b| b ^ 0x5c))
            .chain_update(inner)
            .finalize();
        outer.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn signs_like_rfc_4231() {
        // RFC 4231, test case 2.
        assert_eq!(
            sign("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        let long_key = "k".repeat(100);
        assert_eq!(
            sign(&long_key, b"body"),
            format!("sha256={}", hmac_sha256_hex(long_key.as_bytes(), b"body"))
        );
    }

    #[tokio::test]
    async fn sends_a_signed_ping() {
        let server = answering(204).await;
        let verified = verify(&server, Some("shh")).await.unwrap();
        assert_eq!(verified.handle, "127.0.0.1");

        let requests = server.received_requests().await.unwrap();
        let request = &requests[0];
        let headers = |name: &str| {
            request
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
        };
        assert_eq!(
            headers("x-herald-signature"),
            format!("sha256={}", hmac_sha256_hex(b"shh", &request.body))
        );
        let ping: serde_json::Value = request.body_json().unwrap();
        assert_eq!(ping["event"], "ping");
        assert_eq!(ping["delivery_id"], headers("x-herald-delivery"));
        assert!(Uuid::parse_str(headers("x-herald-delivery")).is_ok());
        let sent_at = ping["sent_at"].as_str().unwrap();
        assert!(chrono::DateTime::parse_from_rfc3339(sent_at).is_ok(), "{sent_at}");
    }

    #[tokio::test]
    async fn sends_no_signature_without_a_secret() {
        let server = answering(200).await;
        verify(&server, None).await.unwrap();
        let requests = server.received_requests().await.unwrap();
        assert!(requests[0].headers.get("x-herald-signature").is_none());
        assert!(requests[0].headers.get("x-herald-delivery").is_some());
    }

    #[tokio::test]
    async fn refusals_and_outages_are_sorted() {
        let server = answering(401).await;
        assert!(matches!(
            verify(&server, Some("shh")).await,
            Err(NetworkError::Unauthorized(_))
        ));
        let server = answering(404).await;
        assert!(matches!(
            verify(&server, None).await,
            Err(NetworkError::Rejected { status: 404, .. })
        ));
        let server = answering(503).await;
        assert!(verify(&server, None).await.unwrap_err().is_transient());
    }
}
