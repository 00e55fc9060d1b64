//! The Audit page: the workspace's log, filtered, newest first (owners and admins).
use crate::error::AppError;
pub use crate::views::audit::{ACTION_GROUPS, AuditEntryView, AuditPage, AuditQuery, PAGE_SIZE};
use leptos::prelude::*;

#[server(endpoint = "audit_log")]
pub async fn audit_log(
    #[server(default)] query: AuditQuery,
    #[server(default)] before: Option<i64>,
) -> Result<AuditPage, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{audit, auth::guard};

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    audit::page(&request.state.pool, &member, &query, before).await
}
