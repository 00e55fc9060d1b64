use crate::helpers::{TestApp, spawn_app};
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

#[sqlx::test]
async fn healthz_reports_the_database_up(pool: PgPool) {
    let app = spawn_app(pool).await;
    let response = app.monitor("/healthz").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"]["status"], "up");
}

/// An app whose database is unreachable (the test's own is dropped).
async fn without_a_database(pool: PgPool) -> TestApp {
    let unreachable = PgPoolOptions::new()
        .acquire_timeout(std::time::Duration::from_secs(1))
        .connect_lazy("postgres://postgres@127.0.0.1:1/nowhere")
        .unwrap();
    drop(pool);
    spawn_app(unreachable).await
}

#[sqlx::test]
async fn healthz_reports_the_database_down_with_503(pool: PgPool) {
    let app = without_a_database(pool).await;
    let response = app.monitor("/healthz").await;
    assert_eq!(response.status(), 503);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "degraded");
    assert_eq!(body["database"]["status"], "down");
    assert!(body["database"]["error"].as_str().is_some());
}

#[sqlx::test]
async fn without_the_monitoring_token_healthz_gives_only_its_status_and_metrics_nothing(pool: PgPool) {
    let app = without_a_database(pool).await;
    let response = reqwest::get(app.url("/healthz")).await.unwrap();
    assert_eq!(response.status(), 503);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body,
        serde_json::json!({"status": "degraded"}),
        "no error text, no counts"
    );

    let metrics = reqwest::get(app.url("/metrics")).await.unwrap();
    assert_eq!(metrics.status(), 401);
    assert!(!metrics.text().await.unwrap().contains("herald_"));
    let wrong = reqwest::Client::new()
        .get(app.url("/metrics"))
        .bearer_auth("guess")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    assert_eq!(app.monitor("/metrics").await.status(), 200);
}
