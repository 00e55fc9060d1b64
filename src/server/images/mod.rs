//! Uploaded images: stored once per content, served to members or by signed link, and
//! removed once nothing uses them.
pub mod cleanup;
pub mod serve;
pub mod signed_links;
mod store;

pub use cleanup::remove_unattached;
pub use store::{StoredImage, media_path, store_image};
