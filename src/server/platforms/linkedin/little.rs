//! LinkedIn's "little" text format, which the Posts API reads `commentary` in.
//! https://learn.microsoft.com/linkedin/marketing/community-management/shares/little-text-format

/// Characters little reserves; unescaped, LinkedIn may cut the post short at the first one.
const RESERVED: &[char] = &[
    '\\', '|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '*', '_', '~',
];

/// Plain text as little: every reserved character backslash-escaped so it shows as typed,
/// except a `#word`, written as the documented hashtag template so it stays a hashtag.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut previous: Option<char> = None;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        if c == '#' && !previous.is_some_and(char::is_alphanumeric) {
            let tag_len: usize = rest
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .map(char::len_utf8)
                .sum();
            if tag_len > 0 {
                let (tag, after) = rest.split_at(tag_len);
                out.push_str("{hashtag|#|");
                out.push_str(tag);
                out.push('}');
                previous = tag.chars().last();
                rest = after;
                continue;
            }
        }
        if RESERVED.contains(&c) {
            out.push('\\');
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn reserved_characters_are_escaped() {
        assert_eq!(
            escape(r"Mail me @ home (soon) [maybe] <3 *wow* ~ a|b {x} C:\tmp_1"),
            r"Mail me \@ home \(soon\) \[maybe\] \<3 \*wow\* \~ a\|b \{x\} C:\\tmp\_1"
        );
    }

    #[test]
    fn hashtags_stay_hashtags() {
        assert_eq!(
            escape("Fresh #bread, #café_au_lait and C# at #1!"),
            r"Fresh {hashtag|#|bread}, {hashtag|#|café}\_au\_lait and C\# at {hashtag|#|1}!"
        );
        assert_eq!(escape("# alone, ##, end #"), r"\# alone, \#\#, end \#");
    }

    #[test]
    fn plain_text_is_unchanged() {
        let text = "Ovens on at 7. Ça sent bon ! 🍞\nSee you.";
        assert_eq!(escape(text), text);
    }
}
