use clap::Parser;
use herald::cli::{Cli, run};
use sqlx::PgPool;

/// Runs `herald <args>` against this test's database through a config file.
async fn herald(pool: &PgPool, args: &[&str]) -> anyhow::Result<()> {
    herald_on(&database_url(pool, None), "", args).await
}

/// The URL of this test's database server, naming `database` (default: the test's own).
pub fn database_url(pool: &PgPool, database: Option<&str>) -> String {
    let options = pool.connect_options();
    format!(
        "postgres://{}@{}:{}/{}",
        options.get_username(),
        options.get_host(),
        options.get_port(),
        database.unwrap_or_else(|| options.get_database().unwrap())
    )
}

/// Runs `herald <args>` with a config file naming `database_url`, plus `extra` settings (TOML
/// keys of the top level).
pub async fn herald_on(database_url: &str, extra: &str, args: &[&str]) -> anyhow::Result<()> {
    let config = std::env::temp_dir().join(format!("herald-test-{}.toml", uuid::Uuid::new_v4()));
    std::fs::write(
        &config,
        format!("log_filter = \"error\"\n{extra}\n[database]\nurl = \"{database_url}\"\n"),
    )
    .unwrap();
    let mut argv = vec!["herald", "--config", config.to_str().unwrap()];
    argv.extend_from_slice(args);
    let result = run(Cli::try_parse_from(argv).unwrap()).await;
    std::fs::remove_file(config).ok();
    result
}

#[sqlx::test]
async fn user_add_creates_the_workspace_for_its_owner_and_an_invite(pool: PgPool) {
    herald(
        &pool,
        &[
            "user",
            "add",
            "--email",
            "Boss@Example.com",
            "--workspace",
            "Acme",
            "--role",
            "owner",
        ],
    )
    .await
    .unwrap();
    herald(
        &pool,
        &[
            "user",
            "add",
            "--email",
            "ed@example.com",
            "--workspace",
            "Acme",
            "--role",
            "editor",
        ],
    )
    .await
    .unwrap();
    // Nobody is a member until they accept: each has an invite for their role.
    let members: i64 = sqlx::query_scalar("select count(*) from memberships")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(members, 0);
    let invites: Vec<(String, String)> = sqlx::query_as(
        "select i.email, i.role from invites i join workspaces w on w.id = i.workspace_id
         where w.name = 'Acme' and i.used_at is null order by i.email",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(
        invites,
        [
            ("boss@example.com".into(), "owner".into()),
            ("ed@example.com".into(), "editor".into())
        ]
    );
}

#[sqlx::test]
async fn user_add_refuses_an_unknown_workspace_without_an_owner_and_a_bad_role(pool: PgPool) {
    let error = herald(
        &pool,
        &[
            "user",
            "add",
            "--email",
            "ed@example.com",
            "--workspace",
            "Nope",
            "--role",
            "editor",
        ],
    )
    .await
    .unwrap_err();
    assert!(error.to_string().contains("no workspace named “Nope”"), "{error}");
    let parse = Cli::try_parse_from([
        "herald",
        "user",
        "add",
        "--email",
        "a@b.co",
        "--workspace",
        "X",
        "--role",
        "king",
    ]);
    assert!(parse.unwrap_err().to_string().contains("is not a role"));
}

#[sqlx::test]
async fn migrate_is_idempotent(pool: PgPool) {
    herald(&pool, &["migrate"]).await.unwrap();
    herald(&pool, &["migrate"]).await.unwrap();
}
