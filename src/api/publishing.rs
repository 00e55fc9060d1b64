//! The dashboard's actions on publishing: resolve a target, pause the workspace.
use crate::api::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What a person decided about a failed, missed or unknown target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetAction {
    PublishAgain,
    MarkPublished,
    Cancel,
}

impl TargetAction {
    /// As a form field spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetAction::PublishAgain => "publish_again",
            TargetAction::MarkPublished => "mark_published",
            TargetAction::Cancel => "cancel",
        }
    }
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
