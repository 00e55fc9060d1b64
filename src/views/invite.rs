//! What the invite server functions send and take; built on the server, read by the pages.
use crate::domain::role::Role;
use serde::{Deserialize, Serialize};

/// Who is looking at an invite.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InviteViewer {
    SignedOut,
    /// Signed in as the invited address.
    Invitee,
    /// Signed in as someone else (their email).
    SomeoneElse(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteView {
    pub email: String,
    pub workspace_name: String,
    pub role: Role,
    pub viewer: InviteViewer,
}
