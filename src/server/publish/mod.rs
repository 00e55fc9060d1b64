//! The publishing engine: apalis tasks on Postgres run each target at its time, once.
//!
//! Scheduling pushes one task per target (carrying the post's version) in the same transaction
//! as the status change (`queue`). A worker claims the target with one conditional UPDATE,
//! calls the network, and records the outcome (`handler`, `outcome`); retries are new tasks
//! with a later `run_at`. Claims and outcomes of concurrent tasks are written together, one
//! transaction per batch (`batch`, `claim`, `commit_outcomes`), all held by the `engine`. The
//! sweeper heals what a crash or an outage left behind (`sweeper`).
pub mod batch;
pub mod claim;
pub mod commit_outcomes;
pub mod content;
pub mod dashboard;
pub mod engine;
pub mod handler;
pub mod hold;
pub mod listen;
pub mod manage;
pub mod outcome;
pub mod poll;
pub mod queue;
pub mod rate_limit;
pub mod sweeper;
pub mod worker;

pub use queue::PublishTask;
pub use worker::{Workers, start};
