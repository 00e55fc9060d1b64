//! Facebook Pages: a Page access token and the Page id. Also home of the Graph API handling
//! that Instagram and Threads share (`graph`).
mod graph;
#[cfg(test)]
mod tests;

pub(super) use graph::{Created, graph_json, numeric_id, permalink, post_form, wait_until_finished};

use super::{Credentials, Network, NetworkContext, NetworkError, Outgoing, Published, Verified};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;

pub struct Facebook;

#[derive(Deserialize)]
struct Page {
    name: String,
}

/// A photo published on its own is also a post; `post_id` names that post.
#[derive(Deserialize)]
struct Photo {
    id: String,
    post_id: Option<String>,
}

#[async_trait]
impl Network for Facebook {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let (token, page_id) = page(credentials)?;
        let page: Page = graph_json(
            ctx.http
                .get(format!(
                    "{}/{page_id}?fields=id,name",
                    ctx.endpoints.facebook_graph
                ))
                .bearer_auth(token),
            token,
        )
        .await?;
        Ok(Verified {
            handle: page.name,
            display_name: None,
            text: AccountTextSettings::default(),
        })
    }

    /// Text goes to the feed; one image is a photo post with the text as caption; several are
    /// uploaded unpublished and attached to one feed post. Facebook fetches `public_url` itself.
    async fn publish(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
        outgoing: &Outgoing,
    ) -> Result<Published, NetworkError> {
        let (token, page_id) = page(credentials)?;
        let feed = format!("{}/{page_id}/feed", ctx.endpoints.facebook_graph);
        let photos = format!("{}/{page_id}/photos", ctx.endpoints.facebook_graph);
        let text = Some(outgoing.text.clone()).filter(|t| !t.is_empty());
        let post_id = match outgoing.images.as_slice() {
            [] => {
                let form = [("message", text)];
                post_form::<Created, _>(ctx.http, &feed, token, &form).await?.id
            }
            [image] => {
                let form = [("url", Some(image.public_url.clone())), ("caption", text)];
                let photo: Photo = post_form(ctx.http, &photos, token, &form).await?;
                photo.post_id.unwrap_or(photo.id)
            }
            images => {
                let mut form = vec![("message".to_owned(), text)];
                for (i, image) in images.iter().enumerate() {
                    let unpublished = [("url", image.public_url.as_str()), ("published", "false")];
                    let photo: Created = post_form(ctx.http, &photos, token, &unpublished).await?;
                    let attached = serde_json::json!({ "media_fbid": photo.id }).to_string();
                    form.push((format!("attached_media[{i}]"), Some(attached)));
                }
                post_form::<Created, _>(ctx.http, &feed, token, &form).await?.id
            }
        };
        Ok(Published {
            url: Some(format!("https://www.facebook.com/{post_id}")),
            remote_id: post_id,
        })
    }
}

fn page(credentials: &Credentials) -> Result<(&str, &str), NetworkError> {
    let Credentials::Facebook {
        page_access_token,
        page_id,
    } = credentials
    else {
        return Err(NetworkError::Protocol("not Facebook credentials".into()));
    };
    numeric_id(page_id, "Page id")?;
    Ok((page_access_token, page_id))
}
