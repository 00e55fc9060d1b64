//! Creating a LinkedIn post (Posts API), with images uploaded first (Images API).
use super::{LINKEDIN_VERSION, little};
use crate::server::platforms::{NetworkContext, NetworkError, Outgoing, OutgoingImage, Published, response};
use serde::Deserialize;
use serde_json::json;

#[derive(Deserialize)]
struct Initialized {
    value: Upload,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Upload {
    upload_url: String,
    /// `urn:li:image:…`
    image: String,
}

/// Posts `outgoing` as `author_urn`; LinkedIn names the new post in the `x-restli-id` header.
pub async fn publish(
    ctx: &NetworkContext<'_>,
    token: &str,
    author_urn: &str,
    outgoing: &Outgoing,
) -> Result<Published, NetworkError> {
    let api = &ctx.endpoints.linkedin_api;
    let mut images = Vec::with_capacity(outgoing.images.len());
    for image in &outgoing.images {
        let urn = upload(ctx, token, author_urn, image).await?;
        images.push(json!({ "id": urn, "altText": image.alt_text }));
    }
    let mut post = json!({
        "author": author_urn,
        "commentary": little::escape(&outgoing.text),
        "visibility": "PUBLIC",
        "distribution": {
            "feedDistribution": "MAIN_FEED",
            "targetEntities": [],
            "thirdPartyDistributionChannels": []
        },
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": false
    });
    match images.len() {
        0 => {}
        1 => post["content"] = json!({ "media": images.remove(0) }),
        _ => post["content"] = json!({ "multiImage": { "images": images } }),
    }
    let answer =
        response::success(rest(ctx.http.post(format!("{api}/rest/posts")), token).json(&post)).await?;
    let urn = answer
        .headers()
        .get("x-restli-id")
        .and_then(|v| v.to_str().ok())
        .filter(|urn| urn.starts_with("urn:li:"))
        .ok_or_else(|| NetworkError::Protocol("LinkedIn did not name the new post".into()))?;
    Ok(Published {
        url: Some(format!("https://www.linkedin.com/feed/update/{urn}/")),
        remote_id: urn.to_owned(),
    })
}

/// Registers an image, then PUTs its bytes where LinkedIn says; returns its URN.
async fn upload(
    ctx: &NetworkContext<'_>,
    token: &str,
    author_urn: &str,
    image: &OutgoingImage,
) -> Result<String, NetworkError> {
    let api = &ctx.endpoints.linkedin_api;
    let initialized: Initialized = response::json(
        rest(ctx.http.post(format!("{api}/rest/images")), token)
            .query(&[("action", "initializeUpload")])
            .json(&json!({ "initializeUploadRequest": { "owner": author_urn } })),
    )
    .await?;
    let Upload {
        upload_url,
        image: urn,
    } = initialized.value;
    // The token goes along with the bytes, so only to LinkedIn itself.
    if !is_linkedin(&upload_url, api) {
        return Err(NetworkError::Protocol(
            "LinkedIn gave an upload address outside linkedin.com".into(),
        ));
    }
    response::success(
        ctx.http
            .put(upload_url)
            .bearer_auth(token)
            .header(reqwest::header::CONTENT_TYPE, &image.content_type)
            .body(image.bytes.clone()),
    )
    .await?;
    Ok(urn)
}

/// The headers every versioned (`/rest`) call needs.
fn rest(request: reqwest::RequestBuilder, token: &str) -> reqwest::RequestBuilder {
    request
        .bearer_auth(token)
        .header("LinkedIn-Version", LINKEDIN_VERSION)
        .header("X-Restli-Protocol-Version", "2.0.0")
}

/// An https address on linkedin.com, or on the configured API's own origin (test fakes).
fn is_linkedin(address: &str, api: &str) -> bool {
    let Ok(address) = url::Url::parse(address) else {
        return false;
    };
    let same_origin = url::Url::parse(api).is_ok_and(|api| api.origin() == address.origin());
    let on_linkedin = address.scheme() == "https"
        && address
            .host_str()
            .is_some_and(|host| host == "linkedin.com" || host.ends_with(".linkedin.com"));
    same_origin || on_linkedin
}
