//! Connecting, testing and managing a workspace's network accounts.
mod connect;
mod held;
mod key_check;
mod listing;
mod lookup;
mod manage;
mod store;
mod verify;

pub use connect::{ConnectForm, connect, reconnect};
pub use key_check::refuse_wrong_key;
pub use listing::list;
pub use manage::{remove, set_paused, update_details};
pub use store::{ConnectedBy, Connection, SignedIn, store_new, store_replacement};
pub use verify::{TestResult, explain, test_connection, verify};
