//! Checking a post's text and images against one network's rules.

use serde::{Deserialize, Serialize};

use super::count::count;
use super::limits::TextRules;
use crate::domain::platform::Platform;

/// Something that stops a post from going out on a network.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TextProblem {
    #[error("Write something to post.")]
    Empty,
    #[error("Too long for {}: {count} of {limit} characters.", platform.label())]
    TooLong {
        platform: Platform,
        count: usize,
        limit: usize,
    },
    #[error("{} needs at least one image.", platform.label())]
    NeedsImage { platform: Platform },
}

/// The outcome of checking a post for one network; fine to show as a live counter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextCheck {
    pub count: usize,
    pub limit: Option<usize>,
    /// `limit - count`: negative when over.
    pub remaining: Option<i64>,
    /// Empty when the post can go out.
    pub problems: Vec<TextProblem>,
}

impl TextCheck {
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks `text` with `image_count` images attached against `rules`.
pub fn check(text: &str, image_count: usize, rules: &TextRules) -> TextCheck {
    let count = count(text, &rules.counting);
    let mut problems = Vec::new();
    let has_image = image_count > 0;
    if rules.requires_image && !has_image {
        problems.push(TextProblem::NeedsImage {
            platform: rules.platform,
        });
    } else if text.trim().is_empty() && !has_image {
        // Images alone are a post; nothing at all is not.
        problems.push(TextProblem::Empty);
    }
    if let Some(limit) = rules.limit.filter(|&limit| count > limit) {
        problems.push(TextProblem::TooLong {
            platform: rules.platform,
            count,
            limit,
        });
    }
    TextCheck {
        count,
        limit: rules.limit,
        remaining: rules.limit.map(|limit| signed(limit) - signed(count)),
        problems,
    }
}

fn signed(length: usize) -> i64 {
    i64::try_from(length).unwrap_or(i64::MAX)
}
