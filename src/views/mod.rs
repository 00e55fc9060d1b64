//! The shapes server functions send and take. Shared by the pages and the server; they
//! depend on `domain` only, so the server can build them without reaching up into `api`.
pub mod accounts;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod dashboard;
pub mod invite;
pub mod notifications;
pub mod oauth;
pub mod plan;
pub mod posts;
pub mod review;
pub mod series;
pub mod settings;
pub mod team;
