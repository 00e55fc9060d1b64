//! How a post got its time, so the queue knows which posts it may move.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "ssr",
    derive(sqlx::Type),
    sqlx(type_name = "text", rename_all = "snake_case")
)]
pub enum Placement {
    /// A time a person chose: the queue never moves it.
    #[default]
    Manual,
    /// A slot the queue gave: moved along when a person re-flows the queue or shares another
    /// post next.
    Queue,
}
