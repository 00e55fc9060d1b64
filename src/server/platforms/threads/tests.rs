use super::*;
use crate::server::platforms::meta_graph::contract::container_contract;
use crate::server::platforms::meta_graph::fake::{FakeContainers, answer, created};
use crate::server::platforms::testing::{form_has, outgoing};
use serde_json::json;
use wiremock::MockServer;

fn threads() -> FakeContainers {
    FakeContainers {
        network: &Threads,
        credentials: Credentials::Threads {
            access_token: "t0ken".into(),
            user_id: "1789".into(),
        },
        verify_asks: ("me", "id,username"),
        create_at: "/1789/threads",
        publish_at: "/1789/threads_publish",
        state_field: "status",
        detail_field: "error_message",
        text_field: "text",
        image_fields: &[("media_type", "IMAGE")],
        fewest_images: 0,
        permalink: "https://www.threads.com/@herald/post/DAbC",
    }
}

container_contract!(threads());

#[tokio::test]
async fn names_the_profile() {
    let verified = threads()
        .verifying(answer(200, json!({ "id": "1789", "username": "herald" })))
        .await
        .unwrap();
    assert_eq!(verified.handle, "@herald");
}

#[tokio::test]
async fn a_token_for_another_profile_is_rejected() {
    let Err(NetworkError::Rejected { message, .. }) = threads()
        .verifying(answer(200, json!({ "id": "42", "username": "other" })))
        .await
    else {
        panic!("a mismatch is rejected")
    };
    assert!(message.contains("user id 42 (@other), not 1789"), "{message}");
}

/// A text container needs no wait: nothing is asked about its status.
#[tokio::test]
async fn publishes_text_in_two_steps() {
    let threads = threads();
    let server = MockServer::start().await;
    threads
        .create()
        .and(form_has(&[("media_type", "TEXT"), ("text", "Ovens on")]))
        .respond_with(created("1801"))
        .expect(1)
        .mount(&server)
        .await;
    threads.mount_published(&server, "1801", "1809").await;
    let published = threads.publish(&server, &outgoing("Ovens on", 0)).await.unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: "1809".into(),
            url: Some("https://www.threads.com/@herald/post/DAbC".into()),
        }
    );
    let requests = server.received_requests().await.unwrap();
    assert!(requests.iter().all(|r| !r.url.as_str().contains("t0ken")));
    assert_eq!(requests.len(), 3, "create, publish, permalink");
}
