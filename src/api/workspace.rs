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
    pub approvals: crate::domain::workflow::Policy,
}

#[server(endpoint = "workspace_settings")]
pub async fn workspace_settings() -> Result<WorkspaceSettingsView, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;

    let (request, member) = guard::require(Permission::Read).await?;
    let approvals = crate::server::db::workspaces::policy(&request.state.pool, member.workspace_id)
        .await
        .map_err(AppError::unexpected)?;
    Ok(WorkspaceSettingsView {
        approvals,
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

/// The approval setting. Checkboxes: an absent one is off.
#[server(endpoint = "update_approvals")]
pub async fn update_approvals(
    #[server(default)] required: bool,
    #[server(default)] editors_need_approval: bool,
    #[server(default)] self_approval: bool,
) -> Result<(), AppError> {
    use crate::domain::{role::Permission, workflow::Policy};
    use crate::server::{audit, auth::guard, db::workspaces};

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    let policy = Policy {
        required,
        editors_need_approval,
        self_approval,
    };
    let mut tx = request.state.pool.begin().await.map_err(AppError::unexpected)?;
    workspaces::set_policy(&mut *tx, member.workspace_id, policy)
        .await
        .map_err(AppError::unexpected)?;
    let summary = if required {
        "Posts need approval".to_owned()
    } else {
        "Posts no longer need approval".to_owned()
    };
    audit::by_member(
        &mut *tx,
        &member,
        "workspace.approvals",
        "workspace",
        Some(member.workspace_id.to_string()),
        summary,
        serde_json::to_value(policy).unwrap_or_default(),
    )
    .await
    .map_err(AppError::unexpected)?;
    tx.commit().await.map_err(AppError::unexpected)?;
    Ok(())
}
