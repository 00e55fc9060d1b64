//! Property tests: every planned instant reads back as its wall time in its zone (or the gap
//! rule), and the queue never gives one slot twice.
use std::collections::BTreeSet;

use chrono::{Duration, LocalResult, TimeZone, Weekday};
use chrono_tz::TZ_VARIANTS;
use proptest::prelude::*;

use super::*;
use crate::domain::plan::fire_at;
use crate::domain::plan::queue::{QUEUE_HORIZON_DAYS, place};
use crate::domain::plan::slots::{Slot, WeeklySlots};
use crate::domain::schedule::to_local;

fn any_zone() -> impl Strategy<Value = IanaZone> {
    (0..TZ_VARIANTS.len()).prop_map(|i| IanaZone::from(TZ_VARIANTS[i]))
}

fn any_minute_of_day() -> impl Strategy<Value = NaiveTime> {
    (0u32..24 * 60).prop_map(|m| NaiveTime::from_num_seconds_from_midnight_opt(m * 60, 0).unwrap())
}

fn any_day() -> impl Strategy<Value = NaiveDate> {
    (0i64..40 * 366).prop_map(|d| date("2000-01-01") + Duration::days(d))
}

fn any_weekday() -> impl Strategy<Value = Weekday> {
    (0u8..7).prop_map(|d| Weekday::try_from(d).unwrap())
}

/// The wall time `wanted` fires as `at`: exactly, the first of two, or the first minute after a gap.
fn shows_its_wall_time(
    wanted: NaiveDateTime,
    at: DateTime<Utc>,
    zone: &IanaZone,
) -> Result<(), TestCaseError> {
    match zone.tz().from_local_datetime(&wanted) {
        LocalResult::Single(exact) => prop_assert_eq!(exact, at),
        LocalResult::Ambiguous(first, second) => prop_assert_eq!(first.min(second), at),
        LocalResult::None => {
            prop_assert!(to_local(at, zone) > wanted);
            prop_assert!(to_local(at - Duration::minutes(1), zone) < wanted);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn a_planned_time_reads_back_as_its_wall_time(zone in any_zone(), day in any_day(), at in any_minute_of_day()) {
        let wanted = day.and_time(at);
        shows_its_wall_time(wanted, fire_at(wanted, &zone), &zone)?;
    }

    #[test]
    fn weekly_slots_read_back_in_order_once_each(
        zone in any_zone(), start in any_day(), day in any_weekday(), at in any_minute_of_day()
    ) {
        let slots = WeeklySlots::new(zone, [Slot { day, time: at }]).unwrap();
        let from = start.and_time(NaiveTime::MIN).and_utc();
        let found = slots.between(from, from + Duration::days(56));
        prop_assert!((7..=9).contains(&found.len()), "{} slots", found.len());
        for pair in found.windows(2) {
            prop_assert!(pair[0] < pair[1]);
        }
        for instant in found {
            shows_its_wall_time(to_local(instant, &zone).date().and_time(at), instant, &zone)
                .or_else(|_| {
                    // Fired after a gap that crossed midnight: the wall date is the next one.
                    let previous = to_local(instant, &zone).date().pred_opt().unwrap();
                    shows_its_wall_time(previous.and_time(at), instant, &zone)
                })?;
        }
    }

    #[test]
    fn the_queue_never_gives_a_slot_twice_or_a_taken_one(
        zone in any_zone(),
        times in proptest::collection::vec((any_weekday(), any_minute_of_day()), 1..10),
        taken_every in 1usize..5,
        count in 1usize..40,
    ) {
        let slots = WeeklySlots::new(zone, times.into_iter().map(|(day, time)| Slot { day, time })).unwrap();
        let now = utc("2026-06-01 12:00");
        let taken: BTreeSet<_> = slots.from(now).take(40).step_by(taken_every).collect();
        let placed = place(&slots, now, &taken, count);
        let horizon = now + Duration::days(QUEUE_HORIZON_DAYS);
        let free = slots.from(now).take_while(|at| *at < horizon).filter(|at| !taken.contains(at)).count();
        prop_assert_eq!(placed.len(), count.min(free));
        for pair in placed.windows(2) {
            prop_assert!(pair[0] < pair[1]);
        }
        prop_assert!(placed.iter().all(|at| !taken.contains(at) && *at >= now));
    }
}

#[cfg(feature = "ssr")]
mod series {
    use super::*;
    use crate::domain::plan::repeat::{End, Pattern, Repeat};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        #[test]
        fn every_occurrence_reads_back_as_the_series_wall_time(
            zone in any_zone(), start in any_day(), at in any_minute_of_day(), every in 1u16..4,
            days in proptest::collection::vec(any_weekday(), 1..4),
        ) {
            let rule = Repeat {
                pattern: Pattern::Weekly { days },
                every,
                starts_on: start,
                at,
                zone,
                end: End::Never,
                skipped: Default::default(),
            }
            .checked()
            .unwrap();
            let from = start.and_time(NaiveTime::MIN).and_utc() - Duration::days(1);
            let found = rule.between(from, from + Duration::days(60));
            prop_assert!(!found.is_empty());
            for occurrence in found {
                shows_its_wall_time(occurrence.on.and_time(at), occurrence.at, &zone)?;
            }
        }
    }
}
