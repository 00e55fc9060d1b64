//! Connecting accounts by signing in to the network, against local fakes of its sign-in.
mod linkedin;
mod links;
mod mastodon;
mod mastodon_refusals;
mod network_apps;
mod x;
mod x_refresh;
