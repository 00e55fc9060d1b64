//! Integration tests: each test gets its own database (#[sqlx::test]) and its own Herald on
//! a free port, and talks to it over real HTTP.
mod accounts;
mod auth;
mod batch;
mod cli;
mod crash;
mod dashboard;
mod fakes;
mod health;
mod helpers;
mod media;
mod notices;
mod pages;
mod posts;
mod publish;
mod publish_outage;
mod rate_limits;
mod review;
mod review_pages;
mod review_refusals;
mod seed;
mod sessions;
mod team;
mod team_scene;
