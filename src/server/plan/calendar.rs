//! The posting slots of every account in a span of time, for the calendar's week view.
use std::collections::BTreeMap;

use super::slots::slot;
use crate::domain::plan::slots::WeeklySlots;
use crate::domain::schedule::IanaZone;
use crate::error::AppError;
use crate::server::auth::guard::Member;
use crate::server::db::slots;
use crate::server::state::AppState;
use crate::views::plan::SlotTime;
use anyhow::Context;
use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

/// The longest span one request may ask for, as for the calendar's posts.
const MAX_RANGE: Duration = Duration::days(62);

pub async fn slot_times(
    state: &AppState,
    member: &Member,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<SlotTime>, AppError> {
    if to <= from || to - from > MAX_RANGE {
        return Err(AppError::bad_request(
            "Dates: ask for a range of at most two months, with the end after the start.",
        ));
    }
    let mut conn = state.pool.acquire().await.context("reading the posting slots")?;
    let rows = slots::for_workspace(&mut conn, member.workspace_id)
        .await
        .context("loading the workspace's posting slots")?;
    let mut by_account: BTreeMap<Uuid, (String, Vec<_>)> = BTreeMap::new();
    for row in rows {
        let entry = by_account
            .entry(row.account_id)
            .or_insert_with(|| (row.timezone.clone(), Vec::new()));
        entry.1.extend(slot(row.weekday, row.local_time));
    }
    let mut times = Vec::new();
    for (account_id, (zone, account_slots)) in by_account {
        let zone = IanaZone::parse(&zone).context("reading an account's stored zone")?;
        let weekly = WeeklySlots::new(zone, account_slots).context("reading the stored posting slots")?;
        times.extend(
            weekly
                .between(from, to)
                .into_iter()
                .map(|at| SlotTime { account_id, at }),
        );
    }
    times.sort_by_key(|t| (t.at, t.account_id));
    Ok(times)
}
