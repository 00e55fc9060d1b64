//! The approval workflow's bad input: each refused with a clear message, and nothing written.
use crate::helpers::json;
use crate::team_scene::{Team, team};
use herald::api::posts::SavedPost;
use sqlx::PgPool;
use uuid::Uuid;

/// (posts.version, reviews, comments, audit rows): what a refused request must leave alone.
async fn footprint(team: &Team, id: Uuid) -> (i32, i64, i64, i64) {
    sqlx::query_as(
        "select (select version from posts where id = $1),
                (select count(*) from post_reviews), (select count(*) from comments),
                (select count(*) from audit_log)",
    )
    .bind(id)
    .fetch_one(&team.app.pool)
    .await
    .unwrap()
}

#[sqlx::test]
async fn self_approval_is_refused_when_the_workspace_forbids_it(pool: PgPool) {
    let team = team(pool).await;
    let own: SavedPost = json(team.save(&team.editor, None, "My own", "submit").await).await;
    let before = footprint(&team, own.id).await;
    let (status, message) = team
        .refused(
            team.decide(&team.editor, "approve_post", own.id, own.version, "")
                .await,
        )
        .await;
    println!("{status} {message}");
    assert_eq!(
        (status, message.as_str()),
        (
            403,
            "You wrote this post, and this workspace asks someone else to approve it."
        )
    );
    assert_eq!(footprint(&team, own.id).await, before);
    assert_eq!(team.status(own.id).await.0, "in_review");

    // Once the workspace allows it, the same approval goes through.
    let allowed = team
        .app
        .call(
            &team.owner,
            "update_approvals",
            &[("required", "true"), ("self_approval", "true")],
        )
        .await;
    assert_eq!(allowed.status(), 200);
    assert_eq!(
        team.approve(&team.editor, own.id, own.version)
            .await
            .status
            .as_str(),
        "scheduled"
    );
}

#[sqlx::test]
async fn another_workspaces_post_cannot_be_approved_or_discussed(pool: PgPool) {
    let team = team(pool).await;
    let saved = team.submit("Ours").await;
    let stranger = team.app.owner("sam@example.com", "Elsewhere").await;
    let before = footprint(&team, saved.id).await;
    let (status, message) = team
        .refused(
            team.decide(&stranger, "approve_post", saved.id, saved.version, "")
                .await,
        )
        .await;
    println!("{status} {message}");
    assert_eq!(status, 404);
    assert!(message.contains("does not exist in this workspace"), "{message}");
    let (status, _) = team
        .refused(
            team.app
                .call(
                    &stranger,
                    "comment_post",
                    &[("post_id", &saved.id.to_string()), ("body", "Hi")],
                )
                .await,
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(footprint(&team, saved.id).await, before);
}

#[sqlx::test]
async fn commenting_on_a_deleted_post_is_refused(pool: PgPool) {
    let team = team(pool).await;
    let saved = team.submit("Short-lived").await;
    let deleted = team
        .app
        .call(&team.contributor, "delete_post", &[("id", &saved.id.to_string())])
        .await;
    assert_eq!(deleted.status(), 200);
    let (status, message) = team
        .refused(
            team.app
                .call(
                    &team.editor,
                    "comment_post",
                    &[("post_id", &saved.id.to_string()), ("body", "Nice")],
                )
                .await,
        )
        .await;
    println!("{status} {message}");
    assert_eq!(status, 404);
    assert_eq!(
        message,
        "This post does not exist any more (it may have been deleted); your comment was not saved."
    );
    let comments: i64 = sqlx::query_scalar("select count(*) from comments")
        .fetch_one(&team.app.pool)
        .await
        .unwrap();
    assert_eq!(comments, 0);
}

#[sqlx::test]
async fn asking_for_changes_needs_a_note(pool: PgPool) {
    let team = team(pool).await;
    let saved = team.submit("Needs work").await;
    let before = footprint(&team, saved.id).await;
    for note in ["", "   "] {
        let (status, message) = team
            .refused(
                team.decide(&team.editor, "request_changes", saved.id, saved.version, note)
                    .await,
            )
            .await;
        println!("{note:?}: {status} {message}");
        assert_eq!((status, message.as_str()), (400, "Note: say what should change."));
    }
    assert_eq!(footprint(&team, saved.id).await, before);
    assert_eq!(team.status(saved.id).await.0, "in_review");
}

#[sqlx::test]
async fn a_stale_approval_is_refused(pool: PgPool) {
    let team = team(pool).await;
    let saved = team.submit("First take").await;
    // The reviewer opened version 1; the author changes it meanwhile.
    let edited: SavedPost = json(
        team.save(
            &team.contributor,
            Some((saved.id, saved.version)),
            "Second take",
            "submit",
        )
        .await,
    )
    .await;
    let before = footprint(&team, saved.id).await;
    for function in ["approve_post", "request_changes"] {
        let (status, message) = team
            .refused(
                team.decide(&team.editor, function, saved.id, saved.version, "Ok")
                    .await,
            )
            .await;
        println!("{function}: {status} {message}");
        assert_eq!(
            (status, message.as_str()),
            (409, "This post changed since you opened it: review again.")
        );
    }
    assert_eq!(footprint(&team, saved.id).await, before);
    assert_eq!(
        team.status(saved.id).await,
        ("in_review".to_owned(), edited.version)
    );
}

/// A server function, who calls it, and the form.
type Case<'a> = (&'a str, &'a crate::helpers::Browser, Vec<(&'a str, &'a str)>);

#[sqlx::test]
async fn roles_are_enforced_on_the_server(pool: PgPool) {
    let team = team(pool).await;
    let viewer = team.app.member(&team.owner, "vic@example.com", "viewer").await;
    let saved = team.submit("Mine").await;
    let id = saved.id.to_string();
    let version = saved.version.to_string();
    let cases: Vec<Case> = vec![
        (
            "approve_post",
            &team.contributor,
            vec![("id", &id), ("version", &version)],
        ),
        (
            "request_changes",
            &team.contributor,
            vec![("id", &id), ("version", &version), ("note", "x")],
        ),
        ("approve_post", &viewer, vec![("id", &id), ("version", &version)]),
        ("comment_post", &viewer, vec![("post_id", &id), ("body", "x")]),
        ("cancel_post", &team.contributor, vec![("id", &id)]),
        ("update_approvals", &team.editor, vec![("required", "false")]),
        ("audit_log", &team.editor, vec![]),
    ];
    for (function, who, form) in cases {
        let (status, message) = team.refused(team.app.call(who, function, &form).await).await;
        println!("{function}: {status} {message}");
        assert_eq!(status, 403, "{function}: {message}");
    }
    // A contributor changes only their own posts.
    let editors: SavedPost = json(team.save(&team.editor, None, "The editor's", "draft").await).await;
    let (status, message) = team
        .refused(
            team.save(
                &team.contributor,
                Some((editors.id, editors.version)),
                "Mine now",
                "draft",
            )
            .await,
        )
        .await;
    println!("someone else's post: {status} {message}");
    assert_eq!(
        (status, message.as_str()),
        (403, "You can only change posts you wrote.")
    );
    let (status, _) = team
        .refused(
            team.app
                .call(
                    &team.contributor,
                    "delete_post",
                    &[("id", &editors.id.to_string())],
                )
                .await,
        )
        .await;
    assert_eq!(status, 403);
    // A viewer writes nothing.
    let (status, _) = team
        .refused(team.save(&viewer, None, "Hello", "draft").await)
        .await;
    assert_eq!(status, 403);
    // The audit page and its export are for owners and admins.
    let csv = team.app.page(&team.editor, "/audit.csv").await;
    assert_eq!(csv.status(), 403);
    assert_eq!(team.status(saved.id).await.0, "in_review");
}
