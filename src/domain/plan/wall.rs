//! The one rule that turns a planned wall-clock time into an instant, for slots and repeats alike.
use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::GapInfo;

use crate::domain::schedule::IanaZone;

/// When a planned `local` time fires in `zone`. A time the clocks skip (spring forward) fires at
/// the first minute that exists after the gap; a time that happens twice (fall back) fires once,
/// at its first instant. Unlike the composer, which asks the person, a plan must always fire.
pub fn fire_at(local: NaiveDateTime, zone: &IanaZone) -> DateTime<Utc> {
    let tz = zone.tz();
    match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => at.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => match GapInfo::new(&local, &tz).and_then(|gap| gap.end) {
            Some(end) => end.with_timezone(&Utc),
            // Past the end of chrono-tz's table: read the time with the offset of the day before.
            None => {
                let offset = tz.offset_from_utc_datetime(&(local - Duration::days(1)));
                local.and_utc() - Duration::seconds(i64::from(offset.fix().local_minus_utc()))
            }
        },
    }
}
