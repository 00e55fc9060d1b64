//! How a post came to its time, as the calendar marks it and the list filters it.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum PostKind {
    /// Placed by a person.
    Manual,
    /// Placed in a posting slot by the queue.
    Queued,
    /// Made by a recurring series.
    Recurring,
    /// A share of an evergreen post, made to fill an empty slot.
    Evergreen,
}

impl PostKind {
    pub const ALL: [PostKind; 4] = [
        PostKind::Manual,
        PostKind::Queued,
        PostKind::Recurring,
        PostKind::Evergreen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PostKind::Manual => "manual",
            PostKind::Queued => "queued",
            PostKind::Recurring => "recurring",
            PostKind::Evergreen => "evergreen",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PostKind::Manual => "Placed by hand",
            PostKind::Queued => "Queued",
            PostKind::Recurring => "Recurring",
            PostKind::Evergreen => "Evergreen",
        }
    }

    /// A one-character mark beside the post's time; none for a post placed by hand.
    pub fn mark(self) -> Option<&'static str> {
        match self {
            PostKind::Manual => None,
            PostKind::Queued => Some("⏱"),
            PostKind::Recurring => Some("↻"),
            PostKind::Evergreen => Some("♻"),
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}
