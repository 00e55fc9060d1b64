//! LinkedIn: an OAuth access token and the member or organization posts are published as.
use super::{Credentials, Network, NetworkContext, NetworkError, Verified, response};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;

pub struct LinkedIn;

/// Versioned (`/rest`) calls must name a version; each is served for about a year, so this
/// needs raising now and then (an expired one answers HTTP 426).
const LINKEDIN_VERSION: &str = "202603";

#[derive(Debug, PartialEq)]
enum Author<'a> {
    Person(&'a str),
    Organization(&'a str),
}

/// OpenID Connect userinfo; `sub` is the member id in `urn:li:person:{sub}`.
#[derive(Deserialize)]
struct UserInfo {
    sub: String,
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Organization {
    localized_name: Option<String>,
}

#[async_trait]
impl Network for LinkedIn {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let Credentials::LinkedIn {
            access_token,
            author_urn,
        } = credentials
        else {
            return Err(NetworkError::Protocol("not LinkedIn credentials".into()));
        };
        let api = &ctx.endpoints.linkedin_api;
        let name = match author(author_urn)? {
            Author::Person(id) => {
                let me: UserInfo = response::json(
                    ctx.http
                        .get(format!("{api}/v2/userinfo"))
                        .bearer_auth(access_token),
                )
                .await?;
                // Posting as someone else would fail later, with a vaguer error.
                if me.sub != id {
                    return Err(NetworkError::Rejected {
                        status: 400,
                        message: format!("the token belongs to urn:li:person:{}, not {author_urn}", me.sub),
                    });
                }
                me.name
            }
            Author::Organization(id) => {
                let organization: Organization = response::json(
                    ctx.http
                        .get(format!("{api}/rest/organizations/{id}"))
                        .bearer_auth(access_token)
                        .header("LinkedIn-Version", LINKEDIN_VERSION)
                        .header("X-Restli-Protocol-Version", "2.0.0"),
                )
                .await?;
                organization.localized_name
            }
        };
        Ok(Verified {
            handle: name
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| author_urn.clone()),
            display_name: None,
            text: AccountTextSettings::default(),
        })
    }
}

/// `urn:li:person:{id}` or `urn:li:organization:{numeric id}`; anything else is refused before
/// a request is made (the id ends up in a URL path).
fn author(urn: &str) -> Result<Author<'_>, NetworkError> {
    let valid_id = |id: &str, extra: fn(char) -> bool| !id.is_empty() && id.chars().all(extra);
    if let Some(id) = urn.strip_prefix("urn:li:person:")
        && valid_id(id, |c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Ok(Author::Person(id));
    }
    if let Some(id) = urn.strip_prefix("urn:li:organization:")
        && valid_id(id, |c| c.is_ascii_digit())
    {
        return Ok(Author::Organization(id));
    }
    Err(NetworkError::Rejected {
        status: 400,
        message: "the author must look like urn:li:person:… or urn:li:organization:…".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::platforms::Endpoints;
    use serde_json::json;
    use wiremock::matchers::{header, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    async fn verify(server: &MockServer, author_urn: &str) -> Result<Verified, NetworkError> {
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
        let credentials = Credentials::LinkedIn {
            access_token: "t0ken".into(),
            author_urn: author_urn.into(),
        };
        LinkedIn.verify(&ctx, &credentials).await
    }

    fn userinfo(status: u16, body: serde_json::Value) -> Mock {
        Mock::given(method("GET"))
            .and(path("/v2/userinfo"))
            .and(header("authorization", "Bearer t0ken"))
            .respond_with(ResponseTemplate::new(status).set_body_json(body))
    }

    #[tokio::test]
    async fn names_the_member() {
        let server = MockServer::start().await;
        userinfo(
            200,
            json!({ "sub": "782bbtaQ", "name": "Ada Lovelace", "given_name": "Ada" }),
        )
        .expect(1)
        .mount(&server)
        .await;
        let verified = verify(&server, "urn:li:person:782bbtaQ").await.unwrap();
        assert_eq!(verified.handle, "Ada Lovelace");
    }

    #[tokio::test]
    async fn a_token_of_another_member_is_rejected() {
        let server = MockServer::start().await;
        userinfo(200, json!({ "sub": "someoneElse", "name": "Bob" }))
            .mount(&server)
            .await;
        let Err(NetworkError::Rejected { message, .. }) = verify(&server, "urn:li:person:782bbtaQ").await
        else {
            panic!("a mismatch is rejected")
        };
        assert!(message.contains("urn:li:person:someoneElse"), "{message}");
    }

    #[tokio::test]
    async fn names_the_organization() {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/rest/organizations/2414183"))
            .and(header("authorization", "Bearer t0ken"))
            .and(header("linkedin-version", LINKEDIN_VERSION))
            .and(header("x-restli-protocol-version", "2.0.0"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({ "id": 2414183, "localizedName": "Herald Inc" })),
            )
            .expect(1)
            .mount(&server)
            .await;
        let verified = verify(&server, "urn:li:organization:2414183").await.unwrap();
        assert_eq!(verified.handle, "Herald Inc");
    }

    #[tokio::test]
    async fn a_malformed_author_is_refused_without_a_request() {
        let server = MockServer::start().await;
        for urn in [
            "urn:li:company:1",
            "urn:li:person:",
            "urn:li:organization:12/../34",
            "ada",
            "",
        ] {
            assert!(
                matches!(
                    verify(&server, urn).await,
                    Err(NetworkError::Rejected { status: 400, .. })
                ),
                "{urn}"
            );
        }
        assert!(server.received_requests().await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn refusals_and_outages_are_sorted() {
        let server = MockServer::start().await;
        userinfo(
            401,
            json!({ "serviceErrorCode": 65600, "message": "Invalid access token", "status": 401 }),
        )
        .mount(&server)
        .await;
        let error = verify(&server, "urn:li:person:782bbtaQ").await.unwrap_err();
        assert_eq!(error, NetworkError::Unauthorized("Invalid access token".into()));

        let server = MockServer::start().await;
        userinfo(503, json!({})).mount(&server).await;
        assert!(
            verify(&server, "urn:li:person:782bbtaQ")
                .await
                .unwrap_err()
                .is_transient()
        );
    }
}
