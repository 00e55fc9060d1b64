use std::fmt;

use chrono_tz::{TZ_VARIANTS, Tz};
use serde::{Deserialize, Serialize};

use super::quote::echo;

/// Why a zone name was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum ZoneError {
    #[error("Pick a time zone, such as Europe/Paris.")]
    Missing,
    #[error("“{0}” is not a time zone; pick one such as Europe/Paris.")]
    Unknown(String),
}

/// An IANA time zone such as `Europe/Berlin`, checked once where the name enters Herald.
/// Travels (and is stored) as its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IanaZone(Tz);

impl IanaZone {
    pub fn parse(input: &str) -> Result<Self, ZoneError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(ZoneError::Missing);
        }
        if let Ok(tz) = trimmed.parse::<Tz>() {
            return Ok(Self(tz));
        }
        // `Tz::from_str_insensitive` needs chrono-tz's `case-insensitive` feature (an extra build
        // script); scanning ~600 names once per form submission is cheap.
        TZ_VARIANTS
            .iter()
            .find(|tz| tz.name().eq_ignore_ascii_case(trimmed))
            .map(|tz| Self(*tz))
            .ok_or_else(|| ZoneError::Unknown(echo(trimmed)))
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    pub fn tz(&self) -> Tz {
        self.0
    }
}

impl From<Tz> for IanaZone {
    fn from(tz: Tz) -> Self {
        Self(tz)
    }
}

impl TryFrom<String> for IanaZone {
    type Error = ZoneError;

    fn try_from(name: String) -> Result<Self, Self::Error> {
        Self::parse(&name)
    }
}

impl From<IanaZone> for String {
    fn from(zone: IanaZone) -> Self {
        zone.name().to_owned()
    }
}

impl fmt::Display for IanaZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
