//! Team approvals end to end over HTTP: a contributor's post waits for an approver, approval
//! schedules it and pushes its tasks, an edit sends it back and strands those tasks, and every
//! step is on record.
use crate::team_scene::{team, tomorrow};
use herald::api::calendar::ReschedulePost;
use herald::domain::post::{Intent, PostStatus};
use herald::server::publish::{PublishTask, handler};
use sqlx::PgPool;

#[sqlx::test]
async fn a_contributors_post_cannot_be_scheduled_without_approval(pool: PgPool) {
    let team = team(pool).await;
    for intent in [Intent::Schedule, Intent::PublishNow] {
        let (status, message) = team
            .save(&team.contributor, None, "Straight out", intent)
            .await
            .refused();
        println!("{intent:?}: {status} {message}");
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
    let queue = team.app.review_queue(&team.editor).await.ok();
    assert_eq!(queue.len(), 1);
    assert_eq!(team.app.review_count(&team.editor).await.ok(), 1);
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
    let notes = team.app.notifications(&team.contributor).await.ok();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, "approved");
    assert_eq!(team.app.review_count(&team.editor).await.ok(), 0);
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
    let later = ReschedulePost {
        id: saved.id,
        version: decided.version,
        date: tomorrow(),
        time: "11:45".into(),
        timezone: "UTC".into(),
    };
    let version = team.app.reschedule_post(&team.editor, &later).await.ok().version;
    assert_eq!(team.status(saved.id).await.0, "scheduled");

    // The author changes the text: back to review, nothing queued for it any more.
    let edited = team
        .save(
            &team.contributor,
            Some((saved.id, version)),
            "Version two",
            Intent::Submit,
        )
        .await
        .ok();
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
    let again = team
        .save_at(
            &team.editor,
            Some((saved.id, edited.version)),
            "Version three",
            Intent::Schedule,
            "12:15",
        )
        .await
        .ok();
    assert_eq!(again.status, PostStatus::InReview);

    // The reviewer sees what changed since their approval.
    let detail = team.app.review_detail(&team.owner, saved.id).await.ok();
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
        .app
        .request_changes(&team.editor, saved.id, saved.version, "Add a link")
        .await;
    assert_eq!(response.status(), 200);
    let (_, version) = team.status(saved.id).await;
    let resubmitted = team
        .save(
            &team.contributor,
            Some((saved.id, version)),
            "On the record: https://example.com",
            Intent::Submit,
        )
        .await
        .ok();
    team.approve(&team.owner, saved.id, resubmitted.version).await;
    let (_, version) = team.status(saved.id).await;
    team.app.cancel_post(&team.owner, saved.id).await.ok();
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
    let queue = team.app.review_queue(&team.editor).await.ok();
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
    let new_time = ReschedulePost {
        id: saved.id,
        version: decided.version,
        date: tomorrow(),
        time: "09:00".into(),
        timezone: "UTC".into(),
    };
    let moved = team.app.reschedule_post(&team.editor, &new_time).await;
    assert_eq!(moved.status(), 200);
    assert_eq!(team.status(saved.id).await.0, "scheduled");
    let targets = team.targets(saved.id).await;
    assert!(
        targets
            .iter()
            .all(|(_, status, task)| status == "scheduled" && task.is_some())
    );
}
