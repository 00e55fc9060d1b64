//! Finding the URLs a network shortens to a fixed length.

use std::ops::Range;

use linkify::{LinkFinder, LinkKind};

/// Which links a network recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UrlStyle {
    /// Mastodon: only `http://` and `https://` links count as links.
    SchemeRequired,
    /// twitter-text: `http(s)://` links and also bare domains such as `example.com/path`.
    SchemeOptional,
}

/// Byte ranges of the URLs in `text`, in order, not overlapping.
pub(crate) fn url_spans(text: &str, style: UrlStyle) -> Vec<Range<usize>> {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    finder.url_must_have_scheme(style == UrlStyle::SchemeRequired);
    finder
        .links(text)
        .filter(|link| match scheme_of(link.as_str()) {
            // linkify accepts any scheme (`ftp:`, `xhttps:`); the networks only shorten web links.
            Some(scheme) => scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"),
            None => is_twitter_bare_domain(text, link.start(), link.as_str()),
        })
        .map(|link| link.start()..link.end())
        .collect()
}

/// The scheme a link starts with; `None` for a bare domain (even one with `://` in its query).
fn scheme_of(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once("://")?;
    scheme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        .then_some(scheme)
}

/// twitter-text's extra conditions on a link written without a scheme. Approximation: twitter-text
/// also checks the top-level domain against the IANA list; we accept any alphabetic or `xn--` one.
fn is_twitter_bare_domain(text: &str, start: usize, url: &str) -> bool {
    // `#tag.com`, `$cash.com`, `@name.com` and domains glued to a word are not links there.
    let glued_to_previous = text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || "@＠$#＃-_./".contains(c));
    if glued_to_previous {
        return false;
    }
    let host_end = url.find(['/', ':', '?', '#']).unwrap_or(url.len());
    let host = &url[..host_end];
    // Without a scheme twitter-text only takes ASCII domains.
    if !host.is_ascii() {
        return false;
    }
    let Some((rest, tld)) = host.rsplit_once('.') else {
        return false;
    };
    let tld_is_plausible =
        tld.len() >= 2 && (tld.chars().all(|c| c.is_ascii_alphabetic()) || tld.starts_with("xn--"));
    if !tld_is_plausible {
        return false;
    }
    // A lone `name.cc` (one label, country-code TLD, nothing after it) is too likely to be a
    // word or file name: twitter-text leaves it alone, except t.co.
    let is_short_country_domain = host_end == url.len() && !rest.contains('.') && tld.len() == 2;
    !is_short_country_domain || host.eq_ignore_ascii_case("t.co")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_urls_each_style_accepts() {
        use UrlStyle::{SchemeOptional, SchemeRequired};
        let cases: &[(&str, UrlStyle, &[&str])] = &[
            (
                "see https://example.com/a.",
                SchemeRequired,
                &["https://example.com/a"],
            ),
            ("see HTTP://example.com", SchemeRequired, &["HTTP://example.com"]),
            ("see example.com/path", SchemeRequired, &[]),
            ("see ftp://example.com", SchemeRequired, &[]),
            ("see xhttps://example.com", SchemeRequired, &[]),
            ("mail bob@example.com", SchemeRequired, &[]),
            ("see example.com/path.", SchemeOptional, &["example.com/path"]),
            ("see www.example.de", SchemeOptional, &["www.example.de"]),
            ("see example.de/x", SchemeOptional, &["example.de/x"]),
            ("see example.de", SchemeOptional, &[]),
            ("see t.co", SchemeOptional, &["t.co"]),
            (
                "see https://a.org and b.com",
                SchemeOptional,
                &["https://a.org", "b.com"],
            ),
            ("#tag.com $cash.com", SchemeOptional, &[]),
            ("@user@mastodon.social", SchemeOptional, &[]),
            ("mail bob@example.com", SchemeOptional, &[]),
            ("über.de/x", SchemeOptional, &[]),
            ("version 1.2.3", SchemeOptional, &[]),
            (
                "go example.com/r?to=https://a.org",
                SchemeOptional,
                &["example.com/r?to=https://a.org"],
            ),
        ];
        for &(text, style, expected) in cases {
            let found: Vec<&str> = url_spans(text, style)
                .into_iter()
                .map(|span| &text[span])
                .collect();
            assert_eq!(found, expected, "{text:?} with {style:?}");
        }
    }
}
