//! Discord: a channel webhook URL, which carries its own token.
use super::{Credentials, Network, NetworkContext, NetworkError, Verified, response};
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
            .map_err(|error| match error {
                // "Unknown Webhook": deleted, or the URL was mistyped.
                NetworkError::Rejected { status: 404, message } => {
                    NetworkError::Unauthorized(format!("no webhook at this address ({message})"))
                }
                other => other,
            })?;
        // Not `response::json`: a parse error there would quote the URL, which is the secret.
        let body = answer.bytes().await.map_err(NetworkError::from_transport)?;
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::platforms::Endpoints;
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    const TOKEN: &str = "s3cret-t0ken";

    async fn verify(server: &MockServer) -> Result<Verified, NetworkError> {
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
        let credentials = Credentials::Discord {
            webhook_url: format!("{}/api/webhooks/123/{TOKEN}", server.uri()),
        };
        Discord.verify(&ctx, &credentials).await
    }

    fn answer(status: u16, body: serde_json::Value) -> Mock {
        Mock::given(method("GET"))
            .and(path(format!("/api/webhooks/123/{TOKEN}")))
            .respond_with(ResponseTemplate::new(status).set_body_json(body))
    }

    #[tokio::test]
    async fn names_the_webhook() {
        let server = MockServer::start().await;
        answer(
            200,
            serde_json::json!({ "id": "123", "name": "Herald", "channel_id": "99", "token": TOKEN }),
        )
        .expect(1)
        .mount(&server)
        .await;
        let verified = verify(&server).await.unwrap();
        assert_eq!(verified.handle, "Herald");
        assert_eq!(verified.display_name, None);
        let requests = server.received_requests().await.unwrap();
        assert!(
            requests[0].headers.get("authorization").is_none(),
            "the token travels in the URL only"
        );
    }

    #[tokio::test]
    async fn a_revoked_or_unknown_webhook_is_unauthorized() {
        let server = MockServer::start().await;
        answer(
            401,
            serde_json::json!({ "message": "Invalid Webhook Token", "code": 50027 }),
        )
        .mount(&server)
        .await;
        assert!(matches!(
            verify(&server).await,
            Err(NetworkError::Unauthorized(_))
        ));

        let server = MockServer::start().await;
        answer(
            404,
            serde_json::json!({ "message": "Unknown Webhook", "code": 10015 }),
        )
        .mount(&server)
        .await;
        let Err(NetworkError::Unauthorized(reason)) = verify(&server).await else {
            panic!("404 is unauthorized")
        };
        assert!(reason.contains("Unknown Webhook"), "{reason}");
    }

    #[tokio::test]
    async fn an_outage_is_transient() {
        let server = MockServer::start().await;
        answer(503, serde_json::json!({})).mount(&server).await;
        assert!(verify(&server).await.unwrap_err().is_transient());
    }

    #[tokio::test]
    async fn a_garbled_answer_does_not_leak_the_url() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_string("<html>"))
            .mount(&server)
            .await;
        let error = verify(&server).await.unwrap_err();
        assert!(matches!(error, NetworkError::Protocol(_)));
        assert!(!error.to_string().contains(TOKEN), "{error}");
    }
}
