//! The evergreen pool against real Postgres: its posts fill slots still empty a lead time
//! ahead, never the same post on an account within the cooldown, never two in a row when
//! asked, nothing twice, and nothing while the pool is paused.
use crate::calls::between;
use crate::helpers::{Browser, TestApp, spawn_app};
use crate::queue::{account, draft};
use chrono::{DateTime, Duration, NaiveTime, Utc, Weekday};
use herald::api::calendar::ListPosts;
use herald::domain::plan::PostKind;
use herald::domain::plan::evergreen::PoolSettings;
use herald::domain::plan::slots::{Slot, WeeklySlots};
use herald::domain::schedule::IanaZone;
use herald::server::plan::job;
use herald::server::state::AppState;
use sqlx::PgPool;
use uuid::Uuid;

const ZONE: &str = "Europe/Berlin";

fn daily_at_nine() -> Vec<Slot> {
    let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
    std::iter::successors(Some(Weekday::Mon), |day| Some(day.succ()))
        .take(7)
        .map(|day| Slot { day, time: nine })
        .collect()
}

/// The daily slots the pool may fill when it runs at `now` with a week's lead.
fn slots_ahead(now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let slots = WeeklySlots::new(IanaZone::parse(ZONE).unwrap(), daily_at_nine()).unwrap();
    slots.between(now + Duration::minutes(2), now + Duration::days(7))
}

struct Pool {
    app: TestApp,
    owner: Browser,
    account: Uuid,
    state: AppState,
}

/// An owner with one account posting daily at 09:00 and two posts in the pool, `older` first.
async fn pool_of_two(pool: PgPool, settings: PoolSettings) -> (Pool, Uuid, Uuid) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let account = account(&app, &owner, "toots").await;
    app.set_posting_slots(&owner, account, ZONE, &daily_at_nine())
        .await
        .ok();
    app.update_evergreen_pool(&owner, settings).await.ok();
    let older = draft(&app, &owner, "Our guide to spring", &[account]).await.id;
    let newer = draft(&app, &owner, "Ten tips for autumn", &[account]).await.id;
    for post in [older, newer] {
        app.set_evergreen(&owner, post, true).await.ok();
    }
    let state = app.engine().state.clone();
    let scene = Pool {
        app,
        owner,
        account,
        state,
    };
    (scene, older, newer)
}

/// The shares on the account: (pool post, time, body, status), in time order.
async fn shares(app: &TestApp) -> Vec<(Uuid, DateTime<Utc>, String, String)> {
    sqlx::query_as(
        "select evergreen_of, scheduled_at, body, status from posts
         where evergreen_of is not null order by scheduled_at",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

fn week_ahead() -> PoolSettings {
    PoolSettings {
        cooldown_days: 3,
        lead_hours: 7 * 24,
        no_two_in_a_row: false,
        paused: false,
    }
}

#[sqlx::test]
async fn the_pool_fills_empty_slots_oldest_first_never_within_the_cooldown(pool: PgPool) {
    let (scene, older, newer) = pool_of_two(pool, week_ahead()).await;
    let now = Utc::now();
    let round = job::run_once(&scene.state, now).await.unwrap();

    // Day by day: the older post, the newer one, then a day on which both are within 3 days
    // of their last share, and again.
    let slots = slots_ahead(now);
    let expected: Vec<(Uuid, DateTime<Utc>)> = slots
        .iter()
        .enumerate()
        .filter_map(|(n, at)| match n % 3 {
            0 => Some((older, *at)),
            1 => Some((newer, *at)),
            _ => None,
        })
        .collect();
    let made = shares(&scene.app).await;
    assert_eq!(round.shares, expected.len());
    assert_eq!(
        made.iter().map(|(of, at, ..)| (*of, *at)).collect::<Vec<_>>(),
        expected
    );
    // Each share is an ordinary scheduled post with the pool post's text.
    for (of, _, body, status) in &made {
        let text = if *of == older {
            "Our guide to spring"
        } else {
            "Ten tips for autumn"
        };
        assert_eq!((body.as_str(), status.as_str()), (text, "scheduled"));
    }

    // The calendar lists them as evergreen, and the kind filter finds exactly them.
    let range = between(now, now + Duration::days(8));
    let listed = scene.app.list_posts(&scene.owner, &range).await.ok();
    assert!(listed.iter().all(|p| p.kind == PostKind::Evergreen));
    let evergreen = ListPosts {
        kinds: vec![PostKind::Evergreen],
        ..range.clone()
    };
    assert_eq!(
        scene.app.list_posts(&scene.owner, &evergreen).await.ok().len(),
        made.len()
    );
    let by_hand = ListPosts {
        kinds: vec![PostKind::Manual, PostKind::Queued],
        ..range
    };
    assert!(scene.app.list_posts(&scene.owner, &by_hand).await.ok().is_empty());

    // A second round makes nothing twice; the pool page counts the shares.
    assert_eq!(job::run_once(&scene.state, now).await.unwrap().shares, 0);
    let view = scene.app.evergreen_pool(&scene.owner).await.ok();
    let counted: i64 = view.posts.iter().map(|p| p.shares).sum();
    assert_eq!(counted as usize, made.len());

    // Paused, the pool makes nothing as time goes on; running again, it goes on where it was,
    // still keeping the cooldown against the shares already made.
    let paused = PoolSettings {
        paused: true,
        ..week_ahead()
    };
    scene.app.update_evergreen_pool(&scene.owner, paused).await.ok();
    let later = now + Duration::days(7);
    assert_eq!(job::run_once(&scene.state, later).await.unwrap().shares, 0);
    scene
        .app
        .update_evergreen_pool(&scene.owner, week_ahead())
        .await
        .ok();
    assert!(job::run_once(&scene.state, later).await.unwrap().shares > 0);
    let made = shares(&scene.app).await;
    for post in [older, newer] {
        let times: Vec<_> = made.iter().filter(|s| s.0 == post).map(|s| s.1).collect();
        assert!(
            times.windows(2).all(|w| w[1] - w[0] >= Duration::days(3)),
            "{times:?}"
        );
    }
}

#[sqlx::test]
async fn no_two_evergreen_posts_in_a_row_when_asked(pool: PgPool) {
    let settings = PoolSettings {
        cooldown_days: 1,
        no_two_in_a_row: true,
        ..week_ahead()
    };
    let (scene, older, newer) = pool_of_two(pool, settings).await;
    let now = Utc::now();
    let slots = slots_ahead(now);
    // A post placed by hand on the third day breaks the run of evergreen posts.
    let third = slots[2];
    let zone = IanaZone::parse(ZONE).unwrap();
    let local = herald::domain::schedule::to_local(third, &zone);
    let by_hand = herald::api::posts::SavePost {
        body: "Launch day".into(),
        targets: vec![crate::calls::ticked(scene.account)],
        date: local.format("%Y-%m-%d").to_string(),
        time: local.format("%H:%M").to_string(),
        timezone: ZONE.into(),
        ..crate::calls::composer(herald::domain::post::Intent::Schedule)
    };
    scene.app.save_post(&scene.owner, &by_hand).await.ok();

    job::run_once(&scene.state, now).await.unwrap();
    let made: Vec<_> = shares(&scene.app)
        .await
        .into_iter()
        .map(|(of, at, ..)| (of, at))
        .collect();
    // Day 1 the older post; day 2 would follow it; day 3 is taken; day 4 follows the post
    // placed by hand; day 5 on would follow day 4's share.
    assert_eq!(made, vec![(older, slots[0]), (newer, slots[3])]);
}

#[sqlx::test]
async fn the_pool_refuses_a_share_and_a_post_without_accounts(pool: PgPool) {
    let (scene, ..) = pool_of_two(pool, week_ahead()).await;
    job::run_once(&scene.state, Utc::now()).await.unwrap();
    let (share,): (Uuid,) = sqlx::query_as("select id from posts where evergreen_of is not null limit 1")
        .fetch_one(&scene.app.pool)
        .await
        .unwrap();
    let (status, message) = scene.app.set_evergreen(&scene.owner, share, true).await.refused();
    assert_eq!(status, 400);
    assert!(message.contains("original"), "{message}");

    let bare = draft(&scene.app, &scene.owner, "No accounts yet", &[]).await.id;
    let (status, message) = scene.app.set_evergreen(&scene.owner, bare, true).await.refused();
    assert_eq!(status, 400);
    assert!(message.contains("at least one account"), "{message}");

    let (status, message) = scene
        .app
        .update_evergreen_pool(
            &scene.owner,
            PoolSettings {
                cooldown_days: 0,
                ..week_ahead()
            },
        )
        .await
        .refused();
    assert_eq!(status, 400);
    assert!(message.starts_with("Cooldown"), "{message}");
}
