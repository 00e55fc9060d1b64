//! Placing queued posts into an account's free slots.
use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::slots::WeeklySlots;

/// How far ahead a queue looks for a free slot before saying it is full.
pub const QUEUE_HORIZON_DAYS: i64 = 366;

/// The instants `count` queued posts take, in queue order: the free slots from `after` on,
/// passing over `taken` (posts placed by hand, or by anything but this queue). Fewer than
/// `count` when the slots within [`QUEUE_HORIZON_DAYS`] run out.
pub fn place(
    slots: &WeeklySlots,
    after: DateTime<Utc>,
    taken: &BTreeSet<DateTime<Utc>>,
    count: usize,
) -> Vec<DateTime<Utc>> {
    let horizon = after + chrono::Duration::days(QUEUE_HORIZON_DAYS);
    slots
        .from(after)
        .take_while(|at| *at < horizon)
        .filter(|at| !taken.contains(at))
        .take(count)
        .collect()
}

/// The first free slot from `after` on, if any within the horizon.
pub fn next_free(
    slots: &WeeklySlots,
    after: DateTime<Utc>,
    taken: &BTreeSet<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    place(slots, after, taken, 1).pop()
}
