//! The kinds of notification, each with its own setting per person.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    Submitted,
    Approved,
    ChangesRequested,
    Commented,
    TargetFailed,
    AccountReauth,
}

impl NoticeKind {
    pub const ALL: [NoticeKind; 6] = [
        NoticeKind::Submitted,
        NoticeKind::Approved,
        NoticeKind::ChangesRequested,
        NoticeKind::Commented,
        NoticeKind::TargetFailed,
        NoticeKind::AccountReauth,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Submitted => "submitted",
            NoticeKind::Approved => "approved",
            NoticeKind::ChangesRequested => "changes_requested",
            NoticeKind::Commented => "commented",
            NoticeKind::TargetFailed => "target_failed",
            NoticeKind::AccountReauth => "account_reauth",
        }
    }

    /// For the settings page: when one hears of it.
    pub fn label(self) -> &'static str {
        match self {
            NoticeKind::Submitted => "A post is submitted for review (approvers)",
            NoticeKind::Approved => "My post is approved",
            NoticeKind::ChangesRequested => "Changes are requested on my post",
            NoticeKind::Commented => "Someone comments on my post",
            NoticeKind::TargetFailed => "A post failed or its outcome is unknown (author and admins)",
            NoticeKind::AccountReauth => "An account needs to be connected again (admins)",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for kind in NoticeKind::ALL {
            assert_eq!(NoticeKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(NoticeKind::parse("spam"), None);
    }
}
