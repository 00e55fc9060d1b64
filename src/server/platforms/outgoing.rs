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
    /// (Instagram, Threads, Facebook): a signed, expiring link to Herald's `/media/{id}`.
    pub public_url: String,
}

impl OutgoingImage {
    /// "image2.png": networks guess the type from the name as well as the bytes, and Discord
    /// shows an attachment inline only when its name has an image extension.
    pub fn file_name(&self, index: usize) -> String {
        let extension = match self.content_type.as_str() {
            "image/png" => "png",
            "image/gif" => "gif",
            "image/webp" => "webp",
            "image/avif" => "avif",
            "image/heic" => "heic",
            _ => "jpg",
        };
        format!("image{}.{extension}", index + 1)
    }
}

/// The post as it now lives on the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub remote_id: String,
    /// Where a person can see it; some networks (webhooks) have none.
    pub url: Option<String>,
}
