//! Posting a status: each image uploaded first (waiting out its processing), then the status,
//! keyed by the target so a repeat returns the first status rather than a second one.
use crate::server::platforms::outgoing::https_or_home_link;
use crate::server::platforms::{NetworkError, Outgoing, OutgoingImage, Published, body, response};
use reqwest::multipart::{Form, Part};
use serde::Deserialize;
use serde_json::json;
use std::time::Duration;
use tokio::time::Instant;

/// How often, and for how long, to ask whether an uploaded image is ready.
const POLL_EVERY: Duration = Duration::from_millis(500);
const POLL_FOR: Duration = Duration::from_secs(30);

#[derive(Deserialize)]
struct Media {
    id: String,
    /// Null while the instance is still processing the file.
    url: Option<String>,
}

#[derive(Deserialize)]
struct Status {
    id: String,
    url: Option<String>,
    uri: Option<String>,
}

pub(super) async fn publish(
    http: &reqwest::Client,
    instance_url: &str,
    token: &str,
    outgoing: &Outgoing,
) -> Result<Published, NetworkError> {
    let mut media_ids = Vec::with_capacity(outgoing.images.len());
    for (index, image) in outgoing.images.iter().enumerate() {
        media_ids.push(upload(http, instance_url, token, index, image).await?);
    }
    let status: Status = response::json(
        http.post(format!("{instance_url}/api/v1/statuses"))
            .bearer_auth(token)
            .header("Idempotency-Key", outgoing.target_id.to_string())
            .json(&json!({
                "status": outgoing.text,
                "media_ids": media_ids,
                "visibility": "public",
            })),
    )
    .await?;
    Ok(Published {
        remote_id: status.id,
        url: https_or_home_link(status.url, instance_url).or(https_or_home_link(status.uri, instance_url)),
    })
}

/// Uploads one image with its alt text and returns its media id once the instance is done with it.
async fn upload(
    http: &reqwest::Client,
    instance_url: &str,
    token: &str,
    index: usize,
    image: &OutgoingImage,
) -> Result<String, NetworkError> {
    let file = Part::stream(image.bytes.clone())
        .file_name(image.file_name(index))
        .mime_str(&image.content_type)
        .map_err(|_| NetworkError::Rejected {
            status: 415,
            message: format!("“{}” is not a valid image type", image.content_type),
        })?;
    let mut form = Form::new().part("file", file);
    if !image.alt_text.trim().is_empty() {
        form = form.text("description", image.alt_text.clone());
    }
    let answer = response::success(
        http.post(format!("{instance_url}/api/v2/media"))
            .bearer_auth(token)
            .multipart(form),
    )
    .await?;
    // 202: the file is stored but still being processed; a status cannot use it yet.
    let accepted = answer.status() == reqwest::StatusCode::ACCEPTED;
    let media: Media = body::json(answer).await?;
    if accepted || media.url.is_none() {
        wait_until_processed(http, instance_url, token, &media.id).await?;
    }
    Ok(media.id)
}

async fn wait_until_processed(
    http: &reqwest::Client,
    instance_url: &str,
    token: &str,
    id: &str,
) -> Result<(), NetworkError> {
    let deadline = Instant::now() + POLL_FOR;
    while Instant::now() < deadline {
        tokio::time::sleep(POLL_EVERY).await;
        // 206 while processing, 200 once done; both carry the media.
        let media: Media = response::json(
            http.get(format!("{instance_url}/api/v1/media/{id}"))
                .bearer_auth(token),
        )
        .await?;
        if media.url.is_some() {
            return Ok(());
        }
    }
    Err(NetworkError::Unavailable {
        status: None,
        message: "the instance is still processing an image".into(),
        retry_after: None,
    })
}
