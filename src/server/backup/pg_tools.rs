//! PostgreSQL's own dump and restore programs, pointed at Herald's database. The password goes
//! in PGPASSWORD, never on a command line that `ps` shows.
use crate::server::config::DatabaseSettings;
use anyhow::{Context, bail};
use secrecy::ExposeSecret;
use std::path::Path;
use std::process::Command;

/// `pg_dump --format=custom` of the whole database into `file`.
pub async fn dump(database: &DatabaseSettings, file: &Path) -> anyhow::Result<()> {
    let mut command = command("pg_dump", database)?;
    command.arg("--format=custom").arg("--file").arg(file);
    run(command, "pg_dump").await
}

/// Loads a dump into the (emptied) database in one transaction: all of it or nothing.
pub async fn restore(database: &DatabaseSettings, file: &Path) -> anyhow::Result<()> {
    let mut command = command("pg_restore", database)?;
    command
        .args([
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
        ])
        .arg(file);
    run(command, "pg_restore").await
}

fn command(program: &str, database: &DatabaseSettings) -> anyhow::Result<Command> {
    let mut url = url::Url::parse(database.url.expose_secret())
        .context("database.url (HERALD_DATABASE__URL) is not a valid postgres:// URL")?;
    let password = url.password().map(|p| {
        percent_encoding::percent_decode_str(p)
            .decode_utf8_lossy()
            .into_owned()
    });
    url.set_password(None)
        .map_err(|()| anyhow::anyhow!("database.url cannot carry a password"))?;
    let mut command = Command::new(program);
    command.arg("--dbname").arg(url.as_str());
    if let Some(password) = password {
        command.env("PGPASSWORD", password);
    }
    Ok(command)
}

async fn run(mut command: Command, program: &str) -> anyhow::Result<()> {
    // std's process API on a blocking thread: tokio's would need its `process` feature rebuilt.
    let output = match tokio::task::spawn_blocking(move || command.output()).await? {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => bail!(
            "{program} was not found. Install PostgreSQL's client programs (Debian: postgresql-client), \
             or run this command inside the Herald image, which has them."
        ),
        Err(error) => return Err(error).with_context(|| format!("could not run {program}")),
    };
    if !output.status.success() {
        bail!(
            "{program} failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(())
}

/// Reads a dump's table of contents: a damaged dump is refused before anything is dropped.
pub async fn check(file: &Path) -> anyhow::Result<()> {
    let mut command = Command::new("pg_restore");
    command.arg("--list").arg(file);
    run(command, "pg_restore")
        .await
        .context("the backup's database dump is damaged")
}
