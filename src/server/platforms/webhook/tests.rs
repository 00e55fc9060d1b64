use super::*;
use crate::server::platforms::Endpoints;
use crate::server::platforms::OutgoingImage;
use crate::server::platforms::SessionCache;
use crate::server::platforms::testing::Harness;
use serde_json::json;
use sha2::Digest;
use std::time::Duration;
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn verify(server: &MockServer, secret: Option<&str>) -> Result<Verified, NetworkError> {
    let harness = Harness::new(server);
    let ctx = harness.ctx();
    let credentials = Credentials::Webhook {
        url: format!("{}/herald", server.uri()),
        secret: secret.map(str::to_owned),
    };
    Webhook.verify(&ctx, &credentials).await
}

async fn answering(status: u16) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/herald"))
        .and(header("content-type", "application/json"))
        .and(header("x-herald-event", "ping"))
        .respond_with(ResponseTemplate::new(status))
        .expect(1)
        .mount(&server)
        .await;
    server
}

/// HMAC-SHA256 built from its definition (RFC 2104), independently of `sign`.
fn hmac_sha256_hex(key: &[u8], message: &[u8]) -> String {
    let mut block = [0u8; 64];
    if key.len() > 64 {
        block[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block[..key.len()].copy_from_slice(key);
    }
    let inner = Sha256::new()
        .chain_update(block.map(|b| b ^ 0x36))
        .chain_update(message)
        .finalize();
    let outer = Sha256::new()
        .chain_update(block.map(|b| b ^ 0x5c))
        .chain_update(inner)
        .finalize();
    outer.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn signs_like_rfc_4231() {
    // RFC 4231, test case 2.
    assert_eq!(
        sign("Jefe", b"what do ya want for nothing?"),
        "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    );
    let long_key = "k".repeat(100);
    assert_eq!(
        sign(&long_key, b"body"),
        format!("sha256={}", hmac_sha256_hex(long_key.as_bytes(), b"body"))
    );
}

#[tokio::test]
async fn sends_a_signed_ping() {
    let server = answering(204).await;
    let verified = verify(&server, Some("shh")).await.unwrap();
    assert_eq!(verified.handle, "127.0.0.1");

    let requests = server.received_requests().await.unwrap();
    let request = &requests[0];
    let headers = |name: &str| {
        request
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    assert_eq!(
        headers("x-herald-signature"),
        format!("sha256={}", hmac_sha256_hex(b"shh", &request.body))
    );
    let ping: serde_json::Value = request.body_json().unwrap();
    assert_eq!(ping["event"], "ping");
    assert_eq!(ping["delivery_id"], headers("x-herald-delivery"));
    assert!(Uuid::parse_str(headers("x-herald-delivery")).is_ok());
    let sent_at = ping["sent_at"].as_str().unwrap();
    let sent_at = chrono::DateTime::parse_from_rfc3339(sent_at).unwrap();
    assert_eq!(headers("x-herald-timestamp"), sent_at.timestamp().to_string());
}

#[tokio::test]
async fn sends_no_signature_without_a_secret() {
    let server = answering(200).await;
    verify(&server, None).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("x-herald-signature").is_none());
    assert!(requests[0].headers.get("x-herald-delivery").is_some());
}

#[tokio::test]
async fn refusals_and_outages_are_sorted() {
    let server = answering(401).await;
    assert!(matches!(
        verify(&server, Some("shh")).await,
        Err(NetworkError::Unauthorized(_))
    ));
    let server = answering(404).await;
    assert!(matches!(
        verify(&server, None).await,
        Err(NetworkError::Rejected { status: 404, .. })
    ));
    let server = answering(503).await;
    assert!(verify(&server, None).await.unwrap_err().is_transient());
}

// Publishing.

const TARGET: Uuid = Uuid::from_u128(0x0196_0000_0000_7000_8000_0000_0000_00aa);
const ACCOUNT: Uuid = Uuid::from_u128(0x0196_0000_0000_7000_8000_0000_0000_00bb);

fn outgoing() -> Outgoing {
    Outgoing {
        target_id: TARGET,
        account_id: ACCOUNT,
        text: "Fresh bread at 7".into(),
        images: vec![OutgoingImage {
            bytes: bytes::Bytes::from_static(b"png bytes"),
            content_type: "image/png".into(),
            alt_text: "A loaf".into(),
            width: 640,
            height: 480,
            public_url: "https://herald.example/media/1".into(),
        }],
    }
}

async fn publish(server: &MockServer, secret: Option<&str>) -> Result<Published, NetworkError> {
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
    let credentials = Credentials::Webhook {
        url: format!("{}/herald", server.uri()),
        secret: secret.map(str::to_owned),
    };
    Webhook.publish(&ctx, &credentials, &outgoing()).await
}

fn delivery() -> wiremock::MockBuilder {
    Mock::given(method("POST"))
        .and(path("/herald"))
        .and(header("content-type", "application/json"))
        .and(header("x-herald-event", "publish"))
        .and(header("x-herald-delivery", TARGET.to_string().as_str()))
}

#[tokio::test]
async fn delivers_a_signed_post_keyed_by_the_target() {
    let server = MockServer::start().await;
    delivery()
        .and(body_partial_json(json!({
            "event": "publish",
            "id": TARGET,
            "account_id": ACCOUNT,
            "text": "Fresh bread at 7",
            "images": [{
                "url": "https://herald.example/media/1",
                "alt_text": "A loaf",
                "content_type": "image/png",
                "width": 640,
                "height": 480,
            }],
        })))
        .respond_with(ResponseTemplate::new(202))
        .expect(1)
        .mount(&server)
        .await;
    let published = publish(&server, Some("shh")).await.unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: TARGET.to_string(),
            url: None
        }
    );

    let requests = server.received_requests().await.unwrap();
    let request = &requests[0];
    let headers = |name: &str| {
        request
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    };
    assert_eq!(
        headers("x-herald-signature"),
        format!("sha256={}", hmac_sha256_hex(b"shh", &request.body))
    );
    let post: serde_json::Value = request.body_json().unwrap();
    let sent_at = chrono::DateTime::parse_from_rfc3339(post["sent_at"].as_str().unwrap()).unwrap();
    assert_eq!(headers("x-herald-timestamp"), sent_at.timestamp().to_string());
}

#[tokio::test]
async fn keeps_the_receivers_own_id_and_link() {
    let server = MockServer::start().await;
    delivery()
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "id": 981, "url": "https://blog.example/p/981"
        })))
        .mount(&server)
        .await;
    let published = publish(&server, None).await.unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: "981".into(),
            url: Some("https://blog.example/p/981".into())
        }
    );
    let requests = server.received_requests().await.unwrap();
    assert!(requests[0].headers.get("x-herald-signature").is_none());

    // A link that is not a web address is never passed on.
    let server = MockServer::start().await;
    delivery()
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "p-1", "url": "javascript:alert(1)"
        })))
        .mount(&server)
        .await;
    let published = publish(&server, None).await.unwrap();
    assert_eq!(published.remote_id, "p-1");
    assert_eq!(published.url, None);
}

#[tokio::test]
async fn an_outage_is_transient_then_the_retry_delivers_the_same_id() {
    let server = MockServer::start().await;
    delivery()
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    delivery()
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let error = publish(&server, Some("shh")).await.unwrap_err();
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
    assert_eq!(
        publish(&server, Some("shh")).await.unwrap().remote_id,
        TARGET.to_string()
    );
}

#[tokio::test]
async fn refusals_are_sorted() {
    let server = MockServer::start().await;
    delivery()
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({ "error": "text is required" })))
        .mount(&server)
        .await;
    assert_eq!(
        publish(&server, None).await,
        Err(NetworkError::Rejected {
            status: 422,
            message: "text is required".into()
        })
    );

    let server = MockServer::start().await;
    delivery()
        .respond_with(ResponseTemplate::new(401).set_body_string("bad signature"))
        .mount(&server)
        .await;
    assert_eq!(
        publish(&server, Some("wrong")).await,
        Err(NetworkError::Unauthorized("bad signature".into()))
    );
}

#[tokio::test]
async fn a_rate_limit_waits_as_asked() {
    let server = MockServer::start().await;
    delivery()
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120"))
        .mount(&server)
        .await;
    let Err(NetworkError::Unavailable {
        status: Some(429),
        retry_after,
        ..
    }) = publish(&server, None).await
    else {
        panic!("429 is transient")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(120)));
}
