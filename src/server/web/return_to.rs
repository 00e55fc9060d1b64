//! "Go back to" parameters (`?next=`, a form's Referer): a page of this site, never another.
//!
//! Checking the text ("starts with one slash") is not enough: browsers drop tabs and newlines
//! from URLs and read `\` as `/`, so `/\t/evil.example` becomes `//evil.example`. The value is
//! parsed the way a browser would, against our own address, and only a same-origin result is
//! kept, re-serialised (so what goes into `Location` is plain, percent-encoded ASCII).
use url::Url;

/// Where to go when the parameter is missing or leads elsewhere.
pub const HOME: &str = "/calendar";

/// The path, query and fragment of `raw` if it names a page of `base`'s origin.
pub fn same_site_path(raw: &str, base: &Url) -> Option<String> {
    // Control characters and backslashes are never part of a link we made; refuse rather
    // than repair.
    if raw.is_empty() || raw.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    let resolved = base.join(raw).ok()?;
    if resolved.origin() != base.origin() {
        return None;
    }
    let mut path = resolved.path().to_owned();
    if let Some(query) = resolved.query() {
        path.push('?');
        path.push_str(query);
    }
    if let Some(fragment) = resolved.fragment() {
        path.push('#');
        path.push_str(fragment);
    }
    // A path that still starts with `//` would read as a host to whoever parses it next.
    (!path.starts_with("//")).then_some(path)
}

/// `raw` if it is a page of the site at `base_url`, else `fallback`.
pub fn page_or(base_url: &str, raw: &str, fallback: &str) -> String {
    Url::parse(base_url)
        .ok()
        .and_then(|base| same_site_path(raw, &base))
        .unwrap_or_else(|| fallback.to_owned())
}

/// The page a form was sent from (its Referer), as a path of this site, else `fallback`.
/// The Referer's own origin is the browser's business (the CSRF check looked at it); only its
/// path is kept, and checked like any other.
pub fn referring_page_or(base_url: &str, referer: &str, fallback: &str) -> String {
    Url::parse(referer)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https"))
        .map(|url| url[url::Position::BeforePath..].to_owned())
        .map_or_else(|| fallback.to_owned(), |path| page_or(base_url, &path, fallback))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn base() -> Url {
        Url::parse("https://herald.example.com").unwrap()
    }

    #[test]
    fn pages_of_this_site_are_kept() {
        assert_eq!(same_site_path("/team", &base()).as_deref(), Some("/team"));
        assert_eq!(
            same_site_path("/review/1?done=approved#c2", &base()).as_deref(),
            Some("/review/1?done=approved#c2")
        );
        assert_eq!(
            same_site_path("https://herald.example.com/team", &base()).as_deref(),
            Some("/team")
        );
    }

    #[test]
    fn anything_that_leads_elsewhere_is_refused() {
        for raw in [
            "",
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "\t//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example",
            "http://herald.example.com/team",
            "javascript:alert(1)",
            "data:text/html,hi",
            "/\u{7f}/evil.example",
        ] {
            assert_eq!(same_site_path(raw, &base()), None, "{raw:?}");
        }
    }

    #[test]
    fn a_referer_gives_its_path_when_that_is_a_page_of_this_site() {
        let base = "https://herald.example.com";
        let back = |referer| referring_page_or(base, referer, "/review/1");
        assert_eq!(
            back("http://127.0.0.1:4100/calendar?view=week"),
            "/calendar?view=week"
        );
        assert_eq!(back("http://127.0.0.1:4100//evil.example/x"), "/review/1");
        assert_eq!(back("http://127.0.0.1:4100/\\evil.example"), "/review/1");
        assert_eq!(back("not a url"), "/review/1");
        assert_eq!(back(""), "/review/1");
    }

    proptest! {
        #[test]
        fn whatever_comes_in_the_answer_is_a_plain_path_here(raw in "\\PC{0,12}|[/\\\\\t\n\r .:a-z%0-9]{0,16}") {
            if let Some(path) = same_site_path(&raw, &base()) {
                prop_assert!(path.starts_with('/') && !path.starts_with("//"), "{path:?}");
                prop_assert!(path.is_ascii() && !path.chars().any(|c| c.is_control() || c == '\\'), "{path:?}");
                let again = base().join(&path).unwrap();
                prop_assert_eq!(again.origin(), base().origin());
            }
        }
    }
}
