//! OAuth 2.0 with the networks: their endpoints and Herald's apps there, the code exchange,
//! and keeping tokens alive afterwards. The sign-in pages and flows are in `sign_in`.
mod http;
pub mod mastodon;
mod meta;
pub mod network_app;
mod problem;
mod provider;
mod refresh;
mod token_response;
mod tokens;

pub use crate::domain::network_app::signs_in;
pub use meta::MetaLogin;
pub use problem::Problem;
pub use provider::Provider;
pub use refresh::{RefreshError, fresh_credentials, renew_every, renew_expiring};
pub use tokens::{TokenError, Tokens};

use crate::server::state::AppState;
use uuid::Uuid;

/// Where every network sends the person back (paste it into the network's app settings).
pub const CALLBACK_PATH: &str = "/oauth/callback";

pub fn redirect_uri(state: &AppState) -> String {
    format!("{}{CALLBACK_PATH}", state.settings.server.base_url())
}

/// The refresh token is sealed apart from the credentials, under its own context.
pub fn refresh_context(account_id: Uuid) -> Vec<u8> {
    [account_id.as_bytes().as_slice(), b"refresh"].concat()
}
