//! One file per page of the signed-in app.
pub mod accounts;
pub mod calendar;
pub mod compose;
pub mod dashboard;
mod header;
pub mod not_found;
pub mod settings;
pub mod team;
