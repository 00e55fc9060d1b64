use super::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceSettingsView {
    pub name: String,
    pub timezone: String,
    pub can_edit: bool,
    /// Every IANA zone, for the picker.
    pub zones: Vec<String>,
}

#[server(endpoint = "workspace_settings")]
pub async fn workspace_settings() -> Result<WorkspaceSettingsView, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;

    let (_, member) = guard::require(Permission::Read).await?;
    Ok(WorkspaceSettingsView {
        name: member.workspace_name,
        timezone: member.workspace_timezone,
        can_edit: member.role.can(Permission::ManageTeam),
        zones: chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| tz.name().to_owned())
            .collect(),
    })
}

#[server(endpoint = "update_workspace")]
pub async fn update_workspace(name: String, timezone: String) -> Result<(), AppError> {
    use crate::domain::{names::parse_name, role::Permission};
    use crate::server::auth::guard;
    use crate::server::db::workspaces;

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    let name = parse_name(&name, "a workspace name").map_err(AppError::bad_request)?;
    let zone: chrono_tz::Tz = timezone.trim().parse().map_err(|_| {
        AppError::bad_request(format!(
            "“{timezone}” is not an IANA time zone, such as Europe/Paris."
        ))
    })?;
    workspaces::rename(&request.state.pool, member.workspace_id, &name, zone.name())
        .await
        .map_err(AppError::unexpected)?;
    Ok(())
}
