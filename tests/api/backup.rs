//! `herald backup` and `herald restore` against real Postgres and pg_dump: what goes in comes
//! back, a database in use is never replaced unasked, and a damaged archive changes nothing.
use crate::cli::{database_url, herald_on};
use sqlx::PgPool;
use std::path::{Path, PathBuf};

const KEY: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

/// One Herald installation: a database, a data folder and a key file in it.
struct Install {
    url: String,
    data_dir: PathBuf,
}

impl Install {
    /// With a key file holding `key`, or none yet (a restore writes it).
    fn new(url: String, key: Option<&str>) -> Self {
        let data_dir = std::env::temp_dir().join(format!("herald-backup-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&data_dir).unwrap();
        let install = Self { url, data_dir };
        if let Some(key) = key {
            write(&install.key_file(), &format!("{key}\n"));
        }
        install
    }

    fn key_file(&self) -> PathBuf {
        self.data_dir.join("secrets.key")
    }

    /// `herald user add … --role owner`, which creates the workspace.
    async fn add_owner(&self, email: &str, workspace: &str) {
        self.herald(&[
            "user",
            "add",
            "--email",
            email,
            "--workspace",
            workspace,
            "--role",
            "owner",
        ])
        .await
        .unwrap();
    }

    async fn herald(&self, args: &[&str]) -> anyhow::Result<()> {
        let extra = format!(
            "data_dir = {:?}\n[secrets]\nkey_file = {:?}\n",
            self.data_dir,
            self.key_file()
        );
        herald_on(&self.url, &extra, args).await
    }
}

impl Drop for Install {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

async fn workspaces(url: &str) -> Vec<String> {
    let pool = PgPool::connect(url).await.unwrap();
    let names = sqlx::query_scalar("select name from workspaces order by name")
        .fetch_all(&pool)
        .await
        .unwrap();
    pool.close().await;
    names
}

/// A second, empty database on the same server, dropped by the caller's test database's end.
async fn fresh_database(pool: &PgPool) -> String {
    let name = format!("herald_restore_{}", uuid::Uuid::new_v4().simple());
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("create database {name}")))
        .execute(pool)
        .await
        .unwrap();
    database_url(pool, Some(&name))
}

async fn drop_database(pool: &PgPool, url: &str) {
    let name = url.rsplit('/').next().unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "drop database if exists {name} with (force)"
    )))
    .execute(pool)
    .await
    .unwrap();
}

fn write(path: &Path, contents: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

#[sqlx::test]
async fn a_backup_restores_into_a_fresh_install_with_its_media_and_key(pool: PgPool) {
    let source = Install::new(database_url(&pool, None), Some(KEY));
    write(&source.data_dir.join("media/ab/abcdef"), "image bytes");
    for (email, workspace) in [("ana@example.com", "Acme"), ("bo@example.com", "Zeta")] {
        source.add_owner(email, workspace).await;
    }
    let archive = source.data_dir.join("out/backup.tar.gz");
    source
        .herald(&["backup", "--output", archive.to_str().unwrap()])
        .await
        .unwrap();
    assert!(archive.is_file());
    let leftovers: Vec<_> = std::fs::read_dir(archive.parent().unwrap()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no partial files are left next to the backup");

    let target = Install::new(fresh_database(&pool).await, None);
    target
        .herald(&["restore", archive.to_str().unwrap()])
        .await
        .unwrap();
    assert_eq!(workspaces(&target.url).await, ["Acme", "Zeta"]);
    assert_eq!(
        std::fs::read_to_string(target.data_dir.join("media/ab/abcdef")).unwrap(),
        "image bytes"
    );
    assert_eq!(std::fs::read_to_string(target.key_file()).unwrap().trim(), KEY);
    // The restored database is migrated and usable: Herald adds people to it.
    target.add_owner("cy@example.com", "New").await;
    drop_database(&pool, &target.url).await;
}

#[sqlx::test]
async fn restore_refuses_a_database_in_use_unless_forced_and_then_backs_it_up_first(pool: PgPool) {
    let source = Install::new(database_url(&pool, None), Some(KEY));
    source.add_owner("ana@example.com", "Old").await;
    let archive = source.data_dir.join("old.tar.gz");
    source
        .herald(&["backup", "--output", archive.to_str().unwrap()])
        .await
        .unwrap();
    source.add_owner("bo@example.com", "Newer").await;

    let refused = source
        .herald(&["restore", archive.to_str().unwrap()])
        .await
        .unwrap_err();
    assert!(
        format!("{refused:#}").contains("already holds 2 workspace(s) and 0 people"),
        "{refused:#}"
    );
    assert_eq!(workspaces(&source.url).await, ["Newer", "Old"], "nothing changed");

    source
        .herald(&["restore", "--force", archive.to_str().unwrap()])
        .await
        .unwrap();
    assert_eq!(workspaces(&source.url).await, ["Old"]);
    let safety: Vec<_> = std::fs::read_dir(source.data_dir.join("backups"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        matches!(safety.as_slice(), [name] if name.starts_with("before-restore-")),
        "{safety:?}"
    );
}

#[sqlx::test]
async fn a_damaged_archive_is_refused_before_anything_changes(pool: PgPool) {
    let target = Install::new(database_url(&pool, None), Some(KEY));
    target.add_owner("ana@example.com", "Kept").await;
    let bogus = target.data_dir.join("bogus.tar.gz");
    write(&bogus, "not an archive");
    for force in [false, true] {
        let mut args = vec!["restore", bogus.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let error = target.herald(&args).await.unwrap_err();
        assert!(
            format!("{error:#}").contains("not a readable Herald backup"),
            "{error:#}"
        );
    }
    assert_eq!(workspaces(&target.url).await, ["Kept"]);
    assert!(
        !target.data_dir.join("backups").exists(),
        "refused before any work"
    );
}
