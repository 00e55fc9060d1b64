//! Requests Herald makes to the networks, and the guard that keeps people's settings (a
//! webhook or Mastodon address) from pointing Herald at the machines around it (SSRF).
mod allow_list;
mod client;
mod guard;
mod resolver;

pub use allow_list::AllowList;
pub use client::{client, use_ring_for_tls};
pub use guard::{Guard, Refused};
