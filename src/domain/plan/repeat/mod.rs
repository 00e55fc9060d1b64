//! Recurring posts: a pattern of local dates (a subset of RFC 5545 RRULE), a wall-clock time in
//! a zone, an end, and the dates skipped.
mod describe;
#[cfg(feature = "ssr")]
mod expand;

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};

use crate::domain::schedule::IanaZone;

#[cfg(feature = "ssr")]
pub use expand::Occurrence;

/// Which local dates a series falls on, every `every` days, weeks or months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Pattern {
    Daily,
    /// On these days of the week (weeks start on Monday).
    Weekly {
        days: Vec<Weekday>,
    },
    /// On this day of the month, 1 to 31, or -1 for the last day. A month without the day is
    /// passed over (RFC 5545): "the 31st" posts in seven months a year; "the last day" in all.
    MonthlyOnDay {
        day: i8,
    },
    /// On the n-th such weekday of the month, 1 to 4, or -1 for the last one.
    MonthlyOnWeekday {
        nth: i8,
        weekday: Weekday,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum End {
    Never,
    /// The last local date an occurrence may fall on.
    OnDate(NaiveDate),
    /// This many occurrences in all, counting skipped ones (as RFC 5545 counts EXDATEs).
    AfterCount(u32),
}

/// A whole series rule, checked by [`Repeat::checked`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repeat {
    pub pattern: Pattern,
    pub every: u16,
    pub starts_on: NaiveDate,
    pub at: NaiveTime,
    pub zone: IanaZone,
    pub end: End,
    /// Local dates whose occurrence does not go out.
    #[serde(default)]
    pub skipped: BTreeSet<NaiveDate>,
}

/// The most occurrences a counted series may have, and the largest interval.
pub const MAX_COUNT: u32 = 1_000;
pub const MAX_EVERY: u16 = 99;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum RepeatError {
    #[error("Repeat every 1 to {MAX_EVERY} days, weeks or months.")]
    Every,
    #[error("Pick at least one day of the week.")]
    NoDays,
    #[error("Pick a day of the month from 1 to 31, or the last day.")]
    MonthDay,
    #[error("Pick the first, second, third, fourth or last weekday of the month.")]
    Nth,
    #[error("The end date is before the first date.")]
    EndsBeforeStart,
    #[error("Repeat 1 to {MAX_COUNT} times.")]
    Count,
}

impl Repeat {
    /// Checks a rule as sent by a form; weekdays are sorted and kept once each.
    pub fn checked(self) -> Result<Self, RepeatError> {
        let mut rule = self;
        if !(1..=MAX_EVERY).contains(&rule.every) {
            return Err(RepeatError::Every);
        }
        match &mut rule.pattern {
            Pattern::Daily => {}
            Pattern::Weekly { days } => {
                days.sort_by_key(Weekday::num_days_from_monday);
                days.dedup();
                if days.is_empty() {
                    return Err(RepeatError::NoDays);
                }
            }
            Pattern::MonthlyOnDay { day } if *day == -1 || (1..=31).contains(day) => {}
            Pattern::MonthlyOnDay { .. } => return Err(RepeatError::MonthDay),
            Pattern::MonthlyOnWeekday { nth, .. } if *nth == -1 || (1..=4).contains(nth) => {}
            Pattern::MonthlyOnWeekday { .. } => return Err(RepeatError::Nth),
        }
        match rule.end {
            End::OnDate(last) if last < rule.starts_on => return Err(RepeatError::EndsBeforeStart),
            End::AfterCount(count) if !(1..=MAX_COUNT).contains(&count) => return Err(RepeatError::Count),
            _ => {}
        }
        Ok(rule)
    }
}
