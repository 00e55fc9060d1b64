//! The Calendar page's server functions: posts in a span of time, and moving one.
use crate::domain::plan::PostKind;
use crate::domain::post::PostStatus;
use crate::error::AppError;
pub use crate::views::calendar::{PostSummary, Rescheduled, TargetSummary};
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use uuid::Uuid;

/// Posts scheduled in `[from, to)`, optionally only some statuses, one account or some kinds
/// (placed by hand, queued, recurring, evergreen).
#[server(endpoint = "posts")]
pub async fn list_posts(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    #[server(default)] statuses: Vec<PostStatus>,
    #[server(default)] account_id: Option<Uuid>,
    #[server(default)] kinds: Vec<PostKind>,
) -> Result<Vec<PostSummary>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::posts;

    let (request, member) = guard::require(Permission::Read).await?;
    posts::list(&request.state, &member, from, to, &statuses, account_id, &kinds).await
}

#[server(endpoint = "reschedule_post")]
pub async fn reschedule_post(
    id: Uuid,
    version: i32,
    date: String,
    time: String,
    timezone: String,
) -> Result<Rescheduled, AppError> {
    use crate::domain::role::Permission;
    use crate::server::auth::guard;
    use crate::server::posts;

    let (request, member) = guard::require(Permission::Contribute).await?;
    let (version, scheduled_at) = posts::reschedule(
        &request.state,
        &member,
        (id, version),
        (&date, &time, &timezone),
        Utc::now(),
    )
    .await?;
    Ok(Rescheduled {
        version,
        scheduled_at,
    })
}
