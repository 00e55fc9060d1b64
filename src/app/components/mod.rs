//! Small building blocks shared by pages.
pub mod alert;
pub mod empty_state;
pub mod field;
pub mod icons;
