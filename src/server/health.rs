use crate::server::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;
use std::time::{Duration, Instant};

#[derive(Serialize)]
pub struct Health {
    status: &'static str,
    version: &'static str,
    database: DatabaseHealth,
}

#[derive(Serialize)]
pub struct DatabaseHealth {
    status: &'static str,
    latency_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// `GET /healthz`: 200 when the database answers, 503 (with the reason) when it does not.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Health>) {
    let started = Instant::now();
    let probe = sqlx::query_scalar!(r#"select 1 as "one!""#).fetch_one(&state.pool);
    let database = match tokio::time::timeout(Duration::from_secs(3), probe).await {
        Ok(Ok(_)) => DatabaseHealth {
            status: "up",
            latency_ms: Some(started.elapsed().as_millis() as u64),
            error: None,
        },
        Ok(Err(error)) => DatabaseHealth {
            status: "down",
            latency_ms: None,
            error: Some(error.to_string()),
        },
        Err(_) => DatabaseHealth {
            status: "down",
            latency_ms: None,
            error: Some("no answer within 3 seconds".into()),
        },
    };
    let (code, status) = if database.status == "up" {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "degraded")
    };
    (
        code,
        Json(Health {
            status,
            version: env!("CARGO_PKG_VERSION"),
            database,
        }),
    )
}
