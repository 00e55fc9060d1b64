//! The Settings page's server functions: the workspace's name, zone and approval policy.
use crate::error::AppError;
pub use crate::views::settings::WorkspaceSettingsView;
use leptos::prelude::*;

#[server(endpoint = "workspace_settings")]
pub async fn workspace_settings() -> Result<WorkspaceSettingsView, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, settings};

    let (request, member) = guard::require(Permission::Read).await?;
    settings::load(&request.state.pool, member).await
}

#[server(endpoint = "update_workspace")]
pub async fn update_workspace(name: String, timezone: String) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, settings};

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    settings::rename(&request.state.pool, &member, &name, &timezone).await
}

/// The approval setting. Checkboxes: an absent one is off.
#[server(endpoint = "update_approvals")]
pub async fn update_approvals(
    #[server(default)] required: bool,
    #[server(default)] editors_need_approval: bool,
    #[server(default)] self_approval: bool,
) -> Result<(), AppError> {
    use crate::domain::{role::Permission, workflow::Policy};
    use crate::server::{auth::guard, settings};

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    let policy = Policy {
        required,
        editors_need_approval,
        self_approval,
    };
    settings::set_approvals(&request.state.pool, &member, policy).await
}
