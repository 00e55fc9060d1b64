//! Members of a workspace: invites, roles, removal.
pub mod invites;
pub mod members;
mod token;
