use super::*;
use crate::server::platforms::OutgoingImage;
use crate::server::platforms::testing::Harness;
use serde_json::json;
use std::time::Duration;
use uuid::Uuid;
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "s3cret-t0ken";
const TARGET: Uuid = Uuid::from_u128(0x0196_0000_0000_7000_8000_0000_0000_0001);

fn outgoing(images: usize) -> Outgoing {
    Outgoing {
        target_id: TARGET,
        account_id: Uuid::from_u128(7),
        text: "Hello, fediverse".into(),
        images: (0..images)
            .map(|n| OutgoingImage {
                bytes: bytes::Bytes::from(format!("png bytes {n}")),
                content_type: "image/png".into(),
                alt_text: format!("A red square, number {n}"),
                width: 10,
                height: 10,
                public_url: format!("https://herald.example/media/{n}"),
            })
            .collect(),
    }
}

async fn publish(server: &MockServer, outgoing: &Outgoing) -> Result<Published, NetworkError> {
    let harness = Harness::new(server);
    let ctx = harness.ctx();
    let credentials = Credentials::Mastodon {
        instance_url: server.uri(),
        access_token: TOKEN.into(),
    };
    Mastodon.publish(&ctx, &credentials, outgoing).await
}

fn status_answer(status: u16) -> ResponseTemplate {
    let body = match status {
        200 => {
            json!({ "id": "109", "url": "https://social.example/@herald/109", "uri": "https://social.example/users/herald/statuses/109" })
        }
        401 => json!({ "error": "The access token is invalid" }),
        422 => json!({ "error": "Validation failed: Text character limit of 500 exceeded" }),
        _ => json!({ "error": "Try again later" }),
    };
    ResponseTemplate::new(status).set_body_json(body)
}

fn statuses() -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path("/api/v1/statuses"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("idempotency-key", TARGET.to_string().as_str()))
}

fn media_upload(status: u16, id: &str, url: Option<&str>) -> Mock {
    Mock::given(method("POST"))
        .and(path("/api/v2/media"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(status).set_body_json(json!({ "id": id, "type": "image", "url": url })),
        )
}

fn media_poll(id: &str, status: u16, url: Option<&str>) -> Mock {
    Mock::given(method("GET"))
        .and(path(format!("/api/v1/media/{id}")))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(status).set_body_json(json!({ "id": id, "type": "image", "url": url })),
        )
}

#[tokio::test]
async fn posts_a_public_status_keyed_by_the_target() {
    let server = MockServer::start().await;
    statuses()
        .and(body_partial_json(json!({
            "status": "Hello, fediverse",
            "media_ids": [],
            "visibility": "public",
        })))
        .respond_with(status_answer(200))
        .expect(1)
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing(0)).await.unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: "109".into(),
            url: Some("https://social.example/@herald/109".into()),
        }
    );
}

#[tokio::test]
async fn a_status_link_that_is_not_https_is_not_kept() {
    let server = MockServer::start().await;
    let answer = |url: &str, uri: &str| {
        ResponseTemplate::new(200).set_body_json(json!({ "id": "109", "url": url, "uri": uri }))
    };
    statuses()
        .respond_with(answer(
            "javascript:alert(document.cookie)",
            "https://social.example/users/herald/statuses/109",
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing(0)).await.unwrap();
    assert_eq!(
        published.url.as_deref(),
        Some("https://social.example/users/herald/statuses/109")
    );
    server.reset().await;
    statuses()
        .respond_with(answer("javascript:alert(1)", "http://elsewhere.example/109"))
        .mount(&server)
        .await;
    assert_eq!(publish(&server, &outgoing(0)).await.unwrap().url, None);
}

#[tokio::test]
async fn uploads_images_with_alt_text_and_waits_for_processing() {
    let server = MockServer::start().await;
    // The first image is ready at once, the second (202) only on the second look.
    media_upload(200, "m1", Some("https://files.example/m1.png"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    media_upload(202, "m2", None).mount(&server).await;
    media_poll("m2", 206, None)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    media_poll("m2", 200, Some("https://files.example/m2.png"))
        .mount(&server)
        .await;
    statuses()
        .and(body_partial_json(json!({ "media_ids": ["m1", "m2"] })))
        .respond_with(status_answer(200))
        .expect(1)
        .mount(&server)
        .await;

    let published = publish(&server, &outgoing(2)).await.unwrap();
    assert_eq!(published.remote_id, "109");

    let requests = server.received_requests().await.unwrap();
    let uploads: Vec<String> = requests
        .iter()
        .filter(|r| r.url.path() == "/api/v2/media")
        .map(|r| String::from_utf8_lossy(&r.body).into_owned())
        .collect();
    assert_eq!(uploads.len(), 2);
    for (n, upload) in uploads.iter().enumerate() {
        assert!(
            upload.contains(&format!(
                "name=\"file\"; filename=\"image{}.png\"\r\nContent-Type: image/png\r\n\r\npng bytes {n}",
                n + 1
            )),
            "{upload}"
        );
        assert!(
            upload.contains(&format!("name=\"description\"\r\n\r\nA red square, number {n}")),
            "{upload}"
        );
    }
    let polls: Vec<&str> = requests
        .iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.url.path())
        .collect();
    assert_eq!(polls, ["/api/v1/media/m2", "/api/v1/media/m2"]);
}

#[tokio::test]
async fn a_failed_upload_posts_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v2/media"))
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({ "error": "File type not supported" })))
        .mount(&server)
        .await;
    statuses()
        .respond_with(status_answer(200))
        .expect(0)
        .mount(&server)
        .await;
    assert_eq!(
        publish(&server, &outgoing(1)).await,
        Err(NetworkError::Rejected {
            status: 422,
            message: "File type not supported".into()
        })
    );
}

#[tokio::test]
async fn an_outage_is_transient_and_the_retry_reuses_the_key() {
    let server = MockServer::start().await;
    statuses()
        .respond_with(status_answer(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    statuses().respond_with(status_answer(200)).mount(&server).await;
    let error = publish(&server, &outgoing(0)).await.unwrap_err();
    assert!(
        matches!(
            error,
            NetworkError::Unavailable {
                status: Some(503),
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(publish(&server, &outgoing(0)).await.unwrap().remote_id, "109");
    // Both attempts matched `statuses()`, which requires the same Idempotency-Key.
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_refused_status_is_rejected() {
    let server = MockServer::start().await;
    statuses().respond_with(status_answer(422)).mount(&server).await;
    assert_eq!(
        publish(&server, &outgoing(0)).await,
        Err(NetworkError::Rejected {
            status: 422,
            message: "Validation failed: Text character limit of 500 exceeded".into()
        })
    );
}

#[tokio::test]
async fn a_revoked_token_is_unauthorized() {
    let server = MockServer::start().await;
    statuses().respond_with(status_answer(401)).mount(&server).await;
    assert_eq!(
        publish(&server, &outgoing(0)).await,
        Err(NetworkError::Unauthorized("The access token is invalid".into()))
    );
}

#[tokio::test]
async fn a_rate_limit_waits_as_asked() {
    let server = MockServer::start().await;
    statuses()
        .respond_with(status_answer(429).insert_header("Retry-After", "120"))
        .mount(&server)
        .await;
    let Err(NetworkError::Unavailable {
        status: Some(429),
        retry_after,
        ..
    }) = publish(&server, &outgoing(0)).await
    else {
        panic!("429 is transient")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(120)));
}
