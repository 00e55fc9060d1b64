//! Finding fediverse mentions (`@user@domain.tld`), which Mastodon counts as `@user` only.
//!
//! Follows Mastodon's `Account::MENTION_RE`: an `@` not preceded by `=`, `/` or a word character,
//! a username `[a-z0-9_]+([.-]+[a-z0-9_]+)*`, then an optional `@domain` made of word characters
//! joined by `.` or `-`.

use std::ops::Range;

/// A mention that names a remote domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RemoteMention {
    /// The whole `@user@domain` in bytes.
    pub span: Range<usize>,
    /// Length of `user` in characters (always ASCII).
    pub username_len: usize,
}

/// The mentions in `text` that carry a domain; local `@user` mentions count as written anyway.
pub(crate) fn remote_mentions(text: &str) -> Vec<RemoteMention> {
    let mut mentions = Vec::new();
    let mut search_from = 0;
    while let Some(offset) = text[search_from..].find('@') {
        let at = search_from + offset;
        search_from = at + 1;
        let preceded_by_word = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c == '=' || c == '/' || is_word(c));
        if preceded_by_word {
            continue;
        }
        let username_end = at + 1 + dotted_run_len(&text[at + 1..], is_username_char);
        if username_end == at + 1 || !text[username_end..].starts_with('@') {
            continue;
        }
        let domain_end = username_end + 1 + dotted_run_len(&text[username_end + 1..], is_word);
        if domain_end == username_end + 1 {
            continue;
        }
        mentions.push(RemoteMention {
            span: at..domain_end,
            username_len: username_end - at - 1,
        });
        search_from = domain_end;
    }
    mentions
}

fn is_username_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Ruby's `[[:word:]]`: letters, marks, digits and connector punctuation; `_` is the usual one.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Byte length of the longest prefix matching `word+([.-]+word+)*`; 0 when none.
fn dotted_run_len(text: &str, is_part: fn(char) -> bool) -> usize {
    let word_len = |s: &str| s.find(|c: char| !is_part(c)).unwrap_or(s.len());
    let mut matched = word_len(text);
    if matched == 0 {
        return 0;
    }
    loop {
        let rest = &text[matched..];
        let separators = rest.find(|c: char| c != '.' && c != '-').unwrap_or(rest.len());
        let next_word = word_len(&rest[separators..]);
        if separators == 0 || next_word == 0 {
            return matched;
        }
        matched += separators + next_word;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_remote_mentions() {
        let cases: &[(&str, &[&str])] = &[
            ("hi @alice@example.social!", &["@alice@example.social"]),
            ("@alice@example.social.", &["@alice@example.social"]),
            (
                "@a.b-c@sub.example.org and @bob@host",
                &["@a.b-c@sub.example.org", "@bob@host"],
            ),
            ("@alice hi", &[]),
            ("mail bob@example.com", &[]),
            ("https://host/@alice@example.com", &[]),
            ("x=@alice@example.com", &[]),
            ("@alice@", &[]),
            ("@@alice@example.com", &["@alice@example.com"]),
            ("@Ünï@example.com", &[]),
            ("@alice@bücher.de", &["@alice@bücher.de"]),
        ];
        for &(text, expected) in cases {
            let found: Vec<&str> = remote_mentions(text).into_iter().map(|m| &text[m.span]).collect();
            assert_eq!(found, expected, "{text:?}");
        }
        assert_eq!(remote_mentions("@alice@example.social")[0].username_len, 5);
    }
}
