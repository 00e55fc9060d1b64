//! The per-target state machine. The server's conditional UPDATEs take their "from" states
//! from `Event::from`, so the database can only make the moves written here.
use crate::domain::post::TargetStatus;

/// What can happen to a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    /// A worker takes it to publish now (its time, or its retry time, has come).
    Claim,
    /// The network accepted it.
    Published,
    /// A transient failure with attempts left: wait and try again.
    WillRetry,
    /// A permanent failure, or the last attempt failed.
    Failed,
    /// Its worker died mid-publish and the network has an idempotency key: resend safely.
    RecoverIdempotent,
    /// Its worker died mid-publish and a resend could double it: a person decides.
    RecoverUnknown,
    /// Its time passed longer ago than the grace window (Herald was down).
    Missed,
    /// Its account or workspace was paused, or the account needs re-auth.
    Pause,
    Resume,
    /// A person asks for another go (after failure, a miss, or an unknown outcome).
    PublishAgain,
    /// A person checked the network and says it did go out.
    MarkPublished,
    Cancel,
}

impl Event {
    /// The states this event may leave from.
    pub fn from(self) -> &'static [TargetStatus] {
        use TargetStatus::*;
        match self {
            Event::Claim => &[Scheduled, Retrying],
            // Unknown too: a slow worker may report after recovery gave up on it.
            Event::Published => &[Publishing, Unknown],
            Event::WillRetry | Event::Failed => &[Publishing],
            Event::RecoverIdempotent | Event::RecoverUnknown => &[Publishing],
            Event::Missed => &[Scheduled, Retrying],
            Event::Pause => &[Scheduled, Retrying],
            Event::Resume => &[Paused],
            Event::PublishAgain => &[Failed, Missed, Unknown],
            Event::MarkPublished => &[Unknown, Failed, Missed],
            Event::Cancel => &[Scheduled, Retrying, Paused, Missed, Unknown, Failed],
        }
    }

    pub fn to(self) -> TargetStatus {
        use TargetStatus::*;
        match self {
            Event::Claim => Publishing,
            Event::Published | Event::MarkPublished => Published,
            Event::WillRetry | Event::RecoverIdempotent => Retrying,
            Event::Failed => Failed,
            Event::RecoverUnknown => Unknown,
            Event::Missed => Missed,
            Event::Pause => Paused,
            Event::Resume | Event::PublishAgain => Scheduled,
            Event::Cancel => Cancelled,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a {} target cannot take {event:?}", from.as_str())]
pub struct IllegalTransition {
    pub from: TargetStatus,
    pub event: Event,
}

pub fn transition(from: TargetStatus, event: Event) -> Result<TargetStatus, IllegalTransition> {
    if event.from().contains(&from) {
        Ok(event.to())
    } else {
        Err(IllegalTransition { from, event })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TargetStatus::*;

    #[test]
    fn a_target_goes_out_once_along_the_happy_path() {
        let claimed = transition(Scheduled, Event::Claim).unwrap();
        assert_eq!(claimed, Publishing);
        assert_eq!(transition(claimed, Event::Published), Ok(Published));
        // Published is final: nothing claims it again, however many tasks arrive.
        for event in [
            Event::Claim,
            Event::WillRetry,
            Event::Failed,
            Event::Cancel,
            Event::Missed,
        ] {
            assert!(transition(Published, event).is_err(), "{event:?}");
        }
    }

    #[test]
    fn transient_failures_retry_and_the_retry_is_claimed_again() {
        assert_eq!(transition(Publishing, Event::WillRetry), Ok(Retrying));
        assert_eq!(transition(Retrying, Event::Claim), Ok(Publishing));
        assert_eq!(transition(Publishing, Event::Failed), Ok(Failed));
    }

    #[test]
    fn only_a_publishing_target_is_recovered() {
        assert_eq!(transition(Publishing, Event::RecoverIdempotent), Ok(Retrying));
        assert_eq!(transition(Publishing, Event::RecoverUnknown), Ok(Unknown));
        for from in [Scheduled, Retrying, Published, Failed, Cancelled] {
            assert!(transition(from, Event::RecoverUnknown).is_err(), "{from:?}");
        }
    }

    #[test]
    fn an_unknown_outcome_waits_for_a_person_or_the_late_report() {
        assert!(transition(Unknown, Event::Claim).is_err());
        assert_eq!(transition(Unknown, Event::MarkPublished), Ok(Published));
        assert_eq!(transition(Unknown, Event::PublishAgain), Ok(Scheduled));
        assert_eq!(transition(Unknown, Event::Published), Ok(Published));
    }

    #[test]
    fn paused_and_missed_targets_are_never_claimed() {
        for from in [Paused, Missed, Draft, Cancelled, Failed, Publishing] {
            assert!(transition(from, Event::Claim).is_err(), "{from:?}");
        }
        assert_eq!(transition(Scheduled, Event::Pause), Ok(Paused));
        assert_eq!(transition(Paused, Event::Resume), Ok(Scheduled));
        assert_eq!(transition(Scheduled, Event::Missed), Ok(Missed));
        assert_eq!(transition(Missed, Event::PublishAgain), Ok(Scheduled));
    }

    #[test]
    fn in_flight_and_finished_targets_cannot_be_cancelled() {
        assert!(transition(Publishing, Event::Cancel).is_err());
        assert!(transition(Published, Event::Cancel).is_err());
        assert_eq!(transition(Retrying, Event::Cancel), Ok(Cancelled));
    }

    #[test]
    fn every_event_has_a_legal_origin_and_a_different_destination() {
        let events = [
            Event::Claim,
            Event::Published,
            Event::WillRetry,
            Event::Failed,
            Event::RecoverIdempotent,
            Event::RecoverUnknown,
            Event::Missed,
            Event::Pause,
            Event::Resume,
            Event::PublishAgain,
            Event::MarkPublished,
            Event::Cancel,
        ];
        for event in events {
            assert!(!event.from().is_empty());
            assert!(!event.from().contains(&event.to()), "{event:?} loops");
        }
    }
}
