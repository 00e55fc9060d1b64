//! An upgrade: a database left by an older Herald (only its migrations applied) is migrated by
//! this one on start, and what it held is still there.
use crate::cli::{database_url, herald_on};
use sqlx::PgPool;

#[sqlx::test(migrations = false)]
async fn an_older_database_is_migrated_forward_and_keeps_its_rows(pool: PgPool) {
    let mut files: Vec<_> = std::fs::read_dir("migrations")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    let older = std::env::temp_dir().join(format!("herald-older-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&older).unwrap();
    // The first release's schema: the first two migrations.
    for file in &files[..2] {
        std::fs::copy(file, older.join(file.file_name().unwrap())).unwrap();
    }
    sqlx::migrate::Migrator::new(older.as_path())
        .await
        .unwrap()
        .run(&pool)
        .await
        .unwrap();
    std::fs::remove_dir_all(&older).unwrap();
    sqlx::query("insert into workspaces (name) values ('From before')")
        .execute(&pool)
        .await
        .unwrap();

    herald_on(&database_url(&pool, None), "", &["migrate"])
        .await
        .unwrap();

    let applied: i64 = sqlx::query_scalar("select count(*) from _sqlx_migrations where success")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(applied as usize, files.len(), "every migration applied");
    let kept: Vec<String> = sqlx::query_scalar("select name from workspaces")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(kept, ["From before"]);
}
