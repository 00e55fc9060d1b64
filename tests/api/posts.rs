use crate::helpers::{Browser, TestApp, error, json, spawn_app};
use chrono::{Duration, Utc};
use herald::api::posts::{PostSummary, PostView, SavedPost};
use herald::domain::post::{PostStatus, TargetStatus};
use sqlx::PgPool;
use uuid::Uuid;

/// An account row for the browser's workspace, without talking to a network.
async fn account(app: &TestApp, browser: &Browser, platform: &str, name: &str) -> String {
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
    id.to_string()
}

/// A date and time three days from now, as the form sends them.
fn in_three_days() -> (String, String) {
    let at = Utc::now() + Duration::days(3);
    (at.format("%Y-%m-%d").to_string(), "10:30".to_owned())
}

async fn save(app: &TestApp, browser: &Browser, form: &[(&str, &str)]) -> reqwest::Response {
    app.call(browser, "save_post", form).await
}

#[sqlx::test]
async fn a_post_is_drafted_scheduled_edited_rescheduled_and_cancelled(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let bluesky = account(&app, &owner, "bluesky", "sky").await;
    let mastodon = account(&app, &owner, "mastodon", "toot").await;
    let (date, _) = in_three_days();

    // A draft needs nothing but a zone.
    let draft: SavedPost = json(
        save(
            &app,
            &owner,
            &[("body", "Hello"), ("timezone", "UTC"), ("intent", "draft")],
        )
        .await,
    )
    .await;
    assert_eq!(
        (draft.status, draft.version, draft.scheduled_at),
        (PostStatus::Draft, 1, None)
    );

    // Scheduling it in New York: two targets, one with its own text.
    let id = draft.id.to_string();

    let scheduled: SavedPost = json(
        save(
            &app,
            &owner,
            &[
                ("post_id", &id),
                ("version", "1"),
                ("body", "Launch day 🚀"),
                ("targets[0][account_id]", &bluesky),
                ("targets[0][selected]", "true"),
                ("targets[1][account_id]", &mastodon),
                ("targets[1][selected]", "true"),
                ("targets[1][body_override]", "Launch day on the fediverse"),
                ("date", &date),
                ("time", "09:00"),
                ("timezone", "America/New_York"),
                ("intent", "schedule"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!((scheduled.status, scheduled.version), (PostStatus::Scheduled, 2));
    let post: PostView = json(app.call(&owner, "post", &[("id", &id)]).await).await;
    assert_eq!(post.timezone, "America/New_York");
    assert_eq!(
        (post.local_date.as_str(), post.local_time.as_str()),
        (date.as_str(), "09:00")
    );
    assert_eq!(post.targets.len(), 2);
    assert!(post.targets.iter().all(|t| t.status == TargetStatus::Scheduled));
    let overridden = post
        .targets
        .iter()
        .find(|t| t.account_id.to_string() == mastodon)
        .unwrap();
    assert_eq!(
        overridden.body_override.as_deref(),
        Some("Launch day on the fediverse")
    );

    // Saving with an old version is refused and changes nothing.
    let (status, message) = error(
        save(
            &app,
            &owner,
            &[
                ("post_id", &id),
                ("version", "1"),
                ("body", "Stale"),
                ("timezone", "UTC"),
                ("intent", "draft"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, 409, "{message}");
    assert!(message.contains("changed by someone else"), "{message}");

    // Moving it on the calendar bumps the version and keeps the post's own zone.
    let next_day = (Utc::now() + Duration::days(4)).format("%Y-%m-%d").to_string();
    let moved: herald::api::posts::Rescheduled = json(
        app.call(
            &owner,
            "reschedule_post",
            &[
                ("id", &id),
                ("version", "2"),
                ("date", &next_day),
                ("time", "16:00"),
                ("timezone", "Europe/Berlin"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(moved.version, 3);
    let post: PostView = json(app.call(&owner, "post", &[("id", &id)]).await).await;
    assert_eq!(post.timezone, "America/New_York");
    assert_eq!(post.local_date, next_day);
    assert_eq!(
        post.local_time, "10:00",
        "16:00 in Berlin is 10:00 in New York (outside DST edges)"
    );

    let version: i32 = json(app.call(&owner, "cancel_post", &[("id", &id)]).await).await;
    assert_eq!(version, 4);
    let post: PostView = json(app.call(&owner, "post", &[("id", &id)]).await).await;
    assert_eq!(post.status, PostStatus::Cancelled);
    assert!(post.targets.iter().all(|t| t.status == TargetStatus::Cancelled));
    assert_eq!(
        error(app.call(&owner, "cancel_post", &[("id", &id)]).await)
            .await
            .0,
        409
    );
}

#[sqlx::test]
async fn scheduling_refuses_bad_input_and_saves_nothing(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let bluesky = account(&app, &owner, "bluesky", "sky").await;
    let instagram = account(&app, &owner, "instagram", "gram").await;
    let target = bluesky.clone();
    let (date, time) = in_three_days();
    let long = "a".repeat(301);
    let yesterday = (Utc::now() - Duration::days(1)).format("%Y-%m-%d").to_string();
    let foreign = Uuid::new_v4().to_string();
    let gram = instagram.clone();
    // (form fields, status, what the message must say)
    type Case<'a> = (Vec<(&'a str, &'a str)>, u16, &'a str);
    let cases: Vec<Case> = vec![
        (
            vec![("body", "Hi"), ("date", &date), ("time", &time)],
            400,
            "Accounts: choose at least one account",
        ),
        (
            vec![
                ("body", &long),
                ("targets[0][account_id]", &target),
                ("targets[0][selected]", "true"),
                ("date", &date),
                ("time", &time),
            ],
            400,
            "sky: Too long for Bluesky: 301 of 300 characters.",
        ),
        (
            vec![
                ("body", "Hi"),
                ("targets[0][account_id]", &target),
                ("targets[0][selected]", "true"),
                ("date", &yesterday),
                ("time", &time),
            ],
            400,
            "Date and time: That time has already passed",
        ),
        (
            vec![
                ("body", "Hi"),
                ("targets[0][account_id]", &target),
                ("targets[0][selected]", "true"),
            ],
            400,
            "Date and time: pick when the post should go out.",
        ),
        (
            vec![
                ("body", "Hi"),
                ("targets[0][account_id]", &target),
                ("targets[0][selected]", "true"),
                ("date", "2027-03-14"),
                ("time", "02:30"),
            ],
            400,
            "does not exist in America/New_York",
        ),
        (
            vec![
                ("body", "Hi"),
                ("targets[0][account_id]", &target),
                ("targets[0][selected]", "true"),
                ("date", "tomorrow"),
                ("time", &time),
            ],
            400,
            "Date and time: “tomorrow” is not a date",
        ),
        (
            vec![
                ("body", "Hi"),
                ("targets[0][account_id]", &foreign),
                ("targets[0][selected]", "true"),
                ("date", &date),
                ("time", &time),
            ],
            404,
            "not in this workspace",
        ),
        (
            vec![
                ("body", "Hi"),
                ("targets[0][account_id]", &gram),
                ("targets[0][selected]", "true"),
                ("date", &date),
                ("time", &time),
            ],
            400,
            "Instagram needs at least one image.",
        ),
    ];
    for (fields, expected_status, expected) in cases {
        let mut form = fields.clone();
        form.push(("timezone", "America/New_York"));
        form.push(("intent", "schedule"));
        let (status, message) = error(save(&app, &owner, &form).await).await;
        assert_eq!(status, expected_status, "{message}");
        assert!(message.contains(expected), "expected “{expected}” in “{message}”");
    }
    let (status, message) = error(
        save(
            &app,
            &owner,
            &[
                ("body", "Hi"),
                ("targets[0][account_id]", &target),
                ("targets[0][selected]", "true"),
                ("date", &date),
                ("time", &time),
                ("timezone", "Mars/Olympus"),
                ("intent", "schedule"),
            ],
        )
        .await,
    )
    .await;
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
    let saved: SavedPost = json(
        save(
            &app,
            &owner,
            &[
                ("body", "Hi"),
                ("targets[0][account_id]", &target),
                ("targets[0][selected]", "true"),
                ("date", "2027-11-07"),
                ("time", "01:30"),
                ("timezone", "America/New_York"),
                ("intent", "schedule"),
            ],
        )
        .await,
    )
    .await;
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
    let saved: SavedPost = json(
        save(
            &app,
            &owner,
            &[
                ("body", "Now!"),
                ("targets[0][account_id]", &target),
                ("targets[0][selected]", "true"),
                ("timezone", "UTC"),
                ("intent", "publish_now"),
            ],
        )
        .await,
    )
    .await;
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
    for (account, time) in [(&sky, "09:00"), (&toot, "11:00")] {
        let target = account.clone();
        save(
            &app,
            &owner,
            &[
                ("body", "Hi"),
                ("targets[0][account_id]", &target),
                ("targets[0][selected]", "true"),
                ("date", &date),
                ("time", time),
                ("timezone", "UTC"),
                ("intent", "schedule"),
            ],
        )
        .await;
    }
    let from = (Utc::now() - Duration::days(1)).to_rfc3339();
    let to = (Utc::now() + Duration::days(10)).to_rfc3339();
    let all: Vec<PostSummary> = json(app.call(&owner, "posts", &[("from", &from), ("to", &to)]).await).await;
    assert_eq!(all.len(), 2);
    assert!(all[0].scheduled_at < all[1].scheduled_at, "ordered by time");
    let only_toot: Vec<PostSummary> = json(
        app.call(
            &owner,
            "posts",
            &[("from", &from), ("to", &to), ("account_id", &toot)],
        )
        .await,
    )
    .await;
    assert_eq!(only_toot.len(), 1);
    assert_eq!(only_toot[0].targets[0].account_id.to_string(), toot);
    let drafts: Vec<PostSummary> = json(
        app.call(
            &owner,
            "posts",
            &[("from", &from), ("to", &to), ("statuses[0]", "draft")],
        )
        .await,
    )
    .await;
    assert!(drafts.is_empty());
    let too_long = (Utc::now() + Duration::days(400)).to_rfc3339();
    assert_eq!(
        error(
            app.call(&owner, "posts", &[("from", &from), ("to", &too_long)])
                .await
        )
        .await
        .0,
        400
    );
}

#[sqlx::test]
async fn posts_are_private_to_their_workspace(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let toot = account(&app, &owner, "mastodon", "toot").await;
    let target = toot.clone();
    let (date, time) = in_three_days();
    let saved: SavedPost = json(
        save(
            &app,
            &owner,
            &[
                ("body", "Ours"),
                ("targets[0][account_id]", &target),
                ("targets[0][selected]", "true"),
                ("date", &date),
                ("time", &time),
                ("timezone", "UTC"),
                ("intent", "schedule"),
            ],
        )
        .await,
    )
    .await;
    let id = saved.id.to_string();

    let stranger = app.owner("sam@example.com", "Beta").await;
    for (function, form) in [
        ("post", vec![("id", id.as_str())]),
        ("cancel_post", vec![("id", id.as_str())]),
        ("delete_post", vec![("id", id.as_str())]),
        ("duplicate_post", vec![("id", id.as_str())]),
        (
            "reschedule_post",
            vec![
                ("id", id.as_str()),
                ("version", "1"),
                ("date", &date),
                ("time", "12:00"),
                ("timezone", "UTC"),
            ],
        ),
        (
            "save_post",
            vec![
                ("post_id", id.as_str()),
                ("version", "1"),
                ("body", "Theirs"),
                ("timezone", "UTC"),
                ("intent", "draft"),
            ],
        ),
    ] {
        let (status, message) = error(app.call(&stranger, function, &form).await).await;
        assert_eq!(status, 404, "{function}: {message}");
    }
    // Nor can they post to our account from their workspace.
    let (status, _) = error(
        save(
            &app,
            &stranger,
            &[
                ("body", "Hi"),
                ("targets[0][account_id]", &target),
                ("targets[0][selected]", "true"),
                ("date", &date),
                ("time", &time),
                ("timezone", "UTC"),
                ("intent", "schedule"),
            ],
        )
        .await,
    )
    .await;
    assert_eq!(status, 404);
    let from = (Utc::now() - Duration::days(1)).to_rfc3339();
    let to = (Utc::now() + Duration::days(10)).to_rfc3339();
    let theirs: Vec<PostSummary> = json(
        app.call(&stranger, "posts", &[("from", &from), ("to", &to)])
            .await,
    )
    .await;
    assert!(theirs.is_empty());
    let body: String = sqlx::query_scalar("select body from posts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(body, "Ours");

    let viewer = app.member(&owner, "vic@example.com", "viewer").await;
    assert_eq!(app.call(&viewer, "post", &[("id", &id)]).await.status(), 200);
    let (status, _) = error(
        save(
            &app,
            &viewer,
            &[("body", "Hi"), ("timezone", "UTC"), ("intent", "draft")],
        )
        .await,
    )
    .await;
    assert_eq!(status, 403, "a viewer cannot create posts");
}

#[sqlx::test]
async fn delete_and_duplicate(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let toot = account(&app, &owner, "mastodon", "toot").await;
    let target = toot.clone();
    let saved: SavedPost = json(
        save(
            &app,
            &owner,
            &[
                ("body", "Copy me"),
                ("targets[0][account_id]", &target),
                ("targets[0][selected]", "true"),
                ("timezone", "Europe/Paris"),
                ("intent", "draft"),
            ],
        )
        .await,
    )
    .await;
    let copy: Uuid = json(
        app.call(&owner, "duplicate_post", &[("id", &saved.id.to_string())])
            .await,
    )
    .await;
    let copied: PostView = json(app.call(&owner, "post", &[("id", &copy.to_string())]).await).await;
    assert_eq!(
        (copied.body.as_str(), copied.status, copied.timezone.as_str()),
        ("Copy me", PostStatus::Draft, "Europe/Paris")
    );
    assert_eq!(copied.targets.len(), 1);

    assert_eq!(
        app.call(&owner, "delete_post", &[("id", &saved.id.to_string())])
            .await
            .status(),
        200
    );
    assert_eq!(
        app.call(&owner, "post", &[("id", &saved.id.to_string())])
            .await
            .status(),
        404
    );
    sqlx::query("update posts set status = 'published', scheduled_at = now()")
        .execute(&app.pool)
        .await
        .unwrap();
    let (status, message) = error(
        app.call(&owner, "delete_post", &[("id", &copy.to_string())])
            .await,
    )
    .await;
    assert_eq!(status, 409);
    assert!(message.contains("published post stays on record"), "{message}");
}

#[sqlx::test]
async fn an_account_with_posts_is_paused_rather_than_removed(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let toot = account(&app, &owner, "mastodon", "toot").await;
    save(
        &app,
        &owner,
        &[
            ("targets[0][account_id]", &toot),
            ("targets[0][selected]", "true"),
            ("body", "Hi"),
            ("timezone", "UTC"),
            ("intent", "draft"),
        ],
    )
    .await;
    let (status, message) = error(app.call(&owner, "remove_account", &[("id", &toot)]).await).await;
    assert_eq!(status, 409);
    assert!(message.contains("Pause it"), "{message}");
    let unused = account(&app, &owner, "bluesky", "sky").await;
    assert_eq!(
        app.call(&owner, "remove_account", &[("id", &unused)])
            .await
            .status(),
        200
    );
}
