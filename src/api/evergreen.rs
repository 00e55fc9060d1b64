//! The evergreen pool: put a post in or take it out, and the pool's settings.
use crate::error::AppError;
pub use crate::views::plan::{PoolEntryView, PoolView};
use leptos::prelude::*;
use uuid::Uuid;

/// Puts a post into the evergreen pool (`evergreen`) or takes it out.
#[server(endpoint = "set_evergreen")]
pub async fn set_evergreen(id: Uuid, #[server(default)] evergreen: bool) -> Result<(), AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, plan};

    let (request, member) = guard::require(Permission::Edit).await?;
    plan::evergreen::set_pooled(&request.state, &member, id, evergreen).await
}

/// The pool's settings and posts.
#[server(endpoint = "evergreen_pool")]
pub async fn evergreen_pool() -> Result<PoolView, AppError> {
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, plan};

    let (request, member) = guard::require(Permission::Read).await?;
    plan::evergreen::view(&request.state, &member).await
}

/// The pool's settings. Checkboxes: an absent one is off.
#[server(endpoint = "update_evergreen_pool")]
pub async fn update_evergreen_pool(
    cooldown_days: i32,
    lead_hours: i32,
    #[server(default)] no_two_in_a_row: bool,
    #[server(default)] paused: bool,
) -> Result<(), AppError> {
    use crate::domain::plan::evergreen::PoolSettings;
    use crate::domain::role::Permission;
    use crate::server::{auth::guard, plan};

    let (request, member) = guard::require(Permission::ManageTeam).await?;
    let settings = PoolSettings {
        cooldown_days,
        lead_hours,
        no_two_in_a_row,
        paused,
    };
    plan::evergreen::set_settings(&request.state, &member, settings).await
}
