//! The `oauth2` crate's requests go through Herald's own client (the outbound guard, its
//! timeouts). A 5xx or 429 becomes a transport error here, so callers can tell "try again
//! later" from a real refusal (`invalid_grant`), which arrives as the server's error body.
use oauth2::{AsyncHttpClient, HttpClientError, HttpRequest, HttpResponse};
use std::future::Future;
use std::pin::Pin;

pub struct GuardedHttp<'a>(pub &'a reqwest::Client);

#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    #[error("{0}")]
    Failed(String),
    #[error("the server is busy or failing (HTTP {0})")]
    Unavailable(u16),
}

impl<'c> AsyncHttpClient<'c> for GuardedHttp<'_> {
    type Error = HttpClientError<TransportError>;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Self::Error>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let failed = |error: reqwest::Error| {
                let error = error.without_url();
                Box::new(TransportError::Failed(if error.is_timeout() {
                    "no answer in time".to_owned()
                } else {
                    error.to_string()
                }))
            };
            let (parts, body) = request.into_parts();
            let response = self
                .0
                .request(parts.method, parts.uri.to_string())
                .headers(parts.headers)
                .body(body)
                .send()
                .await
                .map_err(failed)?;
            let status = response.status();
            if status.is_server_error() || status == reqwest::StatusCode::TOO_MANY_REQUESTS {
                return Err(HttpClientError::Reqwest(Box::new(TransportError::Unavailable(
                    status.as_u16(),
                ))));
            }
            let mut builder = http::Response::builder().status(status.as_u16());
            for (name, value) in response.headers() {
                builder = builder.header(name.as_str(), value.as_bytes());
            }
            let body = response.bytes().await.map_err(failed)?;
            builder.body(body.to_vec()).map_err(HttpClientError::Http)
        })
    }
}
