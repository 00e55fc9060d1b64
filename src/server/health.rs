use crate::server::state::AppState;
use crate::server::web::monitoring::may_read;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Serialize;
use std::time::{Duration, Instant};

/// What `/healthz` says: the status to anyone, the details to those who may read them.
#[derive(Serialize)]
pub struct Health {
    status: &'static str,
    #[serde(flatten)]
    details: Option<HealthDetails>,
}

#[derive(Serialize)]
pub struct HealthDetails {
    version: &'static str,
    database: DatabaseHealth,
    #[serde(skip_serializing_if = "Option::is_none")]
    queue: Option<QueueHealth>,
}

/// How far behind publishing is: the oldest due target no worker has claimed yet.
#[derive(Serialize)]
pub struct QueueHealth {
    pub status: &'static str,
    pub lag_seconds: f64,
    pub due: i64,
    pub max_lag_seconds: u64,
}

pub struct QueueLag {
    pub lag_seconds: f64,
    pub due: i64,
}

pub async fn queue_lag(pool: &sqlx::PgPool) -> sqlx::Result<QueueLag> {
    let row = sqlx::query!(
        r#"select extract(epoch from now() - min(due_at))::float8 as "lag?", count(*) as "due!"
           from post_targets where status in ('scheduled', 'retrying') and due_at <= now()"#
    )
    .fetch_one(pool)
    .await?;
    Ok(QueueLag {
        lag_seconds: row.lag.unwrap_or(0.0).max(0.0),
        due: row.due,
    })
}

#[derive(Serialize)]
pub struct DatabaseHealth {
    status: &'static str,
    latency_ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// `GET /healthz`: 200 when the database answers and publishing keeps up, else 503; the reason
/// only to those who may read it (see `web::monitoring`).
pub async fn healthz(State(state): State<AppState>, headers: HeaderMap) -> (StatusCode, Json<Health>) {
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
    let max_lag_seconds = state.settings.publishing.max_queue_lag_seconds;
    let queue = if database.status == "up" {
        queue_lag(&state.pool).await.ok().map(|lag| QueueHealth {
            status: if lag.lag_seconds > max_lag_seconds as f64 {
                "lagging"
            } else {
                "ok"
            },
            lag_seconds: lag.lag_seconds,
            due: lag.due,
            max_lag_seconds,
        })
    } else {
        None
    };
    let healthy = database.status == "up" && queue.as_ref().is_none_or(|queue| queue.status == "ok");
    let (code, status) = if healthy {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "degraded")
    };
    (
        code,
        Json(Health {
            status,
            details: may_read(&state.settings.monitoring, &headers).then_some(HealthDetails {
                version: env!("CARGO_PKG_VERSION"),
                database,
                queue,
            }),
        }),
    )
}
