//! Writing, scheduling and managing posts. Every change is one transaction and bumps the
//! post's version.
mod lifecycle;
mod media;
mod media_cleanup;
mod query;
mod record;
mod save;
mod stored;
mod validate;

pub use lifecycle::{cancel, delete, duplicate, reschedule};
pub use media::{StoredImage, media_path, store_image};
pub use media_cleanup::remove_unattached;
pub use query::{PostDetails, get, list};
pub use save::{MediaInput, PostInput, Saved, TargetInput, save};
