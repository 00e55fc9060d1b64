use crate::calls::{between, composer, ticked};
use crate::helpers::{Browser, TestApp, spawn_app};
use chrono::{Duration, Utc};
use herald::api::calendar::{ListPosts, ReschedulePost};
use herald::api::posts::{SavePost, TargetForm};
use herald::domain::post::{Intent, PostStatus, TargetStatus};
use herald::domain::role::Role;
use sqlx::PgPool;
use uuid::Uuid;

/// An account row for the browser's workspace, without talking to a network.
async fn account(app: &TestApp, browser: &Browser, platform: &str, name: &str) -> Uuid {
    let workspace = app.viewer(browser).await.workspace.id;
    let id = Uuid::new_v4();
    sqlx::query(
        "insert into accounts (id, workspace_id, platform, display_name, handle, colour, credentials)
         values ($1, $2, $3, $4, $5, '#6366f1', '\\x00')",
    )
    .bind(id)
    .bind(workspace)
    .bind(platform)
    .bind(name)
    .bind(format!("@{name}"))
    .execute(&app.pool)
    .await
    .unwrap();
    id
}

/// A date and time three days from now, as the form sends them.
fn in_three_days() -> (String, String) {
    let at = Utc::now() + Duration::days(3);
    (at.format("%Y-%m-%d").to_string(), "10:30".to_owned())
}

/// The composer scheduling `body` on `account` at `date` and `time` in UTC.
fn scheduling(body: &str, account: Uuid, date: &str, time: &str) -> SavePost {
    SavePost {
        body: body.into(),
        targets: vec![ticked(account)],
        date: date.into(),
        time: time.into(),
        ..composer(Intent::Schedule)
    }
}

#[sqlx::test]
async fn a_post_is_drafted_scheduled_edited_rescheduled_and_cancelled(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let bluesky = account(&app, &owner, "bluesky", "sky").await;
    let mastodon = account(&app, &owner, "mastodon", "toot").await;
    let (date, _) = in_three_days();

    // A draft needs nothing but a zone.
    let hello = SavePost {
        body: "Hello".into(),
        ..composer(Intent::Draft)
    };
    let draft = app.save_post(&owner, &hello).await.ok();
    assert_eq!(
        (draft.status, draft.version, draft.scheduled_at),
        (PostStatus::Draft, 1, None)
    );

    // Scheduling it in New York: two targets, one with its own text.
    let id = draft.id;
    let launch = SavePost {
        post_id: Some(id),
        version: Some(1),
        body: "Launch day 🚀".into(),
        targets: vec![
            ticked(bluesky),
            TargetForm {
                body_override: "Launch day on the fediverse".into(),
                ..ticked(mastodon)
            },
        ],
        date: date.clone(),
        time: "09:00".into(),
        timezone: "America/New_York".into(),
        ..composer(Intent::Schedule)
    };
    let scheduled = app.save_post(&owner, &launch).await.ok();
    assert_eq!((scheduled.status, scheduled.version), (PostStatus::Scheduled, 2));
    let post = app.get_post(&owner, id).await.ok();
    assert_eq!(post.timezone, "America/New_York");
    assert_eq!(
        (post.local_date.as_str(), post.local_time.as_str()),
        (date.as_str(), "09:00")
    );
    assert_eq!(post.targets.len(), 2);
    assert!(post.targets.iter().all(|t| t.status == TargetStatus::Scheduled));
    let overridden = post.targets.iter().find(|t| t.account_id == mastodon).unwrap();
    assert_eq!(
        overridden.body_override.as_deref(),
        Some("Launch day on the fediverse")
    );

    // Saving with an old version is refused and changes nothing.
    let stale = SavePost {
        post_id: Some(id),
        version: Some(1),
        body: "Stale".into(),
        ..composer(Intent::Draft)
    };
    let (status, message) = app.save_post(&owner, &stale).await.refused();
    assert_eq!(status, 409, "{message}");
    assert!(message.contains("changed by someone else"), "{message}");

    // Moving it on the calendar bumps the version and keeps the post's own zone.
    let next_day = (Utc::now() + Duration::days(4)).format("%Y-%m-%d").to_string();
    let to_berlin_afternoon = ReschedulePost {
        id,
        version: 2,
        date: next_day.clone(),
        time: "16:00".into(),
        timezone: "Europe/Berlin".into(),
    };
    let moved = app.reschedule_post(&owner, &to_berlin_afternoon).await.ok();
    assert_eq!(moved.version, 3);
    let post = app.get_post(&owner, id).await.ok();
    assert_eq!(post.timezone, "America/New_York");
    assert_eq!(post.local_date, next_day);
    assert_eq!(
        post.local_time, "10:00",
        "16:00 in Berlin is 10:00 in New York (outside DST edges)"
    );

    let version = app.cancel_post(&owner, id).await.ok();
    assert_eq!(version, 4);
    let post = app.get_post(&owner, id).await.ok();
    assert_eq!(post.status, PostStatus::Cancelled);
    assert!(post.targets.iter().all(|t| t.status == TargetStatus::Cancelled));
    assert_eq!(app.cancel_post(&owner, id).await.refused().0, 409);
}

#[sqlx::test]
async fn scheduling_refuses_bad_input_and_saves_nothing(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let target = account(&app, &owner, "bluesky", "sky").await;
    let gram = account(&app, &owner, "instagram", "gram").await;
    let (date, time) = in_three_days();
    let long = "a".repeat(301);
    let yesterday = (Utc::now() - Duration::days(1)).format("%Y-%m-%d").to_string();
    let foreign = Uuid::new_v4();
    let hi = |account: Uuid, date: &str, time: &str| SavePost {
        timezone: "America/New_York".into(),
        ..scheduling("Hi", account, date, time)
    };
    // (the composer, status, what the message must say)
    let cases: Vec<(SavePost, u16, &str)> = vec![
        (
            SavePost {
                targets: Vec::new(),
                ..hi(target, &date, &time)
            },
            400,
            "Accounts: choose at least one account",
        ),
        (
            SavePost {
                body: long.clone(),
                ..hi(target, &date, &time)
            },
            400,
            "sky: Too long for Bluesky: 301 of 300 characters.",
        ),
        (
            hi(target, &yesterday, &time),
            400,
            "Date and time: That time has already passed",
        ),
        (
            hi(target, "", ""),
            400,
            "Date and time: pick when the post should go out.",
        ),
        (
            hi(target, "2027-03-14", "02:30"),
            400,
            "does not exist in America/New_York",
        ),
        (
            hi(target, "tomorrow", &time),
            400,
            "Date and time: “tomorrow” is not a date",
        ),
        (hi(foreign, &date, &time), 404, "not in this workspace"),
        (hi(gram, &date, &time), 400, "Instagram needs at least one image."),
    ];
    for (form, expected_status, expected) in cases {
        let (status, message) = app.save_post(&owner, &form).await.refused();
        assert_eq!(status, expected_status, "{message}");
        assert!(message.contains(expected), "expected “{expected}” in “{message}”");
    }
    let on_mars = SavePost {
        timezone: "Mars/Olympus".into(),
        ..scheduling("Hi", target, &date, &time)
    };
    let (status, message) = app.save_post(&owner, &on_mars).await.refused();
    assert_eq!(status, 400);
    assert!(
        message.starts_with("Time zone: “Mars/Olympus” is not a time zone"),
        "{message}"
    );
    let posts: i64 = sqlx::query_scalar("select count(*) from posts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(posts, 0, "nothing is half-saved");
}

#[sqlx::test]
async fn an_ambiguous_time_takes_the_first_instant_and_says_so(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let target = account(&app, &owner, "mastodon", "toot").await;
    let fall_back = SavePost {
        timezone: "America/New_York".into(),
        ..scheduling("Hi", target, "2027-11-07", "01:30")
    };
    let saved = app.save_post(&owner, &fall_back).await.ok();
    assert_eq!(
        saved.scheduled_at.unwrap().to_rfc3339(),
        "2027-11-07T05:30:00+00:00"
    );
    assert!(saved.note.unwrap().contains("happens twice"));
}

#[sqlx::test]
async fn publish_now_is_scheduled_for_now(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let target = account(&app, &owner, "mastodon", "toot").await;
    let before = Utc::now();
    let now = SavePost {
        body: "Now!".into(),
        targets: vec![ticked(target)],
        ..composer(Intent::PublishNow)
    };
    let saved = app.save_post(&owner, &now).await.ok();
    assert_eq!(saved.status, PostStatus::Scheduled);
    let at = saved.scheduled_at.unwrap();
    assert!(at >= before - Duration::seconds(1) && at <= Utc::now());
}

#[sqlx::test]
async fn the_calendar_lists_a_range_with_filters(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let sky = account(&app, &owner, "bluesky", "sky").await;
    let toot = account(&app, &owner, "mastodon", "toot").await;
    let (date, _) = in_three_days();
    for (account, time) in [(sky, "09:00"), (toot, "11:00")] {
        let form = scheduling("Hi", account, &date, time);
        app.save_post(&owner, &form).await.ok();
    }
    let from = Utc::now() - Duration::days(1);
    let to = Utc::now() + Duration::days(10);
    let all = app.list_posts(&owner, &between(from, to)).await.ok();
    assert_eq!(all.len(), 2);
    assert!(all[0].scheduled_at < all[1].scheduled_at, "ordered by time");
    let toots = ListPosts {
        account_id: Some(toot),
        ..between(from, to)
    };
    let only_toot = app.list_posts(&owner, &toots).await.ok();
    assert_eq!(only_toot.len(), 1);
    assert_eq!(only_toot[0].targets[0].account_id, toot);
    let drafts = ListPosts {
        statuses: vec![PostStatus::Draft],
        ..between(from, to)
    };
    assert!(app.list_posts(&owner, &drafts).await.ok().is_empty());
    let too_long = between(from, Utc::now() + Duration::days(400));
    assert_eq!(app.list_posts(&owner, &too_long).await.refused().0, 400);
}

#[sqlx::test]
async fn posts_are_private_to_their_workspace(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let target = account(&app, &owner, "mastodon", "toot").await;
    let (date, time) = in_three_days();
    let ours = scheduling("Ours", target, &date, &time);
    let id = app.save_post(&owner, &ours).await.ok().id;

    let stranger = app.owner("sam@example.com", "Beta").await;
    let theirs = SavePost {
        post_id: Some(id),
        version: Some(1),
        body: "Theirs".into(),
        ..composer(Intent::Draft)
    };
    let moved = ReschedulePost {
        id,
        version: 1,
        date: date.clone(),
        time: "12:00".into(),
        timezone: "UTC".into(),
    };
    let refusals = [
        ("get_post", app.get_post(&stranger, id).await.refused()),
        ("cancel_post", app.cancel_post(&stranger, id).await.refused()),
        ("delete_post", app.delete_post(&stranger, id).await.refused()),
        (
            "duplicate_post",
            app.duplicate_post(&stranger, id).await.refused(),
        ),
        (
            "reschedule_post",
            app.reschedule_post(&stranger, &moved).await.refused(),
        ),
        ("save_post", app.save_post(&stranger, &theirs).await.refused()),
    ];
    for (function, (status, message)) in refusals {
        assert_eq!(status, 404, "{function}: {message}");
    }
    // Nor can they post to our account from their workspace.
    let hi = SavePost {
        body: "Hi".into(),
        ..ours.clone()
    };
    let (status, _) = app.save_post(&stranger, &hi).await.refused();
    assert_eq!(status, 404);
    let from = Utc::now() - Duration::days(1);
    let to = Utc::now() + Duration::days(10);
    let listed = app.list_posts(&stranger, &between(from, to)).await.ok();
    assert!(listed.is_empty());
    let body: String = sqlx::query_scalar("select body from posts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(body, "Ours");

    let viewer = app.member(&owner, "vic@example.com", Role::Viewer).await;
    assert_eq!(app.get_post(&viewer, id).await.status(), 200);
    let hi = SavePost {
        body: "Hi".into(),
        ..composer(Intent::Draft)
    };
    let (status, _) = app.save_post(&viewer, &hi).await.refused();
    assert_eq!(status, 403, "a viewer cannot create posts");
}

#[sqlx::test]
async fn delete_and_duplicate(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let target = account(&app, &owner, "mastodon", "toot").await;
    let copy_me = SavePost {
        body: "Copy me".into(),
        targets: vec![ticked(target)],
        timezone: "Europe/Paris".into(),
        ..composer(Intent::Draft)
    };
    let saved = app.save_post(&owner, &copy_me).await.ok();
    let copy = app.duplicate_post(&owner, saved.id).await.ok();
    let copied = app.get_post(&owner, copy).await.ok();
    assert_eq!(
        (copied.body.as_str(), copied.status, copied.timezone.as_str()),
        ("Copy me", PostStatus::Draft, "Europe/Paris")
    );
    assert_eq!(copied.targets.len(), 1);

    assert_eq!(app.delete_post(&owner, saved.id).await.status(), 200);
    assert_eq!(app.get_post(&owner, saved.id).await.status(), 404);
    sqlx::query("update posts set status = 'published', scheduled_at = now()")
        .execute(&app.pool)
        .await
        .unwrap();
    let (status, message) = app.delete_post(&owner, copy).await.refused();
    assert_eq!(status, 409);
    assert!(message.contains("published post stays on record"), "{message}");
}

#[sqlx::test]
async fn an_account_with_posts_is_paused_rather_than_removed(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let toot = account(&app, &owner, "mastodon", "toot").await;
    let draft = SavePost {
        body: "Hi".into(),
        targets: vec![ticked(toot)],
        ..composer(Intent::Draft)
    };
    app.save_post(&owner, &draft).await.ok();
    let (status, message) = app.remove_account(&owner, toot).await.refused();
    assert_eq!(status, 409);
    assert!(message.contains("Pause it"), "{message}");
    let unused = account(&app, &owner, "bluesky", "sky").await;
    assert_eq!(app.remove_account(&owner, unused).await.status(), 200);
}
