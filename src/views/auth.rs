//! What the auth server functions send and take; built on the server, read by the pages.
use crate::domain::role::Role;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceSummary {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
}

/// The signed-in person and the workspace they are looking at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: Uuid,
    pub name: String,
    pub email: String,
    pub workspace: WorkspaceSummary,
    pub workspace_timezone: String,
    pub workspaces: Vec<WorkspaceSummary>,
}

impl Viewer {
    pub fn role(&self) -> Role {
        self.workspace.role
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SessionState {
    SignedIn(Viewer),
    SignedOut {
        /// Nobody has signed up yet: the sign-up page is the way in.
        instance_is_empty: bool,
        /// New workspaces may be created here (always true while the instance is empty).
        signup_open: bool,
    },
}
