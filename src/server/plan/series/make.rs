//! Making a series' occurrences ahead: each is saved as its author's post, so approvals and the
//! publishing engine treat it like any other.
use std::collections::BTreeSet;

use crate::domain::plan::Placement;
use crate::domain::post::Intent;
use crate::error::AppError;
use crate::server::db::series::{self, SeriesRow};
use crate::server::db::{memberships, posts as post_rows, workspaces};
use crate::server::posts::{self, MediaInput, PostInput, TargetInput, When};
use crate::server::state::AppState;
use anyhow::Context;
use chrono::{DateTime, Utc};
use sqlx::PgTransaction;

/// Saves the occurrences from where the series was made up to `until` (never in the past) that
/// have no post yet; returns how many it made.
pub async fn make(
    tx: &mut PgTransaction<'_>,
    state: &AppState,
    series: &SeriesRow,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let from = series.made_until.max(now);
    if from >= until || series.stopped_at.is_some() {
        return Ok(0);
    }
    let author = match series.author_id {
        Some(author) => memberships::find(&state.pool, author, series.workspace_id)
            .await
            .context("loading the series' author")?,
        None => None,
    };
    let Some(author) = author else {
        // Made as its author, under their role: without one, nothing is made (the page says so).
        tracing::warn!(series = %series.id, "series' author left the workspace; no occurrences made");
        return Ok(0);
    };
    let policy = workspaces::policy(&state.pool, series.workspace_id)
        .await
        .context("loading the workspace's approval policy")?;
    let input = content(state, series, policy.intent_for(author.role)).await?;
    if input.targets.is_empty() {
        tracing::warn!(series = %series.id, "series has no accounts left; no occurrences made");
        return Ok(0);
    }
    let made: BTreeSet<_> = series::made_dates(tx, series.id)
        .await
        .context("reading the series' posts")?
        .into_iter()
        .collect();
    let mut count = 0;
    for occurrence in series.rule.between(from, until) {
        if made.contains(&occurrence.on) {
            continue;
        }
        let when = When {
            at: Some(occurrence.at),
            zone: series.rule.zone,
            resolved: None,
        };
        let saved = posts::save_in(tx, &author, &input, when, policy).await?;
        series::mark_occurrence(tx, saved.id, series.id, occurrence.on)
            .await
            .context("linking the occurrence to its series")?;
        count += 1;
    }
    series::set_made_until(tx, series.id, until)
        .await
        .context("recording how far the series is made")?;
    Ok(count)
}

/// The series' content as a new post; accounts removed since are left out.
async fn content(state: &AppState, series: &SeriesRow, intent: Intent) -> Result<PostInput, AppError> {
    let wanted: Vec<_> = series.targets.iter().map(|t| t.account_id).collect();
    let live = post_rows::target_accounts(&state.pool, series.workspace_id, &wanted)
        .await
        .context("loading the series' accounts")?;
    let targets = series
        .targets
        .iter()
        .filter(|t| live.iter().any(|a| a.id == t.account_id))
        .map(|t| TargetInput {
            account_id: t.account_id,
            body_override: t.body_override.clone(),
        })
        .collect();
    let media = series
        .media
        .iter()
        .map(|m| MediaInput {
            media_id: m.media_id,
            alt_text: m.alt_text.clone(),
        })
        .collect();
    Ok(PostInput {
        post_id: None,
        expected_version: None,
        body: series.body.clone(),
        targets,
        media,
        date: String::new(),
        time: String::new(),
        timezone: series.rule.zone.name().to_owned(),
        intent,
        placement: Placement::Manual,
    })
}
