use super::*;
use crate::server::platforms::testing::{Harness, outgoing};
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::{body_partial_json, body_string, header, method, path, query_param};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};

const MEMBER: &str = "urn:li:person:782bbtaQ";

fn credentials(author_urn: &str) -> Credentials {
    Credentials::LinkedIn {
        access_token: "t0ken".into(),
        author_urn: author_urn.into(),
    }
}

async fn verify(server: &MockServer, author_urn: &str) -> Result<Verified, NetworkError> {
    LinkedIn
        .verify(&Harness::new(server).ctx(), &credentials(author_urn))
        .await
}

async fn publish(server: &MockServer, outgoing: &Outgoing) -> Result<Published, NetworkError> {
    LinkedIn
        .publish(&Harness::new(server).ctx(), &credentials(MEMBER), outgoing)
        .await
}

/// A versioned call with all the headers LinkedIn wants.
fn rest_call(verb: &str, at: &str) -> MockBuilder {
    Mock::given(method(verb))
        .and(path(at))
        .and(header("authorization", "Bearer t0ken"))
        .and(header("linkedin-version", LINKEDIN_VERSION))
        .and(header("x-restli-protocol-version", "2.0.0"))
}

fn created(urn: &str) -> ResponseTemplate {
    ResponseTemplate::new(201).insert_header("x-restli-id", urn)
}

/// Image `n`: initializeUpload names upload address /dms-uploads/{n}, which takes the bytes.
async fn mount_upload(server: &MockServer, n: usize) {
    rest_call("POST", "/rest/images")
        .and(query_param("action", "initializeUpload"))
        .and(body_partial_json(
            json!({ "initializeUploadRequest": { "owner": MEMBER } }),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": {
                "uploadUrlExpiresAt": 1_650_567_510_704_u64,
                "uploadUrl": format!("{}/dms-uploads/{n}", server.uri()),
                "image": format!("urn:li:image:C{n}")
            }
        })))
        .up_to_n_times(1)
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("PUT"))
        .and(path(format!("/dms-uploads/{n}")))
        .and(header("authorization", "Bearer t0ken"))
        .and(body_string(format!("png bytes {n}")))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(server)
        .await;
}

fn userinfo(status: u16, body: serde_json::Value) -> Mock {
    Mock::given(method("GET"))
        .and(path("/v2/userinfo"))
        .and(header("authorization", "Bearer t0ken"))
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
}

#[tokio::test]
async fn names_the_member() {
    let server = MockServer::start().await;
    userinfo(
        200,
        json!({ "sub": "782bbtaQ", "name": "Ada Lovelace", "given_name": "Ada" }),
    )
    .expect(1)
    .mount(&server)
    .await;
    let verified = verify(&server, "urn:li:person:782bbtaQ").await.unwrap();
    assert_eq!(verified.handle, "Ada Lovelace");
}

#[tokio::test]
async fn a_token_of_another_member_is_rejected() {
    let server = MockServer::start().await;
    userinfo(200, json!({ "sub": "someoneElse", "name": "Bob" }))
        .mount(&server)
        .await;
    let Err(NetworkError::Rejected { message, .. }) = verify(&server, "urn:li:person:782bbtaQ").await else {
        panic!("a mismatch is rejected")
    };
    assert!(message.contains("urn:li:person:someoneElse"), "{message}");
}

#[tokio::test]
async fn names_the_organization() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/organizations/2414183"))
        .and(header("authorization", "Bearer t0ken"))
        .and(header("linkedin-version", LINKEDIN_VERSION))
        .and(header("x-restli-protocol-version", "2.0.0"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({ "id": 2414183, "localizedName": "Herald Inc" })),
        )
        .expect(1)
        .mount(&server)
        .await;
    let verified = verify(&server, "urn:li:organization:2414183").await.unwrap();
    assert_eq!(verified.handle, "Herald Inc");
}

#[tokio::test]
async fn a_malformed_author_is_refused_without_a_request() {
    let server = MockServer::start().await;
    for urn in [
        "urn:li:company:1",
        "urn:li:person:",
        "urn:li:organization:12/../34",
        "ada",
        "",
    ] {
        assert!(
            matches!(
                verify(&server, urn).await,
                Err(NetworkError::Rejected { status: 400, .. })
            ),
            "{urn}"
        );
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn refusals_and_outages_are_sorted() {
    let server = MockServer::start().await;
    userinfo(
        401,
        json!({ "serviceErrorCode": 65600, "message": "Invalid access token", "status": 401 }),
    )
    .mount(&server)
    .await;
    let error = verify(&server, "urn:li:person:782bbtaQ").await.unwrap_err();
    assert_eq!(error, NetworkError::Unauthorized("Invalid access token".into()));

    let server = MockServer::start().await;
    userinfo(503, json!({})).mount(&server).await;
    assert!(
        verify(&server, "urn:li:person:782bbtaQ")
            .await
            .unwrap_err()
            .is_transient()
    );
}

#[tokio::test]
async fn publishes_text_as_the_author() {
    let server = MockServer::start().await;
    rest_call("POST", "/rest/posts")
        .and(body_partial_json(json!({
            "author": MEMBER,
            "commentary": r"Hiring \(bakers\) {hashtag|#|jobs}",
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": []
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": false
        })))
        .respond_with(created("urn:li:share:7012345"))
        .expect(1)
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing("Hiring (bakers) #jobs", 0))
        .await
        .unwrap();
    assert_eq!(
        published,
        Published {
            remote_id: "urn:li:share:7012345".into(),
            url: Some("https://www.linkedin.com/feed/update/urn:li:share:7012345/".into()),
        }
    );
    let body: serde_json::Value = server.received_requests().await.unwrap()[0].body_json().unwrap();
    assert!(body.get("content").is_none(), "no content without images");
}

#[tokio::test]
async fn one_image_is_uploaded_then_attached() {
    let server = MockServer::start().await;
    mount_upload(&server, 1).await;
    rest_call("POST", "/rest/posts")
        .and(body_partial_json(json!({
            "content": { "media": { "id": "urn:li:image:C1", "altText": "picture 1" } }
        })))
        .respond_with(created("urn:li:share:7012345"))
        .expect(1)
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing("Rye", 1)).await.unwrap();
    assert_eq!(published.remote_id, "urn:li:share:7012345");
}

#[tokio::test]
async fn several_images_make_a_multi_image_post() {
    let server = MockServer::start().await;
    mount_upload(&server, 1).await;
    mount_upload(&server, 2).await;
    rest_call("POST", "/rest/posts")
        .and(body_partial_json(json!({
            "content": { "multiImage": { "images": [
                { "id": "urn:li:image:C1", "altText": "picture 1" },
                { "id": "urn:li:image:C2", "altText": "picture 2" }
            ] } }
        })))
        .respond_with(created("urn:li:share:7012345"))
        .expect(1)
        .mount(&server)
        .await;
    let published = publish(&server, &outgoing("Two loaves", 2)).await.unwrap();
    assert_eq!(published.remote_id, "urn:li:share:7012345");
}

#[tokio::test]
async fn the_token_goes_to_no_upload_address_outside_linkedin() {
    let server = MockServer::start().await;
    rest_call("POST", "/rest/images")
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "value": { "uploadUrl": "https://uploads.example.com/put", "image": "urn:li:image:C1" }
        })))
        .mount(&server)
        .await;
    assert!(matches!(
        publish(&server, &outgoing("Rye", 1)).await,
        Err(NetworkError::Protocol(_))
    ));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_post_without_an_id_is_a_protocol_error() {
    let server = MockServer::start().await;
    rest_call("POST", "/rest/posts")
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    assert!(matches!(
        publish(&server, &outgoing("Hi", 0)).await,
        Err(NetworkError::Protocol(_))
    ));
}

#[tokio::test]
async fn an_outage_is_transient_and_the_next_try_succeeds() {
    let server = MockServer::start().await;
    rest_call("POST", "/rest/posts")
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    rest_call("POST", "/rest/posts")
        .respond_with(created("urn:li:share:7012345"))
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
        "urn:li:share:7012345"
    );
}

#[tokio::test]
async fn refusals_are_sorted() {
    let server = MockServer::start().await;
    rest_call("POST", "/rest/posts")
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({
            "message": "ERROR :: /commentary :: length exceeds 3000",
            "status": 422
        })))
        .mount(&server)
        .await;
    assert_eq!(
        publish(&server, &outgoing("Hi", 0)).await,
        Err(NetworkError::Rejected {
            status: 422,
            message: "ERROR :: /commentary :: length exceeds 3000".into()
        })
    );
    let server = MockServer::start().await;
    rest_call("POST", "/rest/posts")
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "serviceErrorCode": 65600, "message": "Invalid access token", "status": 401
        })))
        .mount(&server)
        .await;
    assert_eq!(
        publish(&server, &outgoing("Hi", 0)).await,
        Err(NetworkError::Unauthorized("Invalid access token".into()))
    );
}

#[tokio::test]
async fn throttling_says_when_to_come_back() {
    let server = MockServer::start().await;
    rest_call("POST", "/rest/posts")
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "120"))
        .mount(&server)
        .await;
    let Err(NetworkError::Unavailable { retry_after, .. }) = publish(&server, &outgoing("Hi", 0)).await
    else {
        panic!("a 429 is transient")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(120)));
    assert!(!LinkedIn.resend_is_safe());
}
