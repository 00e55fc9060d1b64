//! Start-up stops with advice, and changes nothing, when the database or the key is wrong.
use crate::cli::{database_url, herald_on};
use crate::helpers::spawn_app;
use crate::seed;
use herald::cli::leptos_options;
use herald::startup::Application;
use sqlx::PgPool;

#[sqlx::test]
async fn a_failed_migration_is_rolled_back_and_explained(pool: PgPool) {
    let folder = std::env::temp_dir().join(format!("herald-migrations-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&folder).unwrap();
    for entry in std::fs::read_dir("migrations").unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), folder.join(entry.file_name())).unwrap();
    }
    std::fs::write(
        folder.join("29991231000000_broken.sql"),
        "insert into workspaces (name) values ('Half done'); select 1 / 0;",
    )
    .unwrap();
    let migrator = sqlx::migrate::Migrator::new(folder.as_path()).await.unwrap();
    let error =
        herald::server::db::explain_migration_error(&migrator, migrator.run(&pool).await.unwrap_err());
    std::fs::remove_dir_all(&folder).unwrap();

    assert!(
        format!("{error:#}").contains("migration 29991231000000 (broken) failed and was rolled back"),
        "{error:#}"
    );
    let half_done: i64 = sqlx::query_scalar("select count(*) from workspaces")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(half_done, 0, "the failed migration's work was rolled back");
}

#[sqlx::test]
async fn a_database_from_a_newer_herald_is_refused_as_it_is(pool: PgPool) {
    sqlx::query(
        "insert into _sqlx_migrations (version, description, success, checksum, execution_time)
         values (29991231000000, 'from the future', true, '\\x00', 0)",
    )
    .execute(&pool)
    .await
    .unwrap();
    let error = herald_on(&database_url(&pool, None), "", &["migrate"])
        .await
        .unwrap_err();
    assert!(
        format!("{error:#}").contains("brought to migration 29991231000000 by a newer Herald"),
        "{error:#}"
    );
}

#[sqlx::test]
async fn a_key_that_does_not_open_the_accounts_stops_start_up(pool: PgPool) {
    let app = spawn_app(pool.clone()).await;
    let workspace = seed::workspace(&app).await;
    seed::account(&app, workspace, &seed::mastodon("https://mastodon.example")).await;

    let same_key = Application::build(app.settings.clone(), pool.clone(), leptos_options().unwrap()).await;
    assert!(same_key.is_ok(), "the key they were sealed with starts");
    let mut other = app.settings.clone();
    other.secrets.key = Some("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=".to_owned().into());
    refused_start(other, pool, "does not open the connected accounts' credentials").await;
    app.stop().await;
}

#[sqlx::test]
async fn a_port_in_use_is_named_with_what_to_do(pool: PgPool) {
    let app = spawn_app(pool.clone()).await;
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let mut settings = app.settings.clone();
    settings.server.host = "127.0.0.1".into();
    settings.server.port = taken.local_addr().unwrap().port();
    refused_start(settings, pool, "another program is using that port").await;
    app.stop().await;
}

/// The app does not start with `settings`, and says `why`.
async fn refused_start(settings: herald::server::config::Settings, pool: PgPool, why: &str) {
    let error = Application::build(settings, pool, leptos_options().unwrap())
        .await
        .err()
        .expect("start-up is refused");
    assert!(format!("{error:#}").contains(why), "{error:#}");
}
