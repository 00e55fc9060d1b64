use crate::domain::post::PostStatus;

/// Why a workflow step is not allowed; the message is for the person who tried it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("Your role can read posts but not change them.")]
    ReadOnly,
    #[error("You can only change posts you wrote.")]
    NotAuthor,
    #[error("This post is {} and can no longer be changed.", .0.label().to_lowercase())]
    NotEditable(PostStatus),
    #[error("Your posts need approval before they go out: submit it for review.")]
    NeedsApproval,
    #[error("This post is waiting for review: approve it from Needs review, or save it for review.")]
    AwaitingReview,
    #[error("Only owners, admins and editors can approve posts or ask for changes.")]
    NotApprover,
    #[error("This post is {}, not waiting for review.", .0.label().to_lowercase())]
    NotInReview(PostStatus),
    #[error("You wrote this post, and this workspace asks someone else to approve it.")]
    SelfApproval,
    #[error("Note: say what should change.")]
    NoteRequired,
    #[error("This post changed since you opened it: review again.")]
    Stale,
}

impl Refusal {
    /// Whether the person lacks the right (rather than the post being in the wrong state).
    pub fn is_forbidden(self) -> bool {
        matches!(
            self,
            Refusal::ReadOnly
                | Refusal::NotAuthor
                | Refusal::NeedsApproval
                | Refusal::NotApprover
                | Refusal::SelfApproval
        )
    }
}
