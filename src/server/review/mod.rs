//! The review workflow on the server: the queue, decisions, comments and what changed.
//! Every decision is one transaction with its audit row and notifications.
mod comment;
mod decide;
mod detail;
mod diff;
pub mod snapshot;

pub use comment::{comment, comments};
pub use decide::{approve, request_changes};
pub use detail::{detail, queue};

use crate::api::error::AppError;
use crate::domain::workflow::Refusal;

/// A refused workflow step as the error its person sees.
pub fn refused(refusal: Refusal) -> AppError {
    let message = refusal.to_string();
    match refusal {
        Refusal::NoteRequired => AppError::BadRequest(message),
        r if r.is_forbidden() => AppError::Forbidden(message),
        _ => AppError::Conflict(message),
    }
}

pub(crate) fn missing_post() -> AppError {
    AppError::NotFound("This post does not exist in this workspace (it may have been deleted).".into())
}
