//! Cases the fuzzer found, kept as plain tests.
use crate::helpers::{error, spawn_app};
use herald::api::accounts::ConnectAccount;
use herald::api::auth::{CurrentSession, SignIn};
use herald::api::invite::InviteDetails;
use herald::api::posts::UploadImage;
use leptos::server_fn::ServerFn;
use sqlx::PgPool;

/// A form body that is not UTF-8 used to be a 500 ("internal"): the body is the sender's
/// fault, so it is a 400 that says so.
#[sqlx::test]
async fn a_body_that_is_not_utf8_is_a_400(pool: PgPool) {
    let app = spawn_app(pool).await;
    for function in [CurrentSession::PATH, SignIn::PATH, InviteDetails::PATH] {
        let response = app
            .browser()
            .client
            .post(app.url(function))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(vec![b'e', b'=', 0xff, 0xfe, 0xc3, 0x28])
            .send()
            .await
            .unwrap();
        let (status, message) = error(response).await;
        assert_eq!(status, 400, "{function}: {message}");
        assert!(message.contains("could not be read"), "{function}: {message}");
    }
}

/// An upload without a multipart boundary made server_fn's decoder panic (the connection
/// just closed); it is refused with a 400 first.
#[sqlx::test]
async fn an_upload_without_a_multipart_boundary_is_a_400(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    for content_type in [
        None,
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data"),
    ] {
        let mut request = owner.client.post(app.url(UploadImage::PATH)).body("image=x");
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        let (status, message) = error(request.send().await.unwrap()).await;
        assert_eq!(status, 400, "{content_type:?}: {message}");
        assert!(message.contains("multipart/form-data"), "{message}");
    }
}

/// A 70 KB value where an enum was expected was echoed whole in the 400's message; past the
/// 64 KB the status layer reads, the answer became an empty 500.
#[sqlx::test]
async fn a_huge_malformed_value_is_a_short_400(pool: PgPool) {
    let app = spawn_app(pool).await;
    let owner = app.owner("olive@example.com", "Acme").await;
    let platform = "🧨".repeat(17_500);
    let (status, message) = app
        .send_form::<ConnectAccount>(&owner, &[("platform", platform.as_str()), ("colour", "#000000")])
        .await
        .refused();
    assert_eq!(status, 400, "{message}");
    assert!(message.len() < 2_000, "{} bytes", message.len());
}
