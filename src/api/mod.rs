//! Server functions: thin adapters from HTTP to the services in `server`. Each one starts by
//! asking the guard for the permission it needs (`guard::require`).
pub mod accounts;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod connect_links;
pub mod dashboard;
pub mod drafts;
pub mod evergreen;
pub mod invite;
pub mod notifications;
pub mod oauth;
pub mod plan;
pub mod posts;
pub mod review;
pub mod series;
pub mod settings;
pub mod team;
