//! Step d: one more stop and start (the warm restart an upgrade or a reboot makes); the posts
//! are still there and the owner signs in with the same password.
use crate::Scene;
use crate::calls::between;
use crate::figures::Figures;
use crate::helpers::{PASSWORD, TestApp};
use anyhow::{Result, bail};
use herald::domain::post::PostStatus;

/// The first post and the burst.
const POSTS: usize = 201;

pub async fn run(scene: &mut Scene, figures: &mut Figures) -> Result<()> {
    scene.herald.stop().await?;
    let warm = scene.herald.start().await?;
    figures.warm_restart = Some(warm);
    eprintln!(
        "image-test: warm restart to /healthz 200 in {:.1} s",
        warm.as_secs_f64()
    );

    let posts = signed_in_posts(&scene.app, scene).await?;
    if posts.len() != POSTS {
        bail!("{} posts after the restart, {POSTS} before", posts.len());
    }
    let published = format!("{:?}", PostStatus::Published);
    if let Some(other) = posts.iter().find(|post| !post.ends_with(&published)) {
        bail!("after the restart, not every post is published: {other}");
    }
    scene.posts = posts;
    Ok(())
}

/// Signs in as the owner with a new browser and lists this run's posts as "text: status",
/// sorted, so two Heralds' lists compare equal when they hold the same posts.
pub async fn signed_in_posts(app: &TestApp, scene: &Scene) -> Result<Vec<String>> {
    let browser = app.browser();
    app.sign_in(&browser, &scene.email, PASSWORD).await.ok();
    let from = scene.started - chrono::Duration::hours(1);
    let range = between(from, from + chrono::Duration::days(1));
    let mut posts: Vec<String> = app
        .list_posts(&browser, &range)
        .await
        .ok()
        .into_iter()
        .map(|post| format!("{}: {:?}", post.excerpt, post.status))
        .collect();
    posts.sort();
    Ok(posts)
}
