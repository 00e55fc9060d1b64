//! The Drafts page's server function: the workspace's drafts, to open or add to the queue.
use crate::error::AppError;
pub use crate::views::posts::DraftSummary;
use leptos::prelude::*;

/// The workspace's drafts, the most recently changed first.
#[server(endpoint = "drafts")]
pub async fn drafts() -> Result<Vec<DraftSummary>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, posts};

    let (request, member) = guard::require(Permission::Read).await?;
    posts::drafts::list(&request.state, &member).await
}
