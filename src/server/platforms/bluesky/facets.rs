//! Rich-text facets: links, mentions and hashtags, with UTF-8 byte offsets as the
//! app.bsky.richtext.facet lexicon wants them.
use linkify::{LinkFinder, LinkKind};
use serde_json::{Value, json};

/// Longest hashtag Bluesky accepts, in characters (without the `#`).
const MAX_TAG_CHARS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feature {
    Link(String),
    /// A handle still to be resolved to a DID.
    Mention(String),
    Tag(String),
}

/// A feature and the byte range of the text it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub feature: Feature,
}

impl Span {
    /// The facet for this span; mentions need the DID their handle resolved to.
    pub fn facet(&self, mention_did: Option<&str>) -> Option<Value> {
        let feature = match (&self.feature, mention_did) {
            (Feature::Link(uri), _) => json!({ "$type": "app.bsky.richtext.facet#link", "uri": uri }),
            (Feature::Tag(tag), _) => json!({ "$type": "app.bsky.richtext.facet#tag", "tag": tag }),
            (Feature::Mention(_), Some(did)) => {
                json!({ "$type": "app.bsky.richtext.facet#mention", "did": did })
            }
            (Feature::Mention(_), None) => return None,
        };
        Some(json!({
            "index": { "byteStart": self.start, "byteEnd": self.end },
            "features": [feature],
        }))
    }
}

/// Links, then mentions and hashtags that do not overlap them, in text order.
pub fn detect(text: &str) -> Vec<Span> {
    let mut spans = links(text);
    for span in mentions(text).into_iter().chain(hashtags(text)) {
        if !spans.iter().any(|s| span.start < s.end && s.start < span.end) {
            spans.push(span);
        }
    }
    spans.sort_by_key(|s| s.start);
    spans
}

fn links(text: &str) -> Vec<Span> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]).url_must_have_scheme(true);
    finder
        .links(text)
        .filter(|link| {
            let lower = link.as_str().to_ascii_lowercase();
            lower.starts_with("https://") || lower.starts_with("http://")
        })
        .map(|link| Span {
            start: link.start(),
            end: link.end(),
            feature: Feature::Link(link.as_str().to_owned()),
        })
        .collect()
}

/// `@handle.domain` at the start, after a space or after `(`, like the Bluesky app.
fn mentions(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    for (at, _) in text.match_indices('@') {
        let before = text[..at].chars().next_back();
        if !before.is_none_or(|c| c.is_whitespace() || c == '(') {
            continue;
        }
        let rest = &text[at + 1..];
        let run = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
            .map_or(rest, |end| &rest[..end]);
        // A sentence may end right after the handle.
        let handle = run.trim_end_matches(['.', '-']);
        if is_handle(handle) {
            spans.push(Span {
                start: at,
                end: at + 1 + handle.len(),
                feature: Feature::Mention(handle.to_ascii_lowercase()),
            });
        }
    }
    spans
}

/// The AT Protocol handle syntax: a domain name of at least two labels.
fn is_handle(handle: &str) -> bool {
    let labels: Vec<&str> = handle.split('.').collect();
    handle.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|label| {
            (1..=63).contains(&label.len())
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// `#tag` (or full-width `＃tag`) at the start or after a space, like the Bluesky app.
fn hashtags(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    for (hash, sign) in text.match_indices(['#', '＃']) {
        let before = text[..hash].chars().next_back();
        if !before.is_none_or(char::is_whitespace) {
            continue;
        }
        let rest = &text[hash + sign.len()..];
        // U+FE0F after `#` is the keycap emoji #️⃣, not a tag.
        if rest.starts_with('\u{fe0f}') {
            continue;
        }
        let run = rest
            .find(|c: char| c.is_whitespace() || is_invisible(c))
            .map_or(rest, |end| &rest[..end]);
        let tag = run.trim_end_matches(is_punctuation);
        let has_word = tag.chars().any(|c| !c.is_ascii_digit() && !is_punctuation(c));
        if has_word && tag.chars().count() <= MAX_TAG_CHARS {
            spans.push(Span {
                start: hash,
                end: hash + sign.len() + tag.len(),
                feature: Feature::Tag(tag.to_owned()),
            });
        }
    }
    spans
}

/// Soft hyphen, word joiner and zero-width characters end a hashtag.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00ad}' | '\u{2060}' | '\u{200a}'..='\u{200d}' | '\u{20e2}')
}

/// Unicode punctuation (category P), approximated: ASCII, Latin-1, general and CJK blocks.
fn is_punctuation(c: char) -> bool {
    match c {
        // ASCII symbols (Sm, Sc, Sk) rather than punctuation.
        '$' | '+' | '<' | '=' | '>' | '^' | '`' | '|' | '~' => false,
        _ if c.is_ascii() => c.is_ascii_punctuation(),
        '\u{a1}' | '\u{a7}' | '\u{ab}' | '\u{b6}' | '\u{b7}' | '\u{bb}' | '\u{bf}' => true,
        '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}' => true,
        '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301f}' => true,
        '\u{ff01}'..='\u{ff03}' | '\u{ff05}'..='\u{ff0a}' | '\u{ff0c}'..='\u{ff0f}' => true,
        '\u{ff1a}' | '\u{ff1b}' | '\u{ff1f}' | '\u{ff20}' => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered<'t>(text: &'t str, span: &Span) -> &'t str {
        &text[span.start..span.end]
    }

    #[test]
    fn counts_utf8_bytes_with_an_emoji_before_a_link() {
        let text = "🎉 Neu: https://example.com/a?b=1 ✨";
        let spans = detect(text);
        assert_eq!(spans.len(), 1);
        // 🎉 is 4 bytes, then " Neu: " is 6.
        assert_eq!((spans[0].start, spans[0].end), (10, 35));
        assert_eq!(covered(text, &spans[0]), "https://example.com/a?b=1");
        assert_eq!(
            spans[0].facet(None).unwrap(),
            json!({
                "index": { "byteStart": 10, "byteEnd": 35 },
                "features": [{ "$type": "app.bsky.richtext.facet#link", "uri": "https://example.com/a?b=1" }],
            })
        );
    }

    #[test]
    fn finds_mentions_and_hashtags() {
        let text = "Grüße an @alice.bsky.social. und (@bob.example.com) #Rust, #über #2024 mail@me.com";
        let spans = detect(text);
        let found: Vec<(&str, &Feature)> = spans.iter().map(|s| (covered(text, s), &s.feature)).collect();
        assert_eq!(
            found,
            vec![
                (
                    "@alice.bsky.social",
                    &Feature::Mention("alice.bsky.social".into())
                ),
                ("@bob.example.com", &Feature::Mention("bob.example.com".into())),
                ("#Rust", &Feature::Tag("Rust".into())),
                ("#über", &Feature::Tag("über".into())),
            ]
        );
        // "Grüße an " holds two 2-byte characters.
        assert_eq!(spans[0].start, 11);
    }

    #[test]
    fn skips_what_is_not_a_mention_or_tag() {
        for text in [
            "@alice alone",
            "a@b.example.com",
            "@-bad-.com",
            "#️⃣ keycap",
            "#123",
            "x#tag",
            "mailto:someone@example.com",
            "ftp://example.com/file",
        ] {
            assert_eq!(detect(text), vec![], "{text}");
        }
        let long = format!("#{}", "a".repeat(65));
        assert_eq!(detect(&long), vec![]);
    }

    #[test]
    fn a_mention_inside_a_link_stays_part_of_the_link() {
        let text = "see https://example.com/(@bob.example.com) #ok";
        let spans = detect(text);
        assert_eq!(spans.len(), 2);
        assert!(matches!(spans[0].feature, Feature::Link(_)));
        assert_eq!(covered(text, &spans[1]), "#ok");
    }

    #[test]
    fn an_unresolved_mention_has_no_facet() {
        let span = Span {
            start: 0,
            end: 4,
            feature: Feature::Mention("a.bc".into()),
        };
        assert_eq!(span.facet(None), None);
        assert_eq!(
            span.facet(Some("did:plc:abc")).unwrap()["features"][0]["did"],
            "did:plc:abc"
        );
    }
}
