use super::*;
use crate::server::platforms::testing::{Harness, form_has, form_of, outgoing};
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

fn credentials() -> Credentials {
    Credentials::Threads {
        access_token: "t0ken".into(),
        user_id: "1789".into(),
    }
}

async fn answering(status: u16, body: serde_json::Value) -> Result<Verified, NetworkError> {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .and(query_param("fields", "id,username"))
        .and(header("authorization", "Bearer t0ken"))
        .respond_with(answer(status, body))
        .expect(1)
        .mount(&server)
        .await;
    Threads.verify(&Harness::new(&server).ctx(), &credentials()).await
}

async fn publish(server: &MockServer, outgoing: &Outgoing) -> Result<Published, NetworkError> {
    Threads
        .publish(&Harness::new(server).ctx(), &credentials(), outgoing)
        .await
}

fn answer(status: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

fn create_container() -> MockBuilder {
    Mock::given(method("POST"))
        .and(path("/1789/threads"))
        .and(header("authorization", "Bearer t0ken"))
}

fn container_status(id: &str) -> MockBuilder {
    Mock::given(method("GET"))
        .and(path(format!("/{id}")))
        .and(query_param("fields", "status,error_message"))
        .and(header("authorization", "Bearer t0ken"))
}

fn publish_container(id: &str) -> MockBuilder {
    Mock::given(method("POST"))
        .and(path("/1789/threads_publish"))
        .and(query_param("creation_id", id))
        .and(header("authorization", "Bearer t0ken"))
}

async fn mount_permalink(server: &MockServer, media_id: &str) {
    Mock::given(method("GET"))
        .and(path(format!("/{media_id}")))
        .and(query_param("fields", "permalink"))
        .and(header("authorization", "Bearer t0ken"))
        .respond_with(answer(
            200,
            json!({ "id": media_id, "permalink": "https://www.threads.com/@herald/post/DAbC" }),
        ))
        .mount(server)
        .await;
}

#[tokio::test]
async fn names_the_profile() {
    let verified = answering(200, json!({ "id": "1789", "username": "herald" }))
        .await
        .unwrap();
    assert_eq!(verified.handle, "@herald");
}

#[tokio::test]
async fn a_token_for_another_profile_is_rejected() {
    let Err(NetworkError::Rejected { message, .. }) =
        answering(200, json!({ "id": "42", "username": "other" })).await
    else {
        panic!("a mismatch is rejected")
    };
    assert!(message.contains("user id 42 (@other), not 1789"), "{message}");
}

#[tokio::test]
async fn refusals_and_outages_are_sorted() {
    assert!(matches!(
        answering(401, json!({})).await,
        Err(NetworkError::Unauthorized(_))
    ));
    let expired =
        json!({ "error": { "message": "Session has expired", "type": "OAuthException", "code": 190 } });
    assert_eq!(
        answering(400, expired).await,
        Err(NetworkError::Unauthorized("Session has expired".into()))
    );
    assert!(answering(503, json!({})).await.unwrap_err().is_transient());
}

#[tokio::test]
async fn publishes_text_in_two_steps() {
    let server = MockServer::start().await;
    create_container()
        .and(form_has(&[("media_type", "TEXT"), ("text", "Ovens on")]))
        .respond_with(answer(200, json!({ "id": "1801" })))
        .expect(1)
        .mount(&server)
        .await;
    publish_container("1801")
        .respond_with(answer(200, json!({ "id": "1809" })))
        .expect(1)
        .mount(&server)
        .await;
    mount_permalink(&server, "1809").await;
    let published = publish(&server, &outgoing("Ovens on", 0)).await.unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: "1809".into(),
            url: Some("https://www.threads.com/@herald/post/DAbC".into()),
        }
    );
    let requests = server.received_requests().await.unwrap();
    assert!(requests.iter().all(|r| !r.url.as_str().contains("t0ken")));
}

#[tokio::test]
async fn an_image_container_is_published_once_ready() {
    let server = MockServer::start().await;
    create_container()
        .and(form_has(&[
            ("media_type", "IMAGE"),
            ("image_url", "https://herald.example/media/1.png"),
            ("alt_text", "picture 1"),
            ("text", "Baguettes"),
        ]))
        .respond_with(answer(200, json!({ "id": "1801" })))
        .expect(1)
        .mount(&server)
        .await;
    container_status("1801")
        .respond_with(answer(200, json!({ "status": "IN_PROGRESS" })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    container_status("1801")
        .respond_with(answer(200, json!({ "status": "FINISHED" })))
        .mount(&server)
        .await;
    publish_container("1801")
        .respond_with(answer(200, json!({ "id": "1809" })))
        .expect(1)
        .mount(&server)
        .await;
    mount_permalink(&server, "1809").await;
    assert_eq!(
        publish(&server, &outgoing("Baguettes", 1))
            .await
            .unwrap()
            .remote_id,
        "1809"
    );
}

#[tokio::test]
async fn several_images_make_a_carousel() {
    let server = MockServer::start().await;
    for (n, id) in [(1, "1801"), (2, "1802")] {
        create_container()
            .and(form_has(&[
                ("media_type", "IMAGE"),
                ("image_url", &format!("https://herald.example/media/{n}.png")),
                ("is_carousel_item", "true"),
            ]))
            .respond_with(answer(200, json!({ "id": id })))
            .expect(1)
            .mount(&server)
            .await;
    }
    create_container()
        .and(form_has(&[
            ("media_type", "CAROUSEL"),
            ("children", "1801,1802"),
            ("text", "Both"),
        ]))
        .respond_with(answer(200, json!({ "id": "1803" })))
        .expect(1)
        .mount(&server)
        .await;
    for id in ["1801", "1802", "1803"] {
        container_status(id)
            .respond_with(answer(200, json!({ "status": "FINISHED" })))
            .expect(1)
            .mount(&server)
            .await;
    }
    publish_container("1803")
        .respond_with(answer(200, json!({ "id": "1809" })))
        .expect(1)
        .mount(&server)
        .await;
    mount_permalink(&server, "1809").await;
    assert_eq!(
        publish(&server, &outgoing("Both", 2)).await.unwrap().remote_id,
        "1809"
    );
    let items = server.received_requests().await.unwrap();
    let item = form_of(&items[0]);
    assert!(item.iter().all(|(key, _)| key != "text"), "items carry no text");
}

#[tokio::test]
async fn a_failed_image_is_rejected_and_not_published() {
    let server = MockServer::start().await;
    create_container()
        .respond_with(answer(200, json!({ "id": "1801" })))
        .mount(&server)
        .await;
    container_status("1801")
        .respond_with(answer(
            200,
            json!({ "status": "ERROR", "error_message": "FAILED_DOWNLOADING_IMAGE" }),
        ))
        .mount(&server)
        .await;
    publish_container("1801")
        .respond_with(answer(200, json!({ "id": "1809" })))
        .expect(0)
        .mount(&server)
        .await;
    let Err(NetworkError::Rejected { message, .. }) = publish(&server, &outgoing("Hi", 1)).await else {
        panic!("a failed container is final")
    };
    assert!(message.contains("FAILED_DOWNLOADING_IMAGE"), "{message}");
}

#[tokio::test]
async fn a_missing_permalink_does_not_undo_the_post() {
    let server = MockServer::start().await;
    create_container()
        .respond_with(answer(200, json!({ "id": "1801" })))
        .mount(&server)
        .await;
    publish_container("1801")
        .respond_with(answer(200, json!({ "id": "1809" })))
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing("Hi", 0)).await.unwrap();
    assert_eq!(published.remote_id, "1809");
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
        .respond_with(answer(200, json!({ "id": "1801" })))
        .mount(&server)
        .await;
    publish_container("1801")
        .respond_with(answer(200, json!({ "id": "1809" })))
        .expect(1)
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
        "1809"
    );
}

#[tokio::test]
async fn refusals_are_sorted() {
    let server = MockServer::start().await;
    create_container()
        .respond_with(answer(
            400,
            json!({ "error": { "message": "The text is too long.", "type": "THApiException", "code": 100 } }),
        ))
        .mount(&server)
        .await;
    assert_eq!(
        publish(&server, &outgoing("Hi", 0)).await,
        Err(NetworkError::Rejected {
            status: 400,
            message: "The text is too long.".into()
        })
    );
    let server = MockServer::start().await;
    create_container()
        .respond_with(answer(401, json!({})))
        .mount(&server)
        .await;
    assert!(matches!(
        publish(&server, &outgoing("Hi", 0)).await,
        Err(NetworkError::Unauthorized(_))
    ));
}

#[tokio::test]
async fn throttling_says_when_to_come_back() {
    let server = MockServer::start().await;
    create_container()
        .respond_with(answer(429, json!({})).insert_header("retry-after", "120"))
        .mount(&server)
        .await;
    let Err(NetworkError::Unavailable { retry_after, .. }) = publish(&server, &outgoing("Hi", 0)).await
    else {
        panic!("a 429 is transient")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(120)));
    assert!(!Threads.resend_is_safe());
}
