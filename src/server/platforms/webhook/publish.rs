//! Delivering a post: JSON naming the target, the text and the images' public addresses
//! (receivers fetch the images themselves), with the target id as the delivery id.
use super::{Delivery, signed_post, timestamp};
use crate::server::platforms::{NetworkError, Outgoing, Published, body, response};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Serialize)]
struct Post<'a> {
    event: &'static str,
    id: Uuid,
    account_id: Uuid,
    text: &'a str,
    images: Vec<Image<'a>>,
    sent_at: String,
}

#[derive(Serialize)]
struct Image<'a> {
    url: &'a str,
    alt_text: &'a str,
    content_type: &'a str,
    width: u32,
    height: u32,
}

/// What a receiver may answer about the post it made, if anything.
#[derive(Deserialize)]
struct Receipt {
    id: Option<serde_json::Value>,
    url: Option<String>,
}

pub(super) async fn publish(
    http: &reqwest::Client,
    url: &str,
    secret: Option<&str>,
    outgoing: &Outgoing,
) -> Result<Published, NetworkError> {
    let delivery = Delivery {
        event: "publish",
        id: outgoing.target_id,
        at: chrono::Utc::now(),
    };
    let post = Post {
        event: delivery.event,
        id: delivery.id,
        account_id: outgoing.account_id,
        text: &outgoing.text,
        images: outgoing
            .images
            .iter()
            .map(|image| Image {
                url: &image.public_url,
                alt_text: &image.alt_text,
                content_type: &image.content_type,
                width: image.width,
                height: image.height,
            })
            .collect(),
        sent_at: timestamp(delivery.at),
    };
    let body = serde_json::to_vec(&post).map_err(|e| NetworkError::Protocol(e.to_string()))?;
    let answer = response::success(signed_post(http, url, secret, &delivery, body)).await?;
    // Any 2xx is delivered; an unreadable answer only costs the receiver's own id and link.
    let receipt = match body::bytes(answer).await {
        Ok(bytes) => serde_json::from_slice::<Receipt>(&bytes).ok(),
        Err(_) => None,
    };
    let (remote_id, link) = match receipt {
        Some(Receipt { id, url }) => (id.and_then(id_text), url),
        None => (None, None),
    };
    Ok(Published {
        remote_id: remote_id.unwrap_or_else(|| delivery.id.to_string()),
        // Shown to people as a link: only web addresses.
        url: link.filter(|link| link.starts_with("https://") || link.starts_with("http://")),
    })
}

/// A receiver's id may be a string or a number.
fn id_text(id: serde_json::Value) -> Option<String> {
    match id {
        serde_json::Value::String(id) if !id.trim().is_empty() => Some(id),
        serde_json::Value::Number(id) => Some(id.to_string()),
        _ => None,
    }
}
