//! Networks where the self-hoster registers Herald once (an instance admin enters the app
//! under Settings → Network apps), and what each one's sign-in asks for.
use super::meta::MetaLogin;
use super::problem::Problem;
use super::provider::Provider;
use crate::domain::platform::Platform;
use crate::server::db::network_apps;
use crate::server::state::AppState;
use anyhow::Context;

/// What a network's sign-in needs, apart from the app's id and secret.
pub struct SignIn {
    pub authorize_url: String,
    pub token_url: String,
    pub scopes: &'static [&'static str],
    pub pkce: bool,
    pub credentials_in_body: bool,
    pub meta: Option<MetaLogin>,
}

/// What LinkedIn's Community Management API adds: list the pages a person administers, and
/// post as them.
pub const ORGANISATION_SCOPES: &[&str] = &["r_organization_admin", "w_organization_social"];

/// The networks whose sign-in Herald runs with an app the self-hoster registered (each has a
/// `domain::network_app::portal`).
pub const WITH_APP: [Platform; 5] = [
    Platform::X,
    Platform::LinkedIn,
    Platform::Threads,
    Platform::Facebook,
    Platform::Instagram,
];

pub fn sign_in(state: &AppState, platform: Platform) -> Option<SignIn> {
    let oauth = &state.settings.oauth;
    match platform {
        // offline.access: a refresh token (X's access tokens last two hours).
        Platform::X => Some(SignIn {
            authorize_url: oauth.x_authorize_url.clone(),
            token_url: oauth.x_token_url.clone(),
            scopes: &[
                "tweet.read",
                "tweet.write",
                "users.read",
                "media.write",
                "offline.access",
            ],
            pkce: true,
            credentials_in_body: false,
            meta: None,
        }),
        // PKCE is for LinkedIn's native apps only; a web app proves itself with its secret,
        // sent in the form body.
        Platform::LinkedIn => Some(SignIn {
            authorize_url: oauth.linkedin_authorize_url.clone(),
            token_url: oauth.linkedin_token_url.clone(),
            scopes: &["openid", "profile", "w_member_social"],
            pkce: false,
            credentials_in_body: true,
            meta: None,
        }),
        Platform::Threads => Some(SignIn {
            authorize_url: oauth.threads_authorize_url.clone(),
            token_url: oauth.threads_token_url.clone(),
            scopes: &["threads_basic", "threads_content_publish"],
            pkce: false,
            credentials_in_body: true,
            meta: Some(MetaLogin::Threads),
        }),
        // One Facebook Login for both: Pages, and the Instagram professional accounts linked
        // to them. business_management: Pages held in a business portfolio are listed too.
        Platform::Facebook => Some(SignIn {
            authorize_url: oauth.facebook_authorize_url.clone(),
            token_url: oauth.facebook_token_url.clone(),
            scopes: &[
                "pages_show_list",
                "pages_read_engagement",
                "pages_manage_posts",
                "business_management",
            ],
            pkce: false,
            credentials_in_body: true,
            meta: Some(MetaLogin::Facebook),
        }),
        Platform::Instagram => Some(SignIn {
            authorize_url: oauth.facebook_authorize_url.clone(),
            token_url: oauth.facebook_token_url.clone(),
            scopes: &[
                "instagram_basic",
                "instagram_content_publish",
                "pages_show_list",
                "pages_read_engagement",
                "business_management",
            ],
            pkce: false,
            credentials_in_body: true,
            meta: Some(MetaLogin::Facebook),
        }),
        _ => None,
    }
}

pub async fn provider(state: &AppState, platform: Platform) -> Result<Provider, Problem> {
    let sign_in = sign_in(state, platform).ok_or(Problem::NoSignIn(platform))?;
    let app = network_apps::find(&state.pool, platform)
        .await
        .context("loading the network's app")?
        .ok_or(Problem::NoApp(platform))?;
    let client_secret = match &app.client_secret {
        Some(sealed) => {
            let plain = state
                .cipher
                .open(sealed, platform.as_str().as_bytes())
                .context("opening the network app's secret")?;
            Some(String::from_utf8_lossy(&plain).into_owned())
        }
        None => None,
    };
    Ok(Provider {
        platform,
        client_id: app.client_id,
        client_secret,
        authorize_url: sign_in.authorize_url,
        token_url: sign_in.token_url,
        scopes: sign_in
            .scopes
            .iter()
            .chain(if app.organisations {
                ORGANISATION_SCOPES
            } else {
                &[]
            })
            .map(|scope| (*scope).to_owned())
            .collect(),
        pkce: sign_in.pkce,
        credentials_in_body: sign_in.credentials_in_body,
        meta: sign_in.meta.map(|login| {
            let networks = &state.settings.networks;
            let api = match login {
                MetaLogin::Threads => networks.threads_api.clone(),
                MetaLogin::Facebook => networks.facebook_graph.clone(),
            };
            (login, api)
        }),
    })
}
