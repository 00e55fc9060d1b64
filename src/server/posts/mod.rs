//! Writing, scheduling and managing posts. Every change is one transaction and bumps the
//! post's version.
mod audit_trail;
mod calendar;
mod content;
mod details;
pub mod drafts;
mod input;
mod lifecycle;
mod lock;
mod reschedule;
mod save;
pub mod snapshot;
mod stored;
mod validate;

pub use calendar::list;
pub use content::{Content, read as read_content};
pub use details::{PostDetails, get, series_view};
pub use input::{MediaInput, PostInput, TargetInput};
pub use lifecycle::{cancel, delete, duplicate};
pub use lock::{changed, lock, lock_at_version, lock_in, missing};
pub use reschedule::{move_in, reschedule};
pub use save::{Saved, save, save_in};
pub use validate::{When, content as validate_content};
