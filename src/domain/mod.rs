//! Pure types and rules shared by the server and the browser. No I/O here.
pub mod account;
pub mod credentials;
pub mod email;
pub mod instance_address;
pub mod names;
pub mod network_app;
pub mod notice;
pub mod password;
pub mod plan;
pub mod platform;
pub mod post;
pub mod publish;
pub mod role;
pub mod schedule;
pub mod text;
pub mod token_health;
pub mod workflow;
