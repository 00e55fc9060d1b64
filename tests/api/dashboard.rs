//! The status dashboard's reads and bulk retry, on real Postgres with a fake Mastodon.
use crate::calls::{composer, mastodon, ticked};
use crate::fakes::{MASTODON_TOKEN, mount_mastodon_statuses};
use crate::publish::{Scene, scene};
use chrono::Utc;
use herald::api::dashboard::Overview;
use herald::api::posts::SavePost;
use herald::domain::post::Intent;
use herald::domain::post::TargetStatus;
use herald::domain::publish::FailureCause;
use herald::domain::role::Role;
use herald::server::publish::{PublishTask, handler};
use sqlx::PgPool;
use uuid::Uuid;

impl Scene {
    /// A post sent now whose target then ended as `status` (as the engine would leave it).
    async fn ended_as(&self, body: &str, status: &str, kind: &str, error: &str) -> Uuid {
        let saved = self.save(body, None).await;
        let target = self.target(saved.id).await;
        sqlx::query(
            "update post_targets set status = $2, error_kind = $3, last_error = $4, attempts = 1
             where id = $1",
        )
        .bind(target.id)
        .bind(status)
        .bind(kind)
        .bind(error)
        .execute(&self.app.pool)
        .await
        .unwrap();
        target.id
    }

    async fn overview(&self) -> Overview {
        self.app.publishing_overview(&self.owner).await.ok()
    }
}

#[sqlx::test]
async fn the_overview_sorts_targets_into_what_a_person_works_through(pool: PgPool) {
    let scene = scene(pool, false).await;
    mount_mastodon_statuses(&scene.fake).await;
    let engine = scene.app.engine();
    let sent = scene.save("Went out", None).await;
    let sent_target = scene.target(sent.id).await;
    handler::run(
        &engine,
        PublishTask {
            target_id: sent_target.id,
            version: sent.version,
        },
    )
    .await
    .unwrap();
    let soon = scene
        .save("Coming up", Some(Utc::now() + chrono::Duration::hours(2)))
        .await;
    scene
        .save("Next week", Some(Utc::now() + chrono::Duration::days(7)))
        .await;
    let rejected = scene
        .ended_as("Too long", "failed", "rejected", "Text too long (422)")
        .await;
    let lost = scene
        .ended_as("Lost", "unknown", "crashed", "The worker stopped mid-publish")
        .await;

    let overview = scene.overview().await;
    let counts = &overview.counts;
    assert_eq!(
        (
            counts.scheduled,
            counts.due_next_day,
            counts.published,
            counts.failed,
            counts.undecided
        ),
        (2, 1, 1, 1, 1),
        "{counts:?}"
    );
    assert_eq!(overview.upcoming.len(), 1);
    assert_eq!(overview.upcoming[0].post_id, soon.id);
    assert_eq!(overview.upcoming[0].excerpt, "Coming up");
    assert_eq!(overview.published.len(), 1);
    assert_eq!(
        overview.published[0].remote_url,
        Some(format!("{}/@herald/4242", scene.fake.uri()))
    );
    assert_eq!(overview.failures.len(), 1);
    assert_eq!(overview.failures[0].cause, FailureCause::Rejected);
    assert_eq!(overview.failures[0].rows[0].id, rejected);
    assert_eq!(
        overview.failures[0].rows[0].last_error.as_deref(),
        Some("Text too long (422)")
    );
    assert_eq!(overview.undecided.len(), 1);
    assert_eq!(overview.undecided[0].id, lost);
    assert_eq!(overview.undecided[0].status, TargetStatus::Unknown);
    assert_eq!(overview.accounts.len(), 1);
    assert_eq!(overview.accounts[0].queued, 2);
    assert!(!overview.workspace_paused);

    // A viewer reads it too; the page renders it on the server.
    let viewer = scene
        .app
        .member(&scene.owner, "vic@example.com", Role::Viewer)
        .await;
    let seen = scene.app.publishing_overview(&viewer).await.ok();
    assert_eq!(seen.counts, overview.counts);
    let page = scene
        .app
        .page(&scene.owner, "/dashboard")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Too long") && page.contains("View the post"),
        "{page}"
    );
}

#[sqlx::test]
async fn bulk_retry_requeues_this_workspaces_failed_targets_in_one_go(pool: PgPool) {
    let scene = scene(pool, false).await;
    let first = scene.ended_as("One", "failed", "transient", "503").await;
    let second = scene.ended_as("Two", "failed", "transient", "503").await;
    let elsewhere = other_workspace_failed_target(&scene).await;

    let viewer = scene
        .app
        .member(&scene.owner, "vic@example.com", Role::Viewer)
        .await;
    let (status, _) = scene.app.retry_targets(&viewer, &[first]).await.refused();
    assert_eq!(status, 403);

    let all = [first, second, elsewhere];
    let moved = scene.app.retry_targets(&scene.owner, &all).await.ok();
    assert_eq!(moved, 2, "only this workspace's targets");
    let rows: Vec<(Uuid, String, Option<String>)> =
        sqlx::query_as("select id, status, task_id from post_targets where id = any($1)")
            .bind([first, second, elsewhere])
            .fetch_all(&scene.app.pool)
            .await
            .unwrap();
    for (target, status, task) in rows {
        if target == elsewhere {
            assert_eq!(status, "failed");
        } else {
            assert_eq!(status, "scheduled");
            assert!(task.is_some(), "a new task for {target}");
        }
    }
    let overview = scene.overview().await;
    assert!(overview.failures.is_empty());
    assert_eq!(overview.counts.due_next_day, 2);

    // Again: nothing left to retry, which is no error.
    let again = scene.app.retry_targets(&scene.owner, &all).await.ok();
    assert_eq!(again, 0);
    let (status, message) = scene
        .app
        .retry_targets(&scene.owner, &[elsewhere])
        .await
        .refused();
    assert_eq!(status, 404, "{message}");
}

/// A failed target in a workspace the scene's owner does not belong to.
async fn other_workspace_failed_target(scene: &Scene) -> Uuid {
    let app = &scene.app;
    let stranger = app.owner("sam@example.com", "Other").await;
    let account = app
        .connect_account(&stranger, &mastodon(&scene.fake.uri(), MASTODON_TOKEN))
        .await
        .ok();
    let theirs = SavePost {
        body: "Theirs".into(),
        targets: vec![ticked(account)],
        ..composer(Intent::PublishNow)
    };
    let saved = app.save_post(&stranger, &theirs).await.ok();
    sqlx::query_scalar(
        "update post_targets set status = 'failed', error_kind = 'transient' where post_id = $1
         returning id",
    )
    .bind(saved.id)
    .fetch_one(&app.pool)
    .await
    .unwrap()
}
