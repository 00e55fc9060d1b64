//! What the team server functions send and take; built on the server, read by the pages.
use crate::domain::role::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingInviteView {
    pub id: Uuid,
    pub email: String,
    pub role: Role,
    /// RFC 3339.
    pub expires_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    pub members: Vec<MemberView>,
    pub pending: Vec<PendingInviteView>,
    pub my_user_id: Uuid,
    pub my_role: Role,
}

/// How the invited person gets their link. The same whoever the address belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InviteDelivery {
    /// No mail server is set up: the inviter passes the one-time link on.
    Link(String),
    /// Mailed to the address.
    Mailed,
    /// Mail failed (why); the invite stands, and "New link" tries again.
    MailFailed(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteResult {
    pub email: String,
    pub delivery: InviteDelivery,
}
