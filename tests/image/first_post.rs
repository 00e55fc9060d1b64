//! Step b: a person signs up in Chromium, connects a Mastodon account (the fake) and schedules
//! a post 30 s ahead; the fake receives it and Herald shows it published.
use crate::calls::mastodon;
use crate::network::TOKEN;
use crate::{Scene, schedule, signup, wait_for};
use anyhow::{Result, bail};
use herald::api::auth::SessionState;
use herald::domain::post::PostStatus;
use std::time::Duration;

pub async fn run(scene: &mut Scene) -> Result<()> {
    let session = signup::in_chromium(&scene.app.address, &scene.email, "Image Test").await?;
    scene.browser.set_session_cookie(&scene.app.address, &session);
    match scene.app.session(&scene.browser).await {
        SessionState::SignedIn(viewer) if viewer.email == scene.email => {}
        other => bail!("the browser's session cookie does not sign in over HTTP: {other:?}"),
    }
    let form = mastodon(&scene.network.address, TOKEN);
    scene.account = scene.app.connect_account(&scene.browser, &form).await.ok();

    let text = format!("First post of image test {}", scene.run);
    let due = schedule::due_in(30);
    let post = schedule::post(&text, scene.account, due);
    let id = scene.app.save_post(&scene.browser, &post).await.ok().id;

    let (app, browser, fake) = (&scene.app, &scene.browser, &scene.network.fake);
    wait_for("the first post published", Duration::from_secs(120), || {
        let text = text.clone();
        async move {
            let received = fake.publications().iter().any(|p| p.text == text);
            let status = app.get_post(browser, id).await.ok().status;
            Ok((received && status == PostStatus::Published).then_some(()))
        }
    })
    .await?;
    // The fake is new: its first request is this post.
    let arrived = fake.requests()[0].at;
    eprintln!(
        "image-test: the first post reached the fake {:.2} s after its time",
        (arrived - due).num_milliseconds() as f64 / 1000.0
    );
    Ok(())
}
