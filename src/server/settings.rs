//! The Settings page's service: the workspace's name, zone and approval policy.
use crate::domain::names::parse_name;
use crate::domain::role::Permission;
use crate::domain::workflow::Policy;
use crate::error::AppError;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::workspaces;
use crate::views::settings::WorkspaceSettingsView;
use anyhow::Context;
use sqlx::PgPool;

pub async fn load(pool: &PgPool, member: Member) -> Result<WorkspaceSettingsView, AppError> {
    let approvals = workspaces::policy(pool, member.workspace_id)
        .await
        .context("loading the workspace's approval policy")?;
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

pub async fn rename(pool: &PgPool, member: &Member, name: &str, timezone: &str) -> Result<(), AppError> {
    let name = parse_name(name, "a workspace name").map_err(AppError::bad_request)?;
    let zone: chrono_tz::Tz = timezone.trim().parse().map_err(|_| {
        AppError::bad_request(format!(
            "“{timezone}” is not an IANA time zone, such as Europe/Paris."
        ))
    })?;
    workspaces::rename(pool, member.workspace_id, &name, zone.name())
        .await
        .context("renaming the workspace")?;
    Ok(())
}

pub async fn set_approvals(pool: &PgPool, member: &Member, policy: Policy) -> Result<(), AppError> {
    let mut tx = pool.begin().await.context("starting the approval change")?;
    workspaces::set_policy(&mut *tx, member.workspace_id, policy)
        .await
        .context("storing the approval policy")?;
    let summary = if policy.required {
        "Posts need approval"
    } else {
        "Posts no longer need approval"
    };
    audit::by_member(
        &mut *tx,
        member,
        "workspace.approvals",
        "workspace",
        Some(member.workspace_id.to_string()),
        summary.to_owned(),
        serde_json::to_value(policy).unwrap_or_default(),
    )
    .await
    .context("recording the approval change in the audit log")?;
    tx.commit().await.context("committing the approval change")?;
    Ok(())
}
