//! The dashboard's picture of publishing, sorted into the sections a person works through.
use crate::domain::post::TargetStatus;
use crate::domain::publish::FailureCause;
use crate::error::AppError;
use crate::server::db::dashboard::{self, StatusCount, TargetLine};
use crate::views::dashboard::{AccountQueue, Counts, FailureGroup, Overview, TargetRow};
use anyhow::Context;
use chrono::Utc;
use sqlx::PgPool;
use std::collections::BTreeMap;
use uuid::Uuid;

pub async fn load(pool: &PgPool, workspace_id: Uuid) -> Result<Overview, AppError> {
    let as_of = Utc::now();
    let (lines, counts, accounts, workspace_paused) = tokio::try_join!(
        dashboard::targets(pool, workspace_id),
        dashboard::counts(pool, workspace_id),
        dashboard::accounts(pool, workspace_id),
        dashboard::workspace_paused(pool, workspace_id),
    )
    .context("loading the workspace's publishing for the dashboard")?;
    let mut overview = Overview {
        as_of,
        workspace_paused,
        counts: tally(&counts),
        upcoming: Vec::new(),
        in_flight: Vec::new(),
        failures: Vec::new(),
        undecided: Vec::new(),
        published: Vec::new(),
        accounts: accounts
            .into_iter()
            .map(|line| AccountQueue {
                id: line.id,
                display_name: line.display_name,
                platform: line.platform,
                colour: line.colour,
                state: line.state,
                state_reason: line.state_reason,
                queued: line.queued,
            })
            .collect(),
    };
    let mut failures: BTreeMap<FailureCause, Vec<TargetRow>> = BTreeMap::new();
    for line in lines {
        let cause = FailureCause::from_kind(line.error_kind.as_deref());
        let row = row_of(line);
        use TargetStatus::*;
        match row.status {
            Scheduled | Paused => overview.upcoming.push(row),
            Publishing | Retrying => overview.in_flight.push(row),
            Failed => failures.entry(cause).or_default().push(row),
            Unknown | Missed => overview.undecided.push(row),
            Published => overview.published.push(row),
            Draft | Cancelled => {}
        }
    }
    overview
        .published
        .sort_by_key(|row| std::cmp::Reverse(row.published_at));
    overview.failures = failures
        .into_iter()
        .map(|(cause, rows)| FailureGroup { cause, rows })
        .collect();
    Ok(overview)
}

fn row_of(line: TargetLine) -> TargetRow {
    TargetRow {
        id: line.id,
        post_id: line.post_id,
        excerpt: line.excerpt,
        account_name: line.account_name,
        platform: line.platform,
        colour: line.colour,
        status: line.status,
        due_at: line.due_at,
        attempts: line.attempts,
        last_error: line.last_error,
        remote_url: line.remote_url,
        published_at: line.published_at,
    }
}

fn tally(counts: &[StatusCount]) -> Counts {
    let mut tally = Counts::default();
    for count in counts {
        let (all, due_next_day) = (&count.all, &count.due_next_day);
        use TargetStatus::*;
        match count.status {
            Scheduled => {
                tally.scheduled += all;
                tally.due_next_day += due_next_day;
            }
            Publishing | Retrying => tally.in_flight += all,
            Published => tally.published += all,
            Failed => tally.failed += all,
            Unknown | Missed => tally.undecided += all,
            Paused => tally.held += all,
            Draft | Cancelled => {}
        }
    }
    tally
}
