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

/// A link a network reported for a published post, kept only if it is an https address: it is
/// shown to people as a link, and a `javascript:` one would run in their browser.
pub fn https_link(link: Option<String>) -> Option<String> {
    link.filter(|link| url::Url::parse(link).is_ok_and(|url| url.scheme() == "https" && url.has_host()))
}

/// Like `https_link`, and also a link on the very server the person connected (a Mastodon
/// instance on a private network, allowed by the admin, may speak plain http).
pub fn https_or_home_link(link: Option<String>, home: &str) -> Option<String> {
    let home = url::Url::parse(home).ok()?.origin();
    link.filter(|link| {
        url::Url::parse(link).is_ok_and(|url| {
            url.has_host() && (url.scheme() == "https" || (url.scheme() == "http" && url.origin() == home))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::{https_link, https_or_home_link};

    #[test]
    fn only_https_links_are_kept() {
        let kept = |link: &str| https_link(Some(link.to_owned()));
        assert_eq!(
            kept("https://social.example/@a/1").as_deref(),
            Some("https://social.example/@a/1")
        );
        for refused in [
            "javascript:alert(1)",
            "http://social.example/@a/1",
            "data:text/html,x",
            "https://",
            " ",
        ] {
            assert_eq!(kept(refused), None, "{refused}");
        }
    }

    #[test]
    fn a_plain_http_link_is_kept_only_on_the_connected_server() {
        let home = "http://mastodon.lan:3000";
        let kept = |link: &str| https_or_home_link(Some(link.to_owned()), home);
        assert!(kept("http://mastodon.lan:3000/@a/1").is_some());
        assert!(kept("https://elsewhere.example/@a/1").is_some());
        assert_eq!(kept("http://elsewhere.example/@a/1"), None);
        assert_eq!(kept("javascript:alert(1)"), None);
    }
}
