//! Publishing after the database went away for a while (as when Postgres restarts): the same
//! process publishes again once it is back.
use crate::publish::{accepted, scene};
use sqlx::{Connection, PgConnection, PgPool};
use std::time::Duration;

/// Ends every connection to the test's database and refuses new ones for `down`.
async fn database_away(pool: &PgPool, down: Duration) {
    let database: String = sqlx::query_scalar("select current_database()")
        .fetch_one(pool)
        .await
        .unwrap();
    // From another database: Postgres will not bar connections to the one in use.
    let elsewhere = pool.connect_options().as_ref().clone().database("postgres");
    let mut admin = PgConnection::connect_with(&elsewhere).await.unwrap();
    let allow = |yes: bool| format!(r#"alter database "{database}" allow_connections {yes}"#);
    sqlx::raw_sql(sqlx::AssertSqlSafe(allow(false)))
        .execute(&mut admin)
        .await
        .unwrap();
    sqlx::query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1")
        .bind(&database)
        .execute(&mut admin)
        .await
        .unwrap();
    tokio::time::sleep(down).await;
    sqlx::raw_sql(sqlx::AssertSqlSafe(allow(true)))
        .execute(&mut admin)
        .await
        .unwrap();
}

/// apalis' monitor ended once its worker lost the database; the workers and the sweeper
/// stopped with it, silently, while the web app kept answering.
#[sqlx::test]
async fn publishing_resumes_after_the_database_was_away(pool: PgPool) {
    let scene = scene(pool, true).await;
    accepted().mount(&scene.fake).await;
    // Longer than apalis' heartbeat (5 s), so its worker notices.
    database_away(&scene.app.pool, Duration::from_secs(7)).await;

    let saved = scene.save("After the outage", None).await;
    let mut target = scene.target(saved.id).await;
    for _ in 0..300 {
        if target.status == "published" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        target = scene.target(saved.id).await;
    }
    assert_eq!(target.status, "published", "{target:?}");
    scene.app.stop().await;
}
