//! One file per page of the signed-in app.
pub mod accounts;
pub mod audit;
pub mod calendar;
pub mod compose;
pub mod connect_link;
pub mod dashboard;
pub mod drafts;
mod evergreen_pool;
mod header;
mod network_apps;
pub mod not_found;
pub mod notifications;
pub mod review;
pub mod settings;
pub mod team;
