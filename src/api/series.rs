//! Recurring posts: repeat a post by a rule, edit or stop the series.
use crate::error::AppError;
pub use crate::views::series::{RepeatForm, SeriesView};
use leptos::prelude::*;
use uuid::Uuid;

/// Repeats a post that has a date and time, from there: it becomes the series' first post and
/// the next ones (30 days ahead) are made at once.
#[server(endpoint = "repeat_post")]
pub async fn repeat_post(id: Uuid, version: i32, repeat: RepeatForm) -> Result<SeriesView, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, plan};

    let (request, member) = guard::require(Permission::Contribute).await?;
    plan::series::create(
        &request.state,
        &member,
        (id, version),
        &repeat,
        chrono::Utc::now(),
    )
    .await
}

/// New text, time (HH:MM, in the series' zone) and rule for a series; its future posts that no
/// one edited on their own are made again.
#[server(endpoint = "edit_series")]
pub async fn edit_series(
    id: Uuid,
    version: i32,
    body: String,
    time: String,
    repeat: RepeatForm,
) -> Result<SeriesView, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, plan};

    let (request, member) = guard::require(Permission::Contribute).await?;
    let now = chrono::Utc::now();
    plan::series::edit(&request.state, &member, (id, version), &body, &time, &repeat, now).await
}

/// Stops a series; its future posts that no one edited on their own are removed.
#[server(endpoint = "stop_series")]
pub async fn stop_series(id: Uuid, version: i32) -> Result<SeriesView, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, plan};

    let (request, member) = guard::require(Permission::Contribute).await?;
    plan::series::stop(&request.state, &member, (id, version), chrono::Utc::now()).await
}

/// The series a post belongs to, if any.
#[server(endpoint = "post_series")]
pub async fn post_series(post_id: Uuid) -> Result<Option<SeriesView>, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, plan};

    let (request, member) = guard::require(Permission::Read).await?;
    plan::series::of_post(&request.state, &member, post_id).await
}
