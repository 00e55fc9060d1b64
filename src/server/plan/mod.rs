//! Planning the week: posting slots and the queue that fills them, recurring series and the
//! evergreen pool. The rules are pure, in `domain::plan`; this layer stores them and applies
//! them under the queue's lock.
mod calendar;
pub mod evergreen;
pub mod job;
mod queue;
pub mod series;
mod slots;

use chrono::Duration;

pub use calendar::slot_times;
pub use queue::{QueuedPost, add, reflow};
pub use slots::{load as load_slots, set as set_slots, view as slots_view, views as slots_views};

/// Posts due this soon stay as they are, whatever the queue or a series does: their publish may
/// be under way.
const SETTLED: Duration = Duration::minutes(2);
