//! Slack: an incoming webhook URL, which carries its own token.
use super::{Credentials, Network, NetworkContext, NetworkError, Verified, response};
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::platforms::Endpoints;
    use wiremock::matchers::{body_json, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    const HOOK: &str = "/services/T000/B000/s3cret";

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
        Slack
            .verify(
                &ctx,
                &Credentials::Slack {
                    webhook_url: format!("{}{HOOK}", server.uri()),
                },
            )
            .await
    }

    async fn answering(status: u16, body: &str) -> MockServer {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path(HOOK))
            .and(body_json(json!({})))
            .respond_with(ResponseTemplate::new(status).set_body_string(body))
            .expect(1)
            .mount(&server)
            .await;
        server
    }

    #[tokio::test]
    async fn an_empty_message_refused_for_lack_of_text_proves_the_webhook() {
        for body in ["no_text", "invalid_payload"] {
            let server = answering(400, body).await;
            let verified = verify(&server).await.unwrap();
            assert_eq!(verified.handle, "Slack webhook");
        }
    }

    #[tokio::test]
    async fn dead_webhooks_are_unauthorized_with_a_reason() {
        for (status, body, expected) in [
            (
                403,
                "invalid_token",
                "the webhook URL is not valid (invalid_token)",
            ),
            (
                404,
                "no_service",
                "the webhook was removed or its app disabled (no_service)",
            ),
            (
                410,
                "channel_is_archived",
                "the webhook's channel is archived (channel_is_archived)",
            ),
            (
                404,
                "<html>Not Found</html>",
                "no webhook at this address (<html>Not Found</html>)",
            ),
            (401, "", "no details given"),
        ] {
            let server = answering(status, body).await;
            assert_eq!(
                verify(&server).await,
                Err(NetworkError::Unauthorized(expected.into())),
                "{status} {body}"
            );
        }
    }

    #[tokio::test]
    async fn other_refusals_and_outages_keep_their_class() {
        let server = answering(400, "user_not_found").await;
        assert!(matches!(
            verify(&server).await,
            Err(NetworkError::Rejected { status: 400, .. })
        ));
        let server = answering(503, "rollup_error").await;
        assert!(verify(&server).await.unwrap_err().is_transient());
    }
}
