//! Connecting, testing and managing a workspace's network accounts.
mod connect;
mod held;
mod listing;
mod lookup;
mod manage;
mod verify;

pub use connect::{ConnectForm, connect, reconnect};
pub use listing::list;
pub use manage::{remove, set_paused, update_details};
pub use verify::{TestResult, test_connection};
