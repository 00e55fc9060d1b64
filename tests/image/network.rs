//! The fake Mastodon instance the containers publish to: tests/chaos's fake network (it records
//! every request and posts once per Idempotency-Key, as Mastodon does) behind the endpoints an
//! account's connection asks for, which the chaos fake has no need of.
use crate::fake::{Fake, Mode};
use anyhow::Result;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::json;
use std::time::Duration;

/// The access token the fake instance knows.
pub const TOKEN: &str = "image-test-token";

pub struct Network {
    /// The instance URL to connect an account with.
    pub address: String,
    pub fake: Fake,
}

#[derive(Clone)]
struct Front {
    statuses: String,
    client: reqwest::Client,
}

impl Network {
    /// A fake instance that answers each status after `delay`.
    pub async fn start(delay: Duration) -> Result<Self> {
        let fake = Fake::start(Mode::Up(delay)).await?;
        let front = Front {
            statuses: format!("{}/api/v1/statuses", fake.address),
            client: reqwest::Client::new(),
        };
        let app = Router::new()
            .route("/api/v1/accounts/verify_credentials", get(verify_credentials))
            .route("/api/v2/instance", get(instance))
            .route("/api/v1/statuses", post(statuses))
            .with_state(front);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let address = format!("http://{}", listener.local_addr()?);
        tokio::spawn(async move { axum::serve(listener, app).await });
        Ok(Self { address, fake })
    }
}

fn authorized(headers: &HeaderMap) -> bool {
    let expected = format!("Bearer {TOKEN}");
    headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) == Some(expected.as_str())
}

fn unauthorized() -> Response {
    let body = Json(json!({"error": "The access token is invalid"}));
    (StatusCode::UNAUTHORIZED, body).into_response()
}

async fn verify_credentials(headers: HeaderMap) -> Response {
    if !authorized(&headers) {
        return unauthorized();
    }
    Json(json!({"id": "1", "username": "herald", "acct": "herald", "display_name": "Image Test"}))
        .into_response()
}

async fn instance() -> Json<serde_json::Value> {
    Json(json!({
        "domain": "fake.example",
        "configuration": {"statuses": {"max_characters": 500, "characters_reserved_per_url": 23}}
    }))
}

/// Passes a status on to the chaos fake with its key, so the fake's tally is the truth.
async fn statuses(State(front): State<Front>, headers: HeaderMap, body: Bytes) -> Response {
    if !authorized(&headers) {
        return unauthorized();
    }
    let mut request = front
        .client
        .post(&front.statuses)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body);
    if let Some(key) = headers.get("idempotency-key") {
        request = request.header("idempotency-key", key);
    }
    match request.send().await {
        Ok(answer) => {
            let status = answer.status();
            let body = answer.bytes().await.unwrap_or_default();
            (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
        }
        Err(error) => (StatusCode::BAD_GATEWAY, error.to_string()).into_response(),
    }
}
