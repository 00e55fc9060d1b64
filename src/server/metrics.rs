//! `GET /metrics`: counters and histograms in Prometheus' text format, plus queue gauges read
//! from the database at scrape time.
use crate::server::state::AppState;
use crate::server::web::monitoring::may_read;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::sync::OnceLock;

/// Seconds from a target's due time to the network's answer.
pub const PUBLISH_LATENCY: &str = "herald_publish_latency_seconds";
pub const PUBLISHED: &str = "herald_published_total";
pub const FAILED: &str = "herald_failed_total";
pub const RETRIED: &str = "herald_retried_total";
const QUEUE_LAG: &str = "herald_queue_lag_seconds";
const QUEUE_DUE: &str = "herald_queue_due_targets";

/// The process-wide recorder, installed on first use (several apps may share a test process).
pub fn handle() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let buckets = [
            0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0,
        ];
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(Matcher::Full(PUBLISH_LATENCY.into()), &buckets)
            .expect("the buckets are not empty")
            .build_recorder();
        let handle = recorder.handle();
        // Another recorder may already be installed (a test harness); ours still renders.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

pub async fn serve(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !may_read(&state.settings.monitoring, &headers) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
            "Set monitoring.token and send it as a bearer token.\n",
        )
            .into_response();
    }
    let handle = handle();
    match super::health::queue_lag(&state.pool).await {
        Ok(queue) => {
            metrics::gauge!(QUEUE_LAG).set(queue.lag_seconds);
            metrics::gauge!(QUEUE_DUE).set(queue.due as f64);
        }
        Err(error) => tracing::warn!(%error, "could not read the queue for /metrics"),
    }
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        handle.render(),
    )
        .into_response()
}
