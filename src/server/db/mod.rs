//! Postgres access, one file per aggregate. Every query is a `query!` macro, checked at compile
//! time against the offline cache in `.sqlx/` (regenerate with `make sqlx-prepare`, which
//! creates apalis' schema too). Enum columns decode straight into the domain's enums
//! (`as "status: TargetStatus"`), so a value outside them is an error everywhere alike.
pub mod accounts;
pub mod attempts;
pub mod audit;
pub mod claims;
pub mod comments;
pub mod connect_links;
pub mod dashboard;
pub mod evergreen;
pub mod images;
pub mod invites;
pub mod mastodon_apps;
pub mod memberships;
mod migration_error;
pub mod network_apps;
pub mod new_accounts;
pub mod notifications;
pub mod oauth_flows;
pub mod outbox;
pub mod post_status;
pub mod posts;
pub mod publish_turns;
pub mod published;
pub mod queue;
pub mod rate_limits;
pub mod reviews;
pub mod series;
pub mod signin_failures;
pub mod slots;
pub mod targets;
pub mod tokens;
pub mod users;
pub mod workspaces;

use crate::server::config::DatabaseSettings;
use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Connection, PgConnection};
use std::time::Duration;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Connects to the configured database, creating it first if it does not exist, and brings its
/// schema up to date.
pub async fn prepare(settings: &DatabaseSettings) -> anyhow::Result<PgPool> {
    let options = settings.connect_options()?;
    create_database_if_missing(&options).await?;
    let pool = pool(settings, options);
    migrate(&pool).await?;
    Ok(pool)
}

/// A pool that connects on demand, so the server starts (and `/healthz` reports) while the
/// database is down, and reconnects by itself when it comes back.
pub fn pool(settings: &DatabaseSettings, options: PgConnectOptions) -> PgPool {
    PgPoolOptions::new()
        .max_connections(settings.max_connections)
        .acquire_timeout(Duration::from_secs(5))
        .connect_lazy_with(options)
}

pub use migration_error::explain as explain_migration_error;

pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR
        .run(pool)
        .await
        .map_err(|error| migration_error::explain(&MIGRATOR, error))?;
    setup_task_queue(pool).await
}

/// apalis' own schema, which holds the publishing queue's tasks.
pub async fn setup_task_queue(pool: &PgPool) -> anyhow::Result<()> {
    apalis_postgres::PostgresStorage::setup(pool)
        .await
        .context("could not set up the task queue (schema apalis)")
}

async fn create_database_if_missing(options: &PgConnectOptions) -> anyhow::Result<()> {
    let name = options
        .get_database()
        .context("database.url names no database")?
        .to_owned();
    let maintenance = options.clone().database("postgres");
    let mut connection = PgConnection::connect_with(&maintenance).await.with_context(|| {
        format!(
            "could not connect to Postgres at {}:{} (set HERALD_DATABASE__URL)",
            options.get_host(),
            options.get_port()
        )
    })?;
    let exists: bool = sqlx::query_scalar!(
        r#"select exists(select 1 from pg_database where datname = $1) as "exists!""#,
        name
    )
    .fetch_one(&mut connection)
    .await
    .context("could not look up the database")?;
    if !exists {
        // A runtime string: `create database` takes no bind parameters, so the name is quoted in.
        let statement = format!(r#"create database "{}""#, name.replace('"', "\"\""));
        match sqlx::raw_sql(sqlx::AssertSqlSafe(statement))
            .execute(&mut connection)
            .await
        {
            Ok(_) => tracing::info!(database = %name, "created database"),
            // Another process created it first.
            Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42P04") => {}
            Err(e) => return Err(e).with_context(|| format!("could not create database {name}")),
        }
    }
    connection.close().await.ok();
    Ok(())
}

/// True when a unique constraint with this name rejected the statement.
pub fn is_unique_violation(error: &sqlx::Error, constraint: &str) -> bool {
    matches!(error, sqlx::Error::Database(e)
        if e.is_unique_violation() && e.constraint() == Some(constraint))
}
