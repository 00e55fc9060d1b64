//! Everything that only runs on the server.
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod health;
pub mod http;
pub mod startup;
pub mod state;
pub mod team;
pub mod telemetry;
