//! Wall-clock time in an IANA zone, resolved to an instant.
//!
//! The composer sends a date, a time and a zone name; Herald stores the UTC instant plus the zone.
//! Pure and clock-free (callers pass `now`) because it also runs in the browser, where chrono has
//! no `clock` feature.

mod error;
mod format;
mod quote;
mod resolve;
mod zone;

#[cfg(test)]
mod tests;

pub use error::{Gap, ScheduleError};
pub use format::{describe, label, to_local};
pub use resolve::{Ambiguity, CLOCK_SKEW_GRACE, Resolved, ensure_future, parse_local, resolve};
pub use zone::{IanaZone, ZoneError};
