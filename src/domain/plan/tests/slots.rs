//! Weekly slots across a year of DST changes: at the configured wall time, or the gap and
//! overlap rule, never two in one slot, never a missing week.
use chrono::{Datelike, Duration, LocalResult, TimeZone, Weekday};

use super::*;
use crate::domain::plan::fire_at;
use crate::domain::plan::slots::{MAX_SLOTS, Slot, SlotsError, WeeklySlots};
use crate::domain::schedule::to_local;

/// A year of one weekly slot in `zone`: one per week, each on its weekday at its wall time,
/// except a time the clocks skip (first minute after the gap) or repeat (the first instant).
fn assert_a_year_holds(zone_name: &str, day: Weekday, at: &str) {
    let zone = zone(zone_name);
    let slots = WeeklySlots::new(zone, [slot(day, at)]).unwrap();
    let from = utc("2026-01-01 00:00");
    let instants = slots.between(from, from + Duration::days(365));
    assert!(
        (52..=53).contains(&instants.len()),
        "{zone_name}: {} slots",
        instants.len()
    );
    for pair in instants.windows(2) {
        let apart = pair[1] - pair[0];
        assert!(
            apart >= Duration::days(7) - Duration::hours(1)
                && apart <= Duration::days(7) + Duration::hours(1),
            "{zone_name}: {} then {}",
            pair[0],
            pair[1]
        );
    }
    for at_instant in instants {
        let local = to_local(at_instant, &zone);
        assert_eq!(local.weekday(), day, "{zone_name}: {at_instant} is not on {day}");
        let wanted = local.date().and_time(time(at));
        match zone.tz().from_local_datetime(&wanted) {
            LocalResult::Single(exact) => assert_eq!(exact, at_instant),
            LocalResult::Ambiguous(first, _) => assert_eq!(first, at_instant, "{zone_name}: not the first"),
            LocalResult::None => {
                assert!(local > wanted, "{zone_name}: gap time {wanted} fired before it");
                let minute_before = to_local(at_instant - Duration::minutes(1), &zone);
                assert!(
                    minute_before < wanted,
                    "{zone_name}: {at_instant} is not the first minute after the gap"
                );
            }
        }
    }
}

#[test]
fn a_year_of_weekly_slots_keeps_its_wall_time_in_each_zone() {
    for (zone_name, day, at) in [
        ("America/New_York", Weekday::Sun, "02:30"),
        ("America/New_York", Weekday::Sun, "01:30"),
        ("America/New_York", Weekday::Mon, "09:00"),
        ("Europe/London", Weekday::Sun, "01:30"),
        ("Europe/London", Weekday::Fri, "17:00"),
        ("Australia/Lord_Howe", Weekday::Sun, "02:15"),
        ("Australia/Lord_Howe", Weekday::Sun, "01:45"),
        ("Asia/Kathmandu", Weekday::Wed, "09:00"),
        ("Europe/Berlin", Weekday::Sun, "02:30"),
    ] {
        assert_a_year_holds(zone_name, day, at);
    }
}

/// Each (zone, Sunday slot, UTC instant): on that day the slot fires once, at that instant.
fn assert_sunday_slots_fire_once(cases: &[(&str, &str, &str)]) {
    for (zone_name, at, fires) in cases {
        let slots = WeeklySlots::new(zone(zone_name), [slot(Weekday::Sun, at)]).unwrap();
        let day = utc(fires) - Duration::hours(12);
        assert_eq!(
            slots.between(day, day + Duration::days(1)),
            vec![utc(fires)],
            "{zone_name}"
        );
    }
}

#[test]
fn a_slot_in_the_spring_forward_gap_fires_at_the_first_minute_after_it() {
    let cases = [
        // 02:00 → 03:00 EDT on 8 March 2026
        ("America/New_York", "02:30", "2026-03-08 07:00"),
        // 01:00 → 02:00 BST on 29 March 2026
        ("Europe/London", "01:30", "2026-03-29 01:00"),
        // 02:00 → 02:30 (+11) on 4 October 2026: half an hour
        ("Australia/Lord_Howe", "02:15", "2026-10-03 15:30"),
    ];
    assert_sunday_slots_fire_once(&cases);
}

#[test]
fn a_slot_in_the_fall_back_overlap_fires_once_at_the_first_instant() {
    let cases = [
        // 01:30 happens at 05:30Z (EDT) and 06:30Z (EST) on 1 November 2026
        ("America/New_York", "01:30", "2026-11-01 05:30"),
        // 01:30 happens at 00:30Z (BST) and 01:30Z (GMT) on 25 October 2026
        ("Europe/London", "01:30", "2026-10-25 00:30"),
        // 01:45 happens at 14:45Z (+11) and 15:15Z (+10:30) on 5 April 2026
        ("Australia/Lord_Howe", "01:45", "2026-04-04 14:45"),
    ];
    assert_sunday_slots_fire_once(&cases);
}

#[test]
fn two_slots_in_one_gap_are_one_slot_that_day() {
    let slots = WeeklySlots::new(
        zone("America/New_York"),
        [
            slot(Weekday::Sun, "02:00"),
            slot(Weekday::Sun, "02:30"),
            slot(Weekday::Sun, "03:00"),
        ],
    )
    .unwrap();
    let day = utc("2026-03-08 00:00");
    assert_eq!(
        slots.between(day, day + Duration::days(1)),
        vec![utc("2026-03-08 07:00")]
    );
    // A week later all three are there again.
    let next = day + Duration::days(7);
    assert_eq!(slots.between(next, next + Duration::days(1)).len(), 3);
}

#[test]
fn kathmandu_keeps_its_quarter_hour_offset_all_year() {
    let slots = WeeklySlots::new(zone("Asia/Kathmandu"), [slot(Weekday::Wed, "09:00")]).unwrap();
    let from = utc("2026-01-01 00:00");
    for at in slots.between(from, from + Duration::days(365)) {
        assert_eq!(at.format("%H:%M").to_string(), "03:15");
    }
}

#[test]
fn slots_are_sorted_kept_once_and_counted() {
    let zone = zone("Europe/Berlin");
    let slots = WeeklySlots::new(
        zone,
        [
            slot(Weekday::Tue, "12:30"),
            slot(Weekday::Mon, "09:00"),
            slot(Weekday::Tue, "12:30"),
        ],
    )
    .unwrap();
    assert_eq!(
        slots.slots(),
        &[slot(Weekday::Mon, "09:00"), slot(Weekday::Tue, "12:30")]
    );
    let many = (0..=MAX_SLOTS as u32).map(|minute| Slot {
        day: Weekday::Mon,
        time: chrono::NaiveTime::from_num_seconds_from_midnight_opt(minute * 60, 0).unwrap(),
    });
    assert_eq!(WeeklySlots::new(zone, many), Err(SlotsError::TooMany));
}

#[test]
fn no_slots_means_no_instants() {
    let slots = WeeklySlots::new(zone("UTC"), []).unwrap();
    assert_eq!(slots.from(utc("2026-01-01 00:00")).next(), None);
}

#[test]
fn the_first_slot_counts_from_the_zones_own_date() {
    // 23:30 on Sunday in UTC is already Monday 08:30 in Tokyo: Monday's 09:00 is next.
    let slots = WeeklySlots::new(zone("Asia/Tokyo"), [slot(Weekday::Mon, "09:00")]).unwrap();
    assert_eq!(
        slots.from(utc("2026-01-04 23:30")).next(),
        Some(utc("2026-01-05 00:00"))
    );
    assert_eq!(
        fire_at(date("2026-01-05").and_time(time("09:00")), &zone("Asia/Tokyo")),
        utc("2026-01-05 00:00")
    );
}

#[test]
fn typed_times_are_read_or_explained() {
    use crate::domain::plan::slots::parse_times;
    assert_eq!(
        parse_times(Weekday::Tue, " 09:00, 12:30  17:00,"),
        Ok(vec![
            slot(Weekday::Tue, "09:00"),
            slot(Weekday::Tue, "12:30"),
            slot(Weekday::Tue, "17:00")
        ])
    );
    assert_eq!(parse_times(Weekday::Tue, ""), Ok(vec![]));
    let error = parse_times(Weekday::Wed, "09:00, 25:00").unwrap_err();
    assert_eq!(
        error.to_string(),
        "Wed: “25:00” is not a time; write times as HH:MM, such as 09:00, 12:30."
    );
}
