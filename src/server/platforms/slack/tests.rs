use super::*;
use crate::server::platforms::Endpoints;
use crate::server::platforms::OutgoingImage;
use crate::server::platforms::SessionCache;
use crate::server::platforms::testing::Harness;
use std::time::Duration;
use uuid::Uuid;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const HOOK: &str = "/services/T000/B000/s3cret";

async fn verify(server: &MockServer) -> Result<Verified, NetworkError> {
    let harness = Harness::new(server);
    let ctx = harness.ctx();
    Slack
        .verify(
            &ctx,
            &Credentials::Slack {
                webhook_url: format!("{}{HOOK}", server.uri()),
            },
        )
        .await
}

async fn answering(status: u16, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(HOOK))
        .and(body_json(json!({})))
        .respond_with(ResponseTemplate::new(status).set_body_string(body))
        .expect(1)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn an_empty_message_refused_for_lack_of_text_proves_the_webhook() {
    for body in ["no_text", "invalid_payload"] {
        let server = answering(400, body).await;
        let verified = verify(&server).await.unwrap();
        assert_eq!(verified.handle, "Slack webhook");
    }
}

#[tokio::test]
async fn dead_webhooks_are_unauthorized_with_a_reason() {
    for (status, body, expected) in [
        (
            403,
            "invalid_token",
            "the webhook URL is not valid (invalid_token)",
        ),
        (
            404,
            "no_service",
            "the webhook was removed or its app disabled (no_service)",
        ),
        (
            410,
            "channel_is_archived",
            "the webhook's channel is archived (channel_is_archived)",
        ),
        (
            404,
            "<html>Not Found</html>",
            "no webhook at this address (<html>Not Found</html>)",
        ),
        (401, "", "no details given"),
    ] {
        let server = answering(status, body).await;
        assert_eq!(
            verify(&server).await,
            Err(NetworkError::Unauthorized(expected.into())),
            "{status} {body}"
        );
    }
}

#[tokio::test]
async fn other_refusals_and_outages_keep_their_class() {
    let server = answering(400, "user_not_found").await;
    assert!(matches!(
        verify(&server).await,
        Err(NetworkError::Rejected { status: 400, .. })
    ));
    let server = answering(503, "rollup_error").await;
    assert!(verify(&server).await.unwrap_err().is_transient());
}

// Publishing.

const TARGET: Uuid = Uuid::from_u128(0x5eed);

fn outgoing(text: &str) -> Outgoing {
    Outgoing {
        target_id: TARGET,
        account_id: Uuid::from_u128(2),
        text: text.into(),
        images: vec![OutgoingImage {
            bytes: bytes::Bytes::from_static(b"png bytes"),
            content_type: "image/png".into(),
            alt_text: "A loaf".into(),
            width: 10,
            height: 10,
            public_url: "https://herald.example/media/1".into(),
        }],
    }
}

async fn publish(server: &MockServer, text: &str) -> Result<Published, NetworkError> {
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
    let credentials = Credentials::Slack {
        webhook_url: format!("{}{HOOK}", server.uri()),
    };
    Slack.publish(&ctx, &credentials, &outgoing(text)).await
}

fn post_text(text: &str) -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path(HOOK))
        .and(body_json(json!({ "text": text })))
}

#[tokio::test]
async fn posts_the_escaped_text_and_leaves_images_out() {
    let server = MockServer::start().await;
    post_text("Bread &amp; butter &lt;!channel&gt; at 7")
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .expect(1)
        .mount(&server)
        .await;
    let published = publish(&server, "Bread & butter <!channel> at 7").await.unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: TARGET.to_string(),
            url: None
        }
    );
}

#[tokio::test]
async fn an_outage_is_transient_then_the_retry_posts() {
    let server = MockServer::start().await;
    post_text("Hi")
        .respond_with(ResponseTemplate::new(503).set_body_string("rollup_error"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    post_text("Hi")
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .mount(&server)
        .await;
    let error = publish(&server, "Hi").await.unwrap_err();
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
    assert!(publish(&server, "Hi").await.is_ok());
}

#[tokio::test]
async fn refusals_are_sorted_by_what_would_fix_them() {
    for (status, body, expected) in [
        (
            400,
            "invalid_payload",
            NetworkError::Rejected {
                status: 400,
                message: "invalid_payload".into(),
            },
        ),
        (
            410,
            "channel_is_archived",
            NetworkError::Rejected {
                status: 410,
                message: "the webhook's channel is archived (channel_is_archived)".into(),
            },
        ),
        (
            404,
            "no_service",
            NetworkError::Unauthorized("the webhook was removed or its app disabled (no_service)".into()),
        ),
        (401, "", NetworkError::Unauthorized("no details given".into())),
        (
            403,
            "invalid_token",
            NetworkError::Unauthorized("the webhook URL is not valid (invalid_token)".into()),
        ),
    ] {
        let server = MockServer::start().await;
        post_text("Hi")
            .respond_with(ResponseTemplate::new(status).set_body_string(body))
            .mount(&server)
            .await;
        assert_eq!(publish(&server, "Hi").await, Err(expected), "{status} {body}");
    }
}

#[tokio::test]
async fn a_rate_limit_waits_as_asked() {
    let server = MockServer::start().await;
    post_text("Hi")
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120"))
        .mount(&server)
        .await;
    let Err(NetworkError::Unavailable {
        status: Some(429),
        retry_after,
        ..
    }) = publish(&server, "Hi").await
    else {
        panic!("429 is transient")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(120)));
}
