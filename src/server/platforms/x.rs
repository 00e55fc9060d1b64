//! X (Twitter): an OAuth 2.0 user access token.
use super::{Credentials, Network, NetworkContext, NetworkError, Verified, response};
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
        let me: Me = response::json(
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::platforms::Endpoints;
    use serde_json::json;
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    async fn answering(status: u16, body: serde_json::Value) -> Result<Verified, NetworkError> {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/2/users/me"))
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
        X.verify(
            &ctx,
            &Credentials::X {
                access_token: "t0ken".into(),
            },
        )
        .await
    }

    #[tokio::test]
    async fn names_the_user() {
        let verified = answering(
            200,
            json!({ "data": { "id": "2244994945", "name": "Herald HQ", "username": "herald" } }),
        )
        .await
        .unwrap();
        assert_eq!(verified.handle, "@herald");
        assert_eq!(verified.display_name.as_deref(), Some("Herald HQ"));
    }

    #[tokio::test]
    async fn refusals_and_outages_are_sorted() {
        let unauthorized = json!({
            "title": "Unauthorized",
            "type": "about:blank",
            "status": 401,
            "detail": "Unauthorized"
        });
        assert!(matches!(
            answering(401, unauthorized).await,
            Err(NetworkError::Unauthorized(_))
        ));
        assert!(
            answering(503, json!({ "title": "Service Unavailable" }))
                .await
                .unwrap_err()
                .is_transient()
        );
        assert!(
            answering(429, json!({ "title": "Too Many Requests" }))
                .await
                .unwrap_err()
                .is_transient()
        );
    }
}
