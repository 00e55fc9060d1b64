//! Posts and their per-account targets: statuses and what may be done in each.
use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PostStatus {
    Draft,
    Scheduled,
    Publishing,
    Published,
    PartiallyFailed,
    Failed,
    /// A target's outcome is unknown (a worker died mid-publish): a person decides.
    Unknown,
    /// Its time passed while Herald was down for longer than the grace window.
    Missed,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetStatus {
    Draft,
    Scheduled,
    Publishing,
    Retrying,
    Published,
    Failed,
    Unknown,
    Missed,
    /// Held because its account or workspace is paused (or needs re-auth).
    Paused,
    Cancelled,
}

/// What the person asked for when saving the composer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    Draft,
    Schedule,
    PublishNow,
}

impl PostStatus {
    pub const ALL: [PostStatus; 9] = [
        PostStatus::Draft,
        PostStatus::Scheduled,
        PostStatus::Publishing,
        PostStatus::Published,
        PostStatus::PartiallyFailed,
        PostStatus::Failed,
        PostStatus::Unknown,
        PostStatus::Missed,
        PostStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PostStatus::Draft => "draft",
            PostStatus::Scheduled => "scheduled",
            PostStatus::Publishing => "publishing",
            PostStatus::Published => "published",
            PostStatus::PartiallyFailed => "partially_failed",
            PostStatus::Failed => "failed",
            PostStatus::Unknown => "unknown",
            PostStatus::Missed => "missed",
            PostStatus::Cancelled => "cancelled",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PostStatus::Draft => "Draft",
            PostStatus::Scheduled => "Scheduled",
            PostStatus::Publishing => "Publishing",
            PostStatus::Published => "Published",
            PostStatus::PartiallyFailed => "Partly failed",
            PostStatus::Failed => "Failed",
            PostStatus::Unknown => "Outcome unknown",
            PostStatus::Missed => "Missed",
            PostStatus::Cancelled => "Cancelled",
        }
    }

    /// Content, targets and time may change only before publishing starts (or after its time
    /// was missed, when nothing went out).
    pub fn is_editable(self) -> bool {
        matches!(
            self,
            PostStatus::Draft | PostStatus::Scheduled | PostStatus::Missed | PostStatus::Cancelled
        )
    }

    /// Only a post waiting to go out (or missed) can be moved on the calendar.
    pub fn can_reschedule(self) -> bool {
        matches!(
            self,
            PostStatus::Draft | PostStatus::Scheduled | PostStatus::Missed
        )
    }

    pub fn can_cancel(self) -> bool {
        self == PostStatus::Scheduled
    }

    /// Nothing that reached a network is deleted: its record stays.
    pub fn can_delete(self) -> bool {
        matches!(
            self,
            PostStatus::Draft | PostStatus::Scheduled | PostStatus::Missed | PostStatus::Cancelled
        )
    }

    /// The status a save with `intent` leads to.
    pub fn after_save(intent: Intent) -> PostStatus {
        match intent {
            Intent::Draft => PostStatus::Draft,
            Intent::Schedule | Intent::PublishNow => PostStatus::Scheduled,
        }
    }
}

impl TargetStatus {
    pub const ALL: [TargetStatus; 10] = [
        TargetStatus::Draft,
        TargetStatus::Scheduled,
        TargetStatus::Publishing,
        TargetStatus::Retrying,
        TargetStatus::Published,
        TargetStatus::Failed,
        TargetStatus::Unknown,
        TargetStatus::Missed,
        TargetStatus::Paused,
        TargetStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TargetStatus::Draft => "draft",
            TargetStatus::Scheduled => "scheduled",
            TargetStatus::Publishing => "publishing",
            TargetStatus::Retrying => "retrying",
            TargetStatus::Published => "published",
            TargetStatus::Failed => "failed",
            TargetStatus::Unknown => "unknown",
            TargetStatus::Missed => "missed",
            TargetStatus::Paused => "paused",
            TargetStatus::Cancelled => "cancelled",
        }
    }

    /// How people read it, on the dashboard.
    pub fn label(self) -> &'static str {
        match self {
            TargetStatus::Draft => "Draft",
            TargetStatus::Scheduled => "Scheduled",
            TargetStatus::Publishing => "Publishing",
            TargetStatus::Retrying => "Retrying",
            TargetStatus::Published => "Published",
            TargetStatus::Failed => "Failed",
            TargetStatus::Unknown => "Outcome unknown",
            TargetStatus::Missed => "Missed",
            TargetStatus::Paused => "Held",
            TargetStatus::Cancelled => "Cancelled",
        }
    }

    /// The target status that goes with a post status set by a person.
    pub fn for_post(status: PostStatus) -> TargetStatus {
        match status {
            PostStatus::Draft => TargetStatus::Draft,
            PostStatus::Cancelled => TargetStatus::Cancelled,
            _ => TargetStatus::Scheduled,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown status {0}")]
pub struct UnknownStatus(pub String);

impl FromStr for PostStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        PostStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

impl FromStr for TargetStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        TargetStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_each_status_allows() {
        use PostStatus::*;
        let table = [
            // status, editable, reschedule, cancel, delete
            (Draft, true, true, false, true),
            (Scheduled, true, true, true, true),
            (Publishing, false, false, false, false),
            (Published, false, false, false, false),
            (PartiallyFailed, false, false, false, false),
            (Failed, false, false, false, false),
            (Unknown, false, false, false, false),
            (Missed, true, true, false, true),
            (Cancelled, true, false, false, true),
        ];
        for (status, editable, reschedule, cancel, delete) in table {
            assert_eq!(
                (
                    status.is_editable(),
                    status.can_reschedule(),
                    status.can_cancel(),
                    status.can_delete()
                ),
                (editable, reschedule, cancel, delete),
                "{status:?}"
            );
        }
    }

    #[test]
    fn saving_and_target_statuses() {
        assert_eq!(PostStatus::after_save(Intent::Draft), PostStatus::Draft);
        assert_eq!(PostStatus::after_save(Intent::PublishNow), PostStatus::Scheduled);
        assert_eq!(
            TargetStatus::for_post(PostStatus::Scheduled),
            TargetStatus::Scheduled
        );
        for status in PostStatus::ALL {
            assert_eq!(status.as_str().parse::<PostStatus>(), Ok(status));
        }
        assert_eq!("retrying".parse::<TargetStatus>(), Ok(TargetStatus::Retrying));
    }
}
