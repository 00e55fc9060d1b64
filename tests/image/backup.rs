//! Step e: `herald backup` in the running container, copied out, restored with
//! `herald restore -` into a second container on a fresh volume, which after a restart holds
//! the same posts, the same password, and an account whose token it can still read, and
//! posts nothing again.
use crate::Scene;
use crate::container::Herald;
use crate::helpers::{PASSWORD, TestApp};
use crate::podman::{Made, podman, podman_with_input};
use crate::restart::signed_in_posts;
use anyhow::{Result, bail};

const IN_CONTAINER: &str = "/data/backups/test.tar.gz";

pub async fn run(scene: &Scene, made: &Made) -> Result<()> {
    let requests_before = scene.network.fake.requests().len();
    scene
        .herald
        .exec(&["herald", "backup", "--output", IN_CONTAINER])
        .await?;
    let copy = std::env::temp_dir().join(format!("herald-image-{}.tar.gz", scene.run));
    let source = format!("{}:{IN_CONTAINER}", scene.herald.name);
    podman(&["cp", &source, &copy.to_string_lossy()]).await?;
    let size = std::fs::metadata(&copy)?.len();
    eprintln!("image-test: the backup is {:.1} MB", size as f64 / 1e6);

    let restored = restore_into_new(scene, made, &copy).await;
    let _ = std::fs::remove_file(&copy);
    let second = restored?;

    let app = TestApp::new(second.address());
    let posts = signed_in_posts(&app, scene).await?;
    if posts != scene.posts {
        bail!(
            "the restored Herald holds {} posts, the first {}; first difference: {:?}",
            posts.len(),
            scene.posts.len(),
            posts.iter().zip(&scene.posts).find(|(a, b)| a != b)
        );
    }
    let browser = app.browser();
    app.sign_in(&browser, &scene.email, PASSWORD).await.ok();
    let test = app.test_account(&browser, scene.account).await.ok();
    if !test.ok {
        bail!(
            "the restored account's token cannot be used (was the key restored?): {}",
            test.message
        );
    }
    // Published posts came back as published: the restored Herald must not post them again.
    let again = scene.network.fake.requests().len() - requests_before;
    if again > 0 {
        bail!("the restored Herald sent {again} statuses to the network again");
    }
    Ok(())
}

/// A second container on a fresh volume, the backup restored into it, then restarted.
async fn restore_into_new(scene: &Scene, made: &Made, backup: &std::path::Path) -> Result<Herald> {
    let second = Herald::create(made, format!("herald-image-{}-restored", scene.run)).await?;
    second.start().await?;
    let restore = ["exec", "-i", second.name.as_str(), "herald", "restore", "-"];
    let said = podman_with_input(&restore, backup).await?;
    if !said.is_empty() {
        eprintln!("image-test: herald restore said: {said}");
    }
    second.stop().await?;
    let took = second.start().await?;
    eprintln!(
        "image-test: the restored container started in {:.1} s",
        took.as_secs_f64()
    );
    Ok(second)
}
