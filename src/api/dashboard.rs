//! The status dashboard: what is queued, in flight, failed, undecided and published; and the
//! actions on it (retry, resolve a target, pause the workspace).
use crate::error::AppError;
pub use crate::views::dashboard::{AccountQueue, Counts, FailureGroup, Overview, TargetAction, TargetRow};
use leptos::prelude::*;
use uuid::Uuid;

#[server(endpoint = "publishing_overview")]
pub async fn publishing_overview() -> Result<Overview, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::publish::dashboard;

    let (request, member) = guard::require(Permission::Read).await?;
    dashboard::load(&request.state.pool, member.workspace_id).await
}

/// Publishes the given failed (or missed, or unknown) targets again; returns how many went
/// back to the queue (others may have been resolved by someone else meanwhile).
#[server(endpoint = "retry_targets")]
pub async fn retry_targets(ids: Vec<Uuid>) -> Result<usize, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::publish::manage;

    let (request, member) = guard::require(Permission::Edit).await?;
    manage::publish_again_all(&request.state, &member, &ids).await
}

#[server(endpoint = "resolve_target")]
pub async fn resolve_target(
    id: Uuid,
    action: TargetAction,
    #[server(default)] url: String,
) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::publish::manage::{self, Resolution};

    let (request, member) = guard::require(Permission::Edit).await?;
    let resolution = match action {
        TargetAction::PublishAgain => Resolution::PublishAgain,
        TargetAction::MarkPublished => Resolution::MarkPublished { url },
        TargetAction::Cancel => Resolution::Cancel,
    };
    manage::resolve(&request.state, &member, id, resolution).await
}

#[server(endpoint = "pause_publishing")]
pub async fn pause_publishing(paused: bool) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::publish::manage;

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    manage::pause_workspace(&request.state, &member, paused).await
}
