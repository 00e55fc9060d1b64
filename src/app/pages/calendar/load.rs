//! The calendar's one request per view.
use super::period::Period;
use super::placement::{Placed, place};
use super::query::{CalendarQuery, RawQuery, View};
use crate::api::calendar::list_posts;
use crate::api::plan::slot_times;
use crate::app::clock;
use crate::domain::schedule::to_local;
use crate::error::AppError;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
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
}

pub async fn load(raw: RawQuery, workspace_zone: String) -> CalendarData {
    let now = clock::now();
    let (query, notices) = raw.resolve(&workspace_zone, now);
    let today = to_local(now, &query.zone).date();
    let (from, to) = Period::of(query.view, query.date).utc_range(&query.zone);
    let statuses = query.status.into_iter().collect();
    let posts = list_posts(from, to, statuses, query.account)
        .await
        .map(|posts| place(posts, &query.zone, query.view));
    let open_slots = match (&posts, query.view) {
        // A slot is taken when a post of its account sits at its exact time.
        (Ok(placed), View::Week) => slot_times(from, to)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|slot| OpenSlot {
                account_id: slot.account_id,
                local: to_local(slot.at, &query.zone),
            })
            .filter(|open| {
                !placed
                    .chips
                    .iter()
                    .any(|chip| chip.local == open.local && chip.accounts.contains(&open.account_id))
            })
            .collect(),
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
