//! What a network adapter is asked to send, and what it reports back.
use bytes::Bytes;
use uuid::Uuid;

/// One target, ready to go: the text for this account (its override, or the post's body).
#[derive(Debug, Clone)]
pub struct Outgoing {
    /// The idempotency key where the network has one (stable across retries and crashes).
    pub target_id: Uuid,
    pub account_id: Uuid,
    pub text: String,
    pub images: Vec<OutgoingImage>,
}

#[derive(Debug, Clone)]
pub struct OutgoingImage {
    pub bytes: Bytes,
    pub content_type: String,
    pub alt_text: String,
    pub width: u32,
    pub height: u32,
    /// A public address of the image, for networks that fetch images themselves
    /// (Instagram, Threads). Herald's own `/media/{id}` behind `server.base_url`.
    pub public_url: String,
}

/// The post as it now lives on the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub remote_id: String,
    /// Where a person can see it; some networks (webhooks) have none.
    pub url: Option<String>,
}
