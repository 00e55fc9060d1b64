use super::*;
use crate::server::platforms::testing::{Harness, outgoing};
use base64::Engine;
use serde_json::json;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

fn credentials() -> Credentials {
    Credentials::X {
        access_token: "t0ken".into(),
    }
}

async fn answering(status: u16, body: serde_json::Value) -> Result<Verified, NetworkError> {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/2/users/me"))
        .and(header("authorization", "Bearer t0ken"))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    X.verify(&Harness::new(&server).ctx(), &credentials()).await
}

async fn publish(server: &MockServer, outgoing: &Outgoing) -> Result<Published, NetworkError> {
    X.publish(&Harness::new(server).ctx(), &credentials(), outgoing)
        .await
}

fn post_to(at: &str) -> MockBuilder {
    Mock::given(method("POST"))
        .and(path(at))
        .and(header("authorization", "Bearer t0ken"))
}

fn created(id: &str) -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_json(json!({ "data": { "id": id, "text": "…" } }))
}

#[tokio::test]
async fn names_the_user() {
    let verified = answering(
        200,
        json!({ "data": { "id": "2244994945", "name": "Herald HQ", "username": "herald" } }),
    )
    .await
    .unwrap();
    assert_eq!(verified.handle, "@herald");
    assert_eq!(verified.display_name.as_deref(), Some("Herald HQ"));
}

#[tokio::test]
async fn refusals_and_outages_are_sorted() {
    let unauthorized = json!({
        "title": "Unauthorized",
        "type": "about:blank",
        "status": 401,
        "detail": "Unauthorized"
    });
    assert!(matches!(
        answering(401, unauthorized).await,
        Err(NetworkError::Unauthorized(_))
    ));
    assert!(
        answering(503, json!({ "title": "Service Unavailable" }))
            .await
            .unwrap_err()
            .is_transient()
    );
    assert!(
        answering(429, json!({ "title": "Too Many Requests" }))
            .await
            .unwrap_err()
            .is_transient()
    );
}

#[tokio::test]
async fn publishes_text() {
    let server = MockServer::start().await;
    post_to("/2/tweets")
        .and(body_partial_json(json!({ "text": "Ovens on" })))
        .respond_with(created("1790000000000000001"))
        .expect(1)
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing("Ovens on", 0)).await.unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: "1790000000000000001".into(),
            url: Some("https://x.com/i/web/status/1790000000000000001".into()),
        }
    );
    let body: serde_json::Value = server.received_requests().await.unwrap()[0].body_json().unwrap();
    assert!(body.get("media").is_none());
}

#[tokio::test]
async fn images_are_uploaded_described_and_attached() {
    let server = MockServer::start().await;
    for n in 1..=2 {
        let media_id = format!("188000000000000000{n}");
        post_to("/2/media/upload")
            .and(body_partial_json(json!({
                "media": base64::engine::general_purpose::STANDARD.encode(format!("png bytes {n}")),
                "media_category": "tweet_image",
                "media_type": "image/png"
            })))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "data": { "id": media_id, "media_key": format!("3_{media_id}"), "size": 11 }
            })))
            .expect(1)
            .mount(&server)
            .await;
        post_to("/2/media/metadata")
            .and(body_partial_json(json!({
                "id": media_id,
                "metadata": { "alt_text": { "text": format!("picture {n}") } }
            })))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "data": {} })))
            .expect(1)
            .mount(&server)
            .await;
    }
    post_to("/2/tweets")
        .and(body_partial_json(json!({
            "text": "Two loaves",
            "media": { "media_ids": ["1880000000000000001", "1880000000000000002"] }
        })))
        .respond_with(created("1790000000000000001"))
        .expect(1)
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing("Two loaves", 2)).await.unwrap();
    assert_eq!(published.remote_id, "1790000000000000001");
}

#[tokio::test]
async fn an_image_without_alt_text_or_text_needs_neither() {
    let server = MockServer::start().await;
    post_to("/2/media/upload")
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({ "data": { "id": "1880000000000000001" } })),
        )
        .mount(&server)
        .await;
    post_to("/2/media/metadata")
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    post_to("/2/tweets")
        .respond_with(created("1790000000000000001"))
        .expect(1)
        .mount(&server)
        .await;
    let mut silent = outgoing("", 1);
    silent.images[0].alt_text.clear();
    publish(&server, &silent).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    let post: serde_json::Value = requests.last().unwrap().body_json().unwrap();
    assert_eq!(post, json!({ "media": { "media_ids": ["1880000000000000001"] } }));
}

#[tokio::test]
async fn an_outage_is_transient_and_the_next_try_succeeds() {
    let server = MockServer::start().await;
    post_to("/2/tweets")
        .respond_with(ResponseTemplate::new(503).set_body_json(json!({ "title": "Service Unavailable" })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    post_to("/2/tweets")
        .respond_with(created("1790000000000000001"))
        .mount(&server)
        .await;
    assert!(
        publish(&server, &outgoing("Hi", 0))
            .await
            .unwrap_err()
            .is_transient()
    );
    assert_eq!(
        publish(&server, &outgoing("Hi", 0)).await.unwrap().remote_id,
        "1790000000000000001"
    );
}

#[tokio::test]
async fn refusals_are_sorted() {
    let problem = |status: u16, title: &str, detail: &str| {
        ResponseTemplate::new(status).set_body_json(json!({
            "title": title, "detail": detail, "type": "about:blank", "status": status
        }))
    };
    let cases = [
        (problem(400, "Invalid Request", "text is too long"), "rejected"),
        (
            problem(
                403,
                "Forbidden",
                "You are not allowed to create a Tweet with duplicate content.",
            ),
            "rejected",
        ),
        (problem(401, "Unauthorized", "Unauthorized"), "unauthorized"),
    ];
    for (response, expected) in cases {
        let server = MockServer::start().await;
        post_to("/2/tweets").respond_with(response).mount(&server).await;
        let got = match publish(&server, &outgoing("Hi", 0)).await.unwrap_err() {
            NetworkError::Rejected { .. } => "rejected",
            NetworkError::Unauthorized(_) => "unauthorized",
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(got, expected);
    }
}

#[tokio::test]
async fn throttling_says_when_to_come_back() {
    let server = MockServer::start().await;
    post_to("/2/tweets")
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "120"))
        .mount(&server)
        .await;
    let Err(NetworkError::Unavailable { retry_after, .. }) = publish(&server, &outgoing("Hi", 0)).await
    else {
        panic!("a 429 is transient")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(120)));
    assert!(!X.resend_is_safe());

    let reset = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() + 300;
    let server = MockServer::start().await;
    post_to("/2/tweets")
        .respond_with(ResponseTemplate::new(429).insert_header("x-rate-limit-reset", reset.to_string()))
        .mount(&server)
        .await;
    let Err(NetworkError::Unavailable { retry_after, .. }) = publish(&server, &outgoing("Hi", 0)).await
    else {
        panic!("a 429 is transient")
    };
    let wait = retry_after.expect("derived from x-rate-limit-reset").as_secs();
    assert!((295..=300).contains(&wait), "{wait}");
}
