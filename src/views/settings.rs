//! The Settings page: the workspace's name, zone and approval policy.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceSettingsView {
    pub name: String,
    pub timezone: String,
    pub can_edit: bool,
    /// Every IANA zone, for the picker.
    pub zones: Vec<String>,
    pub approvals: crate::domain::workflow::Policy,
}
