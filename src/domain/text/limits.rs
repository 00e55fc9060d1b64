//! Each network's length limit, counting method and media needs.

use serde::{Deserialize, Serialize};

use super::count::Counting;
use crate::domain::platform::Platform;

/// Mastodon's defaults; each instance reports its own in `/api/v2/instance`.
pub const MASTODON_DEFAULT_MAX_CHARACTERS: u32 = 500;
pub const MASTODON_DEFAULT_CHARACTERS_PER_URL: u32 = 23;

/// What one connected account reports about its own limits (a Mastodon instance does).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountTextSettings {
    /// Replaces the network's limit when set (and not zero).
    pub max_characters: Option<u32>,
    /// Mastodon only: how much each URL counts.
    pub characters_reserved_per_url: Option<u32>,
}

/// What a post must respect to go out on one network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextRules {
    pub platform: Platform,
    /// `None`: no limit worth checking.
    pub limit: Option<usize>,
    pub counting: Counting,
    /// The network refuses posts without at least one image.
    pub requires_image: bool,
}

/// The rules for posting to `platform` from an account with these settings.
pub fn rules_for(platform: Platform, settings: &AccountTextSettings) -> TextRules {
    let (default_limit, counting) = match platform {
        // Bluesky's lexicon caps `text` at 300 graphemes (and 3000 UTF-8 bytes, see mod docs).
        Platform::Bluesky => (Some(300), Counting::Graphemes),
        Platform::X => (Some(280), Counting::XWeighted),
        Platform::Mastodon => (
            Some(MASTODON_DEFAULT_MAX_CHARACTERS as usize),
            Counting::GraphemesWithUrlWeight {
                url_weight: settings
                    .characters_reserved_per_url
                    .unwrap_or(MASTODON_DEFAULT_CHARACTERS_PER_URL) as usize,
                mentions_local_part_only: true,
            },
        ),
        // The Threads API documents 500 characters, emoji counted by their UTF-8 bytes.
        Platform::Threads => (Some(500), Counting::GraphemesWithEmojiAsUtf8Bytes),
        // LinkedIn, Instagram and Facebook do not say what a character is: graphemes match
        // what their composers show.
        Platform::LinkedIn => (Some(3000), Counting::Graphemes),
        Platform::Instagram => (Some(2200), Counting::Graphemes),
        Platform::Facebook => (Some(63206), Counting::Graphemes),
        // Discord's API counts code points (Python `len`).
        Platform::Discord => (Some(2000), Counting::CodePoints),
        // The Bot API counts message text (after entity parsing) in UTF-16 code units.
        Platform::Telegram => (Some(4096), Counting::Utf16),
        // Slack truncates `text` past 40,000 characters.
        Platform::Slack => (Some(40000), Counting::Graphemes),
        // A generic webhook takes whatever we send.
        Platform::Webhook => (None, Counting::Graphemes),
    };
    let account_limit = settings
        .max_characters
        .filter(|&max| max > 0)
        .map(|max| max as usize);
    TextRules {
        platform,
        limit: account_limit.or(default_limit),
        counting,
        requires_image: platform == Platform::Instagram,
    }
}
