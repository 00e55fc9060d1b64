//! What the sign-in and network-app server functions send.
use crate::domain::platform::Platform;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How a sign-in ended, for the Accounts page the person lands on; or, with `choices`, the
/// Pages or accounts it may connect, for the person to pick.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignInOutcome {
    pub ok: bool,
    pub message: String,
    pub account_id: Option<Uuid>,
    pub choices: Vec<ChoiceView>,
    /// A connect link connects one account: pick one, not several.
    pub pick_one: bool,
}

impl SignInOutcome {
    pub fn failed(message: String) -> Self {
        SignInOutcome {
            ok: false,
            message,
            account_id: None,
            choices: Vec::new(),
            pick_one: false,
        }
    }
}

/// One Page or account a sign-in may connect (never its token).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChoiceView {
    pub key: String,
    pub label: String,
    pub detail: String,
}

/// One network's app, as the Network apps page shows it (never the secret).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NetworkAppView {
    pub platform: Platform,
    pub client_id: Option<String>,
    pub has_secret: bool,
    /// Paste this into the network's developer portal.
    pub redirect_uri: String,
    pub scopes: Vec<String>,
    /// LinkedIn: the app may post to organisation pages (Community Management API).
    pub organisations: bool,
    pub portal_url: String,
    /// Something the network will refuse (an http redirect URI).
    pub warning: Option<String>,
}

/// A connect link on the Accounts page (its address is shown once, when made).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectLinkView {
    pub id: Uuid,
    pub platform: Platform,
    pub note: String,
    /// waiting, used, withdrawn or expired
    pub state: String,
    /// RFC 3339.
    pub expires_at: String,
    pub account_id: Option<Uuid>,
}

/// What a client sees on opening a connect link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectLinkInfo {
    pub workspace_name: String,
    pub platform: Platform,
    pub note: String,
}
