//! A cap on request bodies. Server functions read their whole body into memory, so without
//! one a single request could exhaust it.
use crate::error::AppError;
use crate::server::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_LENGTH;
use axum::middleware::Next;
use axum::response::Response;

/// The one route that takes an image; every other body is small.
const UPLOAD_PATH: &str = "/api/upload_image";
/// Room for the multipart framing around an image.
const UPLOAD_OVERHEAD: usize = 64 * 1024;

pub async fn limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let limit = if request.uri().path() == UPLOAD_PATH {
        state.settings.media.max_image_bytes + UPLOAD_OVERHEAD
    } else {
        state.settings.server.max_body_bytes
    };
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return too_large(request.uri().path(), limit);
    }
    // A body without a length (chunked) is cut off where it passes the limit; reading it
    // then fails and the request is answered 400.
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(request).await
}

fn too_large(path: &str, limit: usize) -> Response {
    let message = format!(
        "The request is too large: Herald accepts at most {} KB here.",
        limit / 1024
    );
    super::refuse(path, StatusCode::PAYLOAD_TOO_LARGE, AppError::BadRequest(message))
}
