//! Posting to X: each image through the v2 one-shot media upload (and its alt text through
//! the metadata endpoint), then the post naming them.
use super::answer;
use crate::server::platforms::{NetworkContext, NetworkError, Outgoing, OutgoingImage, Published};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Deserialize;
use serde_json::json;

/// X's alt text limit, in characters.
const MAX_ALT_TEXT: usize = 1000;

#[derive(Deserialize)]
struct Data {
    data: Id,
}

#[derive(Deserialize)]
struct Id {
    id: String,
}

pub async fn publish(
    ctx: &NetworkContext<'_>,
    token: &str,
    outgoing: &Outgoing,
) -> Result<Published, NetworkError> {
    let mut media_ids = Vec::with_capacity(outgoing.images.len());
    for image in &outgoing.images {
        media_ids.push(upload(ctx, token, image).await?);
    }
    let mut post = json!({});
    // X takes a post with images and no text, but not an empty `text`.
    if !outgoing.text.is_empty() {
        post["text"] = json!(outgoing.text);
    }
    if !media_ids.is_empty() {
        post["media"] = json!({ "media_ids": media_ids });
    }
    let created: Data = answer::json(
        ctx.http
            .post(format!("{}/2/tweets", ctx.endpoints.x_api))
            .bearer_auth(token)
            .json(&post),
    )
    .await?;
    let id = created.data.id;
    Ok(Published {
        url: Some(format!("https://x.com/i/web/status/{id}")),
        remote_id: id,
    })
}

/// Uploads one image (base64 in a JSON body) and returns its media id.
async fn upload(
    ctx: &NetworkContext<'_>,
    token: &str,
    image: &OutgoingImage,
) -> Result<String, NetworkError> {
    let api = &ctx.endpoints.x_api;
    let uploaded: Data = answer::json(
        ctx.http
            .post(format!("{api}/2/media/upload"))
            .bearer_auth(token)
            .json(&json!({
                "media": BASE64.encode(&image.bytes),
                "media_category": "tweet_image",
                "media_type": image.content_type,
            })),
    )
    .await?;
    let media_id = uploaded.data.id;
    if !image.alt_text.is_empty() {
        let alt_text: String = image.alt_text.chars().take(MAX_ALT_TEXT).collect();
        let _: serde_json::Value = answer::json(
            ctx.http
                .post(format!("{api}/2/media/metadata"))
                .bearer_auth(token)
                .json(&json!({ "id": media_id, "metadata": { "alt_text": { "text": alt_text } } })),
        )
        .await?;
    }
    Ok(media_id)
}
