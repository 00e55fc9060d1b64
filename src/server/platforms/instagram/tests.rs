use super::*;
use crate::server::platforms::testing::{Harness, form_has, outgoing};
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

const IG_USER: &str = "17841400000000000";

fn credentials() -> Credentials {
    Credentials::Instagram {
        access_token: "t0ken".into(),
        ig_user_id: IG_USER.into(),
    }
}

async fn answering(status: u16, body: serde_json::Value) -> Result<Verified, NetworkError> {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/{IG_USER}")))
        .and(query_param("fields", "id,username"))
        .and(header("authorization", "Bearer t0ken"))
        .respond_with(answer(status, body))
        .expect(1)
        .mount(&server)
        .await;
    Instagram
        .verify(&Harness::new(&server).ctx(), &credentials())
        .await
}

async fn publish(server: &MockServer, outgoing: &Outgoing) -> Result<Published, NetworkError> {
    Instagram
        .publish(&Harness::new(server).ctx(), &credentials(), outgoing)
        .await
}

fn answer(status: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

/// Creating a media container.
fn create_container() -> MockBuilder {
    Mock::given(method("POST"))
        .and(path(format!("/{IG_USER}/media")))
        .and(header("authorization", "Bearer t0ken"))
}

/// Asking whether container `id` is ready.
fn container_status(id: &str) -> MockBuilder {
    Mock::given(method("GET"))
        .and(path(format!("/{id}")))
        .and(query_param("fields", "status_code,status"))
        .and(header("authorization", "Bearer t0ken"))
}

fn publish_container(id: &str) -> MockBuilder {
    Mock::given(method("POST"))
        .and(path(format!("/{IG_USER}/media_publish")))
        .and(query_param("creation_id", id))
        .and(header("authorization", "Bearer t0ken"))
}

async fn mount_permalink(server: &MockServer, media_id: &str) {
    Mock::given(method("GET"))
        .and(path(format!("/{media_id}")))
        .and(query_param("fields", "permalink"))
        .respond_with(answer(
            200,
            json!({ "id": media_id, "permalink": "https://www.instagram.com/p/DXyZ/" }),
        ))
        .mount(server)
        .await;
}

#[tokio::test]
async fn names_the_account() {
    let verified = answering(
        200,
        json!({ "id": "17841400000000000", "username": "herald.bakery" }),
    )
    .await
    .unwrap();
    assert_eq!(verified.handle, "@herald.bakery");
}

#[tokio::test]
async fn refusals_and_outages_are_sorted() {
    assert!(matches!(
        answering(401, json!({})).await,
        Err(NetworkError::Unauthorized(_))
    ));
    let missing_permission = json!({
        "error": { "message": "(#10) Missing permission", "type": "OAuthException", "code": 10 }
    });
    assert!(matches!(
        answering(400, missing_permission).await,
        Err(NetworkError::Unauthorized(_))
    ));
    assert!(answering(503, json!({})).await.unwrap_err().is_transient());
}

#[tokio::test]
async fn publishes_one_image_once_instagram_has_processed_it() {
    let server = MockServer::start().await;
    create_container()
        .and(form_has(&[
            ("image_url", "https://herald.example/media/1.png"),
            ("caption", "Croissants"),
            ("alt_text", "picture 1"),
        ]))
        .respond_with(answer(200, json!({ "id": "1790001" })))
        .expect(1)
        .mount(&server)
        .await;
    container_status("1790001")
        .respond_with(answer(
            200,
            json!({ "status_code": "IN_PROGRESS", "id": "1790001" }),
        ))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    container_status("1790001")
        .respond_with(answer(200, json!({ "status_code": "FINISHED", "id": "1790001" })))
        .expect(1)
        .mount(&server)
        .await;
    publish_container("1790001")
        .respond_with(answer(200, json!({ "id": "1795555" })))
        .expect(1)
        .mount(&server)
        .await;
    mount_permalink(&server, "1795555").await;
    let published = publish(&server, &outgoing("Croissants", 1)).await.unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: "1795555".into(),
            url: Some("https://www.instagram.com/p/DXyZ/".into()),
        }
    );
}

#[tokio::test]
async fn several_images_make_a_carousel() {
    let server = MockServer::start().await;
    for (n, id) in [(1, "1790001"), (2, "1790002")] {
        create_container()
            .and(form_has(&[
                ("image_url", &format!("https://herald.example/media/{n}.png")),
                ("is_carousel_item", "true"),
                ("alt_text", &format!("picture {n}")),
            ]))
            .respond_with(answer(200, json!({ "id": id })))
            .expect(1)
            .mount(&server)
            .await;
    }
    create_container()
        .and(form_has(&[
            ("media_type", "CAROUSEL"),
            ("children", "1790001,1790002"),
            ("caption", "A dozen"),
        ]))
        .respond_with(answer(200, json!({ "id": "1790003" })))
        .expect(1)
        .mount(&server)
        .await;
    for id in ["1790001", "1790002", "1790003"] {
        container_status(id)
            .respond_with(answer(200, json!({ "status_code": "FINISHED" })))
            .expect(1)
            .mount(&server)
            .await;
    }
    publish_container("1790003")
        .respond_with(answer(200, json!({ "id": "1795555" })))
        .expect(1)
        .mount(&server)
        .await;
    mount_permalink(&server, "1795555").await;
    let published = publish(&server, &outgoing("A dozen", 2)).await.unwrap();
    assert_eq!(published.remote_id, "1795555");
}

#[tokio::test]
async fn text_alone_is_refused_without_a_request() {
    let server = MockServer::start().await;
    let Err(NetworkError::Rejected { message, .. }) = publish(&server, &outgoing("Just words", 0)).await
    else {
        panic!("Instagram needs an image")
    };
    assert!(message.contains("at least one image"), "{message}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_container_that_failed_is_rejected_and_not_published() {
    let server = MockServer::start().await;
    create_container()
        .respond_with(answer(200, json!({ "id": "1790001" })))
        .mount(&server)
        .await;
    container_status("1790001")
        .respond_with(answer(
            200,
            json!({ "status_code": "ERROR", "status": "Error: 2207026" }),
        ))
        .mount(&server)
        .await;
    publish_container("1790001")
        .respond_with(answer(200, json!({ "id": "1795555" })))
        .expect(0)
        .mount(&server)
        .await;
    let Err(NetworkError::Rejected { message, .. }) = publish(&server, &outgoing("Hi", 1)).await else {
        panic!("a failed container is final")
    };
    assert!(
        message.contains("ERROR") && message.contains("2207026"),
        "{message}"
    );
}

#[tokio::test]
async fn a_container_that_never_finishes_is_transient() {
    let server = MockServer::start().await;
    create_container()
        .respond_with(answer(200, json!({ "id": "1790001" })))
        .mount(&server)
        .await;
    container_status("1790001")
        .respond_with(answer(200, json!({ "status_code": "IN_PROGRESS" })))
        .expect(15)
        .mount(&server)
        .await;
    publish_container("1790001")
        .respond_with(answer(200, json!({ "id": "1795555" })))
        .expect(0)
        .mount(&server)
        .await;
    assert!(
        publish(&server, &outgoing("Hi", 1))
            .await
            .unwrap_err()
            .is_transient()
    );
}

#[tokio::test]
async fn a_missing_permalink_does_not_undo_the_post() {
    let server = MockServer::start().await;
    create_container()
        .respond_with(answer(200, json!({ "id": "1790001" })))
        .mount(&server)
        .await;
    container_status("1790001")
        .respond_with(answer(200, json!({ "status_code": "FINISHED" })))
        .mount(&server)
        .await;
    publish_container("1790001")
        .respond_with(answer(200, json!({ "id": "1795555" })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/1795555"))
        .respond_with(answer(500, json!({})))
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing("Hi", 1)).await.unwrap();
    assert_eq!(published.remote_id, "1795555");
    assert_eq!(published.url, None);
}

#[tokio::test]
async fn an_outage_is_transient_and_the_next_try_succeeds() {
    let server = MockServer::start().await;
    create_container()
        .respond_with(answer(503, json!({})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    create_container()
        .respond_with(answer(200, json!({ "id": "1790001" })))
        .mount(&server)
        .await;
    container_status("1790001")
        .respond_with(answer(200, json!({ "status_code": "FINISHED" })))
        .mount(&server)
        .await;
    publish_container("1790001")
        .respond_with(answer(200, json!({ "id": "1795555" })))
        .expect(1)
        .mount(&server)
        .await;
    mount_permalink(&server, "1795555").await;
    assert!(
        publish(&server, &outgoing("Hi", 1))
            .await
            .unwrap_err()
            .is_transient()
    );
    assert_eq!(
        publish(&server, &outgoing("Hi", 1)).await.unwrap().remote_id,
        "1795555"
    );
}

#[tokio::test]
async fn refusals_are_sorted() {
    let cases = [
        (
            answer(
                400,
                json!({ "error": { "message": "Only photo or video can be accepted as media type.", "code": 9004, "error_subcode": 2207052 } }),
            ),
            "rejected",
        ),
        (answer(401, json!({})), "unauthorized"),
        (
            answer(
                400,
                json!({ "error": { "message": "Error validating access token", "code": 190 } }),
            ),
            "unauthorized",
        ),
    ];
    for (response, expected) in cases {
        let server = MockServer::start().await;
        create_container().respond_with(response).mount(&server).await;
        let error = publish(&server, &outgoing("Hi", 1)).await.unwrap_err();
        let got = match error {
            NetworkError::Rejected { status: 400, .. } => "rejected",
            NetworkError::Unauthorized(_) => "unauthorized",
            other => panic!("unexpected {other:?}"),
        };
        assert_eq!(got, expected);
    }
}

#[tokio::test]
async fn throttling_says_when_to_come_back() {
    let server = MockServer::start().await;
    create_container()
        .respond_with(answer(429, json!({})).insert_header("retry-after", "120"))
        .mount(&server)
        .await;
    let Err(NetworkError::Unavailable { retry_after, .. }) = publish(&server, &outgoing("Hi", 1)).await
    else {
        panic!("a 429 is transient")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(120)));
    assert!(!Instagram.resend_is_safe());
}
