//! What every response and every state-changing request goes through: security headers,
//! the same-origin check and the request-size limit; and the files of the site.
pub mod audit_csv;
pub mod body_limit;
pub mod csp;
pub mod csrf;
pub mod error_status;
pub mod headers;
pub mod monitoring;
pub mod request_log;
pub mod return_to;
pub mod site_files;

use crate::error::AppError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// A refusal before the request reaches its handler: server-function callers get the
/// `AppError` JSON they decode, everyone else the sentence.
fn refuse(path: &str, status: StatusCode, error: AppError) -> Response {
    if path.starts_with("/api/") {
        let body = serde_json::to_string(&error).unwrap_or_default();
        (status, [("content-type", "application/json")], body).into_response()
    } else {
        (status, error.to_string()).into_response()
    }
}
