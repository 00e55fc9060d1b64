//! Publishing, as pure rules: which state a target may move to on each event, how long to
//! wait before the next attempt, and what a post's status is given its targets'.
mod cause;
mod rate;
mod retry;
mod rollup;
mod transition;

pub use cause::FailureCause;
pub use rate::{RateLimit, Window, admit, per_in_words};
pub use retry::{Failure, Next, RetryPolicy, after_failure};
pub use rollup::post_status;
pub use transition::{Event, IllegalTransition, transition};
