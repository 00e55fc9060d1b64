//! podman as `scripts/podman` runs it (the project's storage and settings), and a record of
//! what this run made so that it removes exactly that, on success and on failure alike.
use anyhow::{Context, Result, bail};
use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;

pub const IMAGE: &str = "localhost/herald:latest";

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/podman"));
    command.args(args);
    command
}

/// Runs podman and returns what it printed; a failure carries its stderr.
pub async fn podman(args: &[&str]) -> Result<String> {
    run(args, None).await
}

/// Runs podman with a file as its standard input (`podman exec -i … < file`).
pub async fn podman_with_input(args: &[&str], input: &Path) -> Result<String> {
    run(args, Some(input)).await
}

async fn run(args: &[&str], input: Option<&Path>) -> Result<String> {
    let shown = args.join(" ");
    let mut command = command(args);
    command.stdin(match input {
        Some(path) => File::open(path)
            .with_context(|| format!("opening {}", path.display()))?
            .into(),
        None => Stdio::null(),
    });
    // podman is a blocking child process; the runtime's threads keep serving the fake network.
    let output = tokio::task::spawn_blocking(move || command.output())
        .await?
        .with_context(|| format!("could not run scripts/podman {shown}"))?;
    if !output.status.success() {
        bail!(
            "podman {shown} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

/// The last lines a container wrote, on stdout and stderr alike (the entrypoint speaks on
/// stderr).
pub async fn log_tail(name: &str) -> String {
    let mut command = command(&["logs", "--tail", "40", name]);
    match tokio::task::spawn_blocking(move || command.output()).await {
        Ok(Ok(output)) => {
            String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
        }
        Ok(Err(error)) => format!("(no log: {error})"),
        Err(error) => format!("(no log: {error})"),
    }
}

/// Containers and volumes this run made, removed when it ends (also after a panic).
#[derive(Default)]
pub struct Made {
    containers: Mutex<Vec<String>>,
    volumes: Mutex<Vec<String>>,
}

impl Made {
    pub fn container(&self, name: &str) {
        self.containers.lock().unwrap().push(name.to_owned());
    }

    pub fn volume(&self, name: &str) {
        self.volumes.lock().unwrap().push(name.to_owned());
    }

    /// The end of each container's log, to see why a step failed.
    pub async fn show_logs(&self) {
        let names = self.containers.lock().unwrap().clone();
        for name in names {
            eprintln!("image-test: the end of {name}'s log:\n{}", log_tail(&name).await);
        }
    }
}

impl Drop for Made {
    fn drop(&mut self) {
        // Blocking on purpose: this runs as the program ends, when no runtime may be left.
        let quiet = |args: &[&str]| {
            let _ = command(args).stdout(Stdio::null()).stderr(Stdio::null()).status();
        };
        for name in self.containers.lock().unwrap().iter() {
            quiet(&["rm", "--force", "--time", "0", name]);
        }
        for name in self.volumes.lock().unwrap().iter() {
            quiet(&["volume", "rm", "--force", name]);
        }
    }
}
