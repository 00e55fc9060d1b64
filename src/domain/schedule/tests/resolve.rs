//! Resolving wall-clock times: single, skipped (gap) and repeated (fall-back).

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

use super::*;

#[test]
fn resolves_single_times() {
    for (name, local, expected) in [
        ("America/New_York", "2026-07-01 12:00", "2026-07-01 16:00"),
        ("America/New_York", "2026-03-08 01:59", "2026-03-08 06:59"),
        ("America/New_York", "2026-03-08 03:00", "2026-03-08 07:00"),
        ("Europe/London", "2026-03-29 00:59", "2026-03-29 00:59"),
        ("Europe/London", "2026-03-29 02:00", "2026-03-29 01:00"),
        ("Australia/Lord_Howe", "2026-10-04 01:59", "2026-10-03 15:29"),
        ("Australia/Lord_Howe", "2026-10-04 02:30", "2026-10-03 15:30"),
        ("Asia/Kathmandu", "2026-06-01 09:00", "2026-06-01 03:15"),
    ] {
        let resolved = resolve(wall(local), &zone(name)).expect(local);
        assert_eq!(resolved.at, utc(expected), "{local} in {name}");
        assert_eq!(resolved.local, wall(local));
        assert_eq!(resolved.zone.name(), name);
        assert_eq!(resolved.ambiguity, None, "{local} in {name}");
        assert_eq!(resolved.note(), None);
    }
}

#[test]
fn rejects_times_in_a_gap_naming_its_bounds() {
    for (name, local, start, end, message) in [
        (
            "America/New_York",
            "2026-03-08 02:30",
            "2026-03-08 02:00",
            "2026-03-08 03:00",
            "2:30 AM on Sunday 8 March 2026 does not exist in America/New_York: the clocks go forward \
             from 2:00 AM to 3:00 AM. Pick a time before 2:00 AM or from 3:00 AM.",
        ),
        (
            "America/New_York",
            "2026-03-08 02:00",
            "2026-03-08 02:00",
            "2026-03-08 03:00",
            "2:00 AM on Sunday 8 March 2026 does not exist in America/New_York: the clocks go forward \
             from 2:00 AM to 3:00 AM. Pick a time before 2:00 AM or from 3:00 AM.",
        ),
        (
            "Europe/London",
            "2026-03-29 01:30",
            "2026-03-29 01:00",
            "2026-03-29 02:00",
            "1:30 AM on Sunday 29 March 2026 does not exist in Europe/London: the clocks go forward \
             from 1:00 AM to 2:00 AM. Pick a time before 1:00 AM or from 2:00 AM.",
        ),
        (
            "Australia/Lord_Howe",
            "2026-10-04 02:15",
            "2026-10-04 02:00",
            "2026-10-04 02:30",
            "2:15 AM on Sunday 4 October 2026 does not exist in Australia/Lord_Howe: the clocks go \
             forward from 2:00 AM to 2:30 AM. Pick a time before 2:00 AM or from 2:30 AM.",
        ),
        // Samoa skipped a whole day, so the bound on another date names that date.
        (
            "Pacific/Apia",
            "2011-12-30 12:00",
            "2011-12-30 00:00",
            "2011-12-31 00:00",
            "12:00 PM on Friday 30 December 2011 does not exist in Pacific/Apia: the clocks go forward \
             from 12:00 AM to 12:00 AM on Saturday 31 December 2011. Pick a time before 12:00 AM or \
             from 12:00 AM on Saturday 31 December 2011.",
        ),
    ] {
        let error = resolve(wall(local), &zone(name)).expect_err(local);
        let expected_gap = Some(Gap {
            start: wall(start),
            end: wall(end),
        });
        assert_eq!(
            error,
            ScheduleError::NonexistentTime {
                local: wall(local),
                zone: zone(name),
                gap: expected_gap
            }
        );
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn takes_the_first_of_a_repeated_time() {
    for (name, local, earlier, later, earlier_offset, later_offset) in [
        (
            "America/New_York",
            "2026-11-01 01:30",
            "2026-11-01 05:30",
            "2026-11-01 06:30",
            "UTC−04:00",
            "UTC−05:00",
        ),
        (
            "Europe/London",
            "2026-10-25 01:30",
            "2026-10-25 00:30",
            "2026-10-25 01:30",
            "UTC+01:00",
            "UTC+00:00",
        ),
        (
            "Australia/Lord_Howe",
            "2026-04-05 01:45",
            "2026-04-04 14:45",
            "2026-04-04 15:15",
            "UTC+11:00",
            "UTC+10:30",
        ),
    ] {
        let resolved = resolve(wall(local), &zone(name)).expect(local);
        assert_eq!(resolved.at, utc(earlier), "{local} in {name}");
        let ambiguity = resolved.ambiguity.clone().expect("ambiguous");
        assert_eq!(ambiguity.earlier, utc(earlier));
        assert_eq!(ambiguity.later, utc(later));
        assert_eq!(ambiguity.earlier_offset, earlier_offset);
        assert_eq!(ambiguity.later_offset, later_offset);
        assert_eq!(resolved.note(), Some(ambiguity.note()));
    }
    let note = resolve(wall("2026-11-01 01:30"), &zone("America/New_York"))
        .expect("resolves")
        .note();
    assert_eq!(
        note.as_deref(),
        Some(
            "1:30 AM on Sunday 1 November 2026 happens twice in America/New_York; Herald uses the first \
             one (UTC−04:00), not the second (UTC−05:00)."
        )
    );
}

/// Walks 2026 in 15-minute steps and returns the days with a gap and the days with a repeat.
fn transition_days(name: &str) -> (Vec<NaiveDate>, Vec<NaiveDate>) {
    let zone = zone(name);
    let (mut gaps, mut repeats) = (Vec::new(), Vec::new());
    let mut local = wall("2026-01-01 00:00");
    while local.year() == 2026 {
        let day = local.date();
        match resolve(local, &zone) {
            Err(ScheduleError::NonexistentTime { gap: Some(gap), .. }) => {
                assert!(
                    gap.start <= local && local < gap.end,
                    "{local} outside {gap:?} in {name}"
                );
                assert!(
                    resolve(gap.end, &zone).is_ok(),
                    "gap end {} must exist in {name}",
                    gap.end
                );
                let before = gap.start - TimeDelta::minutes(1);
                assert!(resolve(before, &zone).is_ok(), "{before} must exist in {name}");
                if gaps.last() != Some(&day) {
                    gaps.push(day);
                }
            }
            Err(error) => panic!("{local} in {name}: {error:?}"),
            Ok(Resolved {
                ambiguity: Some(ambiguity),
                at,
                ..
            }) => {
                assert_eq!(at, ambiguity.earlier);
                assert!(ambiguity.earlier < ambiguity.later, "{local} in {name}");
                if repeats.last() != Some(&day) {
                    repeats.push(day);
                }
            }
            Ok(_) => {}
        }
        local += TimeDelta::minutes(15);
    }
    (gaps, repeats)
}

#[test]
fn finds_each_zones_2026_transitions() {
    let date = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date");
    for (name, gaps, repeats) in [
        (
            "America/New_York",
            vec![date("2026-03-08")],
            vec![date("2026-11-01")],
        ),
        (
            "Europe/London",
            vec![date("2026-03-29")],
            vec![date("2026-10-25")],
        ),
        // Lord Howe shifts by 30 minutes on the first Sundays of October and April.
        (
            "Australia/Lord_Howe",
            vec![date("2026-10-04")],
            vec![date("2026-04-05")],
        ),
        ("Asia/Kathmandu", vec![], vec![]),
    ] {
        assert_eq!(transition_days(name), (gaps.clone(), repeats.clone()), "{name}");
        for day in gaps.iter().chain(&repeats) {
            assert_eq!(day.weekday(), Weekday::Sun, "{day} in {name}");
        }
    }
    let lord_howe = transition_days("Australia/Lord_Howe");
    assert!(
        lord_howe.0[0].day() <= 7 && lord_howe.1[0].day() <= 7,
        "first Sundays"
    );
}
