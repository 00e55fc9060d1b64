//! Step c: 200 posts due at one instant; while the fake network answers them slowly,
//! `podman stop` (SIGTERM, 30 s grace) ends the container, and a start on the same volume
//! finishes the burst. Every post must reach the network once per Idempotency-Key, none
//! missing, and Herald must call every one published.
use crate::figures::Figures;
use crate::{Scene, calls, schedule, wait_for};
use anyhow::{Result, bail};
use herald::domain::post::PostStatus;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

const POSTS: usize = 200;

pub async fn run(scene: &mut Scene, figures: &mut Figures) -> Result<()> {
    let fake = &scene.network.fake;
    let keys_before: HashSet<Option<String>> = fake.requests().into_iter().map(|r| r.key).collect();
    let posted_before = fake.publications().len();
    let texts: Vec<String> = (0..POSTS)
        .map(|n| format!("Burst {} post {n}", scene.run))
        .collect();

    // Far enough ahead for all 200 to be saved before they fall due.
    let due = schedule::due_in(20);
    let saving = Instant::now();
    for text in &texts {
        let post = schedule::post(text, scene.account, due);
        scene.app.save_post(&scene.browser, &post).await.ok();
    }
    eprintln!(
        "image-test: saved {POSTS} posts in {:.1} s, all due at {due}",
        saving.elapsed().as_secs_f64()
    );

    // Cut in once a quarter has reached the network: those wait for their answers, the rest
    // are not sent yet.
    let posted = || fake.publications().len() - posted_before;
    wait_for(
        "a quarter of the burst posted",
        Duration::from_secs(120),
        || async move { Ok((posted() >= POSTS / 4).then_some(())) },
    )
    .await?;
    let (at_stop, in_flight) = (posted(), fake.in_flight());
    let stop = scene.herald.stop().await?;
    let after_stop = posted();
    eprintln!(
        "image-test: podman stop with {at_stop} posted and {in_flight} in flight took {:.1} s; \
         {after_stop} posted by then",
        stop.as_secs_f64()
    );
    if after_stop >= POSTS {
        bail!("the burst was over before the stop: a slower fake network (FAKE_DELAY) is needed");
    }
    figures.stop_mid_burst = Some(stop);
    figures.start_mid_burst = Some(scene.herald.start().await?);

    let (app, browser) = (&scene.app, &scene.browser);
    let range = &calls::between(
        due - chrono::Duration::minutes(1),
        due + chrono::Duration::minutes(1),
    );
    let ours = &format!("Burst {} ", scene.run);
    let statuses = wait_for("all 200 published", Duration::from_secs(300), || async move {
        let statuses: Vec<PostStatus> = app
            .list_posts(browser, range)
            .await
            .ok()
            .into_iter()
            .filter(|post| post.excerpt.starts_with(ours))
            .map(|post| post.status)
            .collect();
        let settled = statuses
            .iter()
            .all(|s| !matches!(s, PostStatus::Scheduled | PostStatus::Publishing));
        Ok((statuses.len() == POSTS && settled).then_some(statuses))
    })
    .await?;

    // Once per key: the fake posts at most once per key, so as many posts as new keys, and no
    // request without one, means each key posted exactly once.
    let requests = fake.requests();
    let new: Vec<_> = requests
        .iter()
        .filter(|r| !keys_before.contains(&r.key))
        .collect();
    let keys: HashSet<_> = new.iter().map(|r| &r.key).collect();
    let keyless = new.iter().filter(|r| r.key.is_none()).count();
    let mut times: HashMap<&str, usize> = texts.iter().map(|t| (t.as_str(), 0)).collect();
    let publications = fake.publications();
    for publication in &publications[posted_before..] {
        *times.entry(publication.text.as_str()).or_default() += 1;
    }
    let missing = times.values().filter(|n| **n == 0).count();
    let doubled = times.values().filter(|n| **n > 1).count();
    let published = statuses.iter().filter(|s| **s == PostStatus::Published).count();
    eprintln!(
        "image-test: {} requests for {} keys ({} repeats answered from the network's memory), \
         {missing} missing, {doubled} posted twice, {published} published in Herald",
        new.len(),
        keys.len(),
        new.len() - keys.len()
    );
    if keyless > 0 || keys.len() != POSTS || missing > 0 || doubled > 0 || times.len() != POSTS {
        bail!(
            "not once each: {} keys for {POSTS} posts, {keyless} requests without a key, \
             {missing} missing, {doubled} posted twice, {} texts not ours",
            keys.len(),
            times.len() - POSTS
        );
    }
    if published != POSTS {
        let mut by_status: HashMap<PostStatus, usize> = HashMap::new();
        for status in &statuses {
            *by_status.entry(*status).or_default() += 1;
        }
        bail!("Herald calls {published} of {POSTS} published: {by_status:?}");
    }
    Ok(())
}
