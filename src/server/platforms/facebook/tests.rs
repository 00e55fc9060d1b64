use super::*;
use crate::server::platforms::testing::{Harness, form_has, form_of, outgoing};
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

fn credentials(page_id: &str) -> Credentials {
    Credentials::Facebook {
        page_access_token: "t0ken".into(),
        page_id: page_id.into(),
    }
}

async fn verify(server: &MockServer, page_id: &str) -> Result<Verified, NetworkError> {
    let harness = Harness::new(server);
    Facebook.verify(&harness.ctx(), &credentials(page_id)).await
}

async fn publish(server: &MockServer, outgoing: &Outgoing) -> Result<Published, NetworkError> {
    let harness = Harness::new(server);
    Facebook
        .publish(&harness.ctx(), &credentials("1234567890"), outgoing)
        .await
}

async fn answering(status: u16, body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/1234567890"))
        .and(query_param("fields", "id,name"))
        .and(header("authorization", "Bearer t0ken"))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    server
}

fn graph_error(code: i64, message: &str) -> serde_json::Value {
    json!({
        "error": { "message": message, "type": "OAuthException", "code": code, "fbtrace_id": "AbC" }
    })
}

#[tokio::test]
async fn names_the_page() {
    let server = answering(200, json!({ "id": "1234567890", "name": "Herald Bakery" })).await;
    let verified = verify(&server, "1234567890").await.unwrap();
    assert_eq!(verified.handle, "Herald Bakery");
    let requests = server.received_requests().await.unwrap();
    assert!(
        !requests[0].url.as_str().contains("t0ken"),
        "the token stays out of the URL"
    );
}

#[tokio::test]
async fn a_dead_token_is_unauthorized_even_as_a_400() {
    let server = answering(
        400,
        graph_error(
            190,
            "Invalid OAuth access token t0ken - Cannot parse access token",
        ),
    )
    .await;
    assert_eq!(
        verify(&server, "1234567890").await,
        Err(NetworkError::Unauthorized(
            "Invalid OAuth access token [redacted] - Cannot parse access token".into()
        ))
    );
    let server = answering(401, json!({})).await;
    assert!(matches!(
        verify(&server, "1234567890").await,
        Err(NetworkError::Unauthorized(_))
    ));
}

#[tokio::test]
async fn throttling_and_outages_are_transient() {
    let server = answering(400, graph_error(4, "Application request limit reached")).await;
    let error = verify(&server, "1234567890").await.unwrap_err();
    assert!(error.is_transient());
    assert!(
        error.to_string().contains("Application request limit reached"),
        "{error}"
    );
    let server = answering(503, json!({})).await;
    assert!(verify(&server, "1234567890").await.unwrap_err().is_transient());
}

#[tokio::test]
async fn a_wrong_page_is_rejected() {
    let server = answering(
        400,
        graph_error(
            100,
            "Unsupported get request. Object with ID '1234567890' does not exist",
        ),
    )
    .await;
    let Err(NetworkError::Rejected { status: 400, message }) = verify(&server, "1234567890").await else {
        panic!("a wrong id is rejected")
    };
    assert!(message.starts_with("Unsupported get request"), "{message}");

    let server = MockServer::start().await;
    assert!(matches!(
        verify(&server, "my-page/../x").await,
        Err(NetworkError::Rejected { status: 400, .. })
    ));
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// A POST to the Page's feed edge, with the token in the header.
fn feed() -> MockBuilder {
    Mock::given(method("POST"))
        .and(path("/1234567890/feed"))
        .and(header("authorization", "Bearer t0ken"))
}

fn answer(status: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

#[tokio::test]
async fn text_goes_to_the_feed() {
    let server = MockServer::start().await;
    feed()
        .and(form_has(&[("message", "Fresh bread at 7")]))
        .respond_with(answer(200, json!({ "id": "1234567890_555" })))
        .expect(1)
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing("Fresh bread at 7", 0)).await.unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: "1234567890_555".into(),
            url: Some("https://www.facebook.com/1234567890_555".into()),
        }
    );
    let request = &server.received_requests().await.unwrap()[0];
    assert!(
        !request.url.as_str().contains("t0ken"),
        "the token stays in the header"
    );
    assert!(!String::from_utf8_lossy(&request.body).contains("t0ken"));
}

#[tokio::test]
async fn one_image_is_a_photo_post_with_a_caption() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/1234567890/photos"))
        .and(header("authorization", "Bearer t0ken"))
        .and(form_has(&[
            ("url", "https://herald.example/media/1.png"),
            ("caption", "Rye today"),
        ]))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({ "id": "777", "post_id": "1234567890_888" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing("Rye today", 1)).await.unwrap();
    assert_eq!(published.remote_id, "1234567890_888");
    assert_eq!(
        published.url.as_deref(),
        Some("https://www.facebook.com/1234567890_888")
    );
}

#[tokio::test]
async fn several_images_are_uploaded_unpublished_then_attached() {
    let server = MockServer::start().await;
    for (n, id) in [(1, "901"), (2, "902")] {
        Mock::given(method("POST"))
            .and(path("/1234567890/photos"))
            .and(form_has(&[
                ("url", &format!("https://herald.example/media/{n}.png")),
                ("published", "false"),
            ]))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": id })))
            .expect(1)
            .mount(&server)
            .await;
    }
    feed()
        .and(form_has(&[
            ("message", "Two loaves"),
            ("attached_media[0]", r#"{"media_fbid":"901"}"#),
            ("attached_media[1]", r#"{"media_fbid":"902"}"#),
        ]))
        .respond_with(answer(200, json!({ "id": "1234567890_999" })))
        .expect(1)
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing("Two loaves", 2)).await.unwrap();
    assert_eq!(published.remote_id, "1234567890_999");
}

#[tokio::test]
async fn an_empty_text_sends_no_message_field() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/1234567890/photos"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "id": "777" })))
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing("", 1)).await.unwrap();
    assert_eq!(published.remote_id, "777", "without post_id the photo id is used");
    let request = &server.received_requests().await.unwrap()[0];
    assert!(form_of(request).iter().all(|(key, _)| key != "caption"));
}

#[tokio::test]
async fn an_outage_is_transient_and_the_next_try_succeeds() {
    let server = MockServer::start().await;
    feed()
        .respond_with(answer(503, json!({})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    feed()
        .respond_with(answer(200, json!({ "id": "1234567890_555" })))
        .mount(&server)
        .await;
    let first = publish(&server, &outgoing("Hello", 0)).await.unwrap_err();
    assert!(first.is_transient(), "{first}");
    let second = publish(&server, &outgoing("Hello", 0)).await.unwrap();
    assert_eq!(second.remote_id, "1234567890_555");
}

#[tokio::test]
async fn an_invalid_post_is_rejected() {
    let server = MockServer::start().await;
    feed()
        .respond_with(answer(400, graph_error(100, "(#100) Invalid parameter")))
        .mount(&server)
        .await;
    assert_eq!(
        publish(&server, &outgoing("Hello", 0)).await,
        Err(NetworkError::Rejected {
            status: 400,
            message: "(#100) Invalid parameter".into()
        })
    );
}

#[tokio::test]
async fn a_refused_token_is_unauthorized() {
    let server = MockServer::start().await;
    feed().respond_with(answer(401, json!({}))).mount(&server).await;
    assert!(matches!(
        publish(&server, &outgoing("Hello", 0)).await,
        Err(NetworkError::Unauthorized(_))
    ));
    let server = MockServer::start().await;
    feed()
        .respond_with(answer(400, graph_error(190, "Error validating access token")))
        .mount(&server)
        .await;
    assert!(matches!(
        publish(&server, &outgoing("Hello", 0)).await,
        Err(NetworkError::Unauthorized(_))
    ));
}

#[tokio::test]
async fn throttling_says_when_to_come_back() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/1234567890/feed"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("retry-after", "120")
                .set_body_json(json!({})),
        )
        .mount(&server)
        .await;
    let Err(NetworkError::Unavailable { retry_after, .. }) = publish(&server, &outgoing("Hello", 0)).await
    else {
        panic!("a 429 is transient")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(120)));
    assert!(!Facebook.resend_is_safe());
}
