//! Connecting accounts by signing in to the network, against local fakes of its sign-in.
mod every_network;
mod facebook;
mod linkedin;
mod linkedin_pages;
mod linkedin_refresh;
mod links;
mod mastodon;
mod mastodon_refusals;
mod network_apps;
mod shared;
mod threads;
mod threads_refresh;
mod x;
mod x_refresh;
