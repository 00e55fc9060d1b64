//! A throwaway Postgres cluster of the harness's own (Debian's pg_* wrappers), so a scenario
//! may stop and start Postgres without disturbing anything else on the machine.
use anyhow::{Context, Result, bail, ensure};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{Connection, PgConnection, PgPool};
use std::process::Command;
use std::time::{Duration, Instant};

const NAME: &str = "herald_chaos";
const PORT: u16 = 5499;

pub struct Cluster {
    version: String,
}

impl Cluster {
    /// Creates and starts the cluster, or reuses one a crashed run left behind.
    pub fn ensure() -> Result<Self> {
        let version = std::env::var("CHAOS_PG_VERSION").or_else(|_| installed_version())?;
        let cluster = Self { version };
        match cluster.state()? {
            None => run(Command::new("pg_createcluster").args([
                &cluster.version,
                NAME,
                "-p",
                &PORT.to_string(),
                "--start",
                "--",
                "--auth=trust",
            ]))?,
            Some(online) if !online => cluster.start()?,
            Some(_) => {}
        }
        cluster.wait_until_up()?;
        Ok(cluster)
    }

    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{PORT}/{database}")
    }

    /// An empty database with Herald's migrations (and apalis' schema) applied.
    pub async fn fresh_database(&self, name: &str) -> Result<PgPool> {
        let admin: PgConnectOptions = self.url("postgres").parse()?;
        let mut conn = PgConnection::connect_with(&admin).await?;
        let drop = format!(r#"drop database if exists "{name}" with (force)"#);
        sqlx::raw_sql(sqlx::AssertSqlSafe(drop))
            .execute(&mut conn)
            .await?;
        let create = format!(r#"create database "{name}""#);
        sqlx::raw_sql(sqlx::AssertSqlSafe(create))
            .execute(&mut conn)
            .await?;
        let pool = PgPoolOptions::new()
            .max_connections(4)
            .connect_with(admin.database(name))
            .await?;
        herald::server::db::migrate(&pool).await?;
        Ok(pool)
    }

    pub fn stop(&self) -> Result<()> {
        self.ctl("stop")
    }

    pub fn start(&self) -> Result<()> {
        self.ctl("start")
    }

    /// Stops and drops the cluster with all its data.
    pub fn remove(&self) {
        let _ = run(Command::new("pg_dropcluster").args(["--stop", &self.version, NAME]));
    }

    fn ctl(&self, action: &str) -> Result<()> {
        run(Command::new("pg_ctlcluster").args([&self.version, NAME, action]))
    }

    /// `None` when there is no such cluster, else whether it is online.
    fn state(&self) -> Result<Option<bool>> {
        let out = Command::new("pg_lsclusters").arg("-h").output()?;
        let listing = String::from_utf8_lossy(&out.stdout);
        Ok(listing
            .lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>())
            .find(|f| f.len() > 3 && f[0] == self.version && f[1] == NAME)
            .map(|f| f[3] == "online"))
    }

    fn wait_until_up(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", PORT)).is_err() {
            ensure!(Instant::now() < deadline, "the cluster did not open port {PORT}");
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(())
    }
}

/// The newest Postgres with Debian's cluster wrappers on this machine.
fn installed_version() -> Result<String> {
    let mut versions: Vec<u32> = std::fs::read_dir("/usr/lib/postgresql")
        .context("no Debian Postgres (pg_createcluster) on this machine")?
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse().ok())
        .collect();
    versions.sort();
    versions
        .last()
        .map(u32::to_string)
        .context("no Postgres version installed")
}

fn run(command: &mut Command) -> Result<()> {
    let out = command
        .output()
        .with_context(|| format!("could not run {command:?}"))?;
    if !out.status.success() {
        bail!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(())
}
