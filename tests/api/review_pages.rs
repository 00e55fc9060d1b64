//! The review pages as a browser without JavaScript sees them: server-rendered, with forms
//! that post and redirect; and the audit log's CSV export.
use crate::team_scene::team;
use herald::api::review::{ApprovePost, CommentPost};
use leptos::server_fn::ServerFn;
use sqlx::PgPool;

#[sqlx::test]
async fn a_reviewer_without_javascript_reads_comments_and_approves(pool: PgPool) {
    let team = team(pool).await;
    let saved = team.submit("Plain and simple").await;
    let path = format!("/review/{}", saved.id);

    let badge = team
        .app
        .page(&team.editor, "/calendar")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        badge.contains(r#"data-testid="review-badge""#),
        "the badge is server-rendered"
    );
    let page = team.app.page(&team.editor, &path).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Plain and simple"));
    assert!(
        html.contains(&format!(r#"action="{}""#, ApprovePost::PATH)),
        "the decision posts without JavaScript"
    );

    let id = saved.id.to_string();
    let comment = team
        .app
        .form_post::<CommentPost>(&team.editor, &path, &[("post_id", &id), ("body", "Looks good")])
        .await;
    assert_eq!(comment.status(), 302);
    assert_eq!(comment.headers()["location"], path.as_str());
    // Back to the page it came from, and never to another site.
    let elsewhere = team
        .app
        .form_post::<CommentPost>(
            &team.editor,
            "//evil.example/x",
            &[("post_id", &id), ("body", "Hm")],
        )
        .await;
    assert_eq!(elsewhere.headers()["location"], path.as_str());
    let approved = team
        .app
        .form_post::<ApprovePost>(
            &team.editor,
            &path,
            &[("id", &id), ("version", &saved.version.to_string())],
        )
        .await;
    assert_eq!(approved.status(), 302);
    assert_eq!(
        approved.headers()["location"],
        format!("{path}?done=approved").as_str()
    );
    assert_eq!(team.status(saved.id).await.0, "scheduled");

    // The author's composer shows the thread; the bell has news.
    let composer = team
        .app
        .page(&team.contributor, &format!("/compose?post={id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(composer.contains("Looks good"));
    let notifications = team
        .app
        .page(&team.contributor, "/notifications")
        .await
        .text()
        .await
        .unwrap();
    assert!(notifications.contains("approved your post"), "{notifications}");
}

#[sqlx::test]
async fn owners_export_the_filtered_audit_log_as_csv(pool: PgPool) {
    let team = team(pool).await;
    let saved = team.submit("=cmd|' /C calc'!A0").await;
    let page = team.app.page(&team.owner, "/audit?action=post").await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("post.submitted"));

    let csv = team.app.page(&team.owner, "/audit.csv?action=post").await;
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let body = csv.text().await.unwrap();
    println!("{body}");
    let mut lines = body.lines();
    assert_eq!(
        lines.next(),
        Some("time,actor,action,subject,subject_id,summary,details")
    );
    let row = lines.next().unwrap();
    assert!(
        row.contains("post.submitted") && row.contains(&saved.id.to_string()),
        "{row}"
    );
    assert_eq!(lines.next(), None, "only post actions: {body}");
    let all = team
        .app
        .page(&team.owner, "/audit.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(all.contains("session.signed_in") && all.contains("member.invited"));
    let bad = team.app.page(&team.owner, "/audit.csv?from=yesterday").await;
    assert_eq!(bad.status(), 400);
    assert_eq!(bad.text().await.unwrap(), "From: use a date like 2026-12-01.");
}
