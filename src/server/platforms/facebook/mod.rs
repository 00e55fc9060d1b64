//! Facebook Pages: a Page access token and the Page id.
#[cfg(test)]
mod tests;

use super::meta_graph::{Created, Graph, numeric_id};
use super::{Credentials, Network, NetworkContext, NetworkError, Outgoing, Published, Verified};
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
        let (graph, page_id) = page(ctx, credentials)?;
        let page: Page = graph.fields(page_id, "id,name").await?;
        Ok(Verified::handle_only(page.name))
    }

    /// Text goes to the feed; one image is a photo post with the text as caption; several are
    /// uploaded unpublished and attached to one feed post. Facebook fetches `public_url` itself.
    async fn publish(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
        outgoing: &Outgoing,
    ) -> Result<Published, NetworkError> {
        let (graph, page_id) = page(ctx, credentials)?;
        let feed = format!("{page_id}/feed");
        let photos = format!("{page_id}/photos");
        let text = Some(outgoing.text.clone()).filter(|t| !t.is_empty());
        let post_id = match outgoing.images.as_slice() {
            [] => {
                let form = [("message", text)];
                graph.post_form::<Created, _>(&feed, &form).await?.id
            }
            [image] => {
                let form = [("url", Some(image.public_url.clone())), ("caption", text)];
                let photo: Photo = graph.post_form(&photos, &form).await?;
                photo.post_id.unwrap_or(photo.id)
            }
            images => {
                let mut form = vec![("message".to_owned(), text)];
                for (i, image) in images.iter().enumerate() {
                    let unpublished = [("url", image.public_url.as_str()), ("published", "false")];
                    let photo: Created = graph.post_form(&photos, &unpublished).await?;
                    let attached = serde_json::json!({ "media_fbid": photo.id }).to_string();
                    form.push((format!("attached_media[{i}]"), Some(attached)));
                }
                graph.post_form::<Created, _>(&feed, &form).await?.id
            }
        };
        Ok(Published {
            url: Some(format!("https://www.facebook.com/{post_id}")),
            remote_id: post_id,
        })
    }
}

/// The Page's Graph, and its id.
fn page<'a>(
    ctx: &NetworkContext<'a>,
    credentials: &'a Credentials,
) -> Result<(Graph<'a>, &'a str), NetworkError> {
    let Credentials::Facebook {
        page_access_token,
        page_id,
    } = credentials
    else {
        return Err(NetworkError::Protocol("not Facebook credentials".into()));
    };
    numeric_id(page_id, "Page id")?;
    let graph = Graph::new(ctx.http, &ctx.endpoints.facebook_graph, page_access_token);
    Ok((graph, page_id))
}
