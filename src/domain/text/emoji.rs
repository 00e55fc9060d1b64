//! Telling whether one grapheme cluster is an emoji.
//!
//! Approximation: twitter-text matches emoji with twemoji's full sequence list. We call a cluster
//! an emoji when it contains a code point with `Emoji_Presentation=Yes`, the emoji variation
//! selector U+FE0F or the keycap mark U+20E3. That covers single emoji, ZWJ sequences, flags
//! (regional indicators have emoji presentation), tag flags, skin tones and keycaps; it misses
//! text-style symbols written without U+FE0F (`©`, `☺`), which twemoji may still treat as emoji.

const EMOJI_VARIATION_SELECTOR: char = '\u{FE0F}';
const COMBINING_ENCLOSING_KEYCAP: char = '\u{20E3}';

/// True when the grapheme cluster shows as an emoji.
pub(crate) fn is_emoji_cluster(cluster: &str) -> bool {
    cluster.chars().any(|c| {
        c == EMOJI_VARIATION_SELECTOR || c == COMBINING_ENCLOSING_KEYCAP || has_emoji_presentation(c)
    })
}

fn has_emoji_presentation(c: char) -> bool {
    let code_point = u32::from(c);
    // Everything below the first range is text: skip the search for the common case.
    if code_point < EMOJI_PRESENTATION[0].0 {
        return false;
    }
    EMOJI_PRESENTATION
        .binary_search_by(|&(first, last)| {
            if last < code_point {
                std::cmp::Ordering::Less
            } else if first > code_point {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Inclusive code point ranges with `Emoji_Presentation=Yes`, merged, sorted (Unicode emoji-data,
/// taken from the unicode-properties 0.1.5 tables, Unicode 18.0). None of our crates exposes it.
#[rustfmt::skip]
const EMOJI_PRESENTATION: &[(u32, u32)] = &[
    (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3), (0x25FD, 0x25FE),
    (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
    (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4),
    (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD),
    (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E),
    (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0), (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF),
    (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F1E6, 0x1F1FF), (0x1F201, 0x1F201), (0x1F21A, 0x1F21A),
    (0x1F22F, 0x1F22F), (0x1F232, 0x1F236), (0x1F238, 0x1F23A), (0x1F250, 0x1F251), (0x1F300, 0x1F320),
    (0x1F32D, 0x1F335), (0x1F337, 0x1F37C), (0x1F37E, 0x1F393), (0x1F3A0, 0x1F3CA), (0x1F3CF, 0x1F3D3),
    (0x1F3E0, 0x1F3F0), (0x1F3F4, 0x1F3F4), (0x1F3F8, 0x1F43E), (0x1F440, 0x1F440), (0x1F442, 0x1F4FC),
    (0x1F4FF, 0x1F53D), (0x1F54B, 0x1F54E), (0x1F550, 0x1F567), (0x1F57A, 0x1F57A), (0x1F595, 0x1F596),
    (0x1F5A4, 0x1F5A4), (0x1F5FB, 0x1F64F), (0x1F680, 0x1F6C5), (0x1F6CC, 0x1F6CC), (0x1F6D0, 0x1F6D2),
    (0x1F6D5, 0x1F6D9), (0x1F6DC, 0x1F6DF), (0x1F6EB, 0x1F6EC), (0x1F6F4, 0x1F6FC), (0x1F7E0, 0x1F7EB),
    (0x1F7F0, 0x1F7F0), (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1F9FF), (0x1FA70, 0x1FA7C),
    (0x1FA80, 0x1FAC6), (0x1FAC8, 0x1FAC8), (0x1FACC, 0x1FADD), (0x1FADF, 0x1FAEB), (0x1FAEF, 0x1FAFA),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_disjoint() {
        assert!(EMOJI_PRESENTATION.iter().all(|(first, last)| first <= last));
        assert!(EMOJI_PRESENTATION.windows(2).all(|pair| pair[0].1 < pair[1].0));
    }

    #[test]
    fn recognises_emoji_clusters() {
        let cases: &[(&str, bool)] = &[
            ("a", false),
            ("1", false),
            ("日", false),
            ("©", false),
            ("😀", true),
            ("👩\u{200D}👩\u{200D}👧\u{200D}👦", true),
            ("🇩🇪", true),
            ("👍🏽", true),
            ("1\u{FE0F}\u{20E3}", true),
            ("#\u{20E3}", true),
            ("❤\u{FE0F}", true),
            ("⌚", true),
        ];
        for &(cluster, expected) in cases {
            assert_eq!(is_emoji_cluster(cluster), expected, "{cluster:?}");
        }
    }
}
