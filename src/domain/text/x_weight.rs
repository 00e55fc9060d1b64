//! X's weighted length: twitter-text v3 (`parseTweet` with the default v3 configuration).

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::emoji::is_emoji_cluster;
use super::urls::{UrlStyle, url_spans};

const SCALE: usize = 100;
const DEFAULT_WEIGHT: usize = 200;
/// Every URL is replaced by a t.co link of this length.
const TRANSFORMED_URL_LENGTH: usize = 23;
/// Code point ranges (inclusive) that weigh 100 (Latin, Greek, Cyrillic, … and general punctuation).
const LIGHT_RANGES: [(u32, u32, usize); 4] = [
    (0, 4351, 100),
    (8192, 8205, 100),
    (8208, 8223, 100),
    (8242, 8247, 100),
];

/// Weighted length of `text` as X counts it: a Latin letter is 1, a CJK ideograph or an emoji 2,
/// a URL 23.
pub(crate) fn x_weighted_length(text: &str) -> usize {
    let normalized: String = text.nfc().collect();
    let mut weight = 0;
    let mut plain_from = 0;
    for url in url_spans(&normalized, UrlStyle::SchemeOptional) {
        weight += plain_weight(&normalized[plain_from..url.start]) + TRANSFORMED_URL_LENGTH * SCALE;
        plain_from = url.end;
    }
    weight += plain_weight(&normalized[plain_from..]);
    weight / SCALE
}

/// Weight of text without URLs: an emoji sequence weighs 200 as a whole, anything else per code point.
fn plain_weight(text: &str) -> usize {
    text.graphemes(true)
        .map(|cluster| {
            if is_emoji_cluster(cluster) {
                DEFAULT_WEIGHT
            } else {
                cluster.chars().map(code_point_weight).sum()
            }
        })
        .sum()
}

fn code_point_weight(c: char) -> usize {
    let code_point = u32::from(c);
    LIGHT_RANGES
        .iter()
        .find(|(first, last, _)| (*first..=*last).contains(&code_point))
        .map_or(DEFAULT_WEIGHT, |(_, _, weight)| *weight)
}
