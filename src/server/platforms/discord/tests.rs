use super::*;
use crate::server::platforms::Endpoints;
use crate::server::platforms::OutgoingImage;
use crate::server::platforms::SessionCache;
use crate::server::platforms::testing::Harness;
use serde_json::json;
use std::time::Duration;
use uuid::Uuid;
use wiremock::matchers::{body_partial_json, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "s3cret-t0ken";

async fn verify(server: &MockServer) -> Result<Verified, NetworkError> {
    let harness = Harness::new(server);
    let ctx = harness.ctx();
    let credentials = Credentials::Discord {
        webhook_url: format!("{}/api/webhooks/123/{TOKEN}", server.uri()),
    };
    Discord.verify(&ctx, &credentials).await
}

fn answer(status: u16, body: serde_json::Value) -> Mock {
    Mock::given(method("GET"))
        .and(path(format!("/api/webhooks/123/{TOKEN}")))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
}

#[tokio::test]
async fn names_the_webhook() {
    let server = MockServer::start().await;
    answer(
        200,
        serde_json::json!({ "id": "123", "name": "Herald", "channel_id": "99", "token": TOKEN }),
    )
    .expect(1)
    .mount(&server)
    .await;
    let verified = verify(&server).await.unwrap();
    assert_eq!(verified.handle, "Herald");
    assert_eq!(verified.display_name, None);
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests[0].headers.get("authorization").is_none(),
        "the token travels in the URL only"
    );
}

#[tokio::test]
async fn a_revoked_or_unknown_webhook_is_unauthorized() {
    let server = MockServer::start().await;
    answer(
        401,
        serde_json::json!({ "message": "Invalid Webhook Token", "code": 50027 }),
    )
    .mount(&server)
    .await;
    assert!(matches!(
        verify(&server).await,
        Err(NetworkError::Unauthorized(_))
    ));

    let server = MockServer::start().await;
    answer(
        404,
        serde_json::json!({ "message": "Unknown Webhook", "code": 10015 }),
    )
    .mount(&server)
    .await;
    let Err(NetworkError::Unauthorized(reason)) = verify(&server).await else {
        panic!("404 is unauthorized")
    };
    assert!(reason.contains("Unknown Webhook"), "{reason}");
}

#[tokio::test]
async fn an_outage_is_transient() {
    let server = MockServer::start().await;
    answer(503, serde_json::json!({})).mount(&server).await;
    assert!(verify(&server).await.unwrap_err().is_transient());
}

#[tokio::test]
async fn a_garbled_answer_does_not_leak_the_url() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>"))
        .mount(&server)
        .await;
    let error = verify(&server).await.unwrap_err();
    assert!(matches!(error, NetworkError::Protocol(_)));
    assert!(!error.to_string().contains(TOKEN), "{error}");
}

// Publishing.

fn outgoing(images: usize) -> Outgoing {
    Outgoing {
        target_id: Uuid::from_u128(1),
        account_id: Uuid::from_u128(2),
        text: "Fresh bread at 7".into(),
        images: (0..images)
            .map(|n| OutgoingImage {
                bytes: bytes::Bytes::from(format!("png bytes {n}")),
                content_type: "image/png".into(),
                alt_text: format!("A loaf, number {n}"),
                width: 10,
                height: 10,
                public_url: format!("https://herald.example/media/{n}"),
            })
            .collect(),
    }
}

async fn publish(server: &MockServer, outgoing: &Outgoing) -> Result<Published, NetworkError> {
    let endpoints = Endpoints {
        bluesky_pds: server.uri(),
        telegram_api: server.uri(),
        linkedin_api: server.uri(),
        x_api: server.uri(),
        threads_api: server.uri(),
        facebook_graph: server.uri(),
    };
    crate::server::outbound::use_ring_for_tls();
    let http = reqwest::Client::new();
    let ctx = NetworkContext {
        http: &http,
        endpoints: &endpoints,
        sessions: &SessionCache::default(),
    };
    let credentials = Credentials::Discord {
        webhook_url: format!("{}/api/webhooks/123/{TOKEN}", server.uri()),
    };
    Discord.publish(&ctx, &credentials, outgoing).await
}

fn execute() -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path(format!("/api/webhooks/123/{TOKEN}")))
        .and(query_param("wait", "true"))
}

fn message() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "id": "555", "channel_id": "99", "webhook_id": "123", "content": "Fresh bread at 7"
    }))
}

#[tokio::test]
async fn posts_the_text_and_links_the_message() {
    let server = MockServer::start().await;
    execute()
        .and(body_partial_json(json!({ "content": "Fresh bread at 7" })))
        .respond_with(message())
        .expect(1)
        .mount(&server)
        .await;
    // The message does not name its server; the webhook does.
    answer(200, json!({ "id": "123", "guild_id": "77", "channel_id": "99" }))
        .expect(1)
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing(0)).await.unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: "555".into(),
            url: Some("https://discord.com/channels/77/99/555".into()),
        }
    );
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("authorization").is_none());
}

#[tokio::test]
async fn without_a_known_server_there_is_no_link() {
    let server = MockServer::start().await;
    execute().respond_with(message()).mount(&server).await;
    answer(404, json!({ "message": "Unknown Webhook" }))
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing(0)).await.unwrap();
    assert_eq!(published.remote_id, "555");
    assert_eq!(published.url, None);
}

#[tokio::test]
async fn attaches_images_with_alt_text() {
    let server = MockServer::start().await;
    execute()
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "556", "channel_id": "99", "guild_id": "77"
        })))
        .expect(1)
        .mount(&server)
        .await;
    answer(200, json!({})).expect(0).mount(&server).await;

    let published = publish(&server, &outgoing(2)).await.unwrap();
    assert_eq!(
        published.url.as_deref(),
        Some("https://discord.com/channels/77/99/556")
    );
    let requests = server.received_requests().await.unwrap();
    let body = String::from_utf8_lossy(&requests[0].body).into_owned();
    let marker = "name=\"payload_json\"\r\nContent-Type: application/json\r\n\r\n";
    let start = body.find(marker).expect("payload_json part") + marker.len();
    let end = start + body[start..].find("\r\n--").unwrap();
    let payload: serde_json::Value = serde_json::from_str(&body[start..end]).unwrap();
    assert_eq!(
        payload,
        json!({
            "content": "Fresh bread at 7",
            "attachments": [
                { "id": 0, "filename": "image1.png", "description": "A loaf, number 0" },
                { "id": 1, "filename": "image2.png", "description": "A loaf, number 1" },
            ]
        })
    );
    for n in 0..2 {
        let part = format!(
            "name=\"files[{n}]\"; filename=\"image{}.png\"\r\nContent-Type: image/png\r\n\r\npng bytes {n}",
            n + 1
        );
        assert!(body.contains(&part), "{body}");
    }
}

#[tokio::test]
async fn an_outage_is_transient_then_the_retry_posts() {
    let server = MockServer::start().await;
    execute()
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    execute().respond_with(message()).mount(&server).await;
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
    assert_eq!(publish(&server, &outgoing(0)).await.unwrap().remote_id, "555");
}

#[tokio::test]
async fn a_refused_message_is_rejected_and_a_dead_webhook_unauthorized() {
    let server = MockServer::start().await;
    execute()
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "message": "Invalid Form Body", "code": 50035
        })))
        .mount(&server)
        .await;
    assert_eq!(
        publish(&server, &outgoing(0)).await,
        Err(NetworkError::Rejected {
            status: 400,
            message: "Invalid Form Body".into()
        })
    );

    for (status, reason) in [(401, "Invalid Webhook Token"), (404, "Unknown Webhook")] {
        let server = MockServer::start().await;
        execute()
            .respond_with(ResponseTemplate::new(status).set_body_json(json!({ "message": reason })))
            .mount(&server)
            .await;
        let Err(NetworkError::Unauthorized(message)) = publish(&server, &outgoing(0)).await else {
            panic!("{status} is unauthorized")
        };
        assert!(message.contains(reason), "{message}");
    }
}

#[tokio::test]
async fn a_rate_limit_waits_as_the_header_or_the_body_asks() {
    let server = MockServer::start().await;
    execute()
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120"))
        .mount(&server)
        .await;
    let Err(NetworkError::Unavailable { retry_after, .. }) = publish(&server, &outgoing(0)).await else {
        panic!("429 is transient")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(120)));

    let server = MockServer::start().await;
    execute()
        .respond_with(ResponseTemplate::new(429).set_body_json(json!({
            "message": "You are being rate limited.", "retry_after": 64.5, "global": false
        })))
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
    assert_eq!(retry_after, Some(Duration::from_millis(64_500)));
}

#[tokio::test]
async fn a_garbled_message_does_not_leak_the_url() {
    let server = MockServer::start().await;
    execute()
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>"))
        .mount(&server)
        .await;
    let error = publish(&server, &outgoing(0)).await.unwrap_err();
    assert!(matches!(error, NetworkError::Protocol(_)));
    assert!(!error.to_string().contains(TOKEN), "{error}");
}
