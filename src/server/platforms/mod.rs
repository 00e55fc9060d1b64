//! One file per network behind one trait. Adding a network touches its file and the registry
//! line in `network()`.
mod bluesky;
mod body;
mod credentials;
mod discord;
mod error;
mod facebook;
mod instagram;
mod linkedin;
mod mastodon;
mod meta_graph;
mod outgoing;
mod response;
mod sessions;
mod slack;
mod telegram;
#[cfg(test)]
mod testing;
mod threads;
mod webhook;
mod x;

pub use crate::server::config::Endpoints;
pub use credentials::{Credentials, CredentialsError};
pub use error::NetworkError;
pub use linkedin::LINKEDIN_VERSION;
pub use outgoing::{Outgoing, OutgoingImage, Published};
pub use sessions::SessionCache;

use crate::domain::platform::Platform;
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;

/// What a network call needs besides the credentials.
pub struct NetworkContext<'a> {
    pub http: &'a reqwest::Client,
    pub endpoints: &'a Endpoints,
    /// Logged-in sessions kept between publishes (Bluesky), by account.
    pub sessions: &'a SessionCache,
}

/// Who the credentials belong to, as the network reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct Verified {
    pub handle: String,
    pub display_name: Option<String>,
    /// Limits the network reported for this account (Mastodon instances), if any.
    pub text: AccountTextSettings,
}

impl Verified {
    /// Only a handle: no display name, and the text limits every account on the network has.
    pub fn handle_only(handle: String) -> Self {
        Verified {
            handle,
            display_name: None,
            text: AccountTextSettings::default(),
        }
    }
}

#[async_trait]
pub trait Network: Send + Sync {
    /// Calls the network's cheapest authenticated endpoint to prove the credentials work.
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError>;

    /// Sends one target's text and images. Where the network has an idempotency mechanism,
    /// `outgoing.target_id` is its key, so a repeat cannot publish twice.
    async fn publish(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
        outgoing: &Outgoing,
    ) -> Result<Published, NetworkError>;

    /// Whether sending again after a crash mid-publish is safe (the network deduplicates by
    /// our key). Where it is not, a person decides.
    fn resend_is_safe(&self) -> bool {
        false
    }
}

pub fn network(platform: Platform) -> &'static dyn Network {
    match platform {
        Platform::Mastodon => &mastodon::Mastodon,
        Platform::Bluesky => &bluesky::Bluesky,
        Platform::Discord => &discord::Discord,
        Platform::Slack => &slack::Slack,
        Platform::Telegram => &telegram::Telegram,
        Platform::Webhook => &webhook::Webhook,
        Platform::LinkedIn => &linkedin::LinkedIn,
        Platform::X => &x::X,
        Platform::Threads => &threads::Threads,
        Platform::Facebook => &facebook::Facebook,
        Platform::Instagram => &instagram::Instagram,
    }
}
