//! The approval workflow's bad input: each refused with a clear message, and nothing written.
use crate::team_scene::{Team, team};
use herald::api::audit::AuditQuery;
use herald::api::settings::UpdateApprovals;
use herald::domain::post::Intent;
use herald::domain::role::Role;
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
    let own = team.save(&team.editor, None, "My own", Intent::Submit).await.ok();
    let before = footprint(&team, own.id).await;
    let (status, message) = team
        .app
        .approve_post(&team.editor, own.id, own.version, "")
        .await
        .refused();
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
    let self_approval = UpdateApprovals {
        required: true,
        editors_need_approval: false,
        self_approval: true,
    };
    let allowed = team.app.update_approvals(&team.owner, &self_approval).await;
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
        .app
        .approve_post(&stranger, saved.id, saved.version, "")
        .await
        .refused();
    println!("{status} {message}");
    assert_eq!(status, 404);
    assert!(message.contains("does not exist in this workspace"), "{message}");
    let (status, _) = team.app.comment_post(&stranger, saved.id, "Hi").await.refused();
    assert_eq!(status, 404);
    assert_eq!(footprint(&team, saved.id).await, before);
}

#[sqlx::test]
async fn commenting_on_a_deleted_post_is_refused(pool: PgPool) {
    let team = team(pool).await;
    let saved = team.submit("Short-lived").await;
    let deleted = team.app.delete_post(&team.contributor, saved.id).await;
    assert_eq!(deleted.status(), 200);
    let (status, message) = team
        .app
        .comment_post(&team.editor, saved.id, "Nice")
        .await
        .refused();
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
            .app
            .request_changes(&team.editor, saved.id, saved.version, note)
            .await
            .refused();
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
    let edited = team
        .save(
            &team.contributor,
            Some((saved.id, saved.version)),
            "Second take",
            Intent::Submit,
        )
        .await
        .ok();
    let before = footprint(&team, saved.id).await;
    let (id, version) = (saved.id, saved.version);
    let refusals = [
        (
            "approve_post",
            team.app
                .approve_post(&team.editor, id, version, "Ok")
                .await
                .refused(),
        ),
        (
            "request_changes",
            team.app
                .request_changes(&team.editor, id, version, "Ok")
                .await
                .refused(),
        ),
    ];
    for (function, (status, message)) in refusals {
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

#[sqlx::test]
async fn roles_are_enforced_on_the_server(pool: PgPool) {
    let team = team(pool).await;
    let viewer = team
        .app
        .member(&team.owner, "vic@example.com", Role::Viewer)
        .await;
    let saved = team.submit("Mine").await;
    let (id, version) = (saved.id, saved.version);
    let (app, contributor) = (&team.app, &team.contributor);
    let no_approvals = UpdateApprovals {
        required: false,
        editors_need_approval: false,
        self_approval: false,
    };
    let refusals = [
        (
            "approve_post by a contributor",
            app.approve_post(contributor, id, version, "").await.refused(),
        ),
        (
            "request_changes by a contributor",
            app.request_changes(contributor, id, version, "x").await.refused(),
        ),
        (
            "approve_post by a viewer",
            app.approve_post(&viewer, id, version, "").await.refused(),
        ),
        (
            "comment_post by a viewer",
            app.comment_post(&viewer, id, "x").await.refused(),
        ),
        (
            "cancel_post by a contributor",
            app.cancel_post(contributor, id).await.refused(),
        ),
        (
            "update_approvals by an editor",
            app.update_approvals(&team.editor, &no_approvals).await.refused(),
        ),
        (
            "audit_log by an editor",
            app.audit_log(&team.editor, AuditQuery::default(), None)
                .await
                .refused(),
        ),
    ];
    for (function, (status, message)) in refusals {
        println!("{function}: {status} {message}");
        assert_eq!(status, 403, "{function}: {message}");
    }
    // A contributor changes only their own posts.
    let editors = team
        .save(&team.editor, None, "The editor's", Intent::Draft)
        .await
        .ok();
    let (status, message) = team
        .save(
            &team.contributor,
            Some((editors.id, editors.version)),
            "Mine now",
            Intent::Draft,
        )
        .await
        .refused();
    println!("someone else's post: {status} {message}");
    assert_eq!(
        (status, message.as_str()),
        (403, "You can only change posts you wrote.")
    );
    let (status, _) = team
        .app
        .delete_post(&team.contributor, editors.id)
        .await
        .refused();
    assert_eq!(status, 403);
    // A viewer writes nothing.
    let (status, _) = team.save(&viewer, None, "Hello", Intent::Draft).await.refused();
    assert_eq!(status, 403);
    // The audit page and its export are for owners and admins.
    let csv = team.app.page(&team.editor, "/audit.csv").await;
    assert_eq!(csv.status(), 403);
    assert_eq!(team.status(saved.id).await.0, "in_review");
}
