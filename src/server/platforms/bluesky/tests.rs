use super::session::{Kept, Session};
use super::*;
use crate::server::platforms::{Endpoints, OutgoingImage, SessionCache};
use serde_json::{Value, json};
use std::time::Duration;
use uuid::Uuid;
use wiremock::matchers::{body_bytes, body_partial_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const DID: &str = "did:plc:alice0example0000000000";
const TARGET: Uuid = Uuid::from_u128(0x5b0c1d2e_3f40_4a51_8b62_7c839da4eb5f);
const ACCOUNT: Uuid = Uuid::from_u128(0x0a0b0c0d_0e0f_4000_8000_000000000001);

struct Fake {
    server: MockServer,
    endpoints: Endpoints,
    http: reqwest::Client,
    sessions: SessionCache,
}

impl Fake {
    async fn start() -> Self {
        let server = MockServer::start().await;
        let endpoints = Endpoints {
            bluesky_pds: server.uri(),
            telegram_api: server.uri(),
            linkedin_api: server.uri(),
            x_api: server.uri(),
            threads_api: server.uri(),
            facebook_graph: server.uri(),
        };
        crate::server::outbound::use_ring_for_tls();
        Fake {
            server,
            endpoints,
            http: reqwest::Client::new(),
            sessions: SessionCache::default(),
        }
    }

    fn ctx(&self) -> NetworkContext<'_> {
        NetworkContext {
            http: &self.http,
            endpoints: &self.endpoints,
            sessions: &self.sessions,
        }
    }

    async fn publish(&self, outgoing: &Outgoing) -> Result<Published, NetworkError> {
        Bluesky.publish(&self.ctx(), &credentials(), outgoing).await
    }

    /// A session logged in earlier, now with an expired access token.
    fn keep_session(&self, access: &str, refresh: &str) {
        let kept = Kept {
            pds: self.server.uri(),
            identifier: "alice.example.com".into(),
            session: session(access, refresh),
        };
        self.sessions.put(ACCOUNT, &kept);
    }

    fn kept_access_token(&self) -> Option<String> {
        self.sessions
            .get::<Kept>(ACCOUNT)
            .map(|kept| kept.session.access_jwt)
    }

    async fn login_answers(&self, answer: ResponseTemplate, times: u64) {
        Mock::given(method("POST"))
            .and(path("/xrpc/com.atproto.server.createSession"))
            .and(body_partial_json(
                json!({ "identifier": "alice.example.com", "password": "abcd-efgh-ijkl-mnop" }),
            ))
            .respond_with(answer)
            .expect(times)
            .mount(&self.server)
            .await;
    }

    async fn create_answers(&self, token: &str, answer: ResponseTemplate, times: u64) {
        Mock::given(method("POST"))
            .and(path("/xrpc/com.atproto.repo.createRecord"))
            .and(header("authorization", format!("Bearer {token}").as_str()))
            .and(body_partial_json(json!({
                "repo": DID,
                "collection": "app.bsky.feed.post",
                "rkey": rkey(),
                "record": { "$type": "app.bsky.feed.post" },
            })))
            .respond_with(answer)
            // Answers this many calls, then lets the next mock answer (wiremock wants n > 0).
            .up_to_n_times(times.max(1))
            .expect(times)
            .mount(&self.server)
            .await;
    }

    async fn get_record_answers(&self, answer: ResponseTemplate, times: u64) {
        Mock::given(method("GET"))
            .and(path("/xrpc/com.atproto.repo.getRecord"))
            .and(query_param("repo", DID))
            .and(query_param("collection", "app.bsky.feed.post"))
            .and(query_param("rkey", rkey().as_str()))
            .respond_with(answer)
            .expect(times)
            .mount(&self.server)
            .await;
    }

    /// The record of the last createRecord call.
    async fn sent_record(&self) -> Value {
        let requests = self.server.received_requests().await.unwrap();
        let create = requests
            .iter()
            .rev()
            .find(|r| r.url.path().ends_with("createRecord"))
            .expect("a createRecord call");
        serde_json::from_slice::<Value>(&create.body).unwrap()["record"].clone()
    }
}

fn credentials() -> Credentials {
    Credentials::Bluesky {
        pds_url: None,
        handle: "alice.example.com".into(),
        app_password: "abcd-efgh-ijkl-mnop".into(),
    }
}

fn outgoing(text: &str) -> Outgoing {
    Outgoing {
        target_id: TARGET,
        account_id: ACCOUNT,
        text: text.into(),
        images: vec![],
    }
}

fn rkey() -> String {
    tid::record_key(TARGET)
}

fn session(access: &str, refresh: &str) -> Session {
    Session {
        access_jwt: access.into(),
        refresh_jwt: refresh.into(),
        did: DID.into(),
        handle: "alice.example.com".into(),
    }
}

fn session_answer(access: &str, refresh: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "accessJwt": access,
        "refreshJwt": refresh,
        "handle": "alice.example.com",
        "did": DID,
        "active": true,
    }))
}

fn created() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "uri": format!("at://{DID}/app.bsky.feed.post/{}", rkey()),
        "cid": "bafyreibjifzpqj6o6wcq3hejh7y4z4z2vmiklkvykc57tw3pcbx3kxifpm",
        "validationStatus": "valid",
    }))
}

fn xrpc_error(status: u16, error: &str, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({ "error": error, "message": message }))
}

fn expected_published() -> Published {
    Published {
        remote_id: format!("at://{DID}/app.bsky.feed.post/{}", rkey()),
        url: Some(format!(
            "https://bsky.app/profile/alice.example.com/post/{}",
            rkey()
        )),
    }
}

#[tokio::test]
async fn publishes_text_with_facets_and_returns_the_permalink() {
    let fake = Fake::start().await;
    fake.login_answers(session_answer("access-1", "refresh-1"), 1)
        .await;
    Mock::given(method("GET"))
        .and(path("/xrpc/com.atproto.identity.resolveHandle"))
        .and(query_param("handle", "bob.example.com"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "did": "did:plc:bob" })))
        .expect(1)
        .mount(&fake.server)
        .await;
    let text = "🎉 Hallo @bob.example.com, see https://example.com #herald";
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.repo.createRecord"))
        .and(header("authorization", "Bearer access-1"))
        .and(body_partial_json(json!({
            "repo": DID,
            "collection": "app.bsky.feed.post",
            "rkey": rkey(),
            "record": {
                "$type": "app.bsky.feed.post",
                "text": text,
                // Byte offsets: the emoji is 4 bytes, "🎉 Hallo " 11.
                "facets": [
                    {
                        "index": { "byteStart": 11, "byteEnd": 27 },
                        "features": [{ "$type": "app.bsky.richtext.facet#mention", "did": "did:plc:bob" }],
                    },
                    {
                        "index": { "byteStart": 33, "byteEnd": 52 },
                        "features": [{ "$type": "app.bsky.richtext.facet#link", "uri": "https://example.com" }],
                    },
                    {
                        "index": { "byteStart": 53, "byteEnd": 60 },
                        "features": [{ "$type": "app.bsky.richtext.facet#tag", "tag": "herald" }],
                    },
                ],
            },
        })))
        .respond_with(created())
        .expect(1)
        .mount(&fake.server)
        .await;

    assert_eq!(fake.publish(&outgoing(text)).await.unwrap(), expected_published());

    let record = fake.sent_record().await;
    let created_at = record["createdAt"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(created_at).is_ok(),
        "{created_at}"
    );
    assert!(record.get("langs").is_none() && record.get("embed").is_none());
    assert_eq!(record["facets"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn reuses_the_session_across_publishes() {
    let fake = Fake::start().await;
    fake.login_answers(session_answer("access-1", "refresh-1"), 1)
        .await;
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.repo.createRecord"))
        .and(header("authorization", "Bearer access-1"))
        .respond_with(created())
        .expect(2)
        .mount(&fake.server)
        .await;

    fake.publish(&outgoing("first")).await.unwrap();
    let second = Outgoing {
        target_id: Uuid::from_u128(TARGET.as_u128() ^ 0xffff),
        ..outgoing("second")
    };
    fake.publish(&second).await.unwrap();
}

#[tokio::test]
async fn an_expired_token_is_refreshed_without_logging_in() {
    let fake = Fake::start().await;
    fake.keep_session("old-access", "old-refresh");
    fake.login_answers(session_answer("access-1", "refresh-1"), 0)
        .await;
    fake.create_answers(
        "old-access",
        xrpc_error(400, "ExpiredToken", "Token has expired"),
        1,
    )
    .await;
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.server.refreshSession"))
        .and(header("authorization", "Bearer old-refresh"))
        .respond_with(session_answer("new-access", "new-refresh"))
        .expect(1)
        .mount(&fake.server)
        .await;
    fake.create_answers("new-access", created(), 1).await;

    assert_eq!(
        fake.publish(&outgoing("hello")).await.unwrap(),
        expected_published()
    );
    assert_eq!(fake.kept_access_token().as_deref(), Some("new-access"));
}

#[tokio::test]
async fn a_refused_refresh_logs_in_once() {
    let fake = Fake::start().await;
    fake.keep_session("old-access", "old-refresh");
    fake.create_answers(
        "old-access",
        xrpc_error(401, "AuthenticationRequired", "Invalid token"),
        1,
    )
    .await;
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.server.refreshSession"))
        .respond_with(xrpc_error(400, "ExpiredToken", "Token has expired"))
        .expect(1)
        .mount(&fake.server)
        .await;
    fake.login_answers(session_answer("access-1", "refresh-1"), 1)
        .await;
    fake.create_answers("access-1", created(), 1).await;

    assert_eq!(
        fake.publish(&outgoing("hello")).await.unwrap(),
        expected_published()
    );
    assert_eq!(fake.kept_access_token().as_deref(), Some("access-1"));
}

#[tokio::test]
async fn a_refused_login_is_unauthorized() {
    let fake = Fake::start().await;
    fake.login_answers(
        xrpc_error(401, "AuthenticationRequired", "Invalid identifier or password"),
        1,
    )
    .await;
    fake.create_answers("access-1", created(), 0).await;

    let error = fake.publish(&outgoing("hello")).await.unwrap_err();
    assert_eq!(
        error,
        NetworkError::Unauthorized("Invalid identifier or password".into())
    );
    assert!(!error.to_string().contains("abcd-efgh"));
    assert_eq!(fake.kept_access_token(), None);
}

#[tokio::test]
async fn a_token_refused_right_after_login_is_unauthorized() {
    let fake = Fake::start().await;
    fake.login_answers(session_answer("access-1", "refresh-1"), 1)
        .await;
    fake.create_answers(
        "access-1",
        xrpc_error(401, "AuthenticationRequired", "Bad token"),
        1,
    )
    .await;
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.server.refreshSession"))
        .respond_with(session_answer("new-access", "new-refresh"))
        .expect(0)
        .mount(&fake.server)
        .await;

    let error = fake.publish(&outgoing("hello")).await.unwrap_err();
    assert!(matches!(error, NetworkError::Unauthorized(_)), "{error:?}");
    assert!(!error.to_string().contains("access-1"));
    // The next publish logs in afresh.
    assert_eq!(fake.kept_access_token(), None);
}

#[tokio::test]
async fn uploads_images_with_alt_text_and_aspect_ratio() {
    let fake = Fake::start().await;
    fake.login_answers(session_answer("access-1", "refresh-1"), 1)
        .await;
    let png = b"\x89PNG\r\n\x1a\n fake image bytes".to_vec();
    let blob = json!({
        "$type": "blob",
        "ref": { "$link": "bafkreibabalobzn6cd366ukcsjycp4yymjymgfxcv6xczmlgpemzkz3cfa" },
        "mimeType": "image/png",
        "size": png.len(),
    });
    Mock::given(method("POST"))
        .and(path("/xrpc/com.atproto.repo.uploadBlob"))
        .and(header("authorization", "Bearer access-1"))
        .and(header("content-type", "image/png"))
        .and(body_bytes(png.clone()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({ "blob": blob })))
        .expect(2)
        .mount(&fake.server)
        .await;
    fake.create_answers("access-1", created(), 1).await;
    let image = |alt: &str, width, height| OutgoingImage {
        bytes: png.clone().into(),
        content_type: "image/png".into(),
        alt_text: alt.into(),
        width,
        height,
        public_url: "https://herald.example/media/1".into(),
    };
    let post = Outgoing {
        images: vec![image("A lighthouse", 1600, 900), image("", 0, 0)],
        ..outgoing("Two pictures")
    };

    assert_eq!(fake.publish(&post).await.unwrap(), expected_published());
    assert_eq!(
        fake.sent_record().await["embed"],
        json!({
            "$type": "app.bsky.embed.images",
            "images": [
                { "image": blob, "alt": "A lighthouse", "aspectRatio": { "width": 1600, "height": 900 } },
                { "image": blob, "alt": "" },
            ],
        })
    );
}

#[tokio::test]
async fn more_than_four_images_are_rejected_before_any_call() {
    let fake = Fake::start().await;
    let image = OutgoingImage {
        bytes: vec![1, 2, 3].into(),
        content_type: "image/jpeg".into(),
        alt_text: String::new(),
        width: 1,
        height: 1,
        public_url: String::new(),
    };
    let post = Outgoing {
        images: vec![image; 5],
        ..outgoing("Five")
    };
    assert!(matches!(
        fake.publish(&post).await,
        Err(NetworkError::Rejected { status: 400, .. })
    ));
    assert!(fake.server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn unresolvable_mentions_stay_plain_text() {
    let fake = Fake::start().await;
    fake.login_answers(session_answer("access-1", "refresh-1"), 1)
        .await;
    Mock::given(method("GET"))
        .and(path("/xrpc/com.atproto.identity.resolveHandle"))
        .respond_with(xrpc_error(400, "InvalidRequest", "Unable to resolve handle"))
        .expect(1)
        .mount(&fake.server)
        .await;
    fake.create_answers("access-1", created(), 1).await;

    fake.publish(&outgoing("hi @nobody.example.com")).await.unwrap();
    assert!(fake.sent_record().await.get("facets").is_none());
}

#[tokio::test]
async fn a_repeat_create_returns_the_existing_record() {
    let fake = Fake::start().await;
    fake.login_answers(session_answer("access-1", "refresh-1"), 1)
        .await;
    // What the reference PDS answers when the key is taken (bluesky-social/atproto#3718).
    fake.create_answers(
        "access-1",
        xrpc_error(500, "InternalServerError", "Internal Server Error"),
        1,
    )
    .await;
    fake.get_record_answers(
        ResponseTemplate::new(200).set_body_json(json!({
            "uri": format!("at://{DID}/app.bsky.feed.post/{}", rkey()),
            "cid": "bafyreibjifzpqj6o6wcq3hejh7y4z4z2vmiklkvykc57tw3pcbx3kxifpm",
            "value": { "$type": "app.bsky.feed.post", "text": "hello", "createdAt": "2026-01-01T00:00:00.000Z" },
        })),
        1,
    )
    .await;

    assert_eq!(
        fake.publish(&outgoing("hello")).await.unwrap(),
        expected_published()
    );
}

#[tokio::test]
async fn an_outage_is_transient_and_the_retry_uses_the_same_key() {
    let fake = Fake::start().await;
    fake.login_answers(session_answer("access-1", "refresh-1"), 1)
        .await;
    fake.create_answers("access-1", xrpc_error(503, "ServiceUnavailable", "try later"), 1)
        .await;
    fake.create_answers("access-1", created(), 1).await;
    fake.get_record_answers(ResponseTemplate::new(200), 0).await;

    let error = fake.publish(&outgoing("hello")).await.unwrap_err();
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
    assert_eq!(
        fake.publish(&outgoing("hello")).await.unwrap(),
        expected_published()
    );
}

#[tokio::test]
async fn a_refused_post_is_rejected() {
    let fake = Fake::start().await;
    fake.login_answers(session_answer("access-1", "refresh-1"), 1)
        .await;
    let too_long = "Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes";
    fake.create_answers("access-1", xrpc_error(400, "InvalidRequest", too_long), 1)
        .await;
    // Not an earlier attempt's record under this key: the refusal stands.
    fake.get_record_answers(xrpc_error(400, "RecordNotFound", "Could not locate record"), 1)
        .await;

    assert_eq!(
        fake.publish(&outgoing("hello")).await,
        Err(NetworkError::Rejected {
            status: 400,
            message: too_long.into()
        })
    );
}

#[tokio::test]
async fn a_rate_limit_waits_as_long_as_asked() {
    let fake = Fake::start().await;
    fake.login_answers(session_answer("access-1", "refresh-1"), 1)
        .await;
    let limited = xrpc_error(429, "RateLimitExceeded", "Rate Limit Exceeded");
    fake.create_answers("access-1", limited.clone().insert_header("Retry-After", "120"), 1)
        .await;
    let in_five_minutes = chrono::Utc::now().timestamp() + 300;
    fake.create_answers(
        "access-1",
        limited.insert_header("RateLimit-Reset", in_five_minutes.to_string().as_str()),
        1,
    )
    .await;

    let Err(NetworkError::Unavailable {
        status: Some(429),
        retry_after,
        ..
    }) = fake.publish(&outgoing("hello")).await
    else {
        panic!("expected a rate limit")
    };
    assert_eq!(retry_after, Some(Duration::from_secs(120)));
    // Without Retry-After, Bluesky's RateLimit-Reset says when to come back.
    let Err(NetworkError::Unavailable {
        retry_after: Some(wait),
        ..
    }) = fake.publish(&outgoing("hello")).await
    else {
        panic!("expected a rate limit")
    };
    assert!(
        (Duration::from_secs(295)..=Duration::from_secs(300)).contains(&wait),
        "{wait:?}"
    );
}

#[tokio::test]
async fn verify_names_the_handle() {
    let fake = Fake::start().await;
    fake.login_answers(session_answer("access-1", "refresh-1"), 1)
        .await;
    let verified = Bluesky.verify(&fake.ctx(), &credentials()).await.unwrap();
    assert_eq!(verified.handle, "@alice.example.com");
}

#[test]
fn resending_is_safe() {
    assert!(Bluesky.resend_is_safe());
}
