//! A server-function middleware for uploads: server_fn's multipart decoder panics on a request
//! whose Content-Type has no boundary (`expect("couldn't parse boundary")`), so such a request
//! is refused here first with a 400 the person can read. Found by the request fuzzer.
use crate::error::AppError;
use axum::body::Body;
use http::{Request, Response, StatusCode, header};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// `#[middleware(crate::server::multipart::RequireBoundary)]` on a multipart server function.
#[derive(Clone, Copy)]
pub struct RequireBoundary;

impl<S> tower::Layer<S> for RequireBoundary {
    type Service = Guarded<S>;

    fn layer(&self, inner: S) -> Guarded<S> {
        Guarded(inner)
    }
}

pub struct Guarded<S>(S);

impl<S> tower::Service<Request<Body>> for Guarded<S>
where
    S: tower::Service<Request<Body>, Response = Response<Body>>,
    S::Future: Send + 'static,
{
    type Response = Response<Body>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Body>, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        // The same test the decoder makes, so what passes here cannot make it panic.
        let has_boundary = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| multer::parse_boundary(value).is_ok());
        if has_boundary {
            return Box::pin(self.0.call(request));
        }
        Box::pin(async { Ok(refusal()) })
    }
}

fn refusal() -> Response<Body> {
    let error = AppError::bad_request("Image: send it as a file upload (multipart/form-data).");
    let body = serde_json::to_vec(&error).unwrap_or_default();
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = StatusCode::BAD_REQUEST;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    response
}
