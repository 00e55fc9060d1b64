//! Step f: bad input stops start-up with advice and leaves the data as it was: a read-only
//! volume, a key that does not open the connected account, a volume holding another
//! PostgreSQL major version.
use crate::Scene;
use crate::podman::{IMAGE, Made, podman};
use anyhow::{Result, bail};
use std::time::Duration;

pub async fn run(scene: &Scene, made: &Made) -> Result<()> {
    scene.herald.stop().await?;
    let volume = format!("{}-data", scene.herald.name);
    refused(
        made,
        scene,
        "ro",
        &[],
        &format!("{volume}:/data:ro"),
        "cannot write to /data",
    )
    .await?;
    let other_key = "HERALD_SECRETS__KEY=AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    refused(
        made,
        scene,
        "key",
        &[other_key],
        &format!("{volume}:/data"),
        "does not open the connected accounts' credentials",
    )
    .await?;
    // The data is as it was: the container starts again with its own key.
    scene.herald.start().await?;
    scene.herald.stop().await?;

    let newer = format!("herald-image-{}-pg16", scene.run);
    podman(&["volume", "create", &newer]).await?;
    made.volume(&newer);
    let mount = format!("{newer}:/data");
    let plant = "mkdir -p /data/postgres && echo 16 > /data/postgres/PG_VERSION";
    podman(&[
        "run",
        "--rm",
        "--volume",
        &mount,
        "--entrypoint",
        "sh",
        IMAGE,
        "-c",
        plant,
    ])
    .await?;
    refused(made, scene, "pg16", &[], &mount, "holds a PostgreSQL 16 database").await?;
    let kept = podman(&[
        "run",
        "--rm",
        "--volume",
        &mount,
        "--entrypoint",
        "cat",
        IMAGE,
        "/data/postgres/PG_VERSION",
    ])
    .await?;
    if kept != "16" {
        bail!("the PostgreSQL 16 volume was changed: PG_VERSION now says {kept:?}");
    }
    Ok(())
}

/// Runs the image on `mount` and expects it to exit with `message` in what it printed.
async fn refused(
    made: &Made,
    scene: &Scene,
    what: &str,
    env: &[&str],
    mount: &str,
    message: &str,
) -> Result<()> {
    let name = format!("herald-image-{}-{what}", scene.run);
    made.container(&name);
    let port = format!("HERALD_SERVER__PORT={}", scene.herald.port);
    let mut args = vec![
        "run",
        "--rm",
        "--name",
        &name,
        "--network",
        "host",
        "--env",
        &port,
    ];
    for pair in env {
        args.extend(["--env", pair]);
    }
    args.extend(["--volume", mount, IMAGE]);
    let outcome = tokio::time::timeout(Duration::from_secs(90), podman(&args)).await;
    match outcome {
        Err(_) => bail!("{what}: Herald did not stop within 90 s; it should refuse to start"),
        Ok(Ok(_)) => bail!("{what}: Herald started and exited cleanly; it should refuse to start"),
        Ok(Err(error)) if format!("{error:#}").contains(message) => {
            eprintln!("image-test: {what}: refused, saying “{message}”");
            Ok(())
        }
        Ok(Err(error)) => bail!("{what}: refused, but without saying “{message}”: {error:#}"),
    }
}
