//! Facebook Pages: a Page access token and the Page id. Also home of the Graph API error
//! handling that Instagram and Threads share.
use super::{Credentials, Network, NetworkContext, NetworkError, Verified, response};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;
use serde::de::DeserializeOwned;

pub struct Facebook;

#[derive(Deserialize)]
struct Page {
    name: String,
}

#[async_trait]
impl Network for Facebook {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let Credentials::Facebook {
            page_access_token,
            page_id,
        } = credentials
        else {
            return Err(NetworkError::Protocol("not Facebook credentials".into()));
        };
        numeric_id(page_id, "Page id")?;
        let page: Page = graph_json(
            ctx.http
                .get(format!(
                    "{}/{page_id}?fields=id,name",
                    ctx.endpoints.facebook_graph
                ))
                .bearer_auth(page_access_token),
            page_access_token,
        )
        .await?;
        Ok(Verified {
            handle: page.name,
            display_name: None,
            text: AccountTextSettings::default(),
        })
    }
}

/// Graph ids are numeric and end up in a URL path: refuse anything else before asking.
pub(super) fn numeric_id(id: &str, label: &str) -> Result<(), NetworkError> {
    if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
        return Ok(());
    }
    Err(NetworkError::Rejected {
        status: 400,
        message: format!("the {label} must be a number"),
    })
}

#[derive(Deserialize)]
struct GraphErrorBody {
    error: GraphError,
}

#[derive(Deserialize)]
struct GraphError {
    message: Option<String>,
    error_user_msg: Option<String>,
    code: Option<i64>,
    #[serde(default)]
    is_transient: bool,
}

/// Like `response::json`, for Meta's Graph APIs (Facebook, Instagram, Threads): they answer
/// most failures, a dead token included, with HTTP 400 and `{"error":{"code":…}}`, so the code
/// decides the class. `token` is scrubbed from the message in case Meta quotes it.
pub(super) async fn graph_json<T: DeserializeOwned>(
    request: reqwest::RequestBuilder,
    token: &str,
) -> Result<T, NetworkError> {
    let answer = request.send().await.map_err(NetworkError::from_transport)?;
    let status = answer.status();
    if status.is_success() {
        return answer.json::<T>().await.map_err(|e| {
            NetworkError::Protocol(
                format!("could not read the answer: {}", e.without_url()).replace(char::is_control, " "),
            )
        });
    }
    let retry_after = answer
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok()?.trim().parse().ok())
        .map(std::time::Duration::from_secs);
    let body = answer.text().await.unwrap_or_default();
    let Ok(GraphErrorBody { error }) = serde_json::from_str(&body) else {
        return Err(response::classify(status.as_u16(), &body, retry_after));
    };
    let mut message = error.error_user_msg.or(error.message).unwrap_or_default();
    if !token.is_empty() {
        message = message.replace(token, "[redacted]");
    }
    let message: String = message.chars().filter(|c| !c.is_control()).take(300).collect();
    let message = if message.trim().is_empty() {
        "no details given".to_owned()
    } else {
        message
    };
    // Codes from Meta's "Handling Errors" guide.
    let refused = matches!(error.code, Some(10 | 102 | 190 | 200..=299));
    let temporary =
        matches!(error.code, Some(1 | 2 | 4 | 17 | 32 | 341 | 613 | 80001..=80014)) || error.is_transient;
    Err(if refused {
        NetworkError::Unauthorized(message)
    } else if temporary {
        NetworkError::Unavailable {
            status: Some(status.as_u16()),
            message,
            retry_after,
        }
    } else {
        response::classify(status.as_u16(), &message, retry_after)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::platforms::Endpoints;
    use serde_json::json;
    use wiremock::matchers::{header, method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    async fn verify(server: &MockServer, page_id: &str) -> Result<Verified, NetworkError> {
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
        let credentials = Credentials::Facebook {
            page_access_token: "t0ken".into(),
            page_id: page_id.into(),
        };
        Facebook.verify(&ctx, &credentials).await
    }

    async fn answering(status: u16, body: serde_json::Value) -> MockServer {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/1234567890"))
            .and(query_param("fields", "id,name"))
            .and(header("authorization", "Bearer t0ken"))
            .respond_with(ResponseTemplate::new(status).set_body_json(body))
            .expect(1)
            .mount(&server)
            .await;
        server
    }

    fn graph_error(code: i64, message: &str) -> serde_json::Value {
        json!({
            "error": { "message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbC" }
        })
    }

    #[tokio::test]
    async fn names_the_page() {
        let server = answering(200, json!({ "id": "1234567890", "name": "Herald Bakery" })).await;
        let verified = verify(&server, "1234567890").await.unwrap();
        assert_eq!(verified.handle, "Herald Bakery");
        let requests = server.received_requests().await.unwrap();
        assert!(
            !requests[0].url.as_str().contains("t0ken"),
            "the token stays out of the URL"
        );
    }

    #[tokio::test]
    async fn a_dead_token_is_unauthorized_even_as_a_400() {
        let server = answering(
            400,
            graph_error(
                190,
                "Invalid OAuth access token t0ken - Cannot parse access token",
            ),
        )
        .await;
        assert_eq!(
            verify(&server, "1234567890").await,
            Err(NetworkError::Unauthorized(
                "Invalid OAuth access token [redacted] - Cannot parse access token".into()
            ))
        );
        let server = answering(401, json!({})).await;
        assert!(matches!(
            verify(&server, "1234567890").await,
            Err(NetworkError::Unauthorized(_))
        ));
    }

    #[tokio::test]
    async fn throttling_and_outages_are_transient() {
        let server = answering(400, graph_error(4, "Application request limit reached")).await;
        let error = verify(&server, "1234567890").await.unwrap_err();
        assert!(error.is_transient());
        assert!(
            error.to_string().contains("Application request limit reached"),
            "{error}"
        );
        let server = answering(503, json!({})).await;
        assert!(verify(&server, "1234567890").await.unwrap_err().is_transient());
    }

    #[tokio::test]
    async fn a_wrong_page_is_rejected() {
        let server = answering(
            400,
            graph_error(
                100,
                "Unsupported get request. Object with ID '1234567890' does not exist",
            ),
        )
        .await;
        let Err(NetworkError::Rejected { status: 400, message }) = verify(&server, "1234567890").await else {
            panic!("a wrong id is rejected")
        };
        assert!(message.starts_with("Unsupported get request"), "{message}");

        let server = MockServer::start().await;
        assert!(matches!(
            verify(&server, "my-page/../x").await,
            Err(NetworkError::Rejected { status: 400, .. })
        ));
        assert!(server.received_requests().await.unwrap().is_empty());
    }
}
