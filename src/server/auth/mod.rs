//! Who is signed in, what they may do, and how they got there.
pub mod device;
pub mod guard;
pub mod password;
pub mod session;
pub mod session_store;
pub mod sign_in;
pub mod sign_up;
pub mod throttle;
pub mod viewer;
