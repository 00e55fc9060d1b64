//! Signing up in Chromium (end2end/image/signup.mjs): the pages, the image's browser bundle and
//! its hydration, as a person meets them on a first visit.
use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::Command;

/// Signs up `email` with a workspace at `address`; returns the browser's session cookie.
pub async fn in_chromium(address: &str, email: &str, workspace: &str) -> Result<String> {
    let mut node = Command::new("node");
    node.current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg(Path::new("end2end/image/signup.mjs"))
        .args([email, workspace])
        .env("HERALD_URL", address);
    let output = tokio::task::spawn_blocking(move || node.output())
        .await?
        .context("could not run node (scripts/setup installs it with playwright-core)")?;
    let printed = String::from_utf8_lossy(&output.stdout);
    if !output.status.success() {
        bail!(
            "signing up in Chromium failed ({}):\n{printed}{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let line = printed.lines().last().unwrap_or_default();
    let answer: serde_json::Value =
        serde_json::from_str(line).with_context(|| format!("signup.mjs printed {printed:?}"))?;
    match answer["session"].as_str() {
        Some(session) => Ok(session.to_owned()),
        None => bail!("signup.mjs printed no session: {printed}"),
    }
}
