//! Small building blocks shared by pages.
pub mod alert;
pub mod comment_thread;
pub mod empty_state;
pub mod field;
pub mod icons;
pub mod post_preview;
