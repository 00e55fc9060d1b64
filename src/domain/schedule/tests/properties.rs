//! Property tests: whatever a form sends, parsing answers or explains, and a resolved time
//! reads back as the wall-clock time that was asked for.
use chrono::{Duration, NaiveDate};
use chrono_tz::TZ_VARIANTS;
use proptest::prelude::*;

use super::*;

fn any_zone() -> impl Strategy<Value = IanaZone> {
    (0..TZ_VARIANTS.len()).prop_map(|i| IanaZone::parse(TZ_VARIANTS[i].name()).unwrap())
}

/// Every minute from 1900 to 2200: DST rules of the past and the projected future.
fn any_wall_clock() -> impl Strategy<Value = NaiveDateTime> {
    let start = NaiveDate::from_ymd_opt(1900, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    (0i64..300 * 366 * 24 * 60).prop_map(move |minutes| start + Duration::minutes(minutes))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn any_text_in_the_date_time_and_zone_fields_parses_or_is_explained(
        date in ".{0,40}", time in ".{0,40}", name in ".{0,60}"
    ) {
        if let Err(error) = parse_local(&date, &time) {
            prop_assert!(!error.to_string().is_empty());
        }
        if let Err(error) = IanaZone::parse(&name) {
            prop_assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn what_the_inputs_send_reads_back(local in any_wall_clock()) {
        let date = local.format("%Y-%m-%d").to_string();
        let time = local.format("%H:%M").to_string();
        prop_assert_eq!(parse_local(&date, &time).unwrap(), local);
    }

    #[test]
    fn a_resolved_time_shows_its_wall_clock_in_its_zone(local in any_wall_clock(), zone in any_zone()) {
        match resolve(local, &zone) {
            Ok(resolved) => {
                prop_assert_eq!(to_local(resolved.at, &zone), local);
                if let Some(ambiguity) = resolved.ambiguity {
                    prop_assert!(ambiguity.earlier < ambiguity.later);
                    prop_assert_eq!(resolved.at, ambiguity.earlier);
                }
            }
            // Skipped by a transition: the wall clock lies inside the gap the error names.
            Err(ScheduleError::NonexistentTime { gap, .. }) => {
                if let Some(gap) = gap {
                    prop_assert!(gap.start <= local && local < gap.end, "{local} outside {gap:?}");
                }
            }
            Err(other) => prop_assert!(false, "unexpected {other:?}"),
        }
    }
}
