//! A post as the composer opens it: its text, accounts, images and local time.
use crate::domain::schedule::{IanaZone, to_local};
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::posts;
use crate::server::db::series::{self, SeriesRow};
use crate::server::state::AppState;
use crate::views::posts::{MediaView, PostView, TargetView};
use crate::views::series::SeriesView;
use anyhow::Context;
use uuid::Uuid;

pub type PostDetails = PostView;

pub async fn get(state: &AppState, member: &Member, id: Uuid) -> Result<PostView, AppError> {
    let pool = &state.pool;
    let post = posts::find(pool, member.workspace_id, id)
        .await
        .context("loading the post")?
        .ok_or_else(super::lock::missing)?;
    let targets = posts::targets(pool, id)
        .await
        .context("loading the post's targets")?;
    let media = posts::media(pool, id).await.context("loading the post's media")?;
    let series = series::of_post(pool, id)
        .await
        .context("loading the post's series")?
        .map(|s| series_view(&s));
    let (local_date, local_time) = match (post.scheduled_at, IanaZone::parse(&post.timezone)) {
        (Some(at), Ok(zone)) => {
            let local = to_local(at, &zone);
            (
                local.format("%Y-%m-%d").to_string(),
                local.format("%H:%M").to_string(),
            )
        }
        _ => (String::new(), String::new()),
    };
    Ok(PostView {
        id: post.id,
        version: post.version,
        status: post.status,
        body: post.body,
        scheduled_at: post.scheduled_at,
        timezone: post.timezone,
        local_date,
        local_time,
        targets: targets
            .into_iter()
            .map(|t| TargetView {
                account_id: t.account_id,
                body_override: t.body_override,
                status: t.status,
            })
            .collect(),
        media: media
            .into_iter()
            .map(|m| MediaView {
                id: m.media_id,
                alt_text: m.alt_text,
                width: m.width,
                height: m.height,
            })
            .collect(),
        author_id: post.author_id,
        approved: post.approved_at.is_some(),
        series,
        queued: post.placement == crate::domain::plan::Placement::Queue,
        evergreen: post.evergreen_since.is_some(),
        evergreen_of: post.evergreen_of,
    })
}

/// A series as its posts show it (the composer, and the answers of the series' functions).
pub fn series_view(series: &SeriesRow) -> SeriesView {
    SeriesView::new(
        series.id,
        series.version,
        &series.body,
        &series.rule,
        series.stopped_at.is_some(),
    )
}
