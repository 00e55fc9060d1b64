use super::*;
use crate::server::platforms::meta_graph::contract::container_contract;
use crate::server::platforms::meta_graph::fake::{FakeContainers, answer};
use crate::server::platforms::testing::outgoing;
use serde_json::json;
use wiremock::MockServer;

fn instagram() -> FakeContainers {
    FakeContainers {
        network: &Instagram,
        credentials: Credentials::Instagram {
            access_token: "t0ken".into(),
            ig_user_id: "17841400000000000".into(),
        },
        verify_asks: ("17841400000000000", "id,username"),
        create_at: "/17841400000000000/media",
        publish_at: "/17841400000000000/media_publish",
        state_field: "status_code",
        detail_field: "status",
        text_field: "caption",
        image_fields: &[],
        fewest_images: 1,
        permalink: "https://www.instagram.com/p/DXyZ/",
    }
}

container_contract!(instagram());

#[tokio::test]
async fn names_the_account() {
    let verified = instagram()
        .verifying(answer(
            200,
            json!({ "id": "17841400000000000", "username": "herald.bakery" }),
        ))
        .await
        .unwrap();
    assert_eq!(verified.handle, "@herald.bakery");
}

#[tokio::test]
async fn text_alone_is_refused_without_a_request() {
    let server = MockServer::start().await;
    let Err(NetworkError::Rejected { message, .. }) =
        instagram().publish(&server, &outgoing("Just words", 0)).await
    else {
        panic!("Instagram needs an image")
    };
    assert!(message.contains("at least one image"), "{message}");
    assert!(server.received_requests().await.unwrap().is_empty());
}
