//! Recurring posts: the composer's "Repeat" form and a series as the pages show it.
use crate::domain::plan::repeat::{End, Pattern, Repeat};
use crate::domain::schedule::IanaZone;
use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The "Repeat" form as a plain form sends it: one field per choice, checkboxes as `true`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatForm {
    /// `daily`, `weekly`, `monthly_day` or `monthly_weekday`.
    pub frequency: String,
    #[serde(default = "one")]
    pub every: u16,
    #[serde(default)]
    pub mon: bool,
    #[serde(default)]
    pub tue: bool,
    #[serde(default)]
    pub wed: bool,
    #[serde(default)]
    pub thu: bool,
    #[serde(default)]
    pub fri: bool,
    #[serde(default)]
    pub sat: bool,
    #[serde(default)]
    pub sun: bool,
    /// 1 to 31, or -1 for the last day.
    #[serde(default = "one_i8")]
    pub month_day: i8,
    /// 1 to 4, or -1 for the last.
    #[serde(default = "one_i8")]
    pub nth: i8,
    #[serde(default = "monday")]
    pub weekday: Weekday,
    /// `never`, `on` (a date) or `after` (a count).
    #[serde(default = "never")]
    pub ends: String,
    #[serde(default)]
    pub end_date: String,
    #[serde(default)]
    pub count: u32,
}

fn one() -> u16 {
    1
}
fn one_i8() -> i8 {
    1
}
fn monday() -> Weekday {
    Weekday::Mon
}
fn never() -> String {
    "never".into()
}

impl RepeatForm {
    /// The rule, starting on the first post's local date and time. Not yet checked: see
    /// [`Repeat::checked`].
    pub fn rule(&self, starts_on: NaiveDate, at: NaiveTime, zone: IanaZone) -> Result<Repeat, String> {
        let pattern = match self.frequency.as_str() {
            "daily" => Pattern::Daily,
            "weekly" => Pattern::Weekly { days: self.days() },
            "monthly_day" => Pattern::MonthlyOnDay { day: self.month_day },
            "monthly_weekday" => Pattern::MonthlyOnWeekday {
                nth: self.nth,
                weekday: self.weekday,
            },
            other => {
                return Err(format!(
                    "Repeat: “{other}” is not a choice; pick daily, weekly or monthly."
                ));
            }
        };
        let end = match self.ends.as_str() {
            "never" => End::Never,
            "on" => End::OnDate(
                NaiveDate::parse_from_str(self.end_date.trim(), "%Y-%m-%d")
                    .map_err(|_| "Ends on: pick a date.".to_owned())?,
            ),
            "after" => End::AfterCount(self.count),
            other => return Err(format!("Ends: “{other}” is not a choice.")),
        };
        Ok(Repeat {
            pattern,
            every: self.every,
            starts_on,
            at,
            zone,
            end,
            skipped: Default::default(),
        })
    }

    fn days(&self) -> Vec<Weekday> {
        [
            (self.mon, Weekday::Mon),
            (self.tue, Weekday::Tue),
            (self.wed, Weekday::Wed),
            (self.thu, Weekday::Thu),
            (self.fri, Weekday::Fri),
            (self.sat, Weekday::Sat),
            (self.sun, Weekday::Sun),
        ]
        .into_iter()
        .filter_map(|(ticked, day)| ticked.then_some(day))
        .collect()
    }
}

/// A series as the composer shows it on one of its posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesView {
    pub id: Uuid,
    pub version: i32,
    /// "Every week on Mon at 09:00 (Europe/Berlin)".
    pub description: String,
    pub stopped: bool,
}

impl SeriesView {
    pub fn new(id: Uuid, version: i32, rule: &Repeat, stopped: bool) -> Self {
        Self {
            id,
            version,
            description: rule.describe(),
            stopped,
        }
    }
}
