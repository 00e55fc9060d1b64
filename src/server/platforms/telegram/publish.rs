//! Sending a post: text alone with sendMessage; one image with sendPhoto, several with
//! sendMediaGroup, the text as their caption when it fits and as a message after them if not.
//! The Bot API takes no idempotency key, so a repeat posts again.
use super::call;
use crate::server::platforms::{NetworkContext, NetworkError, Outgoing, OutgoingImage, Published};
use reqwest::multipart::{Form, Part};
use serde::{Deserialize, Serialize};
use serde_json::json;
use uuid::Uuid;

/// Telegram's caption limit, in UTF-16 code units as it counts them.
const MAX_CAPTION: usize = 1024;
/// Telegram's limit of photos in one album.
const MAX_ALBUM: usize = 10;

#[derive(Clone, Serialize, Deserialize)]
struct Message {
    message_id: i64,
    chat: Chat,
}

#[derive(Clone, Serialize, Deserialize)]
struct Chat {
    #[serde(rename = "type")]
    kind: String,
    username: Option<String>,
}

/// Images already sent for a target whose text then failed, so that a retry sends only the
/// text. Kept in the session cache, by account.
#[derive(Serialize, Deserialize)]
struct ImagesSent {
    target_id: Uuid,
    first: Message,
}

pub(super) async fn publish(
    ctx: &NetworkContext<'_>,
    api: &str,
    chat_id: &str,
    outgoing: &Outgoing,
) -> Result<Published, NetworkError> {
    let (http, images, text) = (ctx.http, &outgoing.images, outgoing.text.as_str());
    if images.len() > MAX_ALBUM {
        return Err(NetworkError::Rejected {
            status: 400,
            message: format!("Telegram takes at most {MAX_ALBUM} images in one post"),
        });
    }
    let first = if images.is_empty() {
        send_text(http, api, chat_id, text).await?
    } else if text.encode_utf16().count() <= MAX_CAPTION {
        send_images(http, api, chat_id, images, text).await?
    } else {
        let earlier = ctx
            .sessions
            .get::<ImagesSent>(outgoing.account_id)
            .filter(|sent| sent.target_id == outgoing.target_id);
        let first = match earlier {
            Some(sent) => sent.first,
            None => {
                let first = send_images(http, api, chat_id, images, "").await?;
                let sent = ImagesSent {
                    target_id: outgoing.target_id,
                    first: first.clone(),
                };
                ctx.sessions.put(outgoing.account_id, &sent);
                first
            }
        };
        send_text(http, api, chat_id, text).await?;
        ctx.sessions.forget(outgoing.account_id);
        first
    };
    Ok(Published {
        remote_id: first.message_id.to_string(),
        url: permalink(chat_id, &first),
    })
}

async fn send_text(
    http: &reqwest::Client,
    api: &str,
    chat_id: &str,
    text: &str,
) -> Result<Message, NetworkError> {
    call(
        http.post(format!("{api}/sendMessage"))
            .json(&json!({ "chat_id": chat_id, "text": text })),
    )
    .await
}

/// Sends the images, captioned unless `caption` is empty; returns the (first) message.
async fn send_images(
    http: &reqwest::Client,
    api: &str,
    chat_id: &str,
    images: &[OutgoingImage],
    caption: &str,
) -> Result<Message, NetworkError> {
    let mut form = Form::new().text("chat_id", chat_id.to_owned());
    if let [image] = images {
        if !caption.is_empty() {
            form = form.text("caption", caption.to_owned());
        }
        form = form.part("photo", photo(0, image)?);
        return call(http.post(format!("{api}/sendPhoto")).multipart(form)).await;
    }
    let media: Vec<_> = (0..images.len())
        .map(|n| {
            let mut item = json!({ "type": "photo", "media": format!("attach://photo{n}") });
            // A caption on the first photo alone shows under the whole album.
            if n == 0 && !caption.is_empty() {
                item["caption"] = json!(caption);
            }
            item
        })
        .collect();
    form = form.text("media", serde_json::Value::from(media).to_string());
    for (n, image) in images.iter().enumerate() {
        form = form.part(format!("photo{n}"), photo(n, image)?);
    }
    let album: Vec<Message> = call(http.post(format!("{api}/sendMediaGroup")).multipart(form)).await?;
    album
        .into_iter()
        .next()
        .ok_or_else(|| NetworkError::Protocol("the album came back empty".into()))
}

/// Telegram has no alt text; the photo goes alone.
fn photo(index: usize, image: &OutgoingImage) -> Result<Part, NetworkError> {
    Part::stream(image.bytes.clone())
        .file_name(image.file_name(index))
        .mime_str(&image.content_type)
        .map_err(|_| NetworkError::Rejected {
            status: 415,
            message: format!("“{}” is not a valid image type", image.content_type),
        })
}

/// `t.me` links exist only for public channels and groups, which have a username.
fn permalink(chat_id: &str, message: &Message) -> Option<String> {
    let username = match chat_id.strip_prefix('@') {
        Some(username) => username.to_owned(),
        None if matches!(message.chat.kind.as_str(), "channel" | "supergroup") => {
            message.chat.username.clone()?
        }
        None => return None,
    };
    Some(format!("https://t.me/{username}/{}", message.message_id))
}
