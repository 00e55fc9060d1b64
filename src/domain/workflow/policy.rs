use crate::domain::post::Intent;
use crate::domain::role::{Permission, Role};
use serde::{Deserialize, Serialize};

/// A workspace's approval setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    /// Posts need approval: contributors' always, editors' when `editors_need_approval`.
    pub required: bool,
    pub editors_need_approval: bool,
    /// An approver may approve a post they wrote.
    pub self_approval: bool,
}

impl Default for Policy {
    /// Nothing goes out unreviewed unless a workspace says otherwise.
    fn default() -> Self {
        Self {
            required: true,
            editors_need_approval: false,
            self_approval: false,
        }
    }
}

impl Policy {
    /// Whether `role` must have its posts approved before they are scheduled. Owners and
    /// admins run the workspace and never wait; viewers write nothing.
    pub fn needs_approval(self, role: Role) -> bool {
        match role {
            Role::Owner | Role::Admin => false,
            Role::Editor => self.required && self.editors_need_approval,
            Role::Contributor => self.required,
            Role::Viewer => true,
        }
    }

    /// What a post made for `role` without asking them (queued, a series' occurrence, an
    /// evergreen share) asks for: review when their posts need approval, else a schedule.
    pub fn intent_for(self, role: Role) -> Intent {
        if self.needs_approval(role) {
            Intent::Submit
        } else {
            Intent::Schedule
        }
    }

    pub fn may_approve(role: Role) -> bool {
        role.can(Permission::Approve)
    }
}
