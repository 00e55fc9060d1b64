//! What each network asks of a self-hoster to connect an account (the manual token path).
use crate::domain::platform::Platform;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FieldKind {
    Url,
    Text,
    /// Never shown again once saved.
    Secret,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CredentialField {
    pub name: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    pub placeholder: &'static str,
    pub help: &'static str,
}

const fn field(
    name: &'static str,
    label: &'static str,
    kind: FieldKind,
    required: bool,
    placeholder: &'static str,
    help: &'static str,
) -> CredentialField {
    CredentialField {
        name,
        label,
        kind,
        required,
        placeholder,
        help,
    }
}

use FieldKind::{Secret, Text, Url};

const MASTODON: &[CredentialField] = &[
    field(
        "instance_url",
        "Instance",
        Url,
        true,
        "https://mastodon.social",
        "The server your account lives on.",
    ),
    field(
        "access_token",
        "Access token",
        Secret,
        true,
        "",
        "Preferences → Development → New application, with the write:statuses, write:media and read:accounts scopes.",
    ),
];
const BLUESKY: &[CredentialField] = &[
    field(
        "handle",
        "Handle",
        Text,
        true,
        "you.bsky.social",
        "Your handle or the email of the account.",
    ),
    field(
        "app_password",
        "App password",
        Secret,
        true,
        "xxxx-xxxx-xxxx-xxxx",
        "Settings → Privacy and security → App passwords. Not your account password.",
    ),
    field(
        "pds_url",
        "PDS",
        Url,
        false,
        "https://bsky.social",
        "Only for self-hosted servers; leave empty for bsky.social.",
    ),
];
const DISCORD: &[CredentialField] = &[field(
    "webhook_url",
    "Webhook URL",
    Secret,
    true,
    "https://discord.com/api/webhooks/…",
    "Channel settings → Integrations → Webhooks → Copy webhook URL.",
)];
const SLACK: &[CredentialField] = &[field(
    "webhook_url",
    "Incoming webhook URL",
    Secret,
    true,
    "https://hooks.slack.com/services/…",
    "From a Slack app with incoming webhooks enabled.",
)];
const TELEGRAM: &[CredentialField] = &[
    field(
        "bot_token",
        "Bot token",
        Secret,
        true,
        "123456:ABC-DEF…",
        "From @BotFather.",
    ),
    field(
        "chat_id",
        "Chat id",
        Text,
        true,
        "@mychannel or -1001234567890",
        "The channel or group; the bot must be allowed to post there.",
    ),
];
const WEBHOOK: &[CredentialField] = &[
    field(
        "url",
        "URL",
        Url,
        true,
        "https://example.com/herald",
        "Herald POSTs each post as JSON to this address.",
    ),
    field(
        "secret",
        "Signing secret",
        Secret,
        false,
        "",
        "Optional: Herald signs each request with HMAC-SHA256 (X-Herald-Signature).",
    ),
];
const LINKEDIN: &[CredentialField] = &[
    field(
        "access_token",
        "Access token",
        Secret,
        true,
        "",
        "An OAuth token with the w_member_social (or w_organization_social) scope.",
    ),
    field(
        "author_urn",
        "Author",
        Text,
        true,
        "urn:li:person:… or urn:li:organization:…",
        "Who the posts are published as.",
    ),
];
const X: &[CredentialField] = &[field(
    "access_token",
    "User access token",
    Secret,
    true,
    "",
    "An OAuth 2.0 user token with tweet.read, tweet.write and users.read.",
)];
const THREADS: &[CredentialField] = &[
    field(
        "access_token",
        "Access token",
        Secret,
        true,
        "",
        "A Threads user token with threads_basic and threads_content_publish.",
    ),
    field(
        "user_id",
        "Threads user id",
        Text,
        true,
        "",
        "The numeric id of the Threads profile.",
    ),
];
const FACEBOOK: &[CredentialField] = &[
    field(
        "page_access_token",
        "Page access token",
        Secret,
        true,
        "",
        "A Page token with pages_manage_posts.",
    ),
    field(
        "page_id",
        "Page id",
        Text,
        true,
        "",
        "The numeric id of the Page.",
    ),
];
const INSTAGRAM: &[CredentialField] = &[
    field(
        "access_token",
        "Access token",
        Secret,
        true,
        "",
        "A token with instagram_content_publish for a professional account.",
    ),
    field(
        "ig_user_id",
        "Instagram user id",
        Text,
        true,
        "",
        "The numeric id of the Instagram professional account.",
    ),
];

impl Platform {
    pub fn credential_fields(self) -> &'static [CredentialField] {
        match self {
            Platform::Mastodon => MASTODON,
            Platform::Bluesky => BLUESKY,
            Platform::Discord => DISCORD,
            Platform::Slack => SLACK,
            Platform::Telegram => TELEGRAM,
            Platform::Webhook => WEBHOOK,
            Platform::LinkedIn => LINKEDIN,
            Platform::X => X,
            Platform::Threads => THREADS,
            Platform::Facebook => FACEBOOK,
            Platform::Instagram => INSTAGRAM,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_network_but_the_generic_webhook_asks_for_a_secret() {
        for platform in Platform::ALL {
            let fields = platform.credential_fields();
            let needs_secret = fields.iter().any(|f| f.kind == FieldKind::Secret && f.required);
            // A generic webhook's signing secret is optional; its URL is what identifies it.
            assert_eq!(needs_secret, platform != Platform::Webhook, "{platform}");
            assert!(fields.iter().any(|f| f.required), "{platform}");
            let mut names: Vec<_> = fields.iter().map(|f| f.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), fields.len(), "{platform}: field names are unique");
        }
    }
}
