//! LinkedIn organisation pages: with the Community Management API ticked on the app, a
//! sign-in lists the person's profile and the pages they administer; they pick.
use crate::calls::link;
use crate::helpers::spawn_app_with;
use herald::domain::platform::Platform;
use sqlx::PgPool;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CLIENT_ID: &str = "86abcdefgh1234";

#[sqlx::test]
async fn with_organisation_pages_a_sign_in_lists_the_profile_and_the_pages_administered(pool: PgPool) {
    let fake = MockServer::start().await;
    let uri = fake.uri();
    let app = spawn_app_with(pool, |settings| {
        settings.networks.linkedin_api = uri.clone();
        settings.oauth.linkedin_authorize_url = format!("{uri}/oauth/v2/authorization");
        settings.oauth.linkedin_token_url = format!("{uri}/oauth/v2/accessToken");
    })
    .await;
    let owner = app.owner("lin@example.com", "Acme").await;
    app.save_linkedin_app_with_pages(&owner, CLIENT_ID, "linkedin-secret")
        .await
        .ok();
    let apps = app.list_network_apps(&owner).await.ok();
    let linkedin = apps.iter().find(|a| a.platform == Platform::LinkedIn).unwrap();
    assert!(linkedin.organisations);
    assert!(linkedin.scopes.iter().any(|s| s == "w_organization_social"));

    Mock::given(method("POST"))
        .and(path("/oauth/v2/accessToken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "li-access", "expires_in": 5_183_999
        })))
        .mount(&fake)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/userinfo"))
        .and(header("authorization", "Bearer li-access"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"sub": "782bbtaQ", "name": "Lin Kedin"})),
        )
        .mount(&fake)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/organizationAcls"))
        .and(query_param("q", "roleAssignee"))
        .and(header("authorization", "Bearer li-access"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"elements": [
            {"organization": "urn:li:organization:2414183", "role": "ADMINISTRATOR", "state": "APPROVED"},
            {"organization": "urn:li:organization:5550001", "role": "ANALYST", "state": "APPROVED"},
            {"organization": "urn:li:organization:5550002", "role": "CONTENT_ADMINISTRATOR", "state": "REQUESTED"}
        ]})))
        .mount(&fake)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/organizations/2414183"))
        .and(header(
            "linkedin-version",
            herald::server::platforms::LINKEDIN_VERSION,
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "id": 2414183, "localizedName": "Acme Corp"
        })))
        .mount(&fake)
        .await;

    let started = link(app.start_sign_in(&owner, Platform::LinkedIn, "").await.ok());
    assert_eq!(
        started.param("scope").as_deref(),
        Some("openid profile w_member_social r_organization_admin w_organization_social")
    );
    let back = app
        .come_back(&owner, &[("code", "li-code"), ("state", &started.state)])
        .await;
    let offered = app.outcome_at(&owner, &back).await;
    let listed: Vec<_> = offered
        .choices
        .iter()
        .map(|c| (c.label.as_str(), c.key.as_str()))
        .collect();
    // An analyst cannot post, and a role still waiting for approval does not count.
    assert_eq!(
        listed,
        [
            ("Lin Kedin", "urn:li:person:782bbtaQ"),
            ("Acme Corp", "urn:li:organization:2414183")
        ]
    );
    let flow = back.strip_prefix("/accounts?oauth=").unwrap().parse().unwrap();
    let chosen = app
        .choose_sign_in(&owner, flow, &["urn:li:organization:2414183"])
        .await
        .ok();
    assert_eq!(chosen.message, "Connected Acme Corp.");
    let accounts = app.list_accounts(&owner).await.ok();
    assert_eq!(accounts.len(), 1);
    assert_eq!(accounts[0].handle, "Acme Corp");
}

#[sqlx::test]
async fn organisation_pages_are_a_linkedin_setting_only(pool: PgPool) {
    let app = spawn_app_with(pool, |_| {}).await;
    let owner = app.owner("lin@example.com", "Acme").await;
    let form = herald::api::oauth::SaveNetworkApp {
        platform: Platform::X,
        client_id: "M1M5R3BMVy13QmpScXkzTUt5OE46MTpjaQ".into(),
        client_secret: "secret".into(),
        organisations: true,
    };
    let (status, message) = app.send(&owner, &form).await.refused();
    assert_eq!(status, 400);
    assert!(
        message.contains("Organisation pages are a LinkedIn setting"),
        "{message}"
    );
}
