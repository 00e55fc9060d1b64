//! Instagram professional accounts, through the Facebook Graph API.
use super::facebook::{graph_json, numeric_id};
use super::{Credentials, Network, NetworkContext, NetworkError, Verified};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;

pub struct Instagram;

#[derive(Deserialize)]
struct Account {
    username: String,
}

#[async_trait]
impl Network for Instagram {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let Credentials::Instagram {
            access_token,
            ig_user_id,
        } = credentials
        else {
            return Err(NetworkError::Protocol("not Instagram credentials".into()));
        };
        numeric_id(ig_user_id, "Instagram user id")?;
        let account: Account = graph_json(
            ctx.http
                .get(format!(
                    "{}/{ig_user_id}?fields=id,username",
                    ctx.endpoints.facebook_graph
                ))
                .bearer_auth(access_token),
            access_token,
        )
        .await?;
        Ok(Verified {
            handle: format!("@{}", account.username),
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
            .and(path("/17841400000000000"))
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
        let credentials = Credentials::Instagram {
            access_token: "t0ken".into(),
            ig_user_id: "17841400000000000".into(),
        };
        Instagram.verify(&ctx, &credentials).await
    }

    #[tokio::test]
    async fn names_the_account() {
        let verified = answering(
            200,
            json!({ "id": "17841400000000000", "username": "herald.bakery" }),
        )
        .await
        .unwrap();
        assert_eq!(verified.handle, "@herald.bakery");
    }

    #[tokio::test]
    async fn refusals_and_outages_are_sorted() {
        assert!(matches!(
            answering(401, json!({})).await,
            Err(NetworkError::Unauthorized(_))
        ));
        let missing_permission = json!({
            "error": { "message": "(#10) Missing permission", "type": "OAuthException", "code": 10 }
        });
        assert!(matches!(
            answering(400, missing_permission).await,
            Err(NetworkError::Unauthorized(_))
        ));
        assert!(answering(503, json!({})).await.unwrap_err().is_transient());
    }
}
