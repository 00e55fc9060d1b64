//! Writing, scheduling and managing posts. Every change is one transaction and bumps the
//! post's version.
mod audit_trail;
mod calendar;
mod details;
mod input;
mod lifecycle;
mod lock;
mod save;
pub mod snapshot;
mod stored;
mod validate;

pub use calendar::list;
pub use details::{PostDetails, get};
pub use input::{MediaInput, PostInput, TargetInput};
pub use lifecycle::{cancel, delete, duplicate, reschedule};
pub use lock::{lock, lock_at_version, missing};
pub use save::{Saved, save};
