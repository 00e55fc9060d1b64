//! The publishing engine on real Postgres against a fake Mastodon: on time, once, with
//! retries, stale tasks that do nothing, and a sweeper that heals.
use crate::calls::{Answer, composer, mastodon, ticked};
use crate::fakes::{MASTODON_TOKEN, fake_mastodon};
use crate::helpers::{Browser, TestApp, spawn_app_with};
use chrono::{DateTime, Utc};
use herald::api::calendar::ReschedulePost;
use herald::api::dashboard::TargetAction;
use herald::api::posts::{SavePost, SavedPost};
use herald::domain::post::Intent;
use herald::domain::role::Role;
use herald::server::publish::PublishTask;
use herald::server::publish::{handler, sweeper};
use sqlx::PgPool;
use std::time::Duration;
use uuid::Uuid;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// One owner with a connected fake Mastodon (shared with the dashboard's tests).
pub(crate) struct Scene {
    pub(crate) app: TestApp,
    pub(crate) owner: Browser,
    pub(crate) fake: MockServer,
    pub(crate) account: Uuid,
}

pub(crate) async fn scene(pool: PgPool, workers: bool) -> Scene {
    let fake = fake_mastodon().await;
    let app = spawn_app_with(pool, |settings| {
        settings.publishing.workers = workers;
        settings.publishing.poll_interval_ms = 20;
    })
    .await;
    let owner = app.owner("pat@example.com", "Acme").await;
    let account = app
        .connect_account(&owner, &mastodon(&fake.uri(), MASTODON_TOKEN))
        .await
        .ok();
    Scene {
        app,
        owner,
        fake,
        account,
    }
}

impl Scene {
    /// Saves a post on the scene's account: at `when`, or to publish now without it.
    pub(crate) async fn save(&self, body: &str, when: Option<DateTime<Utc>>) -> SavedPost {
        let (date, time) = when
            .map(|at| (at.format("%Y-%m-%d").to_string(), at.format("%H:%M").to_string()))
            .unwrap_or_default();
        let intent = if when.is_some() {
            Intent::Schedule
        } else {
            Intent::PublishNow
        };
        let form = SavePost {
            body: body.into(),
            targets: vec![ticked(self.account)],
            date,
            time,
            ..composer(intent)
        };
        self.app.save_post(&self.owner, &form).await.ok()
    }

    pub(crate) async fn target(&self, post: Uuid) -> Target {
        sqlx::query_as(
            "select id, status, attempts, task_id, remote_url, last_error, due_at
             from post_targets where post_id = $1",
        )
        .bind(post)
        .fetch_one(&self.app.pool)
        .await
        .unwrap()
    }

    async fn post_status(&self, post: Uuid) -> String {
        sqlx::query_scalar("select status from posts where id = $1")
            .bind(post)
            .fetch_one(&self.app.pool)
            .await
            .unwrap()
    }

    /// Makes the target due now, as if its time had come.
    pub(crate) async fn make_due(&self, target: Uuid, ago: Duration) {
        sqlx::query("update post_targets set due_at = now() - make_interval(secs => $2) where id = $1")
            .bind(target)
            .bind(ago.as_secs_f64())
            .execute(&self.app.pool)
            .await
            .unwrap();
    }

    pub(crate) async fn statuses_posted(&self) -> Vec<wiremock::Request> {
        let requests = self.fake.received_requests().await.unwrap_or_default();
        requests
            .into_iter()
            .filter(|r| r.method.as_str() == "POST" && r.url.path() == "/api/v1/statuses")
            .collect()
    }
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct Target {
    pub(crate) id: Uuid,
    pub(crate) status: String,
    attempts: i32,
    task_id: Option<String>,
    remote_url: Option<String>,
    last_error: Option<String>,
    due_at: Option<DateTime<Utc>>,
}

fn statuses(status: u16, body: serde_json::Value) -> Mock {
    Mock::given(method("POST"))
        .and(path("/api/v1/statuses"))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
}

pub(crate) fn accepted() -> Mock {
    statuses(
        200,
        serde_json::json!({"id": "110", "url": "https://fake.example/@herald/110"}),
    )
}

#[sqlx::test]
async fn publish_now_goes_out_once_through_the_worker(pool: PgPool) {
    let scene = scene(pool, true).await;
    accepted().mount(&scene.fake).await;
    let saved = scene.save("Hello from Herald", None).await;

    let mut target = scene.target(saved.id).await;
    for _ in 0..200 {
        if target.status == "published" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        target = scene.target(saved.id).await;
    }
    assert_eq!(target.status, "published", "{target:?}");
    assert_eq!(
        target.remote_url.as_deref(),
        Some("https://fake.example/@herald/110")
    );
    assert_eq!(scene.post_status(saved.id).await, "published");
    let posted = scene.statuses_posted().await;
    assert_eq!(posted.len(), 1);
    let key = posted[0]
        .headers
        .get("idempotency-key")
        .unwrap()
        .to_str()
        .unwrap();
    assert_eq!(key, target.id.to_string());
    let outcomes: Vec<(i32, Option<String>)> =
        sqlx::query_as("select attempt, outcome from publish_attempts where target_id = $1")
            .bind(target.id)
            .fetch_all(&scene.app.pool)
            .await
            .unwrap();
    assert_eq!(outcomes, [(1, Some("published".to_owned()))]);
    let metrics = scene.app.monitor("/metrics").await.text().await.unwrap();
    assert!(
        metrics.contains("herald_published_total{network=\"mastodon\"}"),
        "{metrics}"
    );
    assert!(
        metrics.contains("herald_publish_latency_seconds_bucket"),
        "{metrics}"
    );
    // Stopping waits for the workers to finish.
    scene.app.stop().await;
}

#[sqlx::test]
async fn a_rescheduled_or_cancelled_post_leaves_its_old_task_with_nothing_to_do(pool: PgPool) {
    let scene = scene(pool, false).await;
    accepted().expect(1).mount(&scene.fake).await;
    let engine = scene.app.engine();
    let saved = scene
        .save("Later", Some(Utc::now() + chrono::Duration::days(2)))
        .await;
    let target = scene.target(saved.id).await;
    assert_eq!(target.status, "scheduled");
    assert!(target.task_id.is_some(), "scheduling pushed a task");
    let old = PublishTask {
        target_id: target.id,
        version: saved.version,
    };

    // Moved: the old task (old version) claims nothing even when due.
    let at = Utc::now() + chrono::Duration::days(3);
    let later = ReschedulePost {
        id: saved.id,
        version: saved.version,
        date: at.format("%Y-%m-%d").to_string(),
        time: "12:00".into(),
        timezone: "UTC".into(),
    };
    let version = scene.app.reschedule_post(&scene.owner, &later).await.ok().version;
    let after = scene.target(saved.id).await;
    assert_ne!(after.task_id, target.task_id, "the new time has its own task");
    scene.make_due(target.id, Duration::ZERO).await;
    handler::run(&engine, old).await.unwrap();
    assert_eq!(scene.target(saved.id).await.status, "scheduled");
    assert!(scene.statuses_posted().await.is_empty());

    // Its current task publishes; a second run of it does nothing more.
    let current = PublishTask {
        target_id: target.id,
        version,
    };
    handler::run(&engine, current).await.unwrap();
    handler::run(&engine, current).await.unwrap();
    assert_eq!(scene.target(saved.id).await.status, "published");
    assert_eq!(scene.statuses_posted().await.len(), 1);
}

#[sqlx::test]
async fn a_cancelled_post_is_never_sent(pool: PgPool) {
    let scene = scene(pool, false).await;
    accepted().expect(0).mount(&scene.fake).await;
    let engine = scene.app.engine();
    let saved = scene
        .save("Never", Some(Utc::now() + chrono::Duration::days(2)))
        .await;
    let target = scene.target(saved.id).await;
    scene.app.cancel_post(&scene.owner, saved.id).await.ok();
    scene.make_due(target.id, Duration::ZERO).await;
    // A task of the version the cancel left, so only the status can stop it (a task of the
    // saved version would be stopped by its stale version alone).
    let version: i32 = sqlx::query_scalar("select version from posts where id = $1")
        .bind(saved.id)
        .fetch_one(&scene.app.pool)
        .await
        .unwrap();
    assert!(version > saved.version, "cancelling bumps the version");
    let task = PublishTask {
        target_id: target.id,
        version,
    };
    handler::run(&engine, task).await.unwrap();
    assert_eq!(scene.target(saved.id).await.status, "cancelled");
}

#[sqlx::test]
async fn a_transient_failure_retries_later_and_a_rejection_fails_with_the_reason(pool: PgPool) {
    let scene = scene(pool, false).await;
    let engine = scene.app.engine();
    statuses(503, serde_json::json!({"error": "down for maintenance"}))
        .up_to_n_times(1)
        .mount(&scene.fake)
        .await;
    statuses(
        422,
        serde_json::json!({"error": "Validation failed: Text too long"}),
    )
    .mount(&scene.fake)
    .await;
    let saved = scene
        .save("Flaky", Some(Utc::now() + chrono::Duration::days(2)))
        .await;
    let target = scene.target(saved.id).await;
    scene.make_due(target.id, Duration::ZERO).await;
    let task = PublishTask {
        target_id: target.id,
        version: saved.version,
    };

    let before = Utc::now();
    handler::run(&engine, task).await.unwrap();
    let retrying = scene.target(saved.id).await;
    assert_eq!(retrying.status, "retrying");
    let wait = retrying.due_at.unwrap() - before;
    assert!(
        (23..=37).contains(&wait.num_seconds()),
        "first retry after 30 s ± 20 %, was {wait}"
    );
    assert_ne!(retrying.task_id, target.task_id, "the retry is a new task");
    let run_at: DateTime<Utc> = sqlx::query_scalar("select run_at from apalis.jobs where id = $1")
        .bind(retrying.task_id.as_deref().unwrap())
        .fetch_one(&scene.app.pool)
        .await
        .unwrap();
    assert_eq!(run_at, retrying.due_at.unwrap());
    // The old task again, or the retry before its time: nothing happens.
    handler::run(&engine, task).await.unwrap();
    assert_eq!(scene.target(saved.id).await.attempts, 1);

    // At its time, the retry meets a rejection: failed at once, with the network's reason.
    scene.make_due(target.id, Duration::ZERO).await;
    handler::run(&engine, task).await.unwrap();
    let failed = scene.target(saved.id).await;
    assert_eq!((failed.status.as_str(), failed.attempts), ("failed", 2));
    assert!(
        failed.last_error.as_deref().unwrap().contains("Text too long"),
        "{failed:?}"
    );
    assert_eq!(scene.post_status(saved.id).await, "failed");
}

#[sqlx::test]
async fn revoked_credentials_fail_the_target_flag_the_account_and_hold_its_other_posts(pool: PgPool) {
    let scene = scene(pool, false).await;
    let engine = scene.app.engine();
    statuses(401, serde_json::json!({"error": "The access token was revoked"}))
        .mount(&scene.fake)
        .await;
    let first = scene
        .save("One", Some(Utc::now() + chrono::Duration::days(2)))
        .await;
    let second = scene
        .save("Two", Some(Utc::now() + chrono::Duration::days(4)))
        .await;
    let target = scene.target(first.id).await;
    scene.make_due(target.id, Duration::ZERO).await;
    let task = PublishTask {
        target_id: target.id,
        version: first.version,
    };
    handler::run(&engine, task).await.unwrap();

    let failed = scene.target(first.id).await;
    assert_eq!(failed.status, "failed");
    assert!(!failed.last_error.unwrap().contains(MASTODON_TOKEN));
    let state: String = sqlx::query_scalar("select state from accounts where id = $1")
        .bind(scene.account)
        .fetch_one(&scene.app.pool)
        .await
        .unwrap();
    assert_eq!(state, "needs_reauth");
    let held = scene.target(second.id).await;
    assert_eq!(held.status, "paused");
    assert!(held.last_error.unwrap().contains("connected again"));

    // A successful connection test puts the held post back in the queue, with a live task.
    let test = scene.app.test_account(&scene.owner, scene.account).await.ok();
    assert!(test.ok, "{}", test.message);
    let released = scene.target(second.id).await;
    assert_eq!(released.status, "scheduled");
    assert_ne!(released.task_id, held.task_id);
}

#[sqlx::test]
async fn the_sweeper_requeues_lost_tasks_recovers_dead_claims_and_marks_missed_posts(pool: PgPool) {
    let scene = scene(pool, false).await;
    let engine = scene.app.engine();
    let lost = scene
        .save("Lost task", Some(Utc::now() + chrono::Duration::days(1)))
        .await;
    let crashed = scene
        .save("Crashed worker", Some(Utc::now() + chrono::Duration::days(1)))
        .await;
    let missed = scene
        .save("Missed", Some(Utc::now() + chrono::Duration::days(1)))
        .await;
    let (lost_target, crashed_target, missed_target) = (
        scene.target(lost.id).await,
        scene.target(crashed.id).await,
        scene.target(missed.id).await,
    );

    // A task row deleted (say, by hand); a claim whose worker died a minute ago; a post due
    // two hours ago while Herald was down.
    sqlx::query("delete from apalis.jobs where id = $1")
        .bind(lost_target.task_id.as_deref().unwrap())
        .execute(&scene.app.pool)
        .await
        .unwrap();
    scene.make_due(lost_target.id, Duration::from_secs(10)).await;
    sqlx::query(
        "update post_targets set status = 'publishing', attempts = 1, claimed_at = now() - interval '1 minute',
                due_at = now() - interval '1 minute' where id = $1",
    )
    .bind(crashed_target.id)
    .execute(&scene.app.pool)
    .await
    .unwrap();
    scene.make_due(missed_target.id, Duration::from_secs(7200)).await;
    // A task that finished a fortnight ago.
    sqlx::query("update apalis.jobs set status = 'Done', done_at = now() - interval '14 days' where id = $1")
        .bind(missed_target.task_id.as_deref().unwrap())
        .execute(&scene.app.pool)
        .await
        .unwrap();

    let report = sweeper::sweep(&engine).await.unwrap();
    assert_eq!(
        (report.requeued, report.recovered, report.missed, report.purged),
        (1, 1, 1, 1),
        "{report:?}"
    );
    let requeued = scene.target(lost.id).await;
    assert_eq!(requeued.status, "scheduled");
    let live: String = sqlx::query_scalar("select status from apalis.jobs where id = $1")
        .bind(requeued.task_id.as_deref().unwrap())
        .fetch_one(&scene.app.pool)
        .await
        .unwrap();
    assert_eq!(live, "Pending");
    // Mastodon deduplicates by Idempotency-Key, so a dead claim is simply sent again.
    assert_eq!(scene.target(crashed.id).await.status, "retrying");
    assert_eq!(scene.target(missed.id).await.status, "missed");
    assert_eq!(scene.post_status(missed.id).await, "missed");

    // A second sweep finds nothing more to do.
    assert!(sweeper::sweep(&engine).await.unwrap().is_empty());
}

#[sqlx::test]
async fn healthz_turns_unhealthy_when_due_posts_wait_too_long(pool: PgPool) {
    let scene = scene(pool, false).await;
    let fine = scene.app.monitor("/healthz").await;
    assert_eq!(fine.status(), 200);
    let saved = scene
        .save("Stuck", Some(Utc::now() + chrono::Duration::days(1)))
        .await;
    let target = scene.target(saved.id).await;
    // No worker runs: the post has waited two minutes past its time.
    scene.make_due(target.id, Duration::from_secs(120)).await;
    let lagging = scene.app.monitor("/healthz").await;
    assert_eq!(lagging.status(), 503);
    let body: serde_json::Value = lagging.json().await.unwrap();
    assert_eq!(body["queue"]["status"], "lagging");
    assert_eq!(body["queue"]["due"], 1);
    assert!(body["queue"]["lag_seconds"].as_f64().unwrap() >= 120.0);
}

async fn resolve(scene: &Scene, browser: &Browser, id: Uuid, action: TargetAction, url: &str) -> Answer<()> {
    scene.app.resolve_target(browser, id, action, url).await
}

async fn pause(scene: &Scene, paused: bool) -> Answer<()> {
    scene.app.pause_publishing(&scene.owner, paused).await
}

async fn set_status(scene: &Scene, target: Uuid, status: &str) {
    sqlx::query("update post_targets set status = $2 where id = $1")
        .bind(target)
        .bind(status)
        .execute(&scene.app.pool)
        .await
        .unwrap();
}

#[sqlx::test]
async fn a_person_resolves_unknown_and_failed_targets(pool: PgPool) {
    let scene = scene(pool, false).await;
    let unknown = scene
        .save("Unknown", Some(Utc::now() + chrono::Duration::days(1)))
        .await;
    let unknown_target = scene.target(unknown.id).await.id;
    set_status(&scene, unknown_target, "unknown").await;

    // Marking published needs a real link; then the post counts as published.
    let (status, message) = resolve(
        &scene,
        &scene.owner,
        unknown_target,
        TargetAction::MarkPublished,
        "not a link",
    )
    .await
    .refused();
    assert_eq!(
        (status, message.as_str()),
        (400, "Link: give the post's address on the network (https://…).")
    );
    let done = resolve(
        &scene,
        &scene.owner,
        unknown_target,
        TargetAction::MarkPublished,
        "https://fake.example/@herald/9",
    )
    .await;
    assert_eq!(done.status(), 200);
    let marked = scene.target(unknown.id).await;
    assert_eq!(marked.status, "published");
    assert_eq!(
        marked.remote_url.as_deref(),
        Some("https://fake.example/@herald/9")
    );
    assert_eq!(scene.post_status(unknown.id).await, "published");

    // Publishing a failed target again queues it now, with a live task.
    let failed = scene
        .save("Failed", Some(Utc::now() + chrono::Duration::days(1)))
        .await;
    let failed_target = scene.target(failed.id).await;
    set_status(&scene, failed_target.id, "failed").await;
    assert_eq!(
        resolve(
            &scene,
            &scene.owner,
            failed_target.id,
            TargetAction::PublishAgain,
            ""
        )
        .await
        .status(),
        200
    );
    let again = scene.target(failed.id).await;
    assert_eq!(again.status, "scheduled");
    assert!(again.due_at.unwrap() <= Utc::now());
    assert_ne!(again.task_id, failed_target.task_id);
    // ... and cannot be published again twice.
    let (status, message) = resolve(
        &scene,
        &scene.owner,
        failed_target.id,
        TargetAction::PublishAgain,
        "",
    )
    .await
    .refused();
    assert_eq!(status, 409, "{message}");

    // A viewer may not; another workspace cannot even see it.
    let viewer = scene
        .app
        .member(&scene.owner, "vic@example.com", Role::Viewer)
        .await;
    assert_eq!(
        resolve(&scene, &viewer, failed_target.id, TargetAction::Cancel, "")
            .await
            .status(),
        403
    );
    let stranger = scene.app.owner("sam@example.com", "Other").await;
    assert_eq!(
        resolve(&scene, &stranger, failed_target.id, TargetAction::Cancel, "")
            .await
            .status(),
        404
    );
    assert_eq!(
        resolve(&scene, &scene.owner, failed_target.id, TargetAction::Cancel, "")
            .await
            .status(),
        200
    );
    assert_eq!(scene.post_status(failed.id).await, "cancelled");
}

#[sqlx::test]
async fn pausing_the_workspace_holds_due_posts_until_it_resumes(pool: PgPool) {
    let scene = scene(pool, false).await;
    accepted().expect(0).mount(&scene.fake).await;
    let engine = scene.app.engine();
    assert_eq!(pause(&scene, true).await.status(), 200);
    let saved = scene
        .save("Held", Some(Utc::now() + chrono::Duration::days(1)))
        .await;
    let target = scene.target(saved.id).await;
    scene.make_due(target.id, Duration::ZERO).await;
    let task = PublishTask {
        target_id: target.id,
        version: saved.version,
    };
    handler::run(&engine, task).await.unwrap();
    let held = scene.target(saved.id).await;
    assert_eq!(held.status, "paused");
    assert_eq!(
        held.last_error.as_deref(),
        Some("Publishing is paused for this workspace.")
    );

    assert_eq!(pause(&scene, false).await.status(), 200);
    let released = scene.target(saved.id).await;
    assert_eq!(released.status, "scheduled");
    assert_ne!(released.task_id, held.task_id);
}
