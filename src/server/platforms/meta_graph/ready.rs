//! Waiting for a media container: Meta fetches and processes its image after the container is
//! created, and publishing it earlier fails.
use super::Graph;
use crate::server::platforms::NetworkError;
use std::time::Duration;

/// How often, and how many times, a media container is asked whether it is ready (~30 s).
const POLL_EVERY: Duration = if cfg!(test) {
    Duration::from_millis(5)
} else {
    Duration::from_secs(2)
};
const POLL_ATTEMPTS: u32 = 15;

/// A network's names for a container's state and for the reason it failed (Instagram:
/// `status_code`/`status`, Threads: `status`/`error_message`).
pub struct StatusFields {
    pub state: &'static str,
    pub detail: &'static str,
}

pub async fn wait_until_finished(
    graph: &Graph<'_>,
    container_id: &str,
    names: &StatusFields,
) -> Result<(), NetworkError> {
    let fields = format!("{},{}", names.state, names.detail);
    for attempt in 0..POLL_ATTEMPTS {
        if attempt > 0 {
            tokio::time::sleep(POLL_EVERY).await;
        }
        let answer: serde_json::Value = graph.fields(container_id, &fields).await?;
        let field = |name: &str| answer.get(name).and_then(|v| v.as_str()).unwrap_or_default();
        match field(names.state) {
            "FINISHED" => return Ok(()),
            state @ ("ERROR" | "EXPIRED") => {
                let detail = graph.readable(field(names.detail));
                return Err(NetworkError::Rejected {
                    status: 422,
                    message: format!("the media could not be prepared ({state}): {detail}"),
                });
            }
            _ => {}
        }
    }
    Err(NetworkError::Unavailable {
        status: None,
        message: "the media was still being processed; try again later".into(),
        retry_after: None,
    })
}
