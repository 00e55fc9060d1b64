//! Why targets failed, in the words the dashboard groups them by. The engine records the kind
//! (`error_kind`); people see the cause and what to do about it.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureCause {
    /// The network refused the credentials.
    Unauthorized,
    /// The network refused the content (too long, bad media, duplicate, …).
    Rejected,
    /// The network stayed unavailable through every retry.
    Unavailable,
    /// The network answered something Herald did not understand.
    Protocol,
    Other,
}

impl FailureCause {
    /// The cause behind an `error_kind` as the engine records it.
    pub fn from_kind(kind: Option<&str>) -> Self {
        match kind {
            Some("unauthorized") => Self::Unauthorized,
            Some("rejected") => Self::Rejected,
            Some("transient") => Self::Unavailable,
            Some("protocol") => Self::Protocol,
            _ => Self::Other,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::Unauthorized => "The network refused the account's credentials",
            Self::Rejected => "The network rejected the post",
            Self::Unavailable => "The network stayed unavailable",
            Self::Protocol => "The network gave an unexpected answer",
            Self::Other => "Other failures",
        }
    }

    pub fn advice(self) -> &'static str {
        match self {
            Self::Unauthorized => "Connect the account again on the Accounts page, then retry.",
            Self::Rejected => "Edit the post to fix what the network named, or cancel it.",
            Self::Unavailable => "Every retry failed. Retry once the network is back.",
            Self::Protocol => "Retry; if it fails again, check the account's settings.",
            Self::Other => "Read the error of each post below.",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unauthorized => "unauthorized",
            Self::Rejected => "rejected",
            Self::Unavailable => "unavailable",
            Self::Protocol => "protocol",
            Self::Other => "other",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_the_engine_records_has_its_own_cause() {
        let kinds = ["unauthorized", "rejected", "transient", "protocol"];
        let causes: std::collections::HashSet<_> = kinds
            .iter()
            .map(|kind| FailureCause::from_kind(Some(kind)))
            .collect();
        assert_eq!(causes.len(), kinds.len());
        assert!(!causes.contains(&FailureCause::Other));
        assert_eq!(FailureCause::from_kind(None), FailureCause::Other);
        assert_eq!(FailureCause::from_kind(Some("crashed")), FailureCause::Other);
    }
}
