//! A series' occurrences in a span of time. rrule does the calendar arithmetic in floating
//! (zone-less) time, where no day is missing or doubled; each date then meets the zone through
//! the same gap and overlap rule as slots.
use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use rrule::{Frequency, NWeekday, RRule, RRuleSet, Tz, Unvalidated};

use super::{End, Pattern, Repeat};
use crate::domain::plan::wall::fire_at;
use crate::domain::schedule::to_local;

/// One occurrence: the local date names it (a series posts at most once a day), `at` is when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub on: NaiveDate,
    pub at: DateTime<Utc>,
}

impl Repeat {
    /// The occurrences that fire in `[from, to)`, skipped dates left out.
    pub fn between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<Occurrence> {
        // A day of slack each side: the zone's dates at `from` and `to` are not UTC's.
        let first = to_local(from, &self.zone).date() - Days::new(1);
        let last = to_local(to, &self.zone).date() + Days::new(1);
        self.dates()
            .skip_while(|on| *on < first)
            .take_while(|on| *on <= last)
            .filter(|on| !self.skipped.contains(on))
            .map(|on| Occurrence {
                on,
                at: fire_at(on.and_time(self.at), &self.zone),
            })
            .filter(|o| from <= o.at && o.at < to)
            .collect()
    }

    /// Every local date of the series in order, skipped ones included (they count towards
    /// [`End::AfterCount`]).
    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> {
        self.rule_set()
            .map(|set| (&set).into_iter())
            .into_iter()
            .flatten()
            .map(|at| at.naive_utc().date())
    }

    /// The rule in RFC 5545 form, such as `FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH`, for export.
    pub fn rrule_text(&self) -> String {
        self.rrule().to_string()
    }

    fn rule_set(&self) -> Option<RRuleSet> {
        // `checked` guarantees a valid rule; an invalid one yields no dates rather than a panic.
        self.rrule()
            .build(floating(self.starts_on.and_time(self.at)))
            .ok()
    }

    fn rrule(&self) -> RRule<Unvalidated> {
        let rule = match &self.pattern {
            Pattern::Daily => RRule::new(Frequency::Daily),
            Pattern::Weekly { days } => {
                RRule::new(Frequency::Weekly).by_weekday(days.iter().map(|d| NWeekday::Every(*d)).collect())
            }
            Pattern::MonthlyOnDay { day } => RRule::new(Frequency::Monthly).by_month_day(vec![*day]),
            Pattern::MonthlyOnWeekday { nth, weekday } => {
                RRule::new(Frequency::Monthly).by_weekday(vec![NWeekday::Nth(i16::from(*nth), *weekday)])
            }
        };
        let rule = rule.interval(self.every).week_start(Weekday::Mon);
        match self.end {
            End::Never => rule,
            End::OnDate(last) => rule.until(floating(last.and_time(self.at))),
            End::AfterCount(count) => rule.count(count),
        }
    }
}

fn floating(local: NaiveDateTime) -> DateTime<Tz> {
    Tz::UTC.from_utc_datetime(&local)
}
