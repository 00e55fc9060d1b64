//! Which days a view shows, the instants they span in the display zone, and how the period is named.
use super::query::View;
use crate::domain::schedule::IanaZone;
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};

/// Consecutive days shown by a view, from `first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub days: u64,
}

impl Period {
    /// The month view's grid covers six full weeks from the Monday on or before the 1st, so its
    /// size never changes; the list covers the month; the week runs Monday to Sunday.
    pub fn of(view: View, date: NaiveDate) -> Period {
        match view {
            View::Month => Period {
                first: monday_of(first_of_month(date)),
                days: 42,
            },
            View::Week => Period {
                first: monday_of(date),
                days: 7,
            },
            View::List => {
                let first = first_of_month(date);
                let next = first.checked_add_months(Months::new(1)).unwrap_or(first);
                Period {
                    first,
                    days: next.signed_duration_since(first).num_days().unsigned_abs().max(1),
                }
            }
            View::Day => Period { first: date, days: 1 },
        }
    }

    pub fn dates(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let first = self.first;
        (0..self.days).filter_map(move |offset| first.checked_add_days(Days::new(offset)))
    }

    /// The day after the last one shown.
    pub fn end(&self) -> NaiveDate {
        self.first
            .checked_add_days(Days::new(self.days))
            .unwrap_or(self.first)
    }

    /// `[start, end)` in UTC: from the start of the first day to the start of the day after the
    /// last, both in `zone` (so a day of 23 or 25 hours is covered exactly).
    pub fn utc_range(&self, zone: &IanaZone) -> (DateTime<Utc>, DateTime<Utc>) {
        (start_of_day(self.first, zone), start_of_day(self.end(), zone))
    }
}

/// The first instant of `date` in `zone`. Where the clocks jump over midnight, the day starts
/// when they land.
pub fn start_of_day(date: NaiveDate, zone: &IanaZone) -> DateTime<Utc> {
    let tz = zone.tz();
    (0..=16)
        .map(|quarter| date.and_time(NaiveTime::MIN) + TimeDelta::minutes(15 * quarter))
        .find_map(|local| tz.from_local_datetime(&local).earliest())
        .map(|at| at.with_timezone(&Utc))
        .unwrap_or_else(|| date.and_time(NaiveTime::MIN).and_utc())
}

pub fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

pub fn monday_of(date: NaiveDate) -> NaiveDate {
    let back = u64::from(date.weekday().num_days_from_monday());
    date.checked_sub_days(Days::new(back)).unwrap_or(date)
}

/// The date the previous (`forward == false`) or next period is anchored on.
pub fn step(view: View, date: NaiveDate, forward: bool) -> NaiveDate {
    let moved = match view {
        View::Month | View::List => {
            let first = first_of_month(date);
            let months = Months::new(1);
            if forward {
                first.checked_add_months(months)
            } else {
                first.checked_sub_months(months)
            }
        }
        View::Week => shift_days(monday_of(date), 7, forward),
        View::Day => shift_days(date, 1, forward),
    };
    moved.unwrap_or(date)
}

fn shift_days(date: NaiveDate, days: u64, forward: bool) -> Option<NaiveDate> {
    if forward {
        date.checked_add_days(Days::new(days))
    } else {
        date.checked_sub_days(Days::new(days))
    }
}

/// "November 2026", "23 – 29 Nov 2026", "30 Nov – 6 Dec 2026", "Monday 23 November 2026".
pub fn title(view: View, date: NaiveDate) -> String {
    match view {
        View::Month | View::List => date.format("%B %Y").to_string(),
        View::Day => date.format("%A %-d %B %Y").to_string(),
        View::Week => {
            let first = monday_of(date);
            let last = first.checked_add_days(Days::new(6)).unwrap_or(first);
            let start = if first.year() != last.year() {
                "%-d %b %Y"
            } else if first.month() != last.month() {
                "%-d %b"
            } else {
                "%-d"
            };
            format!("{} – {}", first.format(start), last.format("%-d %b %Y"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_month_grid_is_six_weeks_from_the_monday_before_the_first() {
        let period = Period::of(View::Month, day("2026-11-23"));
        assert_eq!(period.first, day("2026-10-26"));
        assert_eq!(period.end(), day("2026-12-07"));
        assert_eq!(period.dates().count(), 42);
        // A month starting on a Monday starts its grid on the 1st.
        assert_eq!(
            Period::of(View::Month, day("2027-02-10")).first,
            day("2027-02-01")
        );
    }

    #[test]
    fn week_list_and_day_periods() {
        let week = Period::of(View::Week, day("2026-11-26"));
        assert_eq!((week.first, week.end()), (day("2026-11-23"), day("2026-11-30")));
        let list = Period::of(View::List, day("2026-02-14"));
        assert_eq!((list.first, list.end()), (day("2026-02-01"), day("2026-03-01")));
        let single = Period::of(View::Day, day("2026-02-14"));
        assert_eq!(single.dates().collect::<Vec<_>>(), vec![day("2026-02-14")]);
    }

    #[test]
    fn ranges_are_local_midnights_even_across_clock_changes() {
        let berlin = IanaZone::parse("Europe/Berlin").unwrap();
        // The week of 29 March 2026, when Berlin moves to summer time.
        let (from, to) = Period::of(View::Week, day("2026-03-25")).utc_range(&berlin);
        assert_eq!(from.to_rfc3339(), "2026-03-22T23:00:00+00:00");
        assert_eq!(to.to_rfc3339(), "2026-03-29T22:00:00+00:00");
        // Santiago's clocks jump from midnight to 01:00 on 6 September 2026.
        let santiago = IanaZone::parse("America/Santiago").unwrap();
        assert_eq!(
            start_of_day(day("2026-09-06"), &santiago).to_rfc3339(),
            "2026-09-06T04:00:00+00:00"
        );
    }

    #[test]
    fn stepping_and_titles() {
        assert_eq!(step(View::Month, day("2026-03-31"), false), day("2026-02-01"));
        assert_eq!(step(View::List, day("2026-12-15"), true), day("2027-01-01"));
        assert_eq!(step(View::Week, day("2026-11-26"), true), day("2026-11-30"));
        assert_eq!(step(View::Day, day("2026-11-30"), true), day("2026-12-01"));
        assert_eq!(title(View::Month, day("2026-11-23")), "November 2026");
        assert_eq!(title(View::Week, day("2026-11-25")), "23 – 29 Nov 2026");
        assert_eq!(title(View::Week, day("2026-12-01")), "30 Nov – 6 Dec 2026");
        assert_eq!(title(View::Week, day("2026-12-31")), "28 Dec 2026 – 3 Jan 2027");
        assert_eq!(title(View::Day, day("2026-11-23")), "Monday 23 November 2026");
    }
}
