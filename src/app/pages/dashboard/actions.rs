//! The dashboard's server actions; the page reloads its overview after any of them.
use crate::api::accounts::PauseAccount;
use crate::api::dashboard::RetryTargets;
use crate::api::dashboard::{PausePublishing, ResolveTarget};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct DashboardActions {
    pub resolve: ServerAction<ResolveTarget>,
    pub retry_all: ServerAction<RetryTargets>,
    pub pause_workspace: ServerAction<PausePublishing>,
    pub pause_account: ServerAction<PauseAccount>,
}

impl Default for DashboardActions {
    fn default() -> Self {
        Self {
            resolve: ServerAction::new(),
            retry_all: ServerAction::new(),
            pause_workspace: ServerAction::new(),
            pause_account: ServerAction::new(),
        }
    }
}

impl DashboardActions {
    /// Changes whenever any action finishes (tracked).
    pub fn versions(&self) -> usize {
        self.resolve.version().get()
            + self.retry_all.version().get()
            + self.pause_workspace.version().get()
            + self.pause_account.version().get()
    }
}
