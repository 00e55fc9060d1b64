//! Step f: what an operator would ask of the image: its size, how long it takes to start,
//! and what it holds in memory when idle.
use crate::container::Herald;
use crate::podman::{IMAGE, podman};
use anyhow::{Context, Result, bail};
use std::time::Duration;

#[derive(Default)]
pub struct Figures {
    pub cold_start: Option<Duration>,
    pub stop_mid_burst: Option<Duration>,
    pub start_mid_burst: Option<Duration>,
    pub warm_restart: Option<Duration>,
    idle_memory: Option<String>,
    size: Option<u64>,
    gzip: Option<u64>,
}

impl Figures {
    /// The image's size unpacked, and as `podman save | gzip` (what a registry would move).
    pub async fn image_sizes(&mut self) {
        match podman(&["image", "inspect", "--format", "{{.Size}}", IMAGE]).await {
            Ok(size) => self.size = size.parse().ok(),
            Err(error) => eprintln!("image-test: no image size: {error:#}"),
        }
        match saved_gzip().await {
            Ok(bytes) => self.gzip = Some(bytes),
            Err(error) => eprintln!("image-test: no gzip size: {error:#}"),
        }
    }

    /// The container's memory as podman reports it, idle after the steps above.
    pub async fn idle_memory(&mut self, herald: &Herald) {
        let format = ["stats", "--no-stream", "--format", "{{.MemUsage}}", &herald.name];
        match podman(&format).await {
            Ok(usage) => self.idle_memory = Some(usage),
            Err(error) => eprintln!("image-test: no memory figure: {error:#}"),
        }
    }

    pub fn print(&self) {
        let mb = |bytes: Option<u64>| bytes.map_or("?".into(), |b| format!("{:.0} MB", b as f64 / 1e6));
        let secs = |d: Option<Duration>| d.map_or("?".into(), |d| format!("{:.1} s", d.as_secs_f64()));
        println!();
        println!(
            "image size           {} uncompressed, {} as gzip of podman save",
            mb(self.size),
            mb(self.gzip)
        );
        println!(
            "cold start           {} to /healthz 200 (initdb, migrations)",
            secs(self.cold_start)
        );
        println!(
            "stop mid-burst       {}, then {} to /healthz 200",
            secs(self.stop_mid_burst),
            secs(self.start_mid_burst)
        );
        println!("warm restart         {} to /healthz 200", secs(self.warm_restart));
        println!(
            "idle memory          {}",
            self.idle_memory.as_deref().unwrap_or("?")
        );
    }
}

async fn saved_gzip() -> Result<u64> {
    let script = format!("set -o pipefail; scripts/podman save {IMAGE} | gzip -c | wc -c");
    let output = tokio::task::spawn_blocking(move || {
        std::process::Command::new("bash")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["-c", &script])
            .output()
    })
    .await??;
    if !output.status.success() {
        bail!(
            "podman save failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    let bytes = String::from_utf8_lossy(&output.stdout);
    bytes
        .trim()
        .parse()
        .with_context(|| format!("wc printed {bytes:?}"))
}
