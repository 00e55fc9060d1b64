//! Table-driven tests of counting, rules and checks across networks.

use super::*;
use crate::domain::platform::Platform;

const FAMILY: &str = "👩\u{200D}👩\u{200D}👧\u{200D}👦";
const FLAG_DE: &str = "🇩🇪";
const THUMB_MEDIUM: &str = "👍🏽";
const E_COMBINING_ACUTE: &str = "e\u{301}";
const KEYCAP_ONE: &str = "1\u{FE0F}\u{20E3}";

/// Exactly 60 characters.
fn long_url() -> String {
    let url = format!("https://example.com/{}", "a".repeat(40));
    assert_eq!(url.len(), 60);
    url
}

fn mastodon_default() -> Counting {
    rules_for(Platform::Mastodon, &AccountTextSettings::default()).counting
}

fn assert_counts(counting: &Counting, cases: &[(&str, &str, usize)]) {
    for &(name, text, expected) in cases {
        assert_eq!(
            count(text, counting),
            expected,
            "{name} ({text:?}) with {counting:?}"
        );
    }
}

#[test]
fn graphemes() {
    let url = long_url();
    assert_counts(
        &Counting::Graphemes,
        &[
            ("empty", "", 0),
            ("ascii", "Hello, world", 12),
            ("emoji", "😀", 1),
            ("zwj family", FAMILY, 1),
            ("flag", FLAG_DE, 1),
            ("skin tone", THUMB_MEDIUM, 1),
            ("keycap", KEYCAP_ONE, 1),
            ("combining mark", E_COMBINING_ACUTE, 1),
            ("cjk", "日本語", 3),
            ("url counts as written", &url, 60),
            ("mention with domain", "@alice@example.social", 21),
            ("crlf is one grapheme", "a\r\nb", 3),
        ],
    );
}

#[test]
fn x_weighted() {
    let url = long_url();
    let url_in_sentence = format!("Read {url} now 😀");
    assert_counts(
        &Counting::XWeighted,
        &[
            ("empty", "", 0),
            ("ascii", "Hello, world", 12),
            ("emoji", "😀", 2),
            ("zwj family is one emoji", FAMILY, 2),
            ("flag", FLAG_DE, 2),
            ("skin tone", THUMB_MEDIUM, 2),
            ("keycap", KEYCAP_ONE, 2),
            ("combining mark composes under NFC", E_COMBINING_ACUTE, 1),
            ("cjk weighs 2", "日本語", 6),
            ("hangul weighs 2", "한국", 4),
            ("latin-1 weighs 1", "äöü", 3),
            ("en dash and quotes weigh 1", "–“”", 3),
            ("euro sign weighs 2", "€", 2),
            ("url is 23", &url, 23),
            ("url in a sentence", &url_in_sentence, 5 + 23 + 5 + 2),
            ("bare domain is a url", "see example.com/path", 4 + 23),
            ("short country domain is not", "see example.de", 14),
            ("email is not a url", "bob@example.com", 15),
            ("mention is counted in full", "@alice@example.social", 21),
        ],
    );
}

#[test]
fn mastodon() {
    let url = long_url();
    let url_with_mention = "https://mastodon.social/@alice@example.com";
    assert_counts(
        &mastodon_default(),
        &[
            ("empty", "", 0),
            ("ascii", "Hello, world", 12),
            ("emoji", "😀", 1),
            ("zwj family", FAMILY, 1),
            ("flag", FLAG_DE, 1),
            ("skin tone", THUMB_MEDIUM, 1),
            ("combining mark", E_COMBINING_ACUTE, 1),
            ("cjk", "日本語", 3),
            ("url is 23", &url, 23),
            ("url in a sentence", &format!("see {url}."), 4 + 23 + 1),
            ("bare domain is text", "example.com/path", 16),
            (
                "remote mention counts the user only",
                "@alice@example.social hi",
                6 + 3,
            ),
            ("local mention counts in full", "@alice hi", 9),
            ("email is not a mention", "bob@example.com", 15),
            ("mention inside a url is the url", url_with_mention, 23),
        ],
    );
    assert_counts(
        &Counting::GraphemesWithUrlWeight {
            url_weight: 30,
            mentions_local_part_only: false,
        },
        &[
            ("instance url weight", &url, 30),
            ("mentions in full", "@alice@example.social", 21),
        ],
    );
}

#[test]
fn utf16() {
    let url = long_url();
    assert_counts(
        &Counting::Utf16,
        &[
            ("ascii", "Hello, world", 12),
            ("emoji is a surrogate pair", "😀", 2),
            ("zwj family", FAMILY, 11),
            ("flag", FLAG_DE, 4),
            ("skin tone", THUMB_MEDIUM, 4),
            ("combining mark", E_COMBINING_ACUTE, 2),
            ("cjk", "日本語", 3),
            ("url counts as written", &url, 60),
        ],
    );
}

#[test]
fn code_points() {
    assert_counts(
        &Counting::CodePoints,
        &[
            ("ascii", "Hello, world", 12),
            ("emoji", "😀", 1),
            ("zwj family", FAMILY, 7),
            ("flag", FLAG_DE, 2),
            ("skin tone", THUMB_MEDIUM, 2),
            ("combining mark", E_COMBINING_ACUTE, 2),
            ("cjk", "日本語", 3),
        ],
    );
}

#[test]
fn graphemes_with_emoji_as_utf8_bytes() {
    assert_counts(
        &Counting::GraphemesWithEmojiAsUtf8Bytes,
        &[
            ("ascii", "Hello, world", 12),
            ("emoji", "😀", 4),
            ("zwj family", FAMILY, 4 * 4 + 3 * 3),
            ("flag", FLAG_DE, 8),
            ("skin tone", THUMB_MEDIUM, 8),
            ("combining mark", E_COMBINING_ACUTE, 1),
            ("cjk", "日本語", 3),
            ("mixed", "hi 😀", 3 + 4),
        ],
    );
}

#[test]
fn rules_per_network() {
    let defaults = AccountTextSettings::default();
    let cases: &[(Platform, Option<usize>, Counting, bool)] = &[
        (Platform::Bluesky, Some(300), Counting::Graphemes, false),
        (Platform::X, Some(280), Counting::XWeighted, false),
        (Platform::Mastodon, Some(500), mastodon_default(), false),
        (
            Platform::Threads,
            Some(500),
            Counting::GraphemesWithEmojiAsUtf8Bytes,
            false,
        ),
        (Platform::LinkedIn, Some(3000), Counting::Graphemes, false),
        (Platform::Instagram, Some(2200), Counting::Graphemes, true),
        (Platform::Discord, Some(2000), Counting::CodePoints, false),
        (Platform::Facebook, Some(63206), Counting::Graphemes, false),
        (Platform::Telegram, Some(4096), Counting::Utf16, false),
        (Platform::Slack, Some(40000), Counting::Graphemes, false),
        (Platform::Webhook, None, Counting::Graphemes, false),
    ];
    assert_eq!(cases.len(), Platform::ALL.len(), "every network has a row");
    for (platform, limit, counting, requires_image) in cases.iter().cloned() {
        let expected = TextRules {
            platform,
            limit,
            counting,
            requires_image,
        };
        assert_eq!(rules_for(platform, &defaults), expected, "{platform:?}");
    }
    assert_eq!(
        mastodon_default(),
        Counting::GraphemesWithUrlWeight {
            url_weight: 23,
            mentions_local_part_only: true
        }
    );
}

#[test]
fn account_settings_override_the_defaults() {
    let instance = AccountTextSettings {
        max_characters: Some(5000),
        characters_reserved_per_url: Some(30),
    };
    let rules = rules_for(Platform::Mastodon, &instance);
    assert_eq!(rules.limit, Some(5000));
    assert_eq!(
        rules.counting,
        Counting::GraphemesWithUrlWeight {
            url_weight: 30,
            mentions_local_part_only: true
        }
    );

    let bogus = AccountTextSettings {
        max_characters: Some(0),
        characters_reserved_per_url: None,
    };
    assert_eq!(rules_for(Platform::Mastodon, &bogus).limit, Some(500));
}

/// One row of `checks_against_limits_and_media`.
struct CheckCase {
    name: &'static str,
    platform: Platform,
    text: String,
    images: usize,
    count: usize,
    remaining: Option<i64>,
    problems: Vec<TextProblem>,
}

#[test]
fn checks_against_limits_and_media() {
    use Platform::{Bluesky, Instagram, Mastodon, Telegram, Webhook, X};
    use TextProblem::*;
    let a = |n| "a".repeat(n);
    // X: URL 23 + space + 日本語 6 + space + 😀 2 = 33.
    let x_at_limit = format!("{} 日本語 😀{}", long_url(), a(280 - 33));
    let case = |name, platform, text: &str, images, count, remaining, problems| CheckCase {
        name,
        platform,
        text: text.to_owned(),
        images,
        count,
        remaining,
        problems,
    };
    let too_long = |platform, count, limit| TooLong {
        platform,
        count,
        limit,
    };

    let cases = [
        case("bluesky at limit", Bluesky, &a(300), 0, 300, Some(0), vec![]),
        case(
            "bluesky at limit with emoji",
            Bluesky,
            &format!("{}{FAMILY}", a(299)),
            0,
            300,
            Some(0),
            vec![],
        ),
        case(
            "bluesky over",
            Bluesky,
            &a(301),
            0,
            301,
            Some(-1),
            vec![too_long(Bluesky, 301, 300)],
        ),
        case("x at limit", X, &x_at_limit, 0, 280, Some(0), vec![]),
        case(
            "x over",
            X,
            &format!("{x_at_limit}a"),
            0,
            281,
            Some(-1),
            vec![too_long(X, 281, 280)],
        ),
        case(
            "telegram at limit",
            Telegram,
            &"😀".repeat(2048),
            0,
            4096,
            Some(0),
            vec![],
        ),
        case(
            "telegram over",
            Telegram,
            &format!("{}a", "😀".repeat(2048)),
            0,
            4097,
            Some(-1),
            vec![too_long(Telegram, 4097, 4096)],
        ),
        case("empty", Bluesky, "", 0, 0, Some(300), vec![Empty]),
        case("blank", Mastodon, " \n\t", 0, 3, Some(497), vec![Empty]),
        case("images alone", Bluesky, "", 1, 0, Some(300), vec![]),
        case(
            "instagram without image",
            Instagram,
            "Hello",
            0,
            5,
            Some(2195),
            vec![NeedsImage { platform: Instagram }],
        ),
        case(
            "instagram with nothing",
            Instagram,
            "",
            0,
            0,
            Some(2200),
            vec![NeedsImage { platform: Instagram }],
        ),
        case(
            "instagram with image",
            Instagram,
            "Hello",
            2,
            5,
            Some(2195),
            vec![],
        ),
        case(
            "webhook has no limit",
            Webhook,
            &a(100_000),
            0,
            100_000,
            None,
            vec![],
        ),
        case(
            "too long and needs image",
            Instagram,
            &a(2201),
            0,
            2201,
            Some(-1),
            vec![
                NeedsImage { platform: Instagram },
                too_long(Instagram, 2201, 2200),
            ],
        ),
    ];
    for case in cases {
        let rules = rules_for(case.platform, &AccountTextSettings::default());
        let expected = TextCheck {
            count: case.count,
            limit: rules.limit,
            remaining: case.remaining,
            problems: case.problems,
        };
        assert_eq!(check(&case.text, case.images, &rules), expected, "{}", case.name);
    }
}

#[test]
fn problems_read_well() {
    let cases = [
        (TextProblem::Empty, "Write something to post."),
        (
            TextProblem::TooLong {
                platform: Platform::Bluesky,
                count: 312,
                limit: 300,
            },
            "Too long for Bluesky: 312 of 300 characters.",
        ),
        (
            TextProblem::NeedsImage {
                platform: Platform::Instagram,
            },
            "Instagram needs at least one image.",
        ),
    ];
    for (problem, message) in cases {
        assert_eq!(problem.to_string(), message);
    }
}

#[test]
fn results_travel_as_json() {
    let rules = rules_for(Platform::Mastodon, &AccountTextSettings::default());
    let result = check(&"a".repeat(501), 0, &rules);
    let json = serde_json::to_string(&(rules.clone(), result.clone())).expect("serialises");
    let back: (TextRules, TextCheck) = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, (rules, result));
}
