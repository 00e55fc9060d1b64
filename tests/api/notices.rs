//! Notifications: from review steps and from the publishing engine's own writes (database
//! triggers), per-person settings, and mail through the outbox, once per (event, person).
use crate::team_scene::team;
use herald::api::notifications::NotificationView;
use herald::domain::notice::NoticeKind;
use herald::server::mail::{Delivery, Letterhead, send_next};
use lettre::transport::stub::AsyncStubTransport;
use sqlx::PgPool;

#[sqlx::test]
async fn changes_requested_reach_the_author_with_the_note_and_mark_read(pool: PgPool) {
    let team = team(pool).await;
    let saved = team.submit("Draft one").await;
    team.app
        .request_changes(&team.editor, saved.id, saved.version, "Say when the sale ends")
        .await
        .ok();
    let notes = team.app.notifications(&team.contributor).await.ok();
    println!("{notes:?}");
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, "changes_requested");
    assert_eq!(notes[0].body, "Say when the sale ends");
    assert_eq!(notes[0].link, format!("/compose?post={}", saved.id));
    // The note is in the post's thread too.
    let thread = team.app.post_comments(&team.contributor, saved.id).await.ok();
    assert_eq!(thread[0].body, "Say when the sale ends");
    assert_eq!(thread[0].kind, "changes_requested");

    let marked = team
        .app
        .mark_notifications_read(&team.contributor, Some(notes[0].id))
        .await
        .ok();
    assert_eq!(marked, 1);
    assert_eq!(team.unread(&team.contributor).await, 0);
    // Someone else's notification is not theirs to mark.
    let editor_notes = team.app.notifications(&team.editor).await.ok();
    let other = team
        .app
        .mark_notifications_read(&team.contributor, Some(editor_notes[0].id))
        .await
        .ok();
    assert_eq!(other, 0);
}

#[sqlx::test]
async fn engine_outcomes_notify_through_triggers_and_mail_goes_once(pool: PgPool) {
    let team = team(pool).await;
    // The owner wants no mail about failed targets; everyone else keeps the defaults.
    team.app
        .update_notification_setting(&team.owner, NoticeKind::TargetFailed, true, false)
        .await
        .ok();
    let saved = team.submit("Goes wrong").await;
    let decided = team.approve(&team.editor, saved.id, saved.version).await;
    let (target, _, _) = team.targets(saved.id).await.remove(0);

    // What the engine writes when a publish fails, in one transaction.
    let mut tx = team.app.pool.begin().await.unwrap();
    sqlx::query(
        "insert into publish_attempts (target_id, account_id, attempt, worker)
         select id, account_id, 1, 'w1' from post_targets where id = $1",
    )
    .bind(target)
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query(
        "update publish_attempts set finished_at = now(), outcome = 'failed', http_status = 422,
                error = 'Text too long' where target_id = $1",
    )
    .bind(target)
    .execute(&mut *tx)
    .await
    .unwrap();
    sqlx::query("update post_targets set status = 'failed', last_error = 'Text too long' where id = $1")
        .bind(target)
        .execute(&mut *tx)
        .await
        .unwrap();
    sqlx::query("update accounts set state = 'needs_reauth', state_reason = 'token revoked' where id = $1")
        .bind(team.account)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let actions: Vec<String> =
        sqlx::query_scalar("select action from audit_log where actor_id is null order by id")
            .fetch_all(&team.app.pool)
            .await
            .unwrap();
    println!("engine's audit rows: {actions:?}");
    assert_eq!(
        actions,
        ["publish.failed", "target.failed", "account.needs_reauth"]
    );
    let kinds = |notes: Vec<NotificationView>| notes.into_iter().map(|n| n.kind).collect::<Vec<_>>();
    let author = kinds(team.app.notifications(&team.contributor).await.ok());
    let owner = kinds(team.app.notifications(&team.owner).await.ok());
    let editor = kinds(team.app.notifications(&team.editor).await.ok());
    println!("author {author:?}, owner {owner:?}, editor {editor:?}");
    assert_eq!(author, ["target_failed", "approved"]);
    assert_eq!(owner, ["account_reauth", "target_failed", "submitted"]);
    assert_eq!(editor, ["submitted"]);

    // Mail: one per (event, person), minus the owner's opt-out; a second pass sends nothing.
    let letterhead = Letterhead::new("Herald <herald@example.com>", "https://herald.example").unwrap();
    let transport = AsyncStubTransport::new_ok();
    let mut sent = Vec::new();
    while let Some(delivery) = send_next(&team.app.pool, &transport, &letterhead).await.unwrap() {
        assert!(matches!(delivery, Delivery::Sent(_)), "{delivery:?}");
        sent.push(delivery);
    }
    let messages = transport.messages().await;
    let recipients: Vec<String> = messages
        .iter()
        .map(|(envelope, _)| envelope.to()[0].to_string())
        .collect();
    println!("mail to {recipients:?}");
    assert_eq!(messages.len(), 5, "{recipients:?}");
    assert_eq!(
        recipients.iter().filter(|r| r.starts_with("olive")).count(),
        2,
        "submitted and account_reauth, not target_failed"
    );
    assert!(messages[0].1.contains("https://herald.example/review/"));
    assert!(
        send_next(&team.app.pool, &transport, &letterhead)
            .await
            .unwrap()
            .is_none()
    );

    // The same event told again (a retried trigger, a repeated call) adds nothing.
    let event: i64 = sqlx::query_scalar("select min(id) from audit_log where action = 'target.failed'")
        .fetch_one(&team.app.pool)
        .await
        .unwrap();
    let author_id = team.app.viewer(&team.contributor).await.user_id;
    let workspace = team.app.viewer(&team.contributor).await.workspace.id;
    sqlx::query("select herald_notify($1, $2, $3, 'target_failed', 'again', '', '/')")
        .bind(event)
        .bind(workspace)
        .bind(author_id)
        .execute(&team.app.pool)
        .await
        .unwrap();
    let outbox: i64 = sqlx::query_scalar("select count(*) from email_outbox")
        .fetch_one(&team.app.pool)
        .await
        .unwrap();
    assert_eq!(outbox, 5);
    assert!(
        send_next(&team.app.pool, &transport, &letterhead)
            .await
            .unwrap()
            .is_none()
    );
    let _ = decided;
}

#[sqlx::test]
async fn a_refused_mail_waits_and_a_claimed_one_is_never_resent(pool: PgPool) {
    let team = team(pool).await;
    team.submit("Mail me").await;
    let letterhead = Letterhead::new("herald@example.com", "http://127.0.0.1:3000").unwrap();
    let refusing = AsyncStubTransport::new_error();
    let first = send_next(&team.app.pool, &refusing, &letterhead).await.unwrap();
    assert!(matches!(first, Some(Delivery::Later(_))), "{first:?}");
    // A message claimed by a process that died mid-send stays claimed: it is not sent again.
    sqlx::query("update email_outbox set claimed_at = now() where sent_at is null")
        .execute(&team.app.pool)
        .await
        .unwrap();
    sqlx::query("update email_outbox set next_attempt_at = now()")
        .execute(&team.app.pool)
        .await
        .unwrap();
    let working = AsyncStubTransport::new_ok();
    assert!(
        send_next(&team.app.pool, &working, &letterhead)
            .await
            .unwrap()
            .is_none()
    );
    assert!(working.messages().await.is_empty());
}
