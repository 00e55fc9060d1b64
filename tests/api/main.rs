//! Integration tests: each test gets its own database (#[sqlx::test]) and its own Herald on
//! a free port, and talks to it over real HTTP.
mod accounts;
mod auth;
mod batch;
mod cli;
mod crash;
mod dashboard;
mod fakes;
mod fuzz;
mod health;
mod helpers;
mod matrix;
mod media;
mod notices;
mod pages;
mod posts;
mod publish;
mod rate_limits;
mod review;
mod review_pages;
mod review_refusals;
mod seed;
mod sessions;
mod team;
mod team_scene;
