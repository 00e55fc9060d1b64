//! Local fakes of the networks, shared by the integration and browser tests.
use wiremock::matchers::{body_partial_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const MASTODON_TOKEN: &str = "mastodon-secret-token-123";
pub const BLUESKY_HANDLE: &str = "herald.test";
pub const BLUESKY_APP_PASSWORD: &str = "abcd-efgh-ijkl-mnop";

/// A Mastodon instance that knows one token (limit 1000 characters, URLs count 23).
pub async fn fake_mastodon() -> MockServer {
    let server = MockServer::start().await;
    mount_mastodon(&server).await;
    server
}

pub async fn mount_mastodon(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/api/v1/accounts/verify_credentials"))
        .and(header(
            "authorization",
            format!("Bearer {MASTODON_TOKEN}").as_str(),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "id": "1", "username": "herald", "acct": "herald", "display_name": "Herald Test"
        })))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/accounts/verify_credentials"))
        .respond_with(
            ResponseTemplate::new(401)
                .set_body_json(serde_json::json!({"error": "The access token is invalid"})),
        )
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v2/instance"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "domain": "fake.example",
            "configuration": {"statuses": {"max_characters": 1000, "characters_reserved_per_url": 23}}
        })))
        .mount(server)
        .await;
}

/// A Bluesky PDS that knows one app password.
pub async fn mount_bluesky(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.server.createSession"))
        .and(body_partial_json(
            serde_json::json!({"identifier": BLUESKY_HANDLE, "password": BLUESKY_APP_PASSWORD}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "did": "did:plc:fake", "handle": BLUESKY_HANDLE, "accessJwt": "access", "refreshJwt": "refresh"
        })))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.server.createSession"))
        .respond_with(ResponseTemplate::new(401).set_body_json(serde_json::json!({
            "error": "AuthenticationRequired", "message": "Invalid identifier or password"
        })))
        .mount(server)
        .await;
}

/// Accepts every status as the post at `{server}/@herald/4242`, and serves that page, so a
/// browser can follow the published link.
pub async fn mount_mastodon_statuses(server: &MockServer) {
    Mock::given(method("POST"))
        .and(path("/api/v1/statuses"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "id": "4242", "url": format!("{}/@herald/4242", server.uri())
        })))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/@herald/4242"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            "<!doctype html><title>Fake post</title><h1>Published on the fake network</h1>",
            "text/html",
        ))
        .mount(server)
        .await;
}
