use chrono::{
    DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone, Timelike, Utc,
};
use chrono_tz::GapInfo;
use serde::{Deserialize, Serialize};

use super::error::{Gap, ScheduleError};
use super::format;
use super::quote::echo;
use super::zone::IanaZone;

/// How far in the past a time may be and still be accepted: browser and server clocks drift
/// apart a little, and submitting the form takes a moment.
pub const CLOCK_SKEW_GRACE: TimeDelta = TimeDelta::seconds(60);

/// A wall-clock time pinned to one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolved {
    pub at: DateTime<Utc>,
    pub local: NaiveDateTime,
    pub zone: IanaZone,
    /// Set when the clocks go back and `local` happens twice; `at` is then the earlier instant.
    pub ambiguity: Option<Ambiguity>,
}

impl Resolved {
    /// What the composer should tell the user about the chosen instant, if anything.
    pub fn note(&self) -> Option<String> {
        self.ambiguity.as_ref().map(Ambiguity::note)
    }
}

/// Both instants of a local time that happens twice (fall-back), with their UTC offsets for display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ambiguity {
    pub local: NaiveDateTime,
    pub zone: IanaZone,
    pub earlier: DateTime<Utc>,
    pub later: DateTime<Utc>,
    /// For example "UTC−04:00".
    pub earlier_offset: String,
    pub later_offset: String,
}

impl Ambiguity {
    pub fn note(&self) -> String {
        format::ambiguity_note(&self.local, &self.zone, &self.earlier_offset, &self.later_offset)
    }
}

/// Reads the values of `<input type=date>` ("2026-03-08") and `<input type=time>` ("02:30", or
/// "02:30:00(.000)" when the input's step is under a minute).
pub fn parse_local(date: &str, time: &str) -> Result<NaiveDateTime, ScheduleError> {
    Ok(parse_date(date)?.and_time(parse_time(time)?))
}

fn parse_date(input: &str) -> Result<NaiveDate, ScheduleError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ScheduleError::MissingDate);
    }
    NaiveDate::parse_from_str(trimmed, "%Y-%m-%d").map_err(|_| ScheduleError::InvalidDate(echo(trimmed)))
}

fn parse_time(input: &str) -> Result<NaiveTime, ScheduleError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(ScheduleError::MissingTime);
    }
    ["%H:%M", "%H:%M:%S%.f"]
        .iter()
        .find_map(|pattern| NaiveTime::parse_from_str(trimmed, pattern).ok())
        // chrono reads "23:59:60" as a leap second, which no zone's clock shows.
        .filter(|time| time.nanosecond() < 1_000_000_000)
        .ok_or_else(|| ScheduleError::InvalidTime(echo(trimmed)))
}

/// Pins a wall-clock time in `zone` to an instant. A time skipped by a spring-forward is an error;
/// a time repeated by a fall-back takes its first occurrence.
pub fn resolve(local: NaiveDateTime, zone: &IanaZone) -> Result<Resolved, ScheduleError> {
    let tz = zone.tz();
    let (at, ambiguity) = match tz.from_local_datetime(&local) {
        LocalResult::Single(at) => (at, None),
        LocalResult::Ambiguous(a, b) => {
            let (earlier, later) = if a <= b { (a, b) } else { (b, a) };
            let ambiguity = Ambiguity {
                local,
                zone: *zone,
                earlier: earlier.with_timezone(&Utc),
                later: later.with_timezone(&Utc),
                earlier_offset: format::offset(earlier.offset().fix()),
                later_offset: format::offset(later.offset().fix()),
            };
            (earlier, Some(ambiguity))
        }
        LocalResult::None => {
            // chrono-tz knows the transition; `None` only at the ends of its table.
            let gap = GapInfo::new(&local, &tz).and_then(|info| {
                Some(Gap {
                    start: info.begin?.0,
                    end: info.end?.naive_local(),
                })
            });
            return Err(ScheduleError::NonexistentTime {
                local,
                zone: *zone,
                gap,
            });
        }
    };
    Ok(Resolved {
        at: at.with_timezone(&Utc),
        local,
        zone: *zone,
        ambiguity,
    })
}

/// Rejects instants before `now`, allowing [`CLOCK_SKEW_GRACE`]. "Publish now" skips this check.
pub fn ensure_future(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), ScheduleError> {
    // Comparing the difference cannot overflow, unlike `now - grace` at the edge of chrono's range.
    if now.signed_duration_since(at) <= CLOCK_SKEW_GRACE {
        Ok(())
    } else {
        Err(ScheduleError::Past { at, now })
    }
}
