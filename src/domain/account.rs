//! A connected network account: its state and how it looks in the app.
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum AccountState {
    Connected,
    /// The network refused the credentials; publishing waits for new ones.
    NeedsReauth,
    /// Paused by a person; nothing is published to it.
    Paused,
}

impl AccountState {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountState::Connected => "connected",
            AccountState::NeedsReauth => "needs_reauth",
            AccountState::Paused => "paused",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AccountState::Connected => "Connected",
            AccountState::NeedsReauth => "Needs re-authentication",
            AccountState::Paused => "Paused",
        }
    }
}

/// Colours offered for new accounts; any `#rrggbb` is accepted.
pub const PALETTE: [&str; 8] = [
    "#6366f1", "#0ea5e9", "#10b981", "#f59e0b", "#ef4444", "#ec4899", "#8b5cf6", "#64748b",
];

/// A colour as `#rrggbb`, lower-case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Colour(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Pick a colour as #rrggbb, such as #6366f1.")]
pub struct ColourError;

impl Colour {
    pub fn parse(input: &str) -> Result<Self, ColourError> {
        let value = input.trim().to_ascii_lowercase();
        let hex = value.strip_prefix('#').ok_or(ColourError)?;
        if hex.len() == 6 && hex.chars().all(|c| c.is_ascii_hexdigit()) {
            Ok(Self(value))
        } else {
            Err(ColourError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        assert_eq!(Colour::parse(" #A1B2C3 ").unwrap().as_str(), "#a1b2c3");
        for bad in ["", "a1b2c3", "#a1b2c", "#a1b2c3d", "#gggggg", "red"] {
            assert_eq!(Colour::parse(bad), Err(ColourError), "{bad}");
        }
        assert!(PALETTE.iter().all(|c| Colour::parse(c).is_ok()));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_database_stores_its_name() {
        for state in [
            AccountState::Connected,
            AccountState::NeedsReauth,
            AccountState::Paused,
        ] {
            let mut stored = sqlx::postgres::PgArgumentBuffer::default();
            let written = sqlx::Encode::<sqlx::Postgres>::encode_by_ref(&state, &mut stored).unwrap();
            assert!(matches!(written, sqlx::encode::IsNull::No));
            assert_eq!(&stored[..], state.as_str().as_bytes(), "{state:?}");
        }
    }
}
