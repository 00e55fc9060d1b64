use super::*;
use crate::domain::post::{Intent, PostStatus::*};
use crate::domain::role::Role::{self, *};
use chrono::{Duration, Utc};

const ON: Policy = Policy {
    required: true,
    editors_need_approval: false,
    self_approval: false,
};
const OFF: Policy = Policy {
    required: false,
    ..ON
};

fn author(role: Role) -> Actor {
    Actor {
        role,
        is_author: true,
    }
}

fn other(role: Role) -> Actor {
    Actor {
        role,
        is_author: false,
    }
}

fn at(status: crate::domain::post::PostStatus, approved: bool) -> Option<Current> {
    Some(Current { status, approved })
}

#[test]
fn the_review_round_trip() {
    // draft → in review → changes requested → in review → scheduled
    let submitted = save(at(Draft, false), Intent::Submit, author(Contributor), ON, true).unwrap();
    assert_eq!(submitted, InReview);
    let sent_back = request_changes(submitted, other(Editor), "Shorter, please", (3, 3)).unwrap();
    assert_eq!(sent_back, ChangesRequested);
    let resubmitted = save(
        at(sent_back, false),
        Intent::Submit,
        author(Contributor),
        ON,
        true,
    )
    .unwrap();
    assert_eq!(resubmitted, InReview);
    assert_eq!(
        approve(resubmitted, other(Editor), ON, (4, 4), false),
        Ok(Scheduled)
    );
}

#[test]
fn who_needs_approval() {
    let editors_too = Policy {
        editors_need_approval: true,
        ..ON
    };
    let table = [
        // role, policy on, editors too, policy off
        (Owner, false, false, false),
        (Admin, false, false, false),
        (Editor, false, true, false),
        (Contributor, true, true, false),
        (Viewer, true, true, true),
    ];
    for (role, on, editors, off) in table {
        assert_eq!(
            (
                ON.needs_approval(role),
                editors_too.needs_approval(role),
                OFF.needs_approval(role)
            ),
            (on, editors, off),
            "{role}"
        );
    }
    assert!(
        !Policy {
            required: false,
            editors_need_approval: true,
            self_approval: false
        }
        .needs_approval(Editor)
    );
}

#[test]
fn a_contributor_cannot_schedule_without_approval() {
    for intent in [Intent::Schedule, Intent::PublishNow] {
        assert_eq!(
            save(None, intent, author(Contributor), ON, true),
            Err(Refusal::NeedsApproval)
        );
        assert_eq!(
            save(at(Approved, true), intent, author(Contributor), ON, false),
            Err(Refusal::NeedsApproval)
        );
    }
    // Without the setting they schedule their own posts.
    assert_eq!(
        save(None, Intent::Schedule, author(Contributor), OFF, true),
        Ok(Scheduled)
    );
    // Drafts and submissions are always theirs to make.
    assert_eq!(
        save(None, Intent::Draft, author(Contributor), ON, true),
        Ok(Draft)
    );
    assert_eq!(
        save(None, Intent::Submit, author(Contributor), ON, true),
        Ok(InReview)
    );
}

#[test]
fn contributors_change_only_their_own_posts_and_viewers_nothing() {
    assert_eq!(
        save(at(Draft, false), Intent::Draft, other(Contributor), ON, true),
        Err(Refusal::NotAuthor)
    );
    assert_eq!(
        reschedule(InReview, other(Contributor), ON),
        Err(Refusal::NotAuthor)
    );
    assert_eq!(
        save(None, Intent::Draft, author(Viewer), ON, true),
        Err(Refusal::ReadOnly)
    );
    assert_eq!(comment(author(Viewer)), Err(Refusal::ReadOnly));
    assert_eq!(comment(other(Contributor)), Ok(()));
    // Editors may edit anyone's post.
    assert_eq!(
        save(at(Draft, false), Intent::Schedule, other(Editor), ON, true),
        Ok(Scheduled)
    );
}

#[test]
fn published_posts_do_not_move() {
    for status in [Publishing, Published, PartiallyFailed, Failed, Unknown] {
        assert_eq!(
            save(at(status, true), Intent::Submit, other(Owner), ON, true),
            Err(Refusal::NotEditable(status))
        );
        assert_eq!(
            reschedule(status, other(Owner), ON),
            Err(Refusal::NotEditable(status))
        );
    }
    assert_eq!(
        reschedule(Cancelled, other(Owner), ON),
        Err(Refusal::NotEditable(Cancelled))
    );
    assert_eq!(
        delete(Published, other(Owner)),
        Err(Refusal::NotEditable(Published))
    );
}

#[test]
fn deleting_is_for_the_author_or_an_editor() {
    assert_eq!(delete(InReview, author(Contributor)), Ok(()));
    assert_eq!(delete(InReview, other(Contributor)), Err(Refusal::NotAuthor));
    assert_eq!(delete(Scheduled, other(Editor)), Ok(()));
    assert_eq!(delete(Draft, other(Viewer)), Err(Refusal::ReadOnly));
}

#[test]
fn editing_an_approved_post_sends_it_back_to_review() {
    for status in [Approved, Scheduled] {
        assert_eq!(
            save(at(status, true), Intent::Schedule, other(Editor), ON, true),
            Ok(InReview),
            "{status:?}"
        );
        // The same time and text again (or a new time): it stays cleared.
        assert_eq!(
            save(at(status, true), Intent::Schedule, other(Editor), ON, false),
            Ok(Scheduled)
        );
        assert_eq!(
            save(at(status, true), Intent::Submit, author(Contributor), ON, true),
            Ok(InReview)
        );
    }
    // A post that never went through review is the editor's to change.
    assert_eq!(
        save(at(Scheduled, false), Intent::Schedule, author(Editor), ON, true),
        Ok(Scheduled)
    );
}

#[test]
fn a_post_in_review_is_approved_not_scheduled() {
    for status in [InReview, ChangesRequested] {
        assert_eq!(
            save(at(status, false), Intent::Schedule, other(Admin), ON, false),
            Err(Refusal::AwaitingReview)
        );
        assert_eq!(
            save(at(status, false), Intent::Schedule, other(Admin), ON, true),
            Ok(InReview)
        );
        assert_eq!(
            save(at(status, false), Intent::Draft, author(Contributor), ON, true),
            Ok(Draft)
        );
    }
}

#[test]
fn a_time_only_move_by_an_approver_keeps_the_approval() {
    for status in [Approved, Scheduled] {
        assert_eq!(reschedule(status, other(Editor), ON), Ok(Scheduled));
        assert_eq!(reschedule(status, author(Editor), ON), Ok(Scheduled));
        assert_eq!(reschedule(status, author(Contributor), ON), Ok(InReview));
        assert_eq!(reschedule(status, author(Contributor), OFF), Ok(Scheduled));
    }
    for status in [Draft, InReview, ChangesRequested] {
        assert_eq!(reschedule(status, author(Contributor), ON), Ok(status));
    }
}

#[test]
fn approvals_and_their_refusals() {
    assert_eq!(approve(InReview, other(Admin), ON, (2, 2), false), Ok(Scheduled));
    assert_eq!(approve(InReview, other(Owner), ON, (2, 2), true), Ok(Approved));
    assert_eq!(
        approve(InReview, other(Contributor), ON, (2, 2), false),
        Err(Refusal::NotApprover)
    );
    assert_eq!(
        approve(InReview, other(Viewer), ON, (2, 2), false),
        Err(Refusal::NotApprover)
    );
    assert_eq!(
        approve(InReview, other(Editor), ON, (2, 3), false),
        Err(Refusal::Stale)
    );
    for status in [Draft, ChangesRequested, Approved, Scheduled, Published] {
        assert_eq!(
            approve(status, other(Editor), ON, (2, 2), false),
            Err(Refusal::NotInReview(status))
        );
    }
    assert_eq!(
        approve(InReview, author(Editor), ON, (2, 2), false),
        Err(Refusal::SelfApproval)
    );
    let self_ok = Policy {
        self_approval: true,
        ..ON
    };
    assert_eq!(
        approve(InReview, author(Editor), self_ok, (2, 2), false),
        Ok(Scheduled)
    );
}

#[test]
fn changes_need_a_note_and_a_reviewer() {
    assert_eq!(
        request_changes(InReview, other(Editor), "  \n", (1, 1)),
        Err(Refusal::NoteRequired)
    );
    assert_eq!(
        request_changes(InReview, other(Contributor), "Fix it", (1, 1)),
        Err(Refusal::NotApprover)
    );
    assert_eq!(
        request_changes(Scheduled, other(Editor), "Fix it", (1, 1)),
        Err(Refusal::NotInReview(Scheduled))
    );
    assert_eq!(
        request_changes(InReview, other(Editor), "Fix it", (1, 2)),
        Err(Refusal::Stale)
    );
    // Asking for changes to one's own post is allowed: it only holds it back.
    assert_eq!(
        request_changes(InReview, author(Editor), "Fix it", (1, 1)),
        Ok(ChangesRequested)
    );
}

#[test]
fn waiting_past_its_time_is_overdue() {
    let now = Utc::now();
    let past = Some(now - Duration::minutes(1));
    let future = Some(now + Duration::minutes(1));
    assert!(is_overdue(InReview, past, now));
    assert!(is_overdue(Approved, past, now));
    assert!(!is_overdue(InReview, future, now));
    assert!(!is_overdue(InReview, None, now));
    assert!(!is_overdue(Scheduled, past, now), "the publisher handles its own");
}

#[test]
fn refusals_say_what_to_do() {
    assert_eq!(
        Refusal::Stale.to_string(),
        "This post changed since you opened it: review again."
    );
    assert!(Refusal::SelfApproval.is_forbidden());
    assert!(!Refusal::Stale.is_forbidden());
}
