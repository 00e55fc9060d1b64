//! A post's status is derived from its targets', never set on its own once publishing starts.
use crate::domain::post::{PostStatus, TargetStatus};

pub fn post_status(targets: &[TargetStatus]) -> PostStatus {
    use TargetStatus as T;
    let live: Vec<TargetStatus> = targets
        .iter()
        .copied()
        .filter(|status| *status != T::Cancelled)
        .collect();
    let all = |wanted: &[TargetStatus]| live.iter().all(|status| wanted.contains(status));
    let any = |wanted: &[TargetStatus]| live.iter().any(|status| wanted.contains(status));
    if live.is_empty() {
        PostStatus::Cancelled
    } else if any(&[T::Draft]) {
        PostStatus::Draft
    } else if all(&[T::Scheduled, T::Paused]) {
        PostStatus::Scheduled
    } else if any(&[T::Scheduled, T::Paused, T::Publishing, T::Retrying]) {
        PostStatus::Publishing
    } else if all(&[T::Published]) {
        PostStatus::Published
    } else if all(&[T::Missed]) {
        PostStatus::Missed
    } else if any(&[T::Unknown]) {
        PostStatus::Unknown
    } else if any(&[T::Published]) {
        PostStatus::PartiallyFailed
    } else {
        PostStatus::Failed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use TargetStatus::*;

    #[test]
    fn a_post_sums_up_its_targets() {
        let table: &[(&[TargetStatus], PostStatus)] = &[
            (&[Draft, Draft], PostStatus::Draft),
            (&[Scheduled, Paused], PostStatus::Scheduled),
            (&[Scheduled, Published], PostStatus::Publishing),
            (&[Retrying, Failed], PostStatus::Publishing),
            (&[Published, Published], PostStatus::Published),
            (&[Published, Cancelled], PostStatus::Published),
            (&[Published, Failed], PostStatus::PartiallyFailed),
            (&[Published, Missed], PostStatus::PartiallyFailed),
            (&[Failed, Failed], PostStatus::Failed),
            (&[Failed, Missed], PostStatus::Failed),
            (&[Missed, Missed], PostStatus::Missed),
            (&[Unknown, Published], PostStatus::Unknown),
            (&[Cancelled, Cancelled], PostStatus::Cancelled),
            (&[], PostStatus::Cancelled),
        ];
        for (targets, expected) in table {
            assert_eq!(post_status(targets), *expected, "{targets:?}");
        }
    }
}
