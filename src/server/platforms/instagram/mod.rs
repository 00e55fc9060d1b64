//! Instagram professional accounts, through the Facebook Graph API.
#[cfg(test)]
mod tests;

use super::facebook::{Created, graph_json, numeric_id, permalink, post_form, wait_until_finished};
use super::{
    Credentials, Network, NetworkContext, NetworkError, Outgoing, OutgoingImage, Published, Verified,
};
use crate::domain::text::AccountTextSettings;
use async_trait::async_trait;
use serde::Deserialize;

pub struct Instagram;

/// Instagram's names for a container's state and its error detail.
const CONTAINER_STATUS: (&str, &str) = ("status_code", "status");

#[derive(Deserialize)]
struct Account {
    username: String,
}

#[async_trait]
impl Network for Instagram {
    async fn verify(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
    ) -> Result<Verified, NetworkError> {
        let (token, ig_user_id) = account(credentials)?;
        let account: Account = graph_json(
            ctx.http
                .get(format!(
                    "{}/{ig_user_id}?fields=id,username",
                    ctx.endpoints.facebook_graph
                ))
                .bearer_auth(token),
            token,
        )
        .await?;
        Ok(Verified {
            handle: format!("@{}", account.username),
            display_name: None,
            text: AccountTextSettings::default(),
        })
    }

    /// A container per image (Instagram fetches `public_url` itself), a carousel container
    /// around several, a wait until Instagram has processed them, then the publish call.
    async fn publish(
        &self,
        ctx: &NetworkContext<'_>,
        credentials: &Credentials,
        outgoing: &Outgoing,
    ) -> Result<Published, NetworkError> {
        let (token, ig_user_id) = account(credentials)?;
        let graph = ctx.endpoints.facebook_graph.as_str();
        let media = format!("{graph}/{ig_user_id}/media");
        let caption = Some(outgoing.text.clone()).filter(|t| !t.is_empty());
        let container = match outgoing.images.as_slice() {
            [] => {
                return Err(NetworkError::Rejected {
                    status: 400,
                    message: "Instagram posts need at least one image".into(),
                });
            }
            [image] => {
                let mut form = image_fields(image);
                form.push(("caption", caption));
                post_form::<Created, _>(ctx.http, &media, token, &form).await?.id
            }
            images => {
                let mut children = Vec::with_capacity(images.len());
                for image in images {
                    let mut form = image_fields(image);
                    form.push(("is_carousel_item", Some("true".into())));
                    let child = post_form::<Created, _>(ctx.http, &media, token, &form).await?.id;
                    wait_until_finished(ctx.http, graph, &child, token, CONTAINER_STATUS).await?;
                    children.push(child);
                }
                let form = [
                    ("media_type", Some("CAROUSEL".to_owned())),
                    ("children", Some(children.join(","))),
                    ("caption", caption),
                ];
                post_form::<Created, _>(ctx.http, &media, token, &form).await?.id
            }
        };
        wait_until_finished(ctx.http, graph, &container, token, CONTAINER_STATUS).await?;
        let published: Created = graph_json(
            ctx.http
                .post(format!("{graph}/{ig_user_id}/media_publish"))
                .query(&[("creation_id", &container)])
                .bearer_auth(token),
            token,
        )
        .await?;
        Ok(Published {
            url: permalink(ctx.http, graph, &published.id, token).await,
            remote_id: published.id,
        })
    }
}

fn account(credentials: &Credentials) -> Result<(&str, &str), NetworkError> {
    let Credentials::Instagram {
        access_token,
        ig_user_id,
    } = credentials
    else {
        return Err(NetworkError::Protocol("not Instagram credentials".into()));
    };
    numeric_id(ig_user_id, "Instagram user id")?;
    Ok((access_token, ig_user_id))
}

fn image_fields(image: &OutgoingImage) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("image_url", Some(image.public_url.clone())),
        ("alt_text", Some(image.alt_text.clone()).filter(|a| !a.is_empty())),
    ]
}
