//! Every rendering of a time for people, in one place so messages agree with each other.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Offset, Utc};

use super::zone::IanaZone;

/// "2:30 AM on Sunday 8 March 2026", for sentences.
const LONG: &str = "%-I:%M %p on %A %-d %B %Y";
/// "2:00 AM", for a moment on a day already named.
const CLOCK: &str = "%-I:%M %p";
/// "Tue 24 Nov 2026, 09:30", for labels.
const SHORT: &str = "%a %-d %b %Y, %H:%M";

/// The wall-clock time `at` shows in `zone`.
pub fn to_local(at: DateTime<Utc>, zone: &IanaZone) -> NaiveDateTime {
    at.with_timezone(&zone.tz()).naive_local()
}

/// "Tue 24 Nov 2026, 09:30" in `zone`, for labels where the zone is named elsewhere.
pub fn label(at: DateTime<Utc>, zone: &IanaZone) -> String {
    at.with_timezone(&zone.tz()).format(SHORT).to_string()
}

/// "Tue 24 Nov 2026, 09:30 (Europe/Berlin, UTC+01:00)".
pub fn describe(at: DateTime<Utc>, zone: &IanaZone) -> String {
    let local = at.with_timezone(&zone.tz());
    format!(
        "{} ({zone}, {})",
        local.format(SHORT),
        offset(local.offset().fix())
    )
}

/// "UTC+05:45", "UTC−04:00" (with a real minus sign, as in print).
pub(super) fn offset(offset: FixedOffset) -> String {
    format!("UTC{offset}").replace('-', "\u{2212}")
}

/// `gap`: the first missing local time and the first that exists again, when known.
pub(super) fn gap_message(
    local: &NaiveDateTime,
    zone: &IanaZone,
    gap: Option<(NaiveDateTime, NaiveDateTime)>,
) -> String {
    let when = local.format(LONG);
    let Some((start, end)) = gap else {
        return format!("{when} does not exist in {zone} because the clocks go forward. Pick another time.");
    };
    // Name the day as well when a bound is not on the chosen date (a jump across midnight).
    let bound = |t: NaiveDateTime| {
        let pattern = if t.date() == local.date() { CLOCK } else { LONG };
        t.format(pattern).to_string()
    };
    let (from, to) = (bound(start), bound(end));
    format!(
        "{when} does not exist in {zone}: the clocks go forward from {from} to {to}. \
         Pick a time before {from} or from {to}."
    )
}

pub(super) fn ambiguity_note(local: &NaiveDateTime, zone: &IanaZone, earlier: &str, later: &str) -> String {
    format!(
        "{} happens twice in {zone}; Herald uses the first one ({earlier}), not the second ({later}).",
        local.format(LONG),
    )
}

/// "3 hours ago", rounded down, at least "1 minute ago".
pub(super) fn ago(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let seconds = now.signed_duration_since(at).num_seconds();
    let (count, unit) = match seconds {
        ..3_600 => ((seconds / 60).max(1), "minute"),
        3_600..172_800 => (seconds / 3_600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural} ago")
}
