//! Connecting accounts by "Sign in with …": starting a flow, the way back from the network,
//! the instance's apps at the networks, and connect links for clients.
pub mod apps;
mod browser;
mod callback;
mod candidates;
pub mod choose;
mod connect;
mod finish;
mod linkedin_pages;
pub mod links;
mod network_read;
mod start;
mod who_signed_in;

pub use callback::callback;
pub use start::{StartForm, start};
