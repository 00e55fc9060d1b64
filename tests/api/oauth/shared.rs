//! What several networks' sign-in tests check the same way.
use crate::calls::{composer, ticked};
use crate::helpers::{Browser, TestApp};
use herald::api::posts::SavePost;
use herald::domain::post::Intent;
use std::time::Duration;
use uuid::Uuid;

/// Neither the stored credentials nor the refresh token hold any of `secrets` in the clear.
pub(crate) async fn assert_sealed(app: &TestApp, account_id: Uuid, secrets: &[&str]) {
    let (sealed, refresh): (Vec<u8>, Vec<u8>) =
        sqlx::query_as("select credentials, refresh_token from accounts where id = $1")
            .bind(account_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    for stored in [sealed, refresh] {
        let text = String::from_utf8_lossy(&stored);
        assert!(secrets.iter().all(|s| !text.contains(s)), "sealed at rest");
    }
}

/// Two posts saved at the same moment to publish now to `account`; their targets' statuses
/// once both are published (or after ten seconds).
pub(crate) async fn publish_two_at_once(app: &TestApp, who: &Browser, account: Uuid) -> Vec<String> {
    let post = |body: &str| SavePost {
        body: body.into(),
        targets: vec![ticked(account)],
        ..composer(Intent::PublishNow)
    };
    let (first, second) = (post("First"), post("Second"));
    let (first, second) = tokio::join!(app.save_post(who, &first), app.save_post(who, &second));
    let posts = [first.ok().id, second.ok().id];
    let mut statuses = Vec::new();
    for _ in 0..200 {
        statuses = sqlx::query_scalar::<_, String>("select status from post_targets where post_id = any($1)")
            .bind(&posts[..])
            .fetch_all(&app.pool)
            .await
            .unwrap();
        if statuses.iter().all(|s| s == "published") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    statuses
}

/// An account's token expiry, in seconds from now.
pub(crate) fn seconds_left(expires_at: Option<&str>) -> i64 {
    let expires = chrono::DateTime::parse_from_rfc3339(expires_at.expect("an expiry")).unwrap();
    (expires.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_seconds()
}
