use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A network Herald can publish to. Stored as text, spelled as `as_str` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum Platform {
    Mastodon,
    Bluesky,
    Discord,
    Slack,
    Telegram,
    Webhook,
    #[serde(rename = "linkedin")]
    #[cfg_attr(feature = "ssr", sqlx(rename = "linkedin"))]
    LinkedIn,
    X,
    Threads,
    Facebook,
    Instagram,
}

impl Platform {
    pub const ALL: [Platform; 11] = [
        Platform::Mastodon,
        Platform::Bluesky,
        Platform::Discord,
        Platform::Slack,
        Platform::Telegram,
        Platform::Webhook,
        Platform::LinkedIn,
        Platform::X,
        Platform::Threads,
        Platform::Facebook,
        Platform::Instagram,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Mastodon => "mastodon",
            Platform::Bluesky => "bluesky",
            Platform::Discord => "discord",
            Platform::Slack => "slack",
            Platform::Telegram => "telegram",
            Platform::Webhook => "webhook",
            Platform::LinkedIn => "linkedin",
            Platform::X => "x",
            Platform::Threads => "threads",
            Platform::Facebook => "facebook",
            Platform::Instagram => "instagram",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Platform::Mastodon => "Mastodon",
            Platform::Bluesky => "Bluesky",
            Platform::Discord => "Discord",
            Platform::Slack => "Slack",
            Platform::Telegram => "Telegram",
            Platform::Webhook => "Webhook",
            Platform::LinkedIn => "LinkedIn",
            Platform::X => "X",
            Platform::Threads => "Threads",
            Platform::Facebook => "Facebook Page",
            Platform::Instagram => "Instagram",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a network Herald knows")]
pub struct UnknownPlatform(pub String);

impl FromStr for Platform {
    type Err = UnknownPlatform;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Platform::ALL
            .into_iter()
            .find(|p| p.as_str() == s.trim())
            .ok_or_else(|| UnknownPlatform(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_its_name() {
        for platform in Platform::ALL {
            assert_eq!(platform.as_str().parse::<Platform>(), Ok(platform));
            let json = serde_json::to_string(&platform).unwrap();
            assert_eq!(json, format!("\"{}\"", platform.as_str()));
        }
        assert!("myspace".parse::<Platform>().is_err());
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_database_stores_its_name() {
        for platform in Platform::ALL {
            let mut stored = sqlx::postgres::PgArgumentBuffer::default();
            let written = sqlx::Encode::<sqlx::Postgres>::encode_by_ref(&platform, &mut stored).unwrap();
            assert!(matches!(written, sqlx::encode::IsNull::No));
            assert_eq!(&stored[..], platform.as_str().as_bytes(), "{platform:?}");
        }
    }
}
