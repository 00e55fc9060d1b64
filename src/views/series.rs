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

impl Default for RepeatForm {
    /// Weekly, never ending: the form as it first opens.
    fn default() -> Self {
        Self {
            frequency: "weekly".into(),
            every: 1,
            mon: false,
            tue: false,
            wed: false,
            thu: false,
            fri: false,
            sat: false,
            sun: false,
            month_day: 1,
            nth: 1,
            weekday: Weekday::Mon,
            ends: never(),
            end_date: String::new(),
            count: 10,
        }
    }
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

    /// The form filled in with `rule`, to edit it.
    pub fn of(rule: &Repeat) -> Self {
        let mut form = Self {
            every: rule.every,
            ..Self::default()
        };
        match &rule.pattern {
            Pattern::Daily => form.frequency = "daily".into(),
            Pattern::Weekly { days } => {
                form.frequency = "weekly".into();
                for day in days {
                    *form.day_mut(*day) = true;
                }
            }
            Pattern::MonthlyOnDay { day } => {
                form.frequency = "monthly_day".into();
                form.month_day = *day;
            }
            Pattern::MonthlyOnWeekday { nth, weekday } => {
                form.frequency = "monthly_weekday".into();
                form.nth = *nth;
                form.weekday = *weekday;
            }
        }
        match rule.end {
            End::Never => {}
            End::OnDate(date) => {
                form.ends = "on".into();
                form.end_date = date.format("%Y-%m-%d").to_string();
            }
            End::AfterCount(count) => {
                form.ends = "after".into();
                form.count = count;
            }
        }
        form
    }

    pub fn day(&self, day: Weekday) -> bool {
        self.days().contains(&day)
    }

    fn day_mut(&mut self, day: Weekday) -> &mut bool {
        match day {
            Weekday::Mon => &mut self.mon,
            Weekday::Tue => &mut self.tue,
            Weekday::Wed => &mut self.wed,
            Weekday::Thu => &mut self.thu,
            Weekday::Fri => &mut self.fri,
            Weekday::Sat => &mut self.sat,
            Weekday::Sun => &mut self.sun,
        }
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

/// A series as the composer shows it on one of its posts, with what its edit form needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeriesView {
    pub id: Uuid,
    pub version: i32,
    /// "Every week on Mon at 09:00 (Europe/Berlin)".
    pub description: String,
    pub stopped: bool,
    pub body: String,
    /// The local time of its posts, HH:MM in `zone`.
    pub time: String,
    pub zone: String,
    pub form: RepeatForm,
}

impl SeriesView {
    pub fn new(id: Uuid, version: i32, body: &str, rule: &Repeat, stopped: bool) -> Self {
        Self {
            id,
            version,
            description: rule.describe(),
            stopped,
            body: body.to_owned(),
            time: rule.at.format("%H:%M").to_string(),
            zone: rule.zone.name().to_owned(),
            form: RepeatForm::of(rule),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edit_form_reads_back_the_rule_it_shows() {
        let zone = IanaZone::parse("Europe/Berlin").unwrap();
        let starts = NaiveDate::from_ymd_opt(2027, 1, 5).unwrap();
        let at = NaiveTime::from_hms_opt(10, 0, 0).unwrap();
        let rules = [
            Repeat {
                pattern: Pattern::Weekly {
                    days: vec![Weekday::Mon, Weekday::Thu],
                },
                every: 2,
                starts_on: starts,
                at,
                zone,
                end: End::AfterCount(12),
                skipped: Default::default(),
            },
            Repeat {
                pattern: Pattern::MonthlyOnWeekday {
                    nth: -1,
                    weekday: Weekday::Fri,
                },
                every: 1,
                starts_on: starts,
                at,
                zone,
                end: End::OnDate(NaiveDate::from_ymd_opt(2027, 12, 31).unwrap()),
                skipped: Default::default(),
            },
            Repeat {
                pattern: Pattern::MonthlyOnDay { day: 31 },
                every: 3,
                starts_on: starts,
                at,
                zone,
                end: End::Never,
                skipped: Default::default(),
            },
        ];
        for rule in rules {
            let form = RepeatForm::of(&rule);
            assert_eq!(form.rule(starts, at, zone), Ok(rule));
        }
    }
}
