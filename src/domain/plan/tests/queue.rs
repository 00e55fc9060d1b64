//! The queue takes free slots in order and passes over the taken ones.
use std::collections::BTreeSet;

use chrono::Weekday;

use super::*;
use crate::domain::plan::queue::{next_free, place};
use crate::domain::plan::slots::{WeeklySlots, weekdays};

fn weekday_mornings() -> WeeklySlots {
    // Mon–Fri 09:00 and 12:30 in Berlin (UTC+1 in January)
    let times = ["09:00", "12:30"].map(|t| slot(Weekday::Mon, t).time);
    WeeklySlots::new(zone("Europe/Berlin"), weekdays(&times)).unwrap()
}

#[test]
fn posts_take_the_next_free_slots_in_order() {
    // Friday 9 January 2026, 10:00 Berlin: Friday 12:30 is next, then Monday.
    let now = utc("2026-01-09 09:00");
    let placed = place(&weekday_mornings(), now, &BTreeSet::new(), 3);
    assert_eq!(
        placed,
        vec![
            utc("2026-01-09 11:30"),
            utc("2026-01-12 08:00"),
            utc("2026-01-12 11:30")
        ]
    );
}

#[test]
fn a_taken_slot_is_passed_over() {
    let now = utc("2026-01-09 09:00");
    let taken = BTreeSet::from([utc("2026-01-09 11:30")]);
    assert_eq!(
        next_free(&weekday_mornings(), now, &taken),
        Some(utc("2026-01-12 08:00"))
    );
}

#[test]
fn adding_one_after_another_never_shares_a_slot() {
    let slots = weekday_mornings();
    let now = utc("2026-01-09 09:00");
    let mut taken = BTreeSet::new();
    for _ in 0..50 {
        let at = next_free(&slots, now, &taken).unwrap();
        assert!(taken.insert(at), "{at} given twice");
    }
}

#[test]
fn a_queue_without_slots_is_full() {
    let slots = WeeklySlots::new(zone("UTC"), []).unwrap();
    assert_eq!(next_free(&slots, utc("2026-01-09 09:00"), &BTreeSet::new()), None);
}
