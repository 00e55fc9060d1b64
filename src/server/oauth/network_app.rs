//! Networks where the self-hoster registers Herald once (an instance admin enters the app
//! under Settings → Network apps), and what each one's sign-in asks for.
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
}

/// The networks whose sign-in Herald runs with an app the self-hoster registered (each has a
/// `domain::network_app::portal`).
pub const WITH_APP: [Platform; 2] = [Platform::X, Platform::LinkedIn];

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
        }),
        // PKCE is for LinkedIn's native apps only; a web app proves itself with its secret,
        // sent in the form body.
        Platform::LinkedIn => Some(SignIn {
            authorize_url: oauth.linkedin_authorize_url.clone(),
            token_url: oauth.linkedin_token_url.clone(),
            scopes: &["openid", "profile", "w_member_social"],
            pkce: false,
            credentials_in_body: true,
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
        scopes: sign_in.scopes.iter().map(|scope| (*scope).to_owned()).collect(),
        pkce: sign_in.pkce,
        credentials_in_body: sign_in.credentials_in_body,
    })
}
