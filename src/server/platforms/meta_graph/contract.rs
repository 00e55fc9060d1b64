//! What every network publishing through media containers must do, checked once here and run
//! by each such network's tests with its own names: `container_contract!(instagram())`.
use super::fake::{FakeContainers, answer, created};
use crate::server::platforms::testing::{form_has, form_of, outgoing};
use crate::server::platforms::{NetworkError, Published};
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CONTAINER: &str = "1790001";
const MEDIA: &str = "1795555";

/// Writes one `#[tokio::test]` per check below into the calling test module, each run on the
/// `FakeContainers` that `$net` builds.
macro_rules! container_contract {
    ($net:expr) => {
        $crate::server::platforms::meta_graph::contract::container_contract!(@each $net;
            refusals_and_outages_are_sorted,
            publishes_one_image_once_processed,
            several_images_make_a_carousel,
            a_container_that_failed_is_rejected_and_not_published,
            a_container_that_never_finishes_is_transient,
            a_missing_permalink_does_not_undo_the_post,
            an_outage_is_transient_and_the_next_try_succeeds,
            refusals_are_sorted,
            throttling_says_when_to_come_back,
        );
    };
    (@each $net:expr; $($check:ident,)+) => {
        $(
            #[tokio::test]
            async fn $check() {
                $crate::server::platforms::meta_graph::contract::$check(&$net).await;
            }
        )+
    };
}
pub(crate) use container_contract;

/// Verifying: a refused token is unauthorized even as a 400; an outage is transient.
pub async fn refusals_and_outages_are_sorted(net: &FakeContainers) {
    assert!(matches!(
        net.verifying(answer(401, json!({}))).await,
        Err(NetworkError::Unauthorized(_))
    ));
    for (code, message) in [(10, "(#10) Missing permission"), (190, "Session has expired")] {
        let refused = json!({ "error": { "message": message, "type": "OAuthException", "code": code } });
        assert_eq!(
            net.verifying(answer(400, refused)).await,
            Err(NetworkError::Unauthorized(message.into()))
        );
    }
    assert!(
        net.verifying(answer(503, json!({})))
            .await
            .unwrap_err()
            .is_transient()
    );
}

pub async fn publishes_one_image_once_processed(net: &FakeContainers) {
    let server = MockServer::start().await;
    let mut fields = net.image_fields.to_vec();
    fields.extend([
        ("image_url", "https://herald.example/media/1.png"),
        ("alt_text", "picture 1"),
        (net.text_field, "Croissants"),
    ]);
    net.create()
        .and(form_has(&fields))
        .respond_with(created(CONTAINER))
        .expect(1)
        .mount(&server)
        .await;
    net.status(CONTAINER)
        .respond_with(net.in_state("IN_PROGRESS"))
        .up_to_n_times(2)
        .expect(2)
        .mount(&server)
        .await;
    net.status(CONTAINER)
        .respond_with(net.in_state("FINISHED"))
        .expect(1)
        .mount(&server)
        .await;
    net.mount_published(&server, CONTAINER, MEDIA).await;
    let published = net.publish(&server, &outgoing("Croissants", 1)).await.unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: MEDIA.into(),
            url: Some(net.permalink.into()),
        }
    );
    let requests = server.received_requests().await.unwrap();
    assert!(requests.iter().all(|r| !r.url.as_str().contains("t0ken")));
}

pub async fn several_images_make_a_carousel(net: &FakeContainers) {
    let server = MockServer::start().await;
    for (n, id) in [(1, "1790001"), (2, "1790002")] {
        let (url, alt) = (
            format!("https://herald.example/media/{n}.png"),
            format!("picture {n}"),
        );
        let mut fields = net.image_fields.to_vec();
        fields.extend([
            ("image_url", &*url),
            ("alt_text", &*alt),
            ("is_carousel_item", "true"),
        ]);
        net.create()
            .and(form_has(&fields))
            .respond_with(created(id))
            .expect(1)
            .mount(&server)
            .await;
    }
    let carousel = [
        ("media_type", "CAROUSEL"),
        ("children", "1790001,1790002"),
        (net.text_field, "A dozen"),
    ];
    net.create()
        .and(form_has(&carousel))
        .respond_with(created("1790003"))
        .expect(1)
        .mount(&server)
        .await;
    for id in ["1790001", "1790002", "1790003"] {
        net.status(id)
            .respond_with(net.in_state("FINISHED"))
            .expect(1)
            .mount(&server)
            .await;
    }
    net.mount_published(&server, "1790003", MEDIA).await;
    let published = net.publish(&server, &outgoing("A dozen", 2)).await.unwrap();
    assert_eq!(published.remote_id, MEDIA);
    let item = form_of(&server.received_requests().await.unwrap()[0]);
    assert!(
        item.iter().all(|(key, _)| key != net.text_field),
        "items carry no text"
    );
}

pub async fn a_container_that_failed_is_rejected_and_not_published(net: &FakeContainers) {
    let failed = net.failed("FAILED_DOWNLOADING_IMAGE: 2207026");
    let NetworkError::Rejected { message, .. } = publish_unready(net, failed, 1).await else {
        panic!("a failed container is final")
    };
    assert!(
        message.contains("ERROR") && message.contains("FAILED_DOWNLOADING_IMAGE: 2207026"),
        "{message}"
    );
}

pub async fn a_container_that_never_finishes_is_transient(net: &FakeContainers) {
    let error = publish_unready(net, net.in_state("IN_PROGRESS"), 15).await;
    assert!(error.is_transient(), "{error}");
}

/// The error of publishing an image whose container's status, asked `times` times, always
/// answers `status`. The container must not be published.
async fn publish_unready(net: &FakeContainers, status: ResponseTemplate, times: u64) -> NetworkError {
    let server = MockServer::start().await;
    net.create().respond_with(created(CONTAINER)).mount(&server).await;
    net.status(CONTAINER)
        .respond_with(status)
        .expect(times)
        .mount(&server)
        .await;
    net.publish_container(CONTAINER)
        .respond_with(created(MEDIA))
        .expect(0)
        .mount(&server)
        .await;
    net.publish(&server, &outgoing("Hi", 1)).await.unwrap_err()
}

/// A container that is ready as soon as it is asked, on `server`.
async fn mount_ready(net: &FakeContainers, server: &MockServer) {
    net.status(CONTAINER)
        .respond_with(net.in_state("FINISHED"))
        .mount(server)
        .await;
}

pub async fn a_missing_permalink_does_not_undo_the_post(net: &FakeContainers) {
    let server = MockServer::start().await;
    net.create().respond_with(created(CONTAINER)).mount(&server).await;
    mount_ready(net, &server).await;
    net.publish_container(CONTAINER)
        .respond_with(created(MEDIA))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/{MEDIA}")))
        .respond_with(answer(500, json!({})))
        .mount(&server)
        .await;
    let published = net
        .publish(&server, &outgoing("Hi", net.fewest_images))
        .await
        .unwrap();
    assert_eq!(published.remote_id, MEDIA);
    assert_eq!(published.url, None);
}

pub async fn an_outage_is_transient_and_the_next_try_succeeds(net: &FakeContainers) {
    let server = MockServer::start().await;
    net.create()
        .respond_with(answer(503, json!({})))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    net.create().respond_with(created(CONTAINER)).mount(&server).await;
    mount_ready(net, &server).await;
    net.mount_published(&server, CONTAINER, MEDIA).await;
    let post = outgoing("Hi", net.fewest_images);
    assert!(net.publish(&server, &post).await.unwrap_err().is_transient());
    assert_eq!(net.publish(&server, &post).await.unwrap().remote_id, MEDIA);
}

/// Creating the container is refused: a bad post is rejected with Meta's words, a refused
/// token is unauthorized (as a 401 or as a 400 with a token code).
pub async fn refusals_are_sorted(net: &FakeContainers) {
    let graph_error = |code: i64, message: &str| {
        answer(
            400,
            json!({ "error": { "message": message, "type": "OAuthException", "code": code } }),
        )
    };
    let mistakes = [
        (9004, "Only photo or video can be accepted as media type."),
        (100, "The text is too long."),
    ];
    for (code, message) in mistakes {
        let rejected = NetworkError::Rejected {
            status: 400,
            message: message.into(),
        };
        assert_eq!(refused_with(net, graph_error(code, message)).await, rejected);
    }
    let expired = "Error validating access token";
    assert_eq!(
        refused_with(net, graph_error(190, expired)).await,
        NetworkError::Unauthorized(expired.into())
    );
    let unauthorized = refused_with(net, answer(401, json!({}))).await;
    assert!(
        matches!(unauthorized, NetworkError::Unauthorized(_)),
        "{unauthorized:?}"
    );
}

pub async fn throttling_says_when_to_come_back(net: &FakeContainers) {
    let too_many = answer(429, json!({})).insert_header("retry-after", "120");
    let NetworkError::Unavailable { retry_after, .. } = refused_with(net, too_many).await else {
        panic!("a 429 is transient")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(120)));
    assert!(!net.network.resend_is_safe());
}

/// The error of a publish whose container creation answers `response`.
async fn refused_with(net: &FakeContainers, response: ResponseTemplate) -> NetworkError {
    let server = MockServer::start().await;
    net.create().respond_with(response).mount(&server).await;
    net.publish(&server, &outgoing("Hi", net.fewest_images))
        .await
        .unwrap_err()
}
