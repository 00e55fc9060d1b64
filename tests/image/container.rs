//! One Herald container as an operator runs it: the image on a volume of its own, on the
//! host's network (so it reaches the fake network on loopback) at a free port of loopback.
use crate::podman::{IMAGE, Made, log_tail, podman};
use anyhow::{Context, Result, bail};
use std::time::{Duration, Instant};

/// How long a start may take before the test gives up (a first start runs initdb).
const START_LIMIT: Duration = Duration::from_secs(120);

pub struct Herald {
    pub name: String,
    pub port: u16,
}

impl Herald {
    /// A container on a fresh volume, not started yet; `made` removes both at the end.
    pub async fn create(made: &Made, name: String) -> Result<Self> {
        let volume = format!("{name}-data");
        podman(&["volume", "create", &volume]).await?;
        made.volume(&volume);
        let port = free_port()?;
        let env = [
            format!("HERALD_SERVER__PORT={port}"),
            // Only loopback, although the container shares the host's network.
            "HERALD_SERVER__HOST=127.0.0.1".to_owned(),
            format!("HERALD_SERVER__BASE_URL=http://127.0.0.1:{port}"),
            // The fake network listens on the host's loopback, which Herald refuses unless allowed.
            "HERALD_OUTBOUND__ALLOW_PRIVATE=127.0.0.1".to_owned(),
        ];
        let mut args = vec!["create", "--name", &name, "--network", "host"];
        let mount = format!("{volume}:/data");
        args.extend(["--volume", &mount]);
        for pair in &env {
            args.extend(["--env", pair]);
        }
        args.push(IMAGE);
        podman(&args).await?;
        made.container(&name);
        Ok(Self { name, port })
    }

    pub fn address(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Starts the container and waits for /healthz 200; returns how long that took.
    pub async fn start(&self) -> Result<Duration> {
        let started = Instant::now();
        podman(&["start", &self.name]).await?;
        self.healthy(started).await?;
        Ok(started.elapsed())
    }

    /// `podman stop` with 30 s for Herald and its Postgres to finish; returns how long it took.
    pub async fn stop(&self) -> Result<Duration> {
        let started = Instant::now();
        podman(&["stop", "--time", "30", &self.name]).await?;
        Ok(started.elapsed())
    }

    /// `podman exec` as the image's user, with the environment the server runs with.
    pub async fn exec(&self, command: &[&str]) -> Result<String> {
        let mut args = vec!["exec", self.name.as_str()];
        args.extend(command);
        podman(&args).await
    }

    async fn healthy(&self, since: Instant) -> Result<()> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(2))
            .build()?;
        let url = format!("{}/healthz", self.address());
        let mut checked = Instant::now();
        loop {
            if let Ok(response) = client.get(&url).send().await
                && response.status() == 200
            {
                return Ok(());
            }
            if checked.elapsed() > Duration::from_secs(1) {
                checked = Instant::now();
                let state = podman(&["inspect", "--format", "{{.State.Status}}", &self.name]).await?;
                if state != "running" {
                    bail!(
                        "{} is {state}; its log:\n{}",
                        self.name,
                        log_tail(&self.name).await
                    );
                }
            }
            if since.elapsed() > START_LIMIT {
                bail!(
                    "{} gave no /healthz 200 within {START_LIMIT:?}; its log:\n{}",
                    self.name,
                    log_tail(&self.name).await
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}
