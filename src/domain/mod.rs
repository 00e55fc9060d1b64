//! Pure types and rules shared by the server and the browser. No I/O here.
pub mod email;
pub mod names;
pub mod password;
pub mod role;
