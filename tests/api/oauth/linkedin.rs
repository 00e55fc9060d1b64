//! LinkedIn: an instance admin enters Herald's app; "Sign in with LinkedIn" posts as the
//! person who signed in (OpenID Connect tells who), with the app's secret in the form body.
use crate::calls::link;
use crate::helpers::spawn_app_with;
use herald::domain::platform::Platform;
use sqlx::PgPool;
use wiremock::matchers::{body_string_contains, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CLIENT_ID: &str = "86abcdefgh1234";

#[sqlx::test]
async fn signing_in_with_linkedin_connects_the_person_who_signed_in(pool: PgPool) {
    let fake = MockServer::start().await;
    let uri = fake.uri();
    let app = spawn_app_with(pool, |settings| {
        settings.networks.linkedin_api = uri.clone();
        settings.oauth.linkedin_authorize_url = format!("{uri}/oauth/v2/authorization");
        settings.oauth.linkedin_token_url = format!("{uri}/oauth/v2/accessToken");
    })
    .await;
    let owner = app.owner("lin@example.com", "Acme").await;
    app.save_network_app(&owner, Platform::LinkedIn, CLIENT_ID, "linkedin-secret")
        .await
        .ok();
    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .and(body_string_contains("code=li-code"))
        .and(body_string_contains("client_secret=linkedin-secret"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "li-access", "expires_in": 5_183_999,
            "scope": "openid,profile,w_member_social", "id_token": "header.payload.signature"
        })))
        .expect(1)
        .mount(&fake)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/userinfo"))
        .and(header("authorization", "Bearer li-access"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "sub": "782bbtaQ", "name": "Lin Kedin", "given_name": "Lin", "family_name": "Kedin"
        })))
        .mount(&fake)
        .await;

    let started = link(app.start_sign_in(&owner, Platform::LinkedIn, "").await.ok());
    assert_eq!(
        started.param("scope").as_deref(),
        Some("openid profile w_member_social")
    );
    assert_eq!(
        started.param("code_challenge"),
        None,
        "LinkedIn web apps use their secret"
    );
    let cancelled = [
        ("error", "user_cancelled_authorize"),
        ("state", started.state.as_str()),
    ];
    let outcome = app
        .outcome_at(&owner, &app.come_back(&owner, &cancelled).await)
        .await;
    assert!(
        outcome.message.starts_with("You declined on LinkedIn"),
        "{}",
        outcome.message
    );
    // Any other error is passed on in the network's words.
    let failing = link(app.start_sign_in(&owner, Platform::LinkedIn, "").await.ok());
    let said = [
        ("error", "unauthorized_scope_error"),
        (
            "error_description",
            "Scope w_member_social is not authorized for your application",
        ),
        ("state", failing.state.as_str()),
    ];
    let outcome = app.outcome_at(&owner, &app.come_back(&owner, &said).await).await;
    assert!(
        outcome
            .message
            .contains("LinkedIn said no: Scope w_member_social is not authorized"),
        "{}",
        outcome.message
    );

    let again = link(app.start_sign_in(&owner, Platform::LinkedIn, "").await.ok());
    let back = app
        .come_back(&owner, &[("code", "li-code"), ("state", &again.state)])
        .await;
    let outcome = app.outcome_at(&owner, &back).await;
    assert!(outcome.ok, "{}", outcome.message);
    let accounts = app.list_accounts(&owner).await.ok();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].display_name, "Lin Kedin");
    // Sixty days, and no refresh token: the card asks for a reconnect before then.
    assert!(!accounts[0].token.renews_itself);
    assert!(accounts[0].token.expires_at.is_some());
    let test = app.test_account(&owner, accounts[0].id).await.ok();
    assert!(
        test.ok,
        "posts go out as urn:li:person:782bbtaQ: {}",
        test.message
    );
}
