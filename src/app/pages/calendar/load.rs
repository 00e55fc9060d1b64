//! The calendar's one request per view.
use super::period::Period;
use super::placement::{Placed, place};
use super::query::{CalendarQuery, RawQuery};
use crate::api::calendar::list_posts;
use crate::app::clock;
use crate::domain::schedule::to_local;
use crate::error::AppError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

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
    CalendarData {
        query,
        notices,
        today,
        posts,
    }
}
