//! Property tests of counting: any text (emoji, combining marks, URLs, mentions, control
//! characters) is counted without a panic, and the counts keep their relations.
use super::*;
use crate::domain::platform::Platform;
use proptest::prelude::*;

/// Text built from the pieces that trip counters up.
fn tricky_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        any::<char>().prop_map(String::from),
        Just("https://example.com/a?b=c".to_owned()),
        Just("http://x.y".to_owned()),
        Just("@user@mastodon.social".to_owned()),
        Just("👩‍👩‍👧‍👦".to_owned()),
        Just("e\u{301}".to_owned()),
        Just("🇩🇪".to_owned()),
        Just(" ".to_owned()),
        "[a-z.:/@#]{1,12}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn every_network_counts_any_text(text in tricky_text(), images in 0usize..5) {
        for platform in Platform::ALL {
            let rules = rules_for(platform, &AccountTextSettings::default());
            let checked = check(&text, images, &rules);
            prop_assert_eq!(checked.count, count(&text, &rules.counting));
        }
    }

    #[test]
    fn counts_keep_their_relations(text in tricky_text()) {
        let graphemes = count(&text, &Counting::Graphemes);
        let code_points = count(&text, &Counting::CodePoints);
        let utf16 = count(&text, &Counting::Utf16);
        prop_assert!(graphemes <= code_points);
        prop_assert!(code_points <= utf16);
        prop_assert!(utf16 <= text.len());
    }

    #[test]
    fn a_url_on_mastodon_counts_23_however_long(path in "[a-z0-9/]{0,200}", words in "[a-z ]{0,40}") {
        let mastodon = Counting::GraphemesWithUrlWeight { url_weight: 23, mentions_local_part_only: true };
        let text = format!("{words} https://example.com/{path}");
        prop_assert_eq!(count(&text, &mastodon), words.chars().count() + 1 + 23);
    }
}
