//! Posts and their per-account targets: statuses and what may be done in each.
use serde::{Deserialize, Serialize};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum PostStatus {
    Draft,
    /// Submitted: waits for an approver.
    InReview,
    /// An approver asked for changes (with a note); the author edits and resubmits.
    ChangesRequested,
    /// Approved, but not scheduled: its time passed while it waited (a person picks a new one).
    Approved,
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
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
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
    /// Ask an approver to look at it.
    Submit,
    Schedule,
    PublishNow,
}

impl PostStatus {
    pub const ALL: [PostStatus; 12] = [
        PostStatus::Draft,
        PostStatus::InReview,
        PostStatus::ChangesRequested,
        PostStatus::Approved,
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
            PostStatus::InReview => "in_review",
            PostStatus::ChangesRequested => "changes_requested",
            PostStatus::Approved => "approved",
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
            PostStatus::InReview => "In review",
            PostStatus::ChangesRequested => "Changes requested",
            PostStatus::Approved => "Approved",
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
        self.is_in_workflow()
            || matches!(
                self,
                PostStatus::Draft | PostStatus::Scheduled | PostStatus::Missed | PostStatus::Cancelled
            )
    }

    /// Written but not yet cleared to go out: in review, sent back, or approved and waiting.
    pub fn is_in_workflow(self) -> bool {
        matches!(
            self,
            PostStatus::InReview | PostStatus::ChangesRequested | PostStatus::Approved
        )
    }

    /// Only a post waiting to go out (or missed) can be moved on the calendar.
    pub fn can_reschedule(self) -> bool {
        self.is_in_workflow()
            || matches!(
                self,
                PostStatus::Draft | PostStatus::Scheduled | PostStatus::Missed
            )
    }

    pub fn can_cancel(self) -> bool {
        matches!(self, PostStatus::Scheduled | PostStatus::Approved)
    }

    /// Nothing that reached a network is deleted: its record stays.
    pub fn can_delete(self) -> bool {
        self.is_editable()
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
            PostStatus::Draft
            | PostStatus::InReview
            | PostStatus::ChangesRequested
            | PostStatus::Approved => TargetStatus::Draft,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_each_status_allows() {
        use PostStatus::*;
        let table = [
            // status, editable, reschedule, cancel, delete
            (Draft, true, true, false, true),
            (InReview, true, true, false, true),
            (ChangesRequested, true, true, false, true),
            (Approved, true, true, true, true),
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
        assert_eq!(
            TargetStatus::for_post(PostStatus::InReview),
            TargetStatus::Draft,
            "nothing goes out before approval"
        );
        assert_eq!(
            TargetStatus::for_post(PostStatus::Scheduled),
            TargetStatus::Scheduled
        );
        for status in PostStatus::ALL {
            assert_eq!(status.as_str().parse::<PostStatus>(), Ok(status));
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_database_stores_each_post_status_by_its_name() {
        for status in PostStatus::ALL {
            let mut stored = sqlx::postgres::PgArgumentBuffer::default();
            let written = sqlx::Encode::<sqlx::Postgres>::encode_by_ref(&status, &mut stored).unwrap();
            assert!(matches!(written, sqlx::encode::IsNull::No));
            assert_eq!(&stored[..], status.as_str().as_bytes(), "{status:?}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_database_stores_each_target_status_by_its_name() {
        for status in TargetStatus::ALL {
            let mut stored = sqlx::postgres::PgArgumentBuffer::default();
            let written = sqlx::Encode::<sqlx::Postgres>::encode_by_ref(&status, &mut stored).unwrap();
            assert!(matches!(written, sqlx::encode::IsNull::No));
            assert_eq!(&stored[..], status.as_str().as_bytes(), "{status:?}");
        }
    }
}
