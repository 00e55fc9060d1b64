//! Recurring posts against real Postgres: a series is made a month ahead as ordinary posts,
//! the engine publishes its occurrences once each, and an edit of the series changes only the
//! future posts no one edited on their own.
use crate::calls::{composer, repeating, ticked};
use crate::publish::{Scene, accepted, scene};
use chrono::{DateTime, Datelike, Duration, Utc};
use herald::api::posts::SavePost;
use herald::api::series::{EditSeries, SeriesView};
use herald::domain::post::Intent;
use herald::server::plan::job;
use herald::server::publish::{PublishTask, handler};
use sqlx::PgPool;
use uuid::Uuid;

#[derive(Debug, sqlx::FromRow)]
struct Occurrence {
    id: Uuid,
    body: String,
    status: String,
    scheduled_at: DateTime<Utc>,
    version: i32,
}

async fn occurrences(scene: &Scene, series: Uuid) -> Vec<Occurrence> {
    sqlx::query_as(
        "select id, body, status, scheduled_at, version from posts where series_id = $1 order by scheduled_at",
    )
    .bind(series)
    .fetch_all(&scene.app.pool)
    .await
    .unwrap()
}

/// A post an hour from now (whole minutes, UTC), repeated weekly on its weekday.
async fn weekly_series(scene: &Scene, body: &str) -> (SeriesView, DateTime<Utc>) {
    let first = (Utc::now() + Duration::hours(1))
        .with_timezone(&Utc)
        .format("%Y-%m-%dT%H:%M:00Z")
        .to_string()
        .parse::<DateTime<Utc>>()
        .unwrap();
    let saved = scene.save(body, Some(first)).await;
    let mut weekly = repeating("weekly");
    match first.weekday() {
        chrono::Weekday::Mon => weekly.mon = true,
        chrono::Weekday::Tue => weekly.tue = true,
        chrono::Weekday::Wed => weekly.wed = true,
        chrono::Weekday::Thu => weekly.thu = true,
        chrono::Weekday::Fri => weekly.fri = true,
        chrono::Weekday::Sat => weekly.sat = true,
        chrono::Weekday::Sun => weekly.sun = true,
    }
    let series = scene
        .app
        .repeat_post(&scene.owner, (saved.id, saved.version), &weekly)
        .await
        .ok();
    (series, first)
}

#[sqlx::test]
async fn a_weekly_series_is_made_a_month_ahead_and_its_first_two_posts_go_out_once_each(pool: PgPool) {
    let scene = scene(pool, false).await;
    accepted().expect(2).mount(&scene.fake).await;
    let (series, first) = weekly_series(&scene, "Weekly tip").await;
    assert!(series.description.starts_with("Every week on"), "{series:?}");

    // The first post and the next four weeks (30 days ahead), each an ordinary scheduled post.
    let made = occurrences(&scene, series.id).await;
    let times: Vec<_> = made.iter().map(|o| o.scheduled_at).collect();
    let weeks: Vec<_> = (0..5).map(|n| first + Duration::weeks(n)).collect();
    assert_eq!(times, weeks);
    assert!(
        made.iter()
            .all(|o| o.status == "scheduled" && o.body == "Weekly tip")
    );

    // The job makes nothing twice, and keeps the horizon as time goes on.
    let state = scene.app.engine().state.clone();
    let round = job::run_once(&state, Utc::now()).await.unwrap();
    assert_eq!(round.occurrences, 0);
    let week_on = job::run_once(&state, Utc::now() + Duration::days(7))
        .await
        .unwrap();
    assert_eq!(week_on.occurrences, 1);
    assert_eq!(occurrences(&scene, series.id).await.len(), 6);

    // The first two go out through the engine, once each, even when their tasks run twice.
    let engine = scene.app.engine();
    for occurrence in &made[..2] {
        let target = scene.target(occurrence.id).await;
        scene.make_due(target.id, std::time::Duration::ZERO).await;
        let task = PublishTask {
            target_id: target.id,
            version: occurrence.version,
        };
        handler::run(&engine, task).await.unwrap();
        handler::run(&engine, task).await.unwrap();
        assert_eq!(scene.target(occurrence.id).await.status, "published");
    }
    assert_eq!(scene.statuses_posted().await.len(), 2);
    let after = occurrences(&scene, series.id).await;
    assert_eq!(
        after.iter().map(|o| o.status.as_str()).collect::<Vec<_>>(),
        [
            "published",
            "published",
            "scheduled",
            "scheduled",
            "scheduled",
            "scheduled"
        ]
    );
}

#[sqlx::test]
async fn editing_a_series_changes_its_future_posts_but_not_one_edited_alone_nor_a_skipped_date(pool: PgPool) {
    let scene = scene(pool, false).await;
    let (series, first) = weekly_series(&scene, "Old words").await;
    let made = occurrences(&scene, series.id).await;
    assert_eq!(made.len(), 5);

    // The third is reworded on its own; the fourth is deleted (its date skipped).
    let third = &made[2];
    let alone = SavePost {
        post_id: Some(third.id),
        version: Some(third.version),
        body: "Special edition".into(),
        targets: vec![ticked(scene.account)],
        date: third.scheduled_at.format("%Y-%m-%d").to_string(),
        time: third.scheduled_at.format("%H:%M").to_string(),
        ..composer(Intent::Schedule)
    };
    scene.app.save_post(&scene.owner, &alone).await.ok();
    scene.app.delete_post(&scene.owner, made[3].id).await.ok();

    let edit = EditSeries {
        id: series.id,
        version: series.version,
        body: "New words".into(),
        time: first.format("%H:%M").to_string(),
        repeat: {
            let mut weekly = repeating("weekly");
            weekly.mon = true;
            weekly.tue = true;
            weekly.wed = true;
            weekly.thu = true;
            weekly.fri = true;
            weekly.sat = true;
            weekly.sun = true;
            weekly.every = 1;
            weekly
        },
    };
    // Every day now: a month of days, less the skipped one, with the edited post kept.
    let edited = scene.app.edit_series(&scene.owner, &edit).await.ok();
    assert_eq!(edited.version, series.version + 1);
    let after = occurrences(&scene, series.id).await;
    let skipped = made[3].scheduled_at;
    assert!(
        after.iter().all(|o| o.scheduled_at != skipped),
        "the skipped date came back"
    );
    assert_eq!(
        after.len(),
        29,
        "30 days from the first post, less the skipped one"
    );
    let kept = after
        .iter()
        .find(|o| o.id == third.id)
        .expect("the post edited alone stays");
    assert_eq!(kept.body, "Special edition");
    assert!(
        after
            .iter()
            .filter(|o| o.id != third.id)
            .all(|o| o.body == "New words")
    );

    // A stale version is refused; stopping removes the future posts but the edited one.
    assert_eq!(scene.app.edit_series(&scene.owner, &edit).await.refused().0, 409);
    let stopped = scene.app.stop_series(&scene.owner, &edited).await.ok();
    assert!(stopped.stopped);
    let left = occurrences(&scene, series.id).await;
    assert_eq!(left.iter().map(|o| o.id).collect::<Vec<_>>(), [third.id]);
    assert_eq!(
        scene
            .app
            .post_series(&scene.owner, third.id)
            .await
            .ok()
            .map(|s| s.stopped),
        Some(true)
    );
}

#[sqlx::test]
async fn a_series_needs_a_time_a_day_and_one_series_per_post(pool: PgPool) {
    let scene = scene(pool, false).await;
    let draft = SavePost {
        body: "No time yet".into(),
        targets: vec![ticked(scene.account)],
        ..composer(Intent::Draft)
    };
    let draft = scene.app.save_post(&scene.owner, &draft).await.ok();
    let daily = repeating("daily");
    let (status, message) = scene
        .app
        .repeat_post(&scene.owner, (draft.id, draft.version), &daily)
        .await
        .refused();
    assert_eq!(status, 400);
    assert!(message.contains("date and time first"), "{message}");

    let saved = scene.save("Timed", Some(Utc::now() + Duration::days(1))).await;
    let (status, message) = scene
        .app
        .repeat_post(&scene.owner, (saved.id, saved.version), &repeating("weekly"))
        .await
        .refused();
    assert_eq!(status, 400);
    assert!(message.contains("at least one day"), "{message}");
    assert!(
        occurrences_of_post(&scene, saved.id).await.is_none(),
        "nothing was made"
    );

    scene
        .app
        .repeat_post(&scene.owner, (saved.id, saved.version), &daily)
        .await
        .ok();
    let (status, _) = scene
        .app
        .repeat_post(&scene.owner, (saved.id, saved.version), &daily)
        .await
        .refused();
    assert_eq!(status, 409);
}

async fn occurrences_of_post(scene: &Scene, post: Uuid) -> Option<Uuid> {
    sqlx::query_scalar("select series_id from posts where id = $1")
        .bind(post)
        .fetch_one(&scene.app.pool)
        .await
        .unwrap()
}
