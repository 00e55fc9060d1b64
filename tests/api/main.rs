//! Integration tests: each test gets its own database (#[sqlx::test]) and its own Herald on
//! a free port, and talks to it over real HTTP.
mod accounts;
mod auth;
mod batch;
mod cli;
mod crash;
mod fakes;
mod health;
mod helpers;
mod media;
mod pages;
mod posts;
mod publish;
mod rate_limits;
mod seed;
mod sessions;
mod team;
