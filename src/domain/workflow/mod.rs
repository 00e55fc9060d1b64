//! The review workflow, as pure rules: who may move a post where.
//!
//! draft → in review → changes requested → in review → approved/scheduled. The server asks
//! these functions before it writes anything, so a refused step changes nothing.
mod policy;
mod refusal;
mod transition;

#[cfg(test)]
mod tests;

pub use policy::Policy;
pub use refusal::Refusal;
pub use transition::{
    Actor, Current, approve, comment, delete, is_overdue, request_changes, reschedule, save,
};
