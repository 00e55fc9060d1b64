//! Planning the week: posting slots and the queue that fills them. The rules are pure, in
//! `domain::plan`; this layer stores them and applies them under the queue's lock.
mod calendar;
mod queue;
mod slots;

pub use calendar::slot_times;
pub use queue::{QueuedPost, add, reflow};
pub use slots::{load as load_slots, set as set_slots, view as slots_view, views as slots_views};
