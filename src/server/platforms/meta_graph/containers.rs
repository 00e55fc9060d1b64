//! Publishing through media containers, as Instagram and Threads do: a container (text, one
//! image, or a carousel around image containers), a wait until Meta has fetched the images
//! from `public_url`, then the publish call.
use super::ready::{StatusFields, wait_until_finished};
use super::{Created, Graph};
use crate::server::platforms::outgoing::https_link;
use crate::server::platforms::{NetworkError, Outgoing, OutgoingImage, Published};
use serde::Deserialize;

/// How one network names the flow's edges and fields.
pub struct Containers {
    /// The user's edge that creates a container (`media`, `threads`).
    pub create_edge: &'static str,
    /// The user's edge that publishes a ready container (`media_publish`, `threads_publish`).
    pub publish_edge: &'static str,
    /// The form field a post's text goes in (`caption`, `text`).
    pub text_field: &'static str,
    /// The `media_type` an image container names, where the network asks for one.
    pub image_media_type: Option<&'static str>,
    pub status: StatusFields,
}

type Form = Vec<(&'static str, Option<String>)>;

impl Containers {
    /// Publishes `outgoing` as `user_id`. Without images the container is a text post.
    pub async fn publish(
        &self,
        graph: &Graph<'_>,
        user_id: &str,
        outgoing: &Outgoing,
    ) -> Result<Published, NetworkError> {
        let edge = format!("{user_id}/{}", self.create_edge);
        let text = Some(outgoing.text.clone()).filter(|t| !t.is_empty());
        let container = match outgoing.images.as_slice() {
            [] => {
                let form = vec![("media_type", Some("TEXT".to_owned())), (self.text_field, text)];
                create(graph, &edge, &form).await?
            }
            [image] => {
                let mut form = self.image_fields(image);
                form.push((self.text_field, text));
                create(graph, &edge, &form).await?
            }
            images => {
                let mut children = Vec::with_capacity(images.len());
                for image in images {
                    let mut form = self.image_fields(image);
                    form.push(("is_carousel_item", Some("true".into())));
                    let child = create(graph, &edge, &form).await?;
                    wait_until_finished(graph, &child, &self.status).await?;
                    children.push(child);
                }
                let form = vec![
                    ("media_type", Some("CAROUSEL".to_owned())),
                    ("children", Some(children.join(","))),
                    (self.text_field, text),
                ];
                create(graph, &edge, &form).await?
            }
        };
        // A text container has nothing to fetch.
        if !outgoing.images.is_empty() {
            wait_until_finished(graph, &container, &self.status).await?;
        }
        let publish = format!("{user_id}/{}", self.publish_edge);
        let published: Created = graph
            .post_query(&publish, &[("creation_id", container.as_str())])
            .await?;
        Ok(Published {
            url: permalink(graph, &published.id).await,
            remote_id: published.id,
        })
    }

    fn image_fields(&self, image: &OutgoingImage) -> Form {
        let media_type = self.image_media_type.map(|t| ("media_type", Some(t.to_owned())));
        media_type
            .into_iter()
            .chain([
                ("image_url", Some(image.public_url.clone())),
                ("alt_text", Some(image.alt_text.clone()).filter(|a| !a.is_empty())),
            ])
            .collect()
    }
}

/// Creates a container; returns its id.
async fn create(graph: &Graph<'_>, edge: &str, form: &Form) -> Result<String, NetworkError> {
    Ok(graph.post_form::<Created, _>(edge, form).await?.id)
}

#[derive(Deserialize)]
struct Permalink {
    permalink: Option<String>,
}

/// Where a published media lives. Only a nicety: the post is out even if this fails.
async fn permalink(graph: &Graph<'_>, media_id: &str) -> Option<String> {
    let answer: Permalink = graph.fields(media_id, "permalink").await.ok()?;
    https_link(answer.permalink)
}
