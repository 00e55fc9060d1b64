//! The ways networks count the length of a post.

use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use super::emoji::is_emoji_cluster;
use super::mentions::remote_mentions;
use super::urls::{UrlStyle, url_spans};
use super::x_weight::x_weighted_length;

/// How a network measures text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Counting {
    /// Extended grapheme clusters: what a person sees as one character.
    Graphemes,
    /// Mastodon: grapheme clusters, but every `http(s)://` URL counts `url_weight` and, when
    /// `mentions_local_part_only`, `@user@domain` counts as `@user`.
    GraphemesWithUrlWeight {
        url_weight: usize,
        mentions_local_part_only: bool,
    },
    /// X: twitter-text v3 weighted length.
    XWeighted,
    /// UTF-16 code units (Telegram): an emoji outside the BMP counts 2.
    Utf16,
    /// Unicode code points (Discord's API is Python and counts `len(str)`).
    CodePoints,
    /// Threads: grapheme clusters, except that an emoji counts its UTF-8 bytes (😀 is 4).
    GraphemesWithEmojiAsUtf8Bytes,
}

/// The length of `text` as a network that counts this way sees it.
pub fn count(text: &str, counting: &Counting) -> usize {
    match *counting {
        Counting::Graphemes => text.graphemes(true).count(),
        Counting::GraphemesWithUrlWeight {
            url_weight,
            mentions_local_part_only,
        } => mastodon_length(text, url_weight, mentions_local_part_only),
        Counting::XWeighted => x_weighted_length(text),
        Counting::Utf16 => text.encode_utf16().count(),
        Counting::CodePoints => text.chars().count(),
        Counting::GraphemesWithEmojiAsUtf8Bytes => text
            .graphemes(true)
            .map(|cluster| {
                if is_emoji_cluster(cluster) {
                    cluster.len()
                } else {
                    1
                }
            })
            .sum(),
    }
}

/// Mastodon's `StatusLengthValidator`: URLs and remote mentions are rewritten before counting
/// grapheme clusters; when a URL and a mention overlap, the one that starts first wins.
fn mastodon_length(text: &str, url_weight: usize, mentions_local_part_only: bool) -> usize {
    // (span, length it counts as)
    let mut entities: Vec<(std::ops::Range<usize>, usize)> = url_spans(text, UrlStyle::SchemeRequired)
        .into_iter()
        .map(|span| (span, url_weight))
        .collect();
    if mentions_local_part_only {
        // `@` plus the ASCII username.
        entities.extend(
            remote_mentions(text)
                .into_iter()
                .map(|m| (m.span, 1 + m.username_len)),
        );
    }
    entities.sort_by_key(|(span, _)| span.start);

    let mut length = 0;
    let mut plain_from = 0;
    for (span, entity_length) in entities {
        if span.start < plain_from {
            continue;
        }
        length += text[plain_from..span.start].graphemes(true).count() + entity_length;
        plain_from = span.end;
    }
    length + text[plain_from..].graphemes(true).count()
}
