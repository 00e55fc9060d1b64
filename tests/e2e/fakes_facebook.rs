//! A fake Facebook Login and Graph for the browser tests: a consent page with a button, the
//! code and long-lived token exchanges, and two Pages the person manages.
use crate::fakes_oauth::AuthorizePage;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

pub const FACEBOOK_APP_ID: &str = "1234567890123456";
pub const FACEBOOK_CODE: &str = "facebook-code";

pub async fn mount_facebook_login(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/dialog/oauth"))
        .respond_with(AuthorizePage {
            code: FACEBOOK_CODE.to_owned(),
        })
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/oauth/access_token"))
        .and(query_param("code", FACEBOOK_CODE))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "user-short", "token_type": "bearer", "expires_in": 5400
        })))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/oauth/access_token"))
        .and(query_param("grant_type", "fb_exchange_token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "user-long", "token_type": "bearer", "expires_in": 5_184_000
        })))
        .mount(server)
        .await;
    let pages = [("101", "Acme Bakery"), ("102", "Acme Catering")];
    let listed: Vec<_> = pages
        .iter()
        .map(|(id, name)| serde_json::json!({"id": id, "name": name, "access_token": format!("page-{id}")}))
        .collect();
    Mock::given(method("GET"))
        .and(path("/me/accounts"))
        .and(header("authorization", "Bearer user-long"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({ "data": listed })))
        .mount(server)
        .await;
    for (id, name) in pages {
        Mock::given(method("GET"))
            .and(path(format!("/{id}")))
            .and(header("authorization", format!("Bearer page-{id}").as_str()))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": id, "name": name})),
            )
            .mount(server)
            .await;
    }
}
