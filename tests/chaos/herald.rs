//! Herald as the operator runs it: the `herald` binary in its own process, with settings from
//! the environment (and a config file for lists, which environment variables cannot carry).
use anyhow::{Context, Result};
use std::fs::File;
use std::path::PathBuf;
use std::process::{Child, Command};

/// How to start Herald for a scenario; `start` may be called again after a kill.
pub struct Launch {
    /// `worker` or `serve`.
    pub command: &'static str,
    pub database_url: String,
    pub secrets_key: String,
    /// Extra `HERALD_*` settings.
    pub env: Vec<(&'static str, String)>,
    /// TOML settings (lists such as `publishing.retry_delays_seconds`).
    pub config: Option<String>,
    /// Where the scenario's files go (logs, config, data dir).
    pub dir: PathBuf,
    pub port: u16,
}

impl Launch {
    pub fn new(
        scenario: &str,
        command: &'static str,
        database_url: String,
        secrets_key: String,
    ) -> Result<Self> {
        let dir = std::env::temp_dir().join(format!("herald-chaos-{scenario}"));
        std::fs::create_dir_all(&dir)?;
        let _ = std::fs::remove_file(dir.join("herald.log"));
        Ok(Self {
            command,
            database_url,
            secrets_key,
            env: Vec::new(),
            config: None,
            dir,
            port: free_port()?,
        })
    }

    pub fn log_path(&self) -> PathBuf {
        self.dir.join("herald.log")
    }

    pub fn start(&self) -> Result<Process> {
        let log = File::options().create(true).append(true).open(self.log_path())?;
        let mut command = Command::new(env!("CARGO_BIN_EXE_herald"));
        if let Some(config) = &self.config {
            let path = self.dir.join("herald.toml");
            std::fs::write(&path, config)?;
            command.arg("--config").arg(path);
        }
        command
            .arg(self.command)
            .env("HERALD_DATABASE__URL", &self.database_url)
            .env("HERALD_SECRETS__KEY", &self.secrets_key)
            .env("HERALD_DATA_DIR", self.dir.join("data"))
            .env("HERALD_SERVER__PORT", self.port.to_string())
            .env("HERALD_LOG_FILTER", "warn")
            // The harness reads /healthz's details (database up or down).
            .env("HERALD_MONITORING__PUBLIC", "true")
            // The fakes live on loopback, which the outbound guard refuses unless allowed.
            .env("HERALD_OUTBOUND__ALLOW_PRIVATE", "127.0.0.1,localhost")
            // The fake network has no limits; the real ones would spread a burst over hours.
            .env("HERALD_PUBLISHING__RATE_LIMITS__MASTODON__REQUESTS", "1000000")
            .env("HERALD_PUBLISHING__RATE_LIMITS__DISCORD__REQUESTS", "1000000")
            .envs(self.env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdout(log.try_clone()?)
            .stderr(log);
        let child = command.spawn().context("could not start the herald binary")?;
        Ok(Process(child))
    }
}

/// A running Herald; SIGKILLed when dropped.
pub struct Process(Child);

impl Process {
    pub fn pid(&self) -> u32 {
        self.0.id()
    }

    /// SIGKILL: no shutdown, no flush, as when the machine loses power.
    pub fn kill(mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.0.try_wait(), Ok(None))
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}
