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

const TOKEN: &str = "123456:AAE-s3cret_t0ken";

async fn verify(server: &MockServer, bot_token: &str) -> Result<Verified, NetworkError> {
    let harness = Harness::new(server);
    let ctx = harness.ctx();
    let credentials = Credentials::Telegram {
        bot_token: bot_token.into(),
        chat_id: "@mychannel".into(),
    };
    Telegram.verify(&ctx, &credentials).await
}

fn get_me(status: u16, body: serde_json::Value) -> Mock {
    Mock::given(method("GET"))
        .and(path(format!("/bot{TOKEN}/getMe")))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
}

fn get_chat(status: u16, body: serde_json::Value) -> Mock {
    Mock::given(method("GET"))
        .and(path(format!("/bot{TOKEN}/getChat")))
        .and(query_param("chat_id", "@mychannel"))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
}

fn bot() -> serde_json::Value {
    json!({
        "ok": true,
        "result": { "id": 123456, "is_bot": true, "first_name": "Herald", "username": "herald_bot" }
    })
}

#[tokio::test]
async fn names_the_bot_and_the_chat() {
    let server = MockServer::start().await;
    get_me(200, bot()).expect(1).mount(&server).await;
    let chat = json!({
        "ok": true,
        "result": { "id": -100123, "type": "channel", "title": "My Channel", "username": "mychannel" }
    });
    get_chat(200, chat).expect(1).mount(&server).await;
    let verified = verify(&server, TOKEN).await.unwrap();
    assert_eq!(verified.handle, "@herald_bot → My Channel");
    assert_eq!(verified.display_name.as_deref(), Some("My Channel"));
}

#[tokio::test]
async fn an_unknown_token_is_unauthorized_and_never_quoted() {
    let server = MockServer::start().await;
    get_me(
        401,
        json!({ "ok": false, "error_code": 401, "description": "Unauthorized" }),
    )
    .mount(&server)
    .await;
    let error = verify(&server, TOKEN).await.unwrap_err();
    assert_eq!(error, NetworkError::Unauthorized("Unauthorized".into()));

    let server = MockServer::start().await;
    get_me(
        404,
        json!({ "ok": false, "error_code": 404, "description": "Not Found" }),
    )
    .mount(&server)
    .await;
    assert!(matches!(
        verify(&server, TOKEN).await,
        Err(NetworkError::Unauthorized(_))
    ));
}

#[tokio::test]
async fn a_malformed_token_is_refused_without_a_request() {
    let server = MockServer::start().await;
    for token in ["123456", "123456:abc/../x", "abc:def", ":def"] {
        assert!(
            matches!(verify(&server, token).await, Err(NetworkError::Unauthorized(_))),
            "{token}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_wrong_chat_is_rejected() {
    let server = MockServer::start().await;
    get_me(200, bot()).mount(&server).await;
    get_chat(
        400,
        json!({ "ok": false, "error_code": 400, "description": "Bad Request: chat not found" }),
    )
    .mount(&server)
    .await;
    let Err(NetworkError::Rejected { status: 400, message }) = verify(&server, TOKEN).await else {
        panic!("a wrong chat is rejected")
    };
    assert!(message.starts_with("Bad Request: chat not found"), "{message}");
}

#[tokio::test]
async fn an_outage_is_transient() {
    let server = MockServer::start().await;
    get_me(503, json!({})).mount(&server).await;
    assert!(verify(&server, TOKEN).await.unwrap_err().is_transient());
}

#[tokio::test]
async fn a_garbled_answer_does_not_leak_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>"))
        .mount(&server)
        .await;
    let error = verify(&server, TOKEN).await.unwrap_err();
    assert!(matches!(error, NetworkError::Protocol(_)));
    assert!(!error.to_string().contains("s3cret"), "{error}");
}

// Publishing.

fn outgoing(text: &str, images: usize) -> Outgoing {
    Outgoing {
        target_id: Uuid::from_u128(1),
        account_id: Uuid::from_u128(2),
        text: text.into(),
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

async fn publish(
    server: &MockServer,
    sessions: &SessionCache,
    chat_id: &str,
    outgoing: &Outgoing,
) -> Result<Published, NetworkError> {
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
        sessions,
    };
    let credentials = Credentials::Telegram {
        bot_token: TOKEN.into(),
        chat_id: chat_id.into(),
    };
    Telegram.publish(&ctx, &credentials, outgoing).await
}

/// The channel's posts, with Herald's one-line text unless a test says otherwise.
async fn post(server: &MockServer, outgoing: &Outgoing) -> Result<Published, NetworkError> {
    publish(server, &SessionCache::default(), "@mychannel", outgoing).await
}

fn bot_method(name: &str) -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path(format!("/bot{TOKEN}/{name}")))
}

fn sent(message_id: i64) -> serde_json::Value {
    json!({
        "message_id": message_id,
        "date": 1_790_000_000,
        "chat": { "id": -100123, "type": "channel", "title": "My Channel", "username": "mychannel" }
    })
}

fn ok(result: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({ "ok": true, "result": result }))
}

fn refusal(code: u16, description: &str) -> ResponseTemplate {
    ResponseTemplate::new(code).set_body_json(json!({
        "ok": false, "error_code": code, "description": description
    }))
}

/// The value of one multipart field.
fn field(body: &str, name: &str) -> Option<String> {
    let start = body.find(&format!("name=\"{name}\""))?;
    let value = start + body[start..].find("\r\n\r\n")? + 4;
    let end = value + body[value..].find("\r\n--")?;
    Some(body[value..end].to_owned())
}

#[tokio::test]
async fn sends_a_text_message_and_links_it() {
    let server = MockServer::start().await;
    bot_method("sendMessage")
        .and(body_partial_json(
            json!({ "chat_id": "@mychannel", "text": "Fresh bread at 7" }),
        ))
        .respond_with(ok(sent(42)))
        .expect(1)
        .mount(&server)
        .await;
    let published = post(&server, &outgoing("Fresh bread at 7", 0)).await.unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: "42".into(),
            url: Some("https://t.me/mychannel/42".into()),
        }
    );
}

#[tokio::test]
async fn a_private_chat_has_no_link() {
    let server = MockServer::start().await;
    bot_method("sendMessage")
        .and(body_partial_json(json!({ "chat_id": "-100555" })))
        .respond_with(ok(json!({
            "message_id": 7, "date": 1_790_000_000,
            "chat": { "id": -100555, "type": "group", "title": "Bakers" }
        })))
        .mount(&server)
        .await;
    let published = publish(&server, &SessionCache::default(), "-100555", &outgoing("Hi", 0))
        .await
        .unwrap();
    assert_eq!(published.remote_id, "7");
    assert_eq!(published.url, None);
}

#[tokio::test]
async fn one_image_goes_as_a_captioned_photo() {
    let server = MockServer::start().await;
    bot_method("sendPhoto")
        .respond_with(ok(sent(43)))
        .expect(1)
        .mount(&server)
        .await;
    let published = post(&server, &outgoing("Fresh bread at 7", 1)).await.unwrap();
    assert_eq!(published.remote_id, "43");
    let requests = server.received_requests().await.unwrap();
    let body = String::from_utf8_lossy(&requests[0].body).into_owned();
    assert_eq!(field(&body, "chat_id").as_deref(), Some("@mychannel"));
    assert_eq!(field(&body, "caption").as_deref(), Some("Fresh bread at 7"));
    assert!(
        body.contains(
            "name=\"photo\"; filename=\"image1.png\"\r\nContent-Type: image/png\r\n\r\npng bytes 0"
        ),
        "{body}"
    );
}

#[tokio::test]
async fn several_images_go_as_an_album_captioned_once() {
    let server = MockServer::start().await;
    bot_method("sendMediaGroup")
        .respond_with(ok(json!([sent(44), sent(45)])))
        .expect(1)
        .mount(&server)
        .await;
    let published = post(&server, &outgoing("Fresh bread at 7", 2)).await.unwrap();
    assert_eq!(published.remote_id, "44");
    assert_eq!(published.url.as_deref(), Some("https://t.me/mychannel/44"));
    let requests = server.received_requests().await.unwrap();
    let body = String::from_utf8_lossy(&requests[0].body).into_owned();
    let media: serde_json::Value = serde_json::from_str(&field(&body, "media").unwrap()).unwrap();
    assert_eq!(
        media,
        json!([
            { "type": "photo", "media": "attach://photo0", "caption": "Fresh bread at 7" },
            { "type": "photo", "media": "attach://photo1" },
        ])
    );
    assert_eq!(field(&body, "photo1").as_deref(), Some("png bytes 1"));
}

#[tokio::test]
async fn a_long_text_follows_its_photo_and_a_retry_sends_only_the_text() {
    let server = MockServer::start().await;
    let long = "b".repeat(1025);
    bot_method("sendPhoto")
        .respond_with(ok(sent(50)))
        .expect(1)
        .mount(&server)
        .await;
    bot_method("sendMessage")
        .and(body_partial_json(json!({ "text": long })))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    bot_method("sendMessage")
        .and(body_partial_json(json!({ "text": long })))
        .respond_with(ok(sent(51)))
        .expect(1)
        .mount(&server)
        .await;

    let sessions = SessionCache::default();
    let error = publish(&server, &sessions, "@mychannel", &outgoing(&long, 1))
        .await
        .unwrap_err();
    assert!(error.is_transient(), "{error:?}");
    let published = publish(&server, &sessions, "@mychannel", &outgoing(&long, 1))
        .await
        .unwrap();
    assert_eq!(published.remote_id, "50", "the post starts at the photo");

    let requests = server.received_requests().await.unwrap();
    let photo = String::from_utf8_lossy(&requests[0].body).into_owned();
    assert_eq!(field(&photo, "caption"), None);
}

#[tokio::test]
async fn an_outage_is_transient_then_the_retry_sends() {
    let server = MockServer::start().await;
    bot_method("sendMessage")
        .respond_with(ResponseTemplate::new(503).set_body_string("<html>Bad Gateway</html>"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    bot_method("sendMessage")
        .respond_with(ok(sent(42)))
        .mount(&server)
        .await;
    let error = post(&server, &outgoing("Hi", 0)).await.unwrap_err();
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
    assert_eq!(post(&server, &outgoing("Hi", 0)).await.unwrap().remote_id, "42");
}

#[tokio::test]
async fn refusals_are_sorted() {
    for (code, description, expected) in [
        (
            400,
            "Bad Request: chat not found",
            NetworkError::Rejected {
                status: 400,
                message: "Bad Request: chat not found".into(),
            },
        ),
        (
            401,
            "Unauthorized",
            NetworkError::Unauthorized("Unauthorized".into()),
        ),
        (
            403,
            "Forbidden: bot was kicked from the channel chat",
            NetworkError::Unauthorized("Forbidden: bot was kicked from the channel chat".into()),
        ),
        (
            404,
            "Not Found",
            NetworkError::Unauthorized("unknown bot token (Not Found)".into()),
        ),
    ] {
        let server = MockServer::start().await;
        bot_method("sendMessage")
            .respond_with(refusal(code, description))
            .mount(&server)
            .await;
        let error = post(&server, &outgoing("Hi", 0)).await.unwrap_err();
        assert_eq!(error, expected);
        assert!(!error.to_string().contains("s3cret"), "{error}");
    }
}

#[tokio::test]
async fn flood_control_waits_as_asked() {
    // Telegram names the wait in `parameters.retry_after`…
    let server = MockServer::start().await;
    bot_method("sendMessage")
        .respond_with(ResponseTemplate::new(429).set_body_json(json!({
            "ok": false,
            "error_code": 429,
            "description": "Too Many Requests: retry after 120",
            "parameters": { "retry_after": 120 }
        })))
        .mount(&server)
        .await;
    let Err(NetworkError::Unavailable {
        status: Some(429),
        retry_after,
        message,
    }) = post(&server, &outgoing("Hi", 0)).await
    else {
        panic!("429 is transient")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(120)));
    assert_eq!(message, "Too Many Requests: retry after 120");

    // …and a proxy in front of it may use the header.
    let server = MockServer::start().await;
    bot_method("sendMessage")
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120"))
        .mount(&server)
        .await;
    let Err(NetworkError::Unavailable { retry_after, .. }) = post(&server, &outgoing("Hi", 0)).await else {
        panic!("429 is transient")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(120)));
}

#[tokio::test]
async fn more_images_than_an_album_holds_are_refused_before_sending() {
    let server = MockServer::start().await;
    let error = post(&server, &outgoing("Hi", 11)).await.unwrap_err();
    assert!(matches!(error, NetworkError::Rejected { status: 400, .. }));
    assert!(server.received_requests().await.unwrap().is_empty());
}
