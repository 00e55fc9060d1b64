//! Recurring series: the dates RFC 5545 gives, at the wall time in the zone.
use chrono::{Duration, Weekday};

use super::*;
use crate::domain::plan::repeat::{End, Pattern, Repeat, RepeatError};

fn rule(pattern: Pattern, every: u16, starts_on: &str, at: &str, zone_name: &str, end: End) -> Repeat {
    Repeat {
        pattern,
        every,
        starts_on: date(starts_on),
        at: time(at),
        zone: zone(zone_name),
        end,
        skipped: Default::default(),
    }
    .checked()
    .expect("test rule is valid")
}

fn dates(rule: &Repeat, count: usize) -> Vec<String> {
    rule.dates().take(count).map(|d| d.to_string()).collect()
}

#[test]
fn last_friday_of_the_month() {
    let last_friday = Pattern::MonthlyOnWeekday {
        nth: -1,
        weekday: Weekday::Fri,
    };
    let rule = rule(
        last_friday,
        1,
        "2026-01-01",
        "10:00",
        "Europe/London",
        End::AfterCount(12),
    );
    let days: Vec<u32> = rule.dates().map(|d| chrono::Datelike::day(&d)).collect();
    assert_eq!(days, vec![30, 27, 27, 24, 29, 26, 31, 28, 25, 30, 27, 25]);
}

#[test]
fn every_two_weeks_on_monday_and_thursday() {
    let days = Pattern::Weekly {
        days: vec![Weekday::Thu, Weekday::Mon],
    };
    let rule = rule(days, 2, "2026-01-05", "09:00", "Europe/Berlin", End::Never);
    assert_eq!(
        dates(&rule, 6),
        [
            "2026-01-05",
            "2026-01-08",
            "2026-01-19",
            "2026-01-22",
            "2026-02-02",
            "2026-02-05"
        ]
    );
    assert_eq!(rule.rrule_text(), "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH");
    assert_eq!(
        rule.describe(),
        "Every 2 weeks on Mon and Thu at 09:00 (Europe/Berlin)"
    );
}

#[test]
fn monthly_on_the_31st_passes_over_shorter_months() {
    let rule = rule(
        Pattern::MonthlyOnDay { day: 31 },
        1,
        "2026-01-31",
        "09:00",
        "UTC",
        End::AfterCount(7),
    );
    assert_eq!(
        dates(&rule, 10),
        [
            "2026-01-31",
            "2026-03-31",
            "2026-05-31",
            "2026-07-31",
            "2026-08-31",
            "2026-10-31",
            "2026-12-31"
        ]
    );
}

#[test]
fn the_last_day_of_the_month_is_in_every_month() {
    let rule = rule(
        Pattern::MonthlyOnDay { day: -1 },
        1,
        "2026-01-01",
        "09:00",
        "UTC",
        End::Never,
    );
    assert_eq!(
        dates(&rule, 4),
        ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]
    );
    assert_eq!(rule.describe(), "Every month on the last day at 09:00 (UTC)");
}

#[test]
fn a_start_off_the_pattern_begins_at_the_first_matching_day() {
    // Tuesday start, Mondays only: the first is the next Monday, and it counts as the first.
    let rule = rule(
        Pattern::Weekly {
            days: vec![Weekday::Mon],
        },
        1,
        "2026-01-06",
        "09:00",
        "UTC",
        End::AfterCount(2),
    );
    assert_eq!(dates(&rule, 5), ["2026-01-12", "2026-01-19"]);
}

#[test]
fn an_end_date_is_the_last_day_it_may_post() {
    let rule = rule(
        Pattern::Daily,
        1,
        "2026-01-01",
        "23:30",
        "UTC",
        End::OnDate(date("2026-01-03")),
    );
    assert_eq!(dates(&rule, 10), ["2026-01-01", "2026-01-02", "2026-01-03"]);
    assert_eq!(rule.describe(), "Every day at 23:30 (UTC), until 3 Jan 2026");
}

#[test]
fn a_skipped_occurrence_goes_out_no_more_and_still_counts() {
    let mut rule = rule(
        Pattern::Daily,
        1,
        "2026-01-01",
        "09:00",
        "UTC",
        End::AfterCount(5),
    );
    rule.skipped.insert(date("2026-01-03"));
    let from = utc("2026-01-01 00:00");
    let out: Vec<String> = rule
        .between(from, from + Duration::days(30))
        .iter()
        .map(|o| o.on.to_string())
        .collect();
    assert_eq!(out, ["2026-01-01", "2026-01-02", "2026-01-04", "2026-01-05"]);
}

#[test]
fn a_daily_series_keeps_its_wall_time_across_dst() {
    let rule = rule(
        Pattern::Daily,
        1,
        "2026-03-07",
        "02:30",
        "America/New_York",
        End::AfterCount(3),
    );
    let from = utc("2026-03-01 00:00");
    let at: Vec<_> = rule
        .between(from, from + Duration::days(30))
        .iter()
        .map(|o| o.at)
        .collect();
    // EST, then the gap (03:00 EDT, the first minute after it), then EDT.
    assert_eq!(
        at,
        vec![
            utc("2026-03-07 07:30"),
            utc("2026-03-08 07:00"),
            utc("2026-03-09 06:30")
        ]
    );
}

#[test]
fn between_gives_only_the_occurrences_in_the_span() {
    let rule = rule(
        Pattern::Daily,
        1,
        "2026-01-01",
        "09:00",
        "Asia/Kathmandu",
        End::Never,
    );
    let from = utc("2026-06-10 03:15");
    let found = rule.between(from, from + Duration::days(3));
    assert_eq!(found.len(), 3);
    assert_eq!(found[0].at, from);
    assert_eq!(found[0].on, date("2026-06-10"));
}

#[test]
fn bad_rules_are_explained() {
    let base = rule(Pattern::Daily, 1, "2026-01-01", "09:00", "UTC", End::Never);
    let cases = [
        (
            Repeat {
                every: 0,
                ..base.clone()
            },
            RepeatError::Every,
        ),
        (
            Repeat {
                pattern: Pattern::Weekly { days: vec![] },
                ..base.clone()
            },
            RepeatError::NoDays,
        ),
        (
            Repeat {
                pattern: Pattern::MonthlyOnDay { day: 32 },
                ..base.clone()
            },
            RepeatError::MonthDay,
        ),
        (
            Repeat {
                pattern: Pattern::MonthlyOnDay { day: 0 },
                ..base.clone()
            },
            RepeatError::MonthDay,
        ),
        (
            Repeat {
                pattern: Pattern::MonthlyOnWeekday {
                    nth: 5,
                    weekday: Weekday::Mon,
                },
                ..base.clone()
            },
            RepeatError::Nth,
        ),
        (
            Repeat {
                end: End::OnDate(date("2025-12-31")),
                ..base.clone()
            },
            RepeatError::EndsBeforeStart,
        ),
        (
            Repeat {
                end: End::AfterCount(0),
                ..base.clone()
            },
            RepeatError::Count,
        ),
    ];
    for (rule, error) in cases {
        assert_eq!(rule.checked(), Err(error));
    }
}
