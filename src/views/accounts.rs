//! What the accounts server functions send and take; built on the server, read by the pages.
use crate::domain::account::AccountState;
use crate::domain::platform::Platform;
use crate::domain::text::AccountTextSettings;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: Uuid,
    pub platform: Platform,
    pub display_name: String,
    pub handle: String,
    pub instance_url: Option<String>,
    pub colour: String,
    pub state: AccountState,
    pub state_reason: Option<String>,
    pub last_test: Option<ConnectionTest>,
    /// The limits this account's server reported (Mastodon), for the composer's counters.
    pub text: AccountTextSettings,
    pub token: TokenHealth,
    /// Connected by signing in to the network (so "Reconnect" signs in again).
    pub signs_in: bool,
}

/// How the account's access token is doing. All absent for a token that does not expire.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenHealth {
    pub renews_itself: bool,
    /// RFC 3339.
    pub expires_at: Option<String>,
    pub refreshed_at: Option<String>,
    /// The last refresh that failed for now; cleared by the next that works.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionTest {
    pub ok: bool,
    pub message: String,
    /// RFC 3339; absent for a test that just ran.
    pub at: Option<String>,
}
