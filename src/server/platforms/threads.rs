//! Threads: a Threads user access token and the profile's numeric id.
use super::facebook::graph_json;
use super::{Credentials, Network, NetworkContext, NetworkError, Verified};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;

pub struct Threads;

#[derive(Deserialize)]
struct Me {
    id: String,
    username: String,
}

#[async_trait]
impl Network for Threads {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let Credentials::Threads {
            access_token,
            user_id,
        } = credentials
        else {
            return Err(NetworkError::Protocol("not Threads credentials".into()));
        };
        let me: Me = graph_json(
            ctx.http
                .get(format!("{}/me?fields=id,username", ctx.endpoints.threads_api))
                .bearer_auth(access_token),
            access_token,
        )
        .await?;
        // Publishing goes to /{user_id}; a token for another profile would fail there.
        if me.id != *user_id {
            return Err(NetworkError::Rejected {
                status: 400,
                message: format!(
                    "the token belongs to Threads user id {} (@{}), not {user_id}",
                    me.id, me.username
                ),
            });
        }
        Ok(Verified {
            handle: format!("@{}", me.username),
            display_name: None,
            text: AccountTextSettings::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::platforms::Endpoints;
    use serde_json::json;
    use wiremock::matchers::{header, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    async fn answering(status: u16, body: serde_json::Value) -> Result<Verified, NetworkError> {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/me"))
            .and(query_param("fields", "id,username"))
            .and(header("authorization", "Bearer t0ken"))
            .respond_with(ResponseTemplate::new(status).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
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
        let credentials = Credentials::Threads {
            access_token: "t0ken".into(),
            user_id: "1789".into(),
        };
        Threads.verify(&ctx, &credentials).await
    }

    #[tokio::test]
    async fn names_the_profile() {
        let verified = answering(200, json!({ "id": "1789", "username": "herald" }))
            .await
            .unwrap();
        assert_eq!(verified.handle, "@herald");
    }

    #[tokio::test]
    async fn a_token_for_another_profile_is_rejected() {
        let Err(NetworkError::Rejected { message, .. }) =
            answering(200, json!({ "id": "42", "username": "other" })).await
        else {
            panic!("a mismatch is rejected")
        };
        assert!(message.contains("user id 42 (@other), not 1789"), "{message}");
    }

    #[tokio::test]
    async fn refusals_and_outages_are_sorted() {
        assert!(matches!(
            answering(401, json!({})).await,
            Err(NetworkError::Unauthorized(_))
        ));
        let expired =
            json!({ "error": { "message": "Session has expired", "type": "OAuthException", "code": 190 } });
        assert_eq!(
            answering(400, expired).await,
            Err(NetworkError::Unauthorized("Session has expired".into()))
        );
        assert!(answering(503, json!({})).await.unwrap_err().is_transient());
    }
}
