//! Executing the webhook: JSON for text alone, multipart (`payload_json` + `files[n]`) with
//! images. Webhooks take no idempotency key, so a repeat posts again.
use super::unknown_webhook_is_unauthorized;
use crate::server::platforms::{NetworkError, Outgoing, Published, body, response};
use bytes::Bytes;
use reqwest::multipart::{Form, Part};
use serde::Deserialize;
use serde_json::json;
use std::time::Duration;

/// Discord's limit of files in one message.
const MAX_FILES: usize = 10;

#[derive(Deserialize)]
struct Message {
    id: String,
    channel_id: String,
    guild_id: Option<String>,
}

#[derive(Deserialize)]
struct WebhookGuild {
    guild_id: Option<String>,
}

/// Discord's 429 body: `retry_after` in (fractional) seconds.
#[derive(Deserialize)]
struct RateLimited {
    retry_after: Option<f64>,
}

pub(super) async fn publish(
    http: &reqwest::Client,
    webhook_url: &str,
    outgoing: &Outgoing,
) -> Result<Published, NetworkError> {
    if outgoing.images.len() > MAX_FILES {
        return Err(NetworkError::Rejected {
            status: 400,
            message: format!("Discord takes at most {MAX_FILES} images in one message"),
        });
    }
    // `wait=true`: answer with the message (and fail loudly) instead of an empty 204.
    let request = http.post(webhook_url).query(&[("wait", "true")]);
    let request = if outgoing.images.is_empty() {
        request.json(&json!({ "content": outgoing.text }))
    } else {
        request.multipart(form(outgoing)?)
    };
    let body = send(request).await?;
    let message: Message = serde_json::from_slice(&body)
        .map_err(|e| NetworkError::Protocol(format!("could not read the answer: {e}")))?;
    let guild_id = match message.guild_id {
        Some(guild_id) => Some(guild_id),
        None => guild_of(http, webhook_url).await,
    };
    let url = guild_id.map(|guild_id| {
        format!(
            "https://discord.com/channels/{guild_id}/{}/{}",
            message.channel_id, message.id
        )
    });
    Ok(Published {
        remote_id: message.id,
        url,
    })
}

fn form(outgoing: &Outgoing) -> Result<Form, NetworkError> {
    let mut attachments = Vec::with_capacity(outgoing.images.len());
    let mut files = Vec::with_capacity(outgoing.images.len());
    for (n, image) in outgoing.images.iter().enumerate() {
        let name = image.file_name(n);
        let mut attachment = json!({ "id": n, "filename": name });
        // The description is the alt text Discord gives screen readers.
        if !image.alt_text.trim().is_empty() {
            attachment["description"] = json!(image.alt_text);
        }
        attachments.push(attachment);
        let file = Part::stream(image.bytes.clone())
            .file_name(name)
            .mime_str(&image.content_type)
            .map_err(|_| NetworkError::Rejected {
                status: 415,
                message: format!("“{}” is not a valid image type", image.content_type),
            })?;
        files.push(file);
    }
    let mut payload = json!({ "attachments": attachments });
    if !outgoing.text.is_empty() {
        payload["content"] = json!(outgoing.text);
    }
    let payload = Part::text(payload.to_string())
        .mime_str("application/json")
        .map_err(|e| NetworkError::Protocol(e.to_string()))?;
    let mut form = Form::new().part("payload_json", payload);
    for (n, file) in files.into_iter().enumerate() {
        form = form.part(format!("files[{n}]"), file);
    }
    Ok(form)
}

/// Sends and returns the body of a 2xx answer. Discord states a rate limit's wait both in
/// `Retry-After` and in the body's `retry_after`; the longer one is honoured.
async fn send(request: reqwest::RequestBuilder) -> Result<Bytes, NetworkError> {
    let answer = request.send().await.map_err(NetworkError::from_transport)?;
    let status = answer.status();
    let header_wait = response::wait_asked(&answer);
    if status.is_success() {
        return Ok(Bytes::from(body::bytes(answer).await?));
    }
    let body = body::error_text(answer).await;
    let body_wait = serde_json::from_str::<RateLimited>(&body)
        .ok()
        .and_then(|limited| limited.retry_after)
        .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok());
    let retry_after = header_wait.max(body_wait);
    let error = response::classify(status.as_u16(), &body, retry_after);
    Err(unknown_webhook_is_unauthorized(error))
}

/// Message answers usually lack `guild_id`; the webhook itself names its server. Best effort:
/// the message is already posted, so a failure here only costs the link.
async fn guild_of(http: &reqwest::Client, webhook_url: &str) -> Option<String> {
    let answer = http.get(webhook_url).send().await.ok()?;
    if !answer.status().is_success() {
        return None;
    }
    let body = body::bytes(answer).await.ok()?;
    serde_json::from_slice::<WebhookGuild>(&body).ok()?.guild_id
}
