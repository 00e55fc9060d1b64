//! Everything that only runs on the server.
pub mod accounts;
pub mod auth;
pub mod cli;
pub mod config;
pub mod crypto;
pub mod db;
pub mod health;
pub mod http;
pub mod media_files;
pub mod outbound;
pub mod platforms;
pub mod posts;
pub mod publish;
pub mod startup;
pub mod state;
pub mod team;
pub mod telemetry;
