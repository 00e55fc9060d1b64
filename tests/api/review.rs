//! Team approvals end to end over HTTP: a contributor's post waits for an approver, approval
//! schedules it and pushes its tasks, an edit sends it back and strands those tasks, and every
//! step is on record.
use crate::helpers::json;
use crate::team_scene::team;
use herald::api::notifications::NotificationView;
use herald::api::posts::SavedPost;
use herald::api::review::{PostUnderReview, ReviewItem};
use herald::domain::post::PostStatus;
use herald::server::publish::{PublishTask, handler};
use sqlx::PgPool;

#[sqlx::test]
async fn a_contributors_post_cannot_be_scheduled_without_approval(pool: PgPool) {
    let team = team(pool).await;
    for intent in ["schedule", "publish_now"] {
        let (status, message) = team
            .refused(team.save(&team.contributor, None, "Straight out", intent).await)
            .await;
        println!("{intent}: {status} {message}");
        assert_eq!(status, 403);
        assert_eq!(
            message,
            "Your posts need approval before they go out: submit it for review."
        );
    }
    let posts: i64 = sqlx::query_scalar("select count(*) from posts")
        .fetch_one(&team.app.pool)
        .await
        .unwrap();
    assert_eq!(posts, 0, "a refused save writes nothing");

    let saved = team.submit("Please check me").await;
    assert_eq!(saved.status, PostStatus::InReview);
    let targets = team.targets(saved.id).await;
    assert!(
        targets
            .iter()
            .all(|(_, status, task)| status == "draft" && task.is_none()),
        "nothing is queued before approval: {targets:?}"
    );
    let jobs: i64 = sqlx::query_scalar("select count(*) from apalis.jobs")
        .fetch_one(&team.app.pool)
        .await
        .unwrap();
    assert_eq!(jobs, 0);
    // The approvers hear of it (the contributor does not).
    assert_eq!(team.unread(&team.editor).await, 1);
    assert_eq!(team.unread(&team.owner).await, 1);
    assert_eq!(team.unread(&team.contributor).await, 0);
    let queue: Vec<ReviewItem> = json(team.app.call(&team.editor, "review_queue", &[]).await).await;
    assert_eq!(queue.len(), 1);
    assert_eq!(
        json::<i64>(team.app.call(&team.editor, "review_count", &[]).await).await,
        1
    );
}

#[sqlx::test]
async fn an_editors_approval_schedules_the_post_and_pushes_its_tasks(pool: PgPool) {
    let team = team(pool).await;
    let saved = team.submit("Launch day").await;
    let decided = team.approve(&team.editor, saved.id, saved.version).await;
    println!("approved: {decided:?}");
    assert_eq!(decided.status, PostStatus::Scheduled);
    assert_eq!(
        team.status(saved.id).await,
        ("scheduled".to_owned(), decided.version)
    );
    let targets = team.targets(saved.id).await;
    assert_eq!(targets.len(), 1);
    let (target, status, task) = &targets[0];
    assert_eq!(status, "scheduled");
    let payload: serde_json::Value =
        sqlx::query_scalar("select convert_from(job, 'UTF8')::jsonb from apalis.jobs where id = $1")
            .bind(task.as_deref().expect("approval pushed a task"))
            .fetch_one(&team.app.pool)
            .await
            .unwrap();
    println!("task: {payload}");
    assert_eq!(payload["target_id"], target.to_string());
    assert_eq!(payload["version"], decided.version);

    // The author hears of it, and the queue is empty again.
    let notes: Vec<NotificationView> =
        json(team.app.call(&team.contributor, "notifications", &[]).await).await;
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, "approved");
    assert_eq!(
        json::<i64>(team.app.call(&team.editor, "review_count", &[]).await).await,
        0
    );
}

#[sqlx::test]
async fn a_content_edit_after_approval_returns_it_to_review_and_its_tasks_do_nothing(pool: PgPool) {
    let team = team(pool).await;
    let saved = team.submit("Version one").await;
    let decided = team.approve(&team.editor, saved.id, saved.version).await;
    let (old_target, _, _) = team.targets(saved.id).await.remove(0);
    let old_task = PublishTask {
        target_id: old_target,
        version: decided.version,
    };

    // A time-only move by an approver keeps it scheduled.
    let moved: serde_json::Value = json(
        team.app
            .call(
                &team.editor,
                "reschedule_post",
                &[
                    ("id", &saved.id.to_string()),
                    ("version", &decided.version.to_string()),
                    ("date", &crate::team_scene::tomorrow()),
                    ("time", "11:45"),
                    ("timezone", "UTC"),
                ],
            )
            .await,
    )
    .await;
    let version = moved["version"].as_i64().unwrap() as i32;
    assert_eq!(team.status(saved.id).await.0, "scheduled");

    // The author changes the text: back to review, nothing queued for it any more.
    let edited: SavedPost = json(
        team.save(
            &team.contributor,
            Some((saved.id, version)),
            "Version two",
            "submit",
        )
        .await,
    )
    .await;
    println!("after the edit: {:?} v{}", edited.status, edited.version);
    assert_eq!(edited.status, PostStatus::InReview);
    let targets = team.targets(saved.id).await;
    assert!(
        targets
            .iter()
            .all(|(id, status, _)| *id != old_target && status == "draft")
    );

    // The task pushed by the approval comes due and does nothing.
    sqlx::query("update post_targets set due_at = now()")
        .execute(&team.app.pool)
        .await
        .unwrap();
    handler::run(&team.app.engine(), old_task).await.unwrap();
    let attempts: i64 = sqlx::query_scalar("select count(*) from publish_attempts")
        .fetch_one(&team.app.pool)
        .await
        .unwrap();
    assert_eq!(attempts, 0);
    assert_eq!(team.status(saved.id).await.0, "in_review");

    // An editor scheduling the changed text also sends it to review, not out.
    let again: SavedPost = json(
        team.save_at(
            &team.editor,
            Some((saved.id, edited.version)),
            "Version three",
            "schedule",
            "12:15",
        )
        .await,
    )
    .await;
    assert_eq!(again.status, PostStatus::InReview);

    // The reviewer sees what changed since their approval.
    let detail: PostUnderReview = json(
        team.app
            .call(&team.owner, "review_detail", &[("id", &saved.id.to_string())])
            .await,
    )
    .await;
    let changes = detail.changes.expect("there was a decision before");
    let removed: String = changes
        .body
        .iter()
        .filter(|p| p.kind == herald::api::review::DiffKind::Removed)
        .map(|p| p.text.clone())
        .collect();
    let added: String = changes
        .body
        .iter()
        .filter(|p| p.kind == herald::api::review::DiffKind::Added)
        .map(|p| p.text.clone())
        .collect();
    println!("diff: -{removed:?} +{added:?} time {:?}", changes.time);
    assert_eq!((removed.as_str(), added.as_str()), ("one", "three"));
    let (old_time, new_time) = changes.time.expect("the time moved too");
    assert!(
        old_time.contains("10:30") && new_time.contains("12:15"),
        "{old_time} → {new_time}"
    );
}

#[sqlx::test]
async fn every_step_is_on_record_and_the_record_cannot_be_changed(pool: PgPool) {
    let team = team(pool).await;
    let saved = team.submit("On the record").await;
    let response = team
        .decide(
            &team.editor,
            "request_changes",
            saved.id,
            saved.version,
            "Add a link",
        )
        .await;
    assert_eq!(response.status(), 200);
    let (_, version) = team.status(saved.id).await;
    let resubmitted: SavedPost = json(
        team.save(
            &team.contributor,
            Some((saved.id, version)),
            "On the record: https://example.com",
            "submit",
        )
        .await,
    )
    .await;
    team.approve(&team.owner, saved.id, resubmitted.version).await;
    let (_, version) = team.status(saved.id).await;
    team.app
        .call(&team.owner, "cancel_post", &[("id", &saved.id.to_string())])
        .await;
    let actions = team.actions(saved.id).await;
    println!("audit: {actions:?}");
    assert_eq!(
        actions,
        [
            "post.submitted",
            "post.changes_requested",
            "post.submitted",
            "post.approved",
            "post.cancelled"
        ]
    );
    assert!(version > resubmitted.version);
    let who: Vec<(String, String)> =
        sqlx::query_as("select action, actor_name from audit_log where subject_id = $1 order by id")
            .bind(saved.id.to_string())
            .fetch_all(&team.app.pool)
            .await
            .unwrap();
    assert!(who.iter().all(|(_, actor)| actor != "Herald"), "{who:?}");

    // The database itself refuses to rewrite history.
    for statement in [
        "update audit_log set summary = 'nothing happened'",
        "delete from audit_log",
        "truncate audit_log",
    ] {
        let refused = sqlx::query(statement).execute(&team.app.pool).await.unwrap_err();
        println!("{statement}: {refused}");
        assert!(refused.to_string().contains("append-only"), "{refused}");
    }
    assert_eq!(team.actions(saved.id).await.len(), 5);
    // Sign-ins and member changes are there too.
    let others: Vec<String> =
        sqlx::query_scalar("select distinct action from audit_log where subject_type <> 'post' order by 1")
            .fetch_all(&team.app.pool)
            .await
            .unwrap();
    assert_eq!(others, ["member.invited", "member.joined", "session.signed_in"]);
}

#[sqlx::test]
async fn a_post_whose_time_passed_in_review_is_approved_but_not_sent_late(pool: PgPool) {
    let team = team(pool).await;
    let saved = team.submit("Yesterday's news").await;
    sqlx::query("update posts set scheduled_at = now() - interval '1 hour' where id = $1")
        .bind(saved.id)
        .execute(&team.app.pool)
        .await
        .unwrap();
    let queue: Vec<ReviewItem> = json(team.app.call(&team.editor, "review_queue", &[]).await).await;
    assert!(queue[0].overdue, "flagged while it waits");

    let decided = team.approve(&team.editor, saved.id, saved.version).await;
    println!("{decided:?}");
    assert_eq!(decided.status, PostStatus::Approved);
    assert!(decided.note.unwrap().contains("pick a new time"));
    let targets = team.targets(saved.id).await;
    assert!(
        targets
            .iter()
            .all(|(_, status, task)| status == "draft" && task.is_none())
    );

    // A new time from an approver schedules it, without another review.
    let moved = team
        .app
        .call(
            &team.editor,
            "reschedule_post",
            &[
                ("id", &saved.id.to_string()),
                ("version", &decided.version.to_string()),
                ("date", &crate::team_scene::tomorrow()),
                ("time", "09:00"),
                ("timezone", "UTC"),
            ],
        )
        .await;
    assert_eq!(moved.status(), 200);
    assert_eq!(team.status(saved.id).await.0, "scheduled");
    let targets = team.targets(saved.id).await;
    assert!(
        targets
            .iter()
            .all(|(_, status, task)| status == "scheduled" && task.is_some())
    );
}
