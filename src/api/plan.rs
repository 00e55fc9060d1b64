//! Planning the week: posting slots, "Add to queue", "Share next" and re-flowing a queue.
use crate::error::AppError;
pub use crate::views::plan::{DayTimes, QueueItem, Queued, SlotPlan, SlotTime};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use uuid::Uuid;

#[server(endpoint = "posting_slots")]
pub async fn posting_slots(account_id: Uuid) -> Result<SlotPlan, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, plan};

    let (request, member) = guard::require(Permission::Read).await?;
    plan::slots_view(&request.state, &member, account_id).await
}

/// Every account's posting slots, for the Accounts page.
#[server(endpoint = "workspace_posting_slots")]
pub async fn workspace_posting_slots() -> Result<Vec<SlotPlan>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, plan};

    let (request, member) = guard::require(Permission::Read).await?;
    plan::slots_views(&request.state, &member).await
}

/// Replaces an account's posting slots, typed per weekday ("09:00, 12:30"); `timezone` empty
/// means the workspace's zone. Posts already queued stay where they are until someone re-flows
/// the queue.
#[server(endpoint = "set_posting_slots")]
pub async fn set_posting_slots(
    account_id: Uuid,
    #[server(default)] timezone: String,
    #[server(default)] days: Vec<DayTimes>,
) -> Result<SlotPlan, AppError> {
    use crate::domain::plan::slots::parse_times;
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, plan};

    let (request, member) = guard::require(Permission::Edit).await?;
    let mut slots = Vec::new();
    for day in &days {
        slots.extend(
            parse_times(day.day, &day.times)
                .map_err(|e| AppError::BadRequest(format!("Posting slots: {e}")))?,
        );
    }
    plan::set_slots(&request.state, &member, account_id, &timezone, slots).await?;
    plan::slots_view(&request.state, &member, account_id).await
}

/// Every account's posting slots in `[from, to)`, for the week view.
#[server(endpoint = "slot_times")]
pub async fn slot_times(from: DateTime<Utc>, to: DateTime<Utc>) -> Result<Vec<SlotTime>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, plan};

    let (request, member) = guard::require(Permission::Read).await?;
    plan::slot_times(&request.state, &member, from, to).await
}

/// Puts drafts into their accounts' queues, each in turn; with `share_next` (one draft only)
/// it takes the first slot and the queued posts move along.
#[server(endpoint = "add_to_queue")]
pub async fn add_to_queue(
    #[server(default)] posts: Vec<QueueItem>,
    #[server(default)] share_next: bool,
) -> Result<Vec<Queued>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, plan};

    let (request, member) = guard::require(Permission::Contribute).await?;
    if posts.is_empty() {
        return Err(AppError::bad_request(
            "Pick at least one draft to add to the queue.",
        ));
    }
    if share_next && posts.len() > 1 {
        return Err(AppError::bad_request("Share next takes one post at a time."));
    }
    if share_next {
        // It moves other people's queued posts.
        guard::require(Permission::Edit).await?;
    }
    let mut queued = Vec::new();
    for item in posts {
        let placed = plan::add(
            &request.state,
            &member,
            (item.id, item.version),
            share_next,
            Utc::now(),
        )
        .await?;
        queued.extend(placed.into_iter().map(view));
    }
    Ok(queued)
}

/// Moves an account's queued posts up into its free slots (after removing one, or changing
/// the slots). Posts placed by hand stay where they are.
#[server(endpoint = "reflow_queue")]
pub async fn reflow_queue(account_id: Uuid) -> Result<Vec<Queued>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, plan};

    let (request, member) = guard::require(Permission::Edit).await?;
    let moved = plan::reflow(&request.state, &member, account_id, Utc::now()).await?;
    Ok(moved.into_iter().map(view).collect())
}

#[cfg(feature = "ssr")]
fn view(queued: crate::server::plan::QueuedPost) -> Queued {
    Queued {
        post_id: queued.post_id,
        account_id: queued.account_id,
        version: queued.version,
        at: queued.at,
    }
}
