//! Threads: a Threads user access token and the profile's numeric id.
#[cfg(test)]
mod tests;

use super::facebook::{Created, graph_json, numeric_id, permalink, post_form, wait_until_finished};
use super::{
    Credentials, Network, NetworkContext, NetworkError, Outgoing, OutgoingImage, Published, Verified,
};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;

pub struct Threads;

/// Threads' names for a container's state and its error detail.
const CONTAINER_STATUS: (&str, &str) = ("status", "error_message");

#[derive(Deserialize)]
struct Me {
    id: String,
    username: String,
}

#[async_trait]
impl Network for Threads {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let Credentials::Threads {
            access_token,
            user_id,
        } = credentials
        else {
            return Err(NetworkError::Protocol("not Threads credentials".into()));
        };
        let me: Me = graph_json(
            ctx.http
                .get(format!("{}/me?fields=id,username", ctx.endpoints.threads_api))
                .bearer_auth(access_token),
            access_token,
        )
        .await?;
        // Publishing goes to /{user_id}; a token for another profile would fail there.
        if me.id != *user_id {
            return Err(NetworkError::Rejected {
                status: 400,
                message: format!(
                    "the token belongs to Threads user id {} (@{}), not {user_id}",
                    me.id, me.username
                ),
            });
        }
        Ok(Verified {
            handle: format!("@{}", me.username),
            display_name: None,
            text: AccountTextSettings::default(),
        })
    }

    /// A container (text, one image, or a carousel around image containers), then the
    /// publish call. Threads fetches `public_url` itself, so image containers are waited on.
    async fn publish(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
        outgoing: &Outgoing,
    ) -> Result<Published, NetworkError> {
        let Credentials::Threads {
            access_token: token,
            user_id,
        } = credentials
        else {
            return Err(NetworkError::Protocol("not Threads credentials".into()));
        };
        numeric_id(user_id, "Threads user id")?;
        let api = ctx.endpoints.threads_api.as_str();
        let threads = format!("{api}/{user_id}/threads");
        let text = Some(outgoing.text.clone()).filter(|t| !t.is_empty());
        let container = match outgoing.images.as_slice() {
            [] => {
                let form = [("media_type", Some("TEXT".to_owned())), ("text", text)];
                post_form::<Created, _>(ctx.http, &threads, token, &form)
                    .await?
                    .id
            }
            [image] => {
                let mut form = image_fields(image);
                form.push(("text", text));
                post_form::<Created, _>(ctx.http, &threads, token, &form)
                    .await?
                    .id
            }
            images => {
                let mut children = Vec::with_capacity(images.len());
                for image in images {
                    let mut form = image_fields(image);
                    form.push(("is_carousel_item", Some("true".into())));
                    let child = post_form::<Created, _>(ctx.http, &threads, token, &form)
                        .await?
                        .id;
                    wait_until_finished(ctx.http, api, &child, token, CONTAINER_STATUS).await?;
                    children.push(child);
                }
                let form = [
                    ("media_type", Some("CAROUSEL".to_owned())),
                    ("children", Some(children.join(","))),
                    ("text", text),
                ];
                post_form::<Created, _>(ctx.http, &threads, token, &form)
                    .await?
                    .id
            }
        };
        if !outgoing.images.is_empty() {
            wait_until_finished(ctx.http, api, &container, token, CONTAINER_STATUS).await?;
        }
        let published: Created = graph_json(
            ctx.http
                .post(format!("{api}/{user_id}/threads_publish"))
                .query(&[("creation_id", &container)])
                .bearer_auth(token),
            token,
        )
        .await?;
        Ok(Published {
            url: permalink(ctx.http, api, &published.id, token).await,
            remote_id: published.id,
        })
    }
}

fn image_fields(image: &OutgoingImage) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("media_type", Some("IMAGE".to_owned())),
        ("image_url", Some(image.public_url.clone())),
        ("alt_text", Some(image.alt_text.clone()).filter(|a| !a.is_empty())),
    ]
}
