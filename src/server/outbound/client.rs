//! The HTTP client Herald uses to talk to the networks.
use super::AllowList;
use super::resolver::PublicOnly;
use crate::server::config::Settings;
use anyhow::Context;
use reqwest::redirect::{Attempt, Policy};
use std::sync::Arc;
use std::time::Duration;
use url::Host;

const MAX_REDIRECTS: usize = 3;

/// reqwest is built without a TLS crypto provider of its own and will not build a client,
/// even for plain http, until one is chosen: ring, once per process.
pub fn use_ring_for_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

pub fn client(settings: &Settings, allow: &AllowList) -> anyhow::Result<reqwest::Client> {
    use_ring_for_tls();
    let allow = Arc::new(allow.clone());
    reqwest::Client::builder()
        .user_agent(format!(
            "Herald/{} (+{})",
            env!("CARGO_PKG_VERSION"),
            settings.server.base_url()
        ))
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(20))
        .dns_resolver(PublicOnly { allow: allow.clone() })
        .redirect(Policy::custom(move |attempt| follow_public(attempt, &allow)))
        .build()
        .context("could not build the HTTP client")
}

/// Host names are filtered when resolved; an address written into the redirect is not
/// resolved, so it is checked here.
fn follow_public(attempt: Attempt<'_>, allow: &AllowList) -> reqwest::redirect::Action {
    let address = match attempt.url().host() {
        Some(Host::Ipv4(v4)) => Some(std::net::IpAddr::V4(v4)),
        Some(Host::Ipv6(v6)) => Some(std::net::IpAddr::V6(v6)),
        _ => None,
    };
    if address.is_some_and(|address| !allow.permits_address(address)) {
        return attempt.error("a redirect pointed to a private address");
    }
    if attempt.previous().len() >= MAX_REDIRECTS {
        return attempt.error("too many redirects");
    }
    attempt.follow()
}
