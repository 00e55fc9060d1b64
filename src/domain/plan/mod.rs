//! Planning rules: posting slots, the queue that fills them, recurring series and the evergreen
//! pool. Wall-clock times and a zone in, instants out; one gap and overlap rule for all
//! ([`fire_at`]). Pure: the server stores plans and materialises what these rules answer.
pub mod evergreen;
mod kind;
mod placement;
pub mod queue;
pub mod repeat;
pub mod slots;
mod wall;

#[cfg(test)]
mod tests;

pub use kind::PostKind;
pub use placement::Placement;
pub use wall::fire_at;
