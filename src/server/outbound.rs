//! The HTTP client Herald uses to talk to the networks.
use crate::server::config::Settings;
use anyhow::Context;
use std::time::Duration;

pub fn client(settings: &Settings) -> anyhow::Result<reqwest::Client> {
    // reqwest is built without a TLS crypto provider of its own; use ring, once per process.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .user_agent(format!(
            "Herald/{} (+{})",
            env!("CARGO_PKG_VERSION"),
            settings.server.base_url()
        ))
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(20))
        .redirect(reqwest::redirect::Policy::limited(3))
        .build()
        .context("could not build the HTTP client")
}
