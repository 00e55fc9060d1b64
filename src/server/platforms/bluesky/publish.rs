//! One post: facets, image uploads and the record, written under a fixed key so a retry
//! finds the first attempt's post instead of making a second one.
use super::facets::{self, Feature};
use super::session::{Xrpc, fetch, read};
use super::tid;
use crate::server::platforms::{NetworkError, OutgoingImage, Published};
use chrono::{SecondsFormat, Utc};
use reqwest::header::CONTENT_TYPE;
use serde::Deserialize;
use serde_json::{Value, json};

const COLLECTION: &str = "app.bsky.feed.post";
/// app.bsky.embed.images takes at most four.
pub const MAX_IMAGES: usize = 4;

#[derive(Deserialize)]
struct Uploaded {
    blob: Value,
}

#[derive(Deserialize)]
struct Resolved {
    did: String,
}

#[derive(Deserialize)]
struct RecordRef {
    uri: String,
}

pub async fn post(
    xrpc: &mut Xrpc<'_>,
    target_id: uuid::Uuid,
    text: &str,
    images: &[OutgoingImage],
) -> Result<Published, NetworkError> {
    let mut record = json!({
        "$type": COLLECTION,
        "text": text,
        "createdAt": Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true),
    });
    let facets = facets(xrpc, text).await?;
    if !facets.is_empty() {
        record["facets"] = Value::Array(facets);
    }
    if !images.is_empty() {
        record["embed"] = embed_images(xrpc, images).await?;
    }
    let rkey = tid::record_key(target_id);
    let created = create(xrpc, &rkey, record).await?;
    let session = xrpc.session();
    // An unverified handle shows as handle.invalid; the DID always works in a link.
    let profile = if session.handle == "handle.invalid" {
        &session.did
    } else {
        &session.handle
    };
    Ok(Published {
        remote_id: created.uri,
        url: Some(format!("https://bsky.app/profile/{profile}/post/{rkey}")),
    })
}

/// Facets for the text; mentions of handles that do not resolve are left as plain text.
async fn facets(xrpc: &Xrpc<'_>, text: &str) -> Result<Vec<Value>, NetworkError> {
    let mut facets = Vec::new();
    for span in facets::detect(text) {
        let did = match &span.feature {
            Feature::Mention(handle) => match resolve(xrpc, handle).await? {
                Some(did) => Some(did),
                None => continue,
            },
            _ => None,
        };
        facets.extend(span.facet(did.as_deref()));
    }
    Ok(facets)
}

async fn resolve(xrpc: &Xrpc<'_>, handle: &str) -> Result<Option<String>, NetworkError> {
    let request = xrpc
        .http()
        .get(xrpc.url("com.atproto.identity.resolveHandle"))
        .query(&[("handle", handle)]);
    match fetch(request).await {
        Ok(response) => Ok(Some(read::<Resolved>(response).await?.did)),
        // The PDS answers 400 for a handle nobody holds.
        Err(NetworkError::Rejected { .. }) => Ok(None),
        Err(error) => Err(error),
    }
}

async fn embed_images(xrpc: &mut Xrpc<'_>, images: &[OutgoingImage]) -> Result<Value, NetworkError> {
    let url = xrpc.url("com.atproto.repo.uploadBlob");
    let mut entries = Vec::with_capacity(images.len());
    for image in images {
        let response = xrpc
            .call(|http, token| {
                http.post(&url)
                    .bearer_auth(token)
                    .header(CONTENT_TYPE, &image.content_type)
                    .body(image.bytes.clone())
            })
            .await?;
        let uploaded: Uploaded = read(response).await?;
        let mut entry = json!({ "image": uploaded.blob, "alt": image.alt_text });
        // The lexicon wants both sides at least 1; an unknown size is left out.
        if image.width > 0 && image.height > 0 {
            entry["aspectRatio"] = json!({ "width": image.width, "height": image.height });
        }
        entries.push(entry);
    }
    Ok(json!({ "$type": "app.bsky.embed.images", "images": entries }))
}

async fn create(xrpc: &mut Xrpc<'_>, rkey: &str, record: Value) -> Result<RecordRef, NetworkError> {
    let url = xrpc.url("com.atproto.repo.createRecord");
    let body = json!({
        "repo": xrpc.session().did,
        "collection": COLLECTION,
        "rkey": rkey,
        "record": record,
    });
    match xrpc
        .call(|http, token| http.post(&url).bearer_auth(token).json(&body))
        .await
    {
        Ok(response) => read(response).await,
        Err(error) if may_exist_already(&error) => match existing(xrpc, rkey).await {
            Some(record) => Ok(record),
            None => Err(error),
        },
        Err(error) => Err(error),
    }
}

/// How a PDS refuses a second record under one key: the reference PDS answers 500
/// (bluesky-social/atproto#3718), others 400 or 409.
fn may_exist_already(error: &NetworkError) -> bool {
    matches!(
        error,
        NetworkError::Rejected {
            status: 400 | 409,
            ..
        } | NetworkError::Unavailable {
            status: Some(500),
            ..
        }
    )
}

/// The record an earlier attempt wrote under this key, if there is one.
async fn existing(xrpc: &Xrpc<'_>, rkey: &str) -> Option<RecordRef> {
    let request = xrpc.http().get(xrpc.url("com.atproto.repo.getRecord")).query(&[
        ("repo", xrpc.session().did.as_str()),
        ("collection", COLLECTION),
        ("rkey", rkey),
    ]);
    read(fetch(request).await.ok()?).await.ok()
}
