//! The calendar's one request per view.
use super::period::Period;
use super::placement::{Placed, place};
use super::query::{CalendarQuery, RawQuery, View};
use crate::api::calendar::list_posts;
use crate::api::plan::slot_times;
use crate::app::clock;
use crate::domain::schedule::to_local;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Timelike, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use uuid::Uuid;

/// Everything a view renders. Built where the resource runs: on the server for the first
/// page, so only the chips a view shows travel to the browser, not thousands of posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarData {
    pub query: CalendarQuery,
    /// Why part of the URL was ignored.
    pub notices: Vec<String>,
    /// Today in the display zone (from the clock of whoever loaded the data).
    pub today: NaiveDate,
    pub posts: Result<Placed, AppError>,
    /// The week view's posting slots that no post of their account takes, in time order.
    pub open_slots: Vec<OpenSlot>,
}

/// An empty posting slot, at its wall-clock time in the display zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenSlot {
    pub account_id: Uuid,
    pub local: NaiveDateTime,
    /// More open slots in the same hour, not shown (this is the last one shown there).
    pub folded: usize,
}

/// Open slots shown in one hour of the week view; the rest are counted, as chips are.
const OPEN_SHOWN: usize = 3;

pub async fn load(raw: RawQuery, workspace_zone: String) -> CalendarData {
    let now = clock::now();
    let (query, notices) = raw.resolve(&workspace_zone, now);
    let today = to_local(now, &query.zone).date();
    let (from, to) = Period::of(query.view, query.date).utc_range(&query.zone);
    let statuses = query.status.into_iter().collect();
    let kinds = query.kind.into_iter().collect();
    let posts = list_posts(from, to, statuses, query.account, kinds).await;
    // Every post takes its accounts' slot at its time, shown as a chip or folded into "+N more".
    let taken: HashSet<(Uuid, DateTime<Utc>)> = posts
        .iter()
        .flatten()
        .filter_map(|post| post.scheduled_at.map(|at| (post, at)))
        .flat_map(|(post, at)| post.targets.iter().map(move |t| (t.account_id, at)))
        .collect();
    let posts = posts.map(|posts| place(posts, &query.zone, query.view));
    let open_slots = match (&posts, query.view) {
        // A filtered view cannot tell an open slot from one a hidden post takes.
        (Ok(_), View::Week) if !query.has_filters() => fold(
            slot_times(from, to)
                .await
                .unwrap_or_default()
                .into_iter()
                .filter(|slot| !taken.contains(&(slot.account_id, slot.at)))
                .map(|slot| OpenSlot {
                    account_id: slot.account_id,
                    local: to_local(slot.at, &query.zone),
                    folded: 0,
                }),
        ),
        _ => Vec::new(),
    };
    CalendarData {
        query,
        notices,
        today,
        posts,
        open_slots,
    }
}

/// At most [`OPEN_SHOWN`] open slots an hour (they come in time order); the last one shown
/// counts the others.
fn fold(open: impl Iterator<Item = OpenSlot>) -> Vec<OpenSlot> {
    let hour = |s: &OpenSlot| (s.local.date(), s.local.hour());
    let mut shown: Vec<OpenSlot> = Vec::new();
    let mut in_hour = 0;
    for slot in open {
        let same_hour = shown.last().is_some_and(|last| hour(last) == hour(&slot));
        if !same_hour {
            in_hour = 0;
        }
        if in_hour < OPEN_SHOWN {
            in_hour += 1;
            shown.push(slot);
        } else if let Some(last) = shown.last_mut() {
            last.folded += 1;
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(at: &str) -> OpenSlot {
        OpenSlot {
            account_id: Uuid::new_v4(),
            local: at.parse().unwrap(),
            folded: 0,
        }
    }

    #[test]
    fn a_busy_hour_shows_three_open_slots_and_counts_the_rest() {
        let times = [
            "2026-12-14T09:00:00",
            "2026-12-14T09:00:00",
            "2026-12-14T09:15:00",
            "2026-12-14T09:30:00",
        ];
        let mut slots: Vec<_> = times.iter().map(|t| open(t)).collect();
        slots.push(open("2026-12-14T09:45:00"));
        slots.push(open("2026-12-14T10:00:00"));
        let shown = fold(slots.into_iter());
        let summary: Vec<_> = shown
            .iter()
            .map(|s| (s.local.format("%H:%M").to_string(), s.folded))
            .collect();
        let expected = [("09:00", 0), ("09:00", 0), ("09:15", 2), ("10:00", 0)];
        assert_eq!(summary, expected.map(|(t, n)| (t.to_owned(), n)));
    }
}
