//! Members of a workspace: invites, joining, roles, removal.
mod invite_mail;
pub mod invites;
pub mod joining;
pub mod members;
pub mod roster;
mod token;
