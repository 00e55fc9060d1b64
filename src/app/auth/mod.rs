//! Pages for people who are not signed in: sign in, sign up, accept an invite.
pub mod card;
pub mod invite;
mod password_strength;
pub mod sign_in;
pub mod sign_up;
