//! Connecting, testing and managing a workspace's network accounts.
mod connect;
mod manage;
mod verify;

pub use connect::{ConnectForm, connect, reconnect};
pub use manage::{remove, set_paused, update_details};
pub use verify::{TestResult, redact, test_connection};
