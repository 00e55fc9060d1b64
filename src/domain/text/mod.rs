//! Per-network text rules: how each network counts characters and what it allows.
//!
//! Pure and target-independent: the server checks posts with it and the browser runs it for
//! live counters. Typical use:
//!
//! ```ignore
//! let rules = rules_for(Platform::Bluesky, &AccountTextSettings::default());
//! let result = check("Hello 👋", 0, &rules); // result.count == 7, result.remaining == Some(293)
//! ```
//!
//! Known gaps: Bluesky also caps text at 3000 UTF-8 bytes (only reachable with hundreds of ZWJ
//! emoji); Mastodon also counts the content warning, which is not part of the text here; X's
//! emoji and bare-domain detection approximate twitter-text (see `emoji.rs` and `urls.rs`).

mod check;
mod count;
mod emoji;
mod limits;
mod mentions;
mod urls;
mod x_weight;

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;

pub use check::{TextCheck, TextProblem, check};
pub use count::{Counting, count};
pub use limits::{
    AccountTextSettings, MASTODON_DEFAULT_CHARACTERS_PER_URL, MASTODON_DEFAULT_MAX_CHARACTERS, TextRules,
    rules_for,
};
