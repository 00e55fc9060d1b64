//! Recurring posts: a post repeated by a rule becomes a series; its occurrences are made ahead
//! (`make`) by the planning job (`due`), and editing or stopping the series replaces the
//! future occurrences no one edited on their own.
mod due;
mod make;

pub use due::make_due;

use super::SETTLED;
use crate::domain::role::Permission;
use crate::domain::schedule::{IanaZone, to_local};
use crate::error::AppError;
use crate::server::audit;
use crate::server::auth::guard::Member;
use crate::server::db::posts as post_rows;
use crate::server::db::series::{self, NewSeries, SeriesImage, SeriesRow, SeriesTarget};
use crate::server::posts;
use crate::server::state::AppState;
use crate::views::series::{RepeatForm, SeriesView};
use anyhow::Context;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde_json::json;
use sqlx::PgTransaction;
use uuid::Uuid;

/// How far ahead occurrences are made: they show on the calendar and go to review this early.
pub const HORIZON: Duration = Duration::days(30);

/// Repeats a post with a time by `form`, from its own date and time; it becomes the first
/// occurrence and the next ones are made at once. Returns the series.
pub async fn create(
    state: &AppState,
    member: &Member,
    (post_id, version): (Uuid, i32),
    form: &RepeatForm,
    now: DateTime<Utc>,
) -> Result<SeriesView, AppError> {
    let mut tx = state.pool.begin().await.context("starting the series")?;
    let post = posts::lock_in(&mut tx, member.workspace_id, post_id, version).await?;
    may_change(member, post.author_id)?;
    if series::of_post(&mut *tx, post_id)
        .await
        .context("reading the post's series")?
        .is_some()
    {
        return Err(AppError::Conflict(
            "This post already repeats; edit its series instead.".into(),
        ));
    }
    let Some(first) = post.scheduled_at.filter(|_| post.status.is_editable()) else {
        return Err(AppError::bad_request(
            "Give the post a date and time first: the series repeats it from there.",
        ));
    };
    let zone = IanaZone::parse(&post.timezone).context("reading the post's zone")?;
    let local = to_local(first, &zone);
    let rule = form
        .rule(local.date(), local.time(), zone)
        .map_err(AppError::BadRequest)?
        .checked()
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    let content = posts::read_content(&mut tx, post_id)
        .await
        .context("loading the post's accounts and images")?;
    let new = NewSeries {
        workspace_id: member.workspace_id,
        author_id: member.user_id,
        body: &post.body,
        targets: content
            .targets
            .into_iter()
            .map(|t| SeriesTarget {
                account_id: t.account_id,
                body_override: t.body_override,
            })
            .collect(),
        media: content
            .media
            .into_iter()
            .map(|m| SeriesImage {
                media_id: m.media_id,
                alt_text: m.alt_text,
            })
            .collect(),
        rule: &rule,
        made_until: first,
    };
    let id = series::insert(&mut tx, new).await.context("saving the series")?;
    series::mark_occurrence(&mut tx, post_id, id, local.date())
        .await
        .context("making the post the series' first")?;
    let description = rule.describe();
    audit::post(
        &mut *tx,
        member,
        "post.repeated",
        post_id,
        format!("Repeated “{}”: {description}", audit::excerpt(&post.body)),
        json!({"series_id": id}),
    )
    .await
    .context("recording the series")?;
    let series = remake(&mut tx, state, id, now).await?;
    tx.commit().await.context("committing the series")?;
    tracing::info!(%id, %post_id, "series created");
    Ok(posts::series_view(&series))
}

/// New text, time and rule for the series: its future occurrences that no one edited on their
/// own are made again; the ones already out (or about to go) stay.
pub async fn edit(
    state: &AppState,
    member: &Member,
    (id, version): (Uuid, i32),
    body: &str,
    time: &str,
    form: &RepeatForm,
    now: DateTime<Utc>,
) -> Result<SeriesView, AppError> {
    let mut tx = state.pool.begin().await.context("starting to edit the series")?;
    let current = locked(&mut tx, member, (id, version)).await?;
    if body.trim().is_empty() {
        return Err(AppError::bad_request("Write the series' text first."));
    }
    let at = NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .map_err(|_| AppError::bad_request("Time: write it as HH:MM, such as 09:00."))?;
    let old = &current.rule.0;
    let mut rule = form
        .rule(old.starts_on, at, old.zone)
        .map_err(AppError::BadRequest)?
        .checked()
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
    rule.skipped = old.skipped.clone();
    series::update(&mut tx, id, body, &rule)
        .await
        .context("saving the series")?;
    clear_future(&mut tx, id, now).await?;
    let series = remake(&mut tx, state, id, now).await?;
    tx.commit().await.context("committing the series")?;
    tracing::info!(%id, "series edited");
    Ok(posts::series_view(&series))
}

/// Stops the series: no more occurrences; the future ones no one edited on their own go.
pub async fn stop(
    state: &AppState,
    member: &Member,
    (id, version): (Uuid, i32),
    now: DateTime<Utc>,
) -> Result<SeriesView, AppError> {
    let mut tx = state.pool.begin().await.context("starting to stop the series")?;
    locked(&mut tx, member, (id, version)).await?;
    series::stop(&mut tx, id).await.context("stopping the series")?;
    clear_future(&mut tx, id, now).await?;
    let series = series::lock(&mut tx, None, id)
        .await
        .context("reading the series")?
        .ok_or_else(missing)?;
    tx.commit().await.context("committing the stop")?;
    tracing::info!(%id, "series stopped");
    Ok(posts::series_view(&series))
}

/// The series of a post, if it has one.
pub async fn of_post(
    state: &AppState,
    member: &Member,
    post_id: Uuid,
) -> Result<Option<SeriesView>, AppError> {
    post_rows::find(&state.pool, member.workspace_id, post_id)
        .await
        .context("loading the post")?
        .ok_or_else(posts::missing)?;
    let series = series::of_post(&state.pool, post_id)
        .await
        .context("reading the post's series")?;
    Ok(series.map(|s| posts::series_view(&s)))
}

async fn locked(
    tx: &mut PgTransaction<'_>,
    member: &Member,
    (id, version): (Uuid, i32),
) -> Result<SeriesRow, AppError> {
    let series = series::lock(tx, Some(member.workspace_id), id)
        .await
        .context("loading the series")?
        .ok_or_else(missing)?;
    may_change(member, series.author_id)?;
    if series.version != version {
        return Err(AppError::Conflict(
            "Someone changed this series meanwhile; reload the page to see their change.".into(),
        ));
    }
    if series.stopped_at.is_some() {
        return Err(AppError::Conflict("This series has stopped.".into()));
    }
    Ok(series)
}

/// Deletes the future occurrences no one edited on their own, to be made again from `now`.
async fn clear_future(tx: &mut PgTransaction<'_>, id: Uuid, now: DateTime<Utc>) -> Result<(), AppError> {
    let settled = now + SETTLED;
    series::delete_future(tx, id, settled)
        .await
        .context("removing the series' future posts")?;
    series::set_made_until(tx, id, settled)
        .await
        .context("recording how far the series is made")?;
    Ok(())
}

/// Makes the series' occurrences up to the horizon; returns the series as it is now.
async fn remake(
    tx: &mut PgTransaction<'_>,
    state: &AppState,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<SeriesRow, AppError> {
    let series = series::lock(tx, None, id)
        .await
        .context("reading the series")?
        .ok_or_else(missing)?;
    make::make(tx, state, &series, now + HORIZON, now).await?;
    Ok(series)
}

/// Editors change any series; a contributor only their own.
fn may_change(member: &Member, author: Option<Uuid>) -> Result<(), AppError> {
    if member.role.can(Permission::Edit) || author == Some(member.user_id) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Only its author or an editor can change this series.".into(),
        ))
    }
}

fn missing() -> AppError {
    AppError::NotFound("This series does not exist in this workspace.".into())
}
