use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};

use super::format;
use super::zone::{IanaZone, ZoneError};

/// Why a date, time or zone from the composer cannot be scheduled. Messages are shown as-is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ScheduleError {
    #[error("Enter a date as YYYY-MM-DD.")]
    MissingDate,
    #[error("“{0}” is not a date. Enter a date as YYYY-MM-DD.")]
    InvalidDate(String),
    #[error("Enter a time as HH:MM.")]
    MissingTime,
    #[error("“{0}” is not a time. Enter a time as HH:MM.")]
    InvalidTime(String),
    #[error(transparent)]
    Zone(#[from] ZoneError),
    /// The local time falls in a spring-forward gap.
    #[error("{}", format::gap_message(.local, .zone, .gap.map(|g| (g.start, g.end))))]
    NonexistentTime {
        local: NaiveDateTime,
        zone: IanaZone,
        gap: Option<Gap>,
    },
    #[error(
        "That time has already passed ({}); pick a time in the future or use Publish now.",
        format::ago(*.at, *.now)
    )]
    Past { at: DateTime<Utc>, now: DateTime<Utc> },
}

/// Wall-clock bounds of a gap: `start` is the first missing local time, `end` the first one that
/// exists again (2:00 and 3:00 for a one-hour spring-forward at 2:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}
