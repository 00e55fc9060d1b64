//! Local fakes of the networks' sign-in: a Mastodon server that registers apps and renders an
//! authorize page with a button, shared by the integration and browser tests.
use crate::fakes::MASTODON_TOKEN;
use wiremock::matchers::{body_string_contains, method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

pub const MASTODON_CLIENT_ID: &str = "fake-mastodon-client";
pub const MASTODON_CLIENT_SECRET: &str = "fake-mastodon-client-secret";
/// The code the fake's authorize page hands back; it buys `MASTODON_TOKEN`.
pub const MASTODON_CODE: &str = "fake-mastodon-code";

/// Sign-in at a Mastodon 4.3 server (RFC 8414 metadata, PKCE), on top of `mount_mastodon`.
pub async fn mount_mastodon_oauth(server: &MockServer) {
    let origin = server.uri();
    Mock::given(method("GET"))
        .and(path("/.well-known/oauth-authorization-server"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "issuer": format!("{origin}/"),
            "authorization_endpoint": format!("{origin}/oauth/authorize"),
            "token_endpoint": format!("{origin}/oauth/token"),
            "scopes_supported": ["read", "write", "read:accounts", "write:statuses", "write:media"],
            "response_types_supported": ["code"],
            "code_challenge_methods_supported": ["S256"],
            "grant_types_supported": ["authorization_code", "client_credentials"]
        })))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v1/apps"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "id": "1", "name": "Herald", "client_id": MASTODON_CLIENT_ID,
            "client_secret": MASTODON_CLIENT_SECRET, "redirect_uri": "", "vapid_key": ""
        })))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(body_string_contains("grant_type=client_credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "app-token", "token_type": "Bearer", "scope": "read", "created_at": 1
        })))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .and(body_string_contains("grant_type=authorization_code"))
        .and(body_string_contains(format!("code={MASTODON_CODE}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": MASTODON_TOKEN, "token_type": "Bearer",
            "scope": "read:accounts write:statuses write:media", "created_at": 1
        })))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(serde_json::json!({
            "error": "invalid_grant",
            "error_description": "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."
        })))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/oauth/authorize"))
        .respond_with(AuthorizePage {
            code: MASTODON_CODE.to_owned(),
        })
        .mount(server)
        .await;
}

/// The server's consent page: "Authorize" sends the browser back with a code and the
/// `state`, "Deny" with `error=access_denied`, as Mastodon's does.
pub struct AuthorizePage {
    pub code: String,
}

impl Respond for AuthorizePage {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query: std::collections::HashMap<String, String> =
            request.url.query_pairs().into_owned().collect();
        let Some(redirect_uri) = query.get("redirect_uri") else {
            return ResponseTemplate::new(400).set_body_string("redirect_uri is missing");
        };
        let state = query.get("state").cloned().unwrap_or_default();
        let escape = |text: &str| {
            text.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        let (redirect_uri, state, code) = (escape(redirect_uri), escape(&state), escape(&self.code));
        let page = format!(
            r#"<!doctype html><html><head><meta charset="utf-8"><title>Authorize Herald</title></head><body>
<h1>Authorize Herald to use your account?</h1>
<p>Herald asks for: {scope}</p>
<form method="get" action="{redirect_uri}">
<input type="hidden" name="code" value="{code}"><input type="hidden" name="state" value="{state}">
<button type="submit">Authorize</button></form>
<form method="get" action="{redirect_uri}">
<input type="hidden" name="error" value="access_denied"><input type="hidden" name="state" value="{state}">
<button type="submit">Deny</button></form>
</body></html>"#,
            scope = escape(query.get("scope").map(String::as_str).unwrap_or_default()),
        );
        ResponseTemplate::new(200).set_body_raw(page, "text/html; charset=utf-8")
    }
}
