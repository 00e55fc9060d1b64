//! Meta's Graph APIs, which Facebook, Instagram and Threads all speak: reading answers and
//! error codes, ids, and the media-container flow that Instagram and Threads publish through.
mod answer;
mod containers;
mod graph;
mod ready;

#[cfg(test)]
pub mod contract;
#[cfg(test)]
pub mod fake;

pub use containers::Containers;
pub use graph::Graph;
pub use ready::StatusFields;

use super::NetworkError;
use serde::Deserialize;

/// The answer to a POST that created something (a container, a photo, a post).
#[derive(Deserialize)]
pub struct Created {
    pub id: String,
}

/// Graph ids are numeric and end up in a URL path: refuse anything else before asking.
pub fn numeric_id(id: &str, label: &str) -> Result<(), NetworkError> {
    if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
        return Ok(());
    }
    Err(NetworkError::Rejected {
        status: 400,
        message: format!("the {label} must be a number"),
    })
}
