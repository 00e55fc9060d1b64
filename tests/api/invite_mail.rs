//! With a mail server set up, an invitation goes to the invited address and the inviter never
//! sees the link; the answer is the same whoever the address belongs to.
use crate::fake_smtp::FakeSmtp;
use crate::helpers::{TestApp, spawn_app_with};
use herald::api::team::{InviteDelivery, InviteResult};
use herald::domain::role::Role;
use sqlx::PgPool;

async fn invite(app: &TestApp, admin: &crate::helpers::Browser, email: &str) -> InviteResult {
    app.invite_member(admin, email, Role::Editor).await.ok()
}

#[sqlx::test]
async fn the_link_goes_by_mail_to_the_invited_person_only(pool: PgPool) {
    let smtp = FakeSmtp::start().await;
    let url = smtp.url.clone();
    let app = spawn_app_with(pool, |settings| settings.smtp.url = Some(url.into())).await;
    app.owner("bob@example.com", "Bob's").await;
    let owner = app.owner("olive@example.com", "Acme").await;

    let registered = invite(&app, &owner, "bob@example.com").await;
    let unknown = invite(&app, &owner, "nina@example.com").await;
    assert_eq!(registered.delivery, InviteDelivery::Mailed);
    assert_eq!(unknown.delivery, InviteDelivery::Mailed);

    let messages = smtp.messages();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    let to_nina = messages
        .iter()
        .find(|m| m.contains("To: nina@example.com"))
        .expect("a message to nina");
    assert!(to_nina.contains("Acme"), "{to_nina}");
    let token = to_nina
        .split("/invite/")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .expect("the mail carries the link");
    let details = app.invite_details(&app.browser(), token).await;
    assert_eq!(details.status(), 200);
}

#[sqlx::test]
async fn a_mail_server_that_does_not_answer_leaves_the_invite_standing(pool: PgPool) {
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("smtp://127.0.0.1:{}", closed.local_addr().unwrap().port());
    drop(closed);
    let app = spawn_app_with(pool, |settings| settings.smtp.url = Some(url.into())).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let answer = invite(&app, &owner, "nina@example.com").await;
    assert!(
        matches!(answer.delivery, InviteDelivery::MailFailed(_)),
        "{answer:?}"
    );
    let team = app.team(&owner).await.ok();
    assert_eq!(team.pending.len(), 1);
}
